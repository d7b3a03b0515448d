"""Web inputs: HTML pages (trafilatura + htmldate), RSS/Atom feeds (feedparser), WARC archives."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import date as Date
from datetime import datetime
from html import unescape
from pathlib import Path
from typing import IO, Any

from tieline.ingest.common import (
    BINARY_SNIFF_BYTES,
    MAX_RECORD_BYTES,
    Read,
    ReadOptions,
    is_binary,
    make_items,
    parse_date,
    quarantine,
)

__all__ = ["extract_html", "read_feed", "read_html", "read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Fewest words of extracted text that make a page an article: when a page has no
#: article, extraction falls back to crumbs such as "Home".
MIN_PAGE_WORDS = 5
_SPACE = re.compile(r"[ \t\u00a0]+")


def extract_html(html: bytes | str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of a page: text, title, date, url, source (site name).

    trafilatura finds the article text and metadata; the publication date comes from
    htmldate (which trafilatura calls), preferring the original over the updated date.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    if not doc:
        return None
    result: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    return {
        "text": result.get("text"),
        "title": result.get("title"),
        "date": parse_date(result.get("date")),
        "url": result.get("url") or url,
        "source": result.get("sitename"),
    }


def _html_records(data: bytes, *, origin: str, locator: str | None, opts: ReadOptions,
                  url: str | None = None, fallback_date: Date | None = None) -> list[Read]:
    if len(data) > MAX_RECORD_BYTES:
        return [quarantine(origin, "oversized", f"{len(data):,} bytes; the limit is {MAX_RECORD_BYTES:,}",
                           locator=locator, size_bytes=len(data))]
    if is_binary(data):
        return [quarantine(origin, "binary", "not an HTML page", locator=locator, size_bytes=len(data))]
    try:
        meta = extract_html(data, url=url)
    except RecursionError:
        return [quarantine(origin, "oversized", "markup nested too deeply to read", locator=locator,
                           size_bytes=len(data))]
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        return [quarantine(origin, "empty", f"no text could be extracted: {type(exc).__name__}",
                           locator=locator, size_bytes=len(data))]
    if meta is None or len((meta["text"] or "").split()) < MIN_PAGE_WORDS:
        return [quarantine(origin, "empty", "no main text found in the page", locator=locator,
                           size_bytes=len(data))]
    return make_items(meta["text"], origin=origin, locator=locator, opts=opts,
                     date=meta["date"] or fallback_date, title=meta["title"], url=meta["url"],
                     source=meta["source"], size_bytes=len(data))


def read_html(path: Path, opts: ReadOptions) -> Iterator[Read]:
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        yield quarantine(str(path), "oversized", f"{size:,} bytes; the limit is {MAX_RECORD_BYTES:,}",
                         size_bytes=size)
        return
    yield from _html_records(path.read_bytes(), origin=str(path), locator=None, opts=opts)


def _fragment_text(html: str) -> str:
    """Plain text of a feed entry's HTML fragment, paragraphs kept as lines."""
    if "<" not in html:
        return unescape(html)  # feeds carry HTML: "R&amp;B" is "R&B"
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # unparsable fragment: fall back to crude tag stripping
        return re.sub(r"<[^>]+>", " ", html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    lines = (_SPACE.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _struct_date(value: Any) -> Date | None:
    if value is None:
        return None
    try:
        return Date(value.tm_year, value.tm_mon, value.tm_mday)
    except (AttributeError, ValueError):
        return None


_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def _declares_entities(data: bytes) -> bool:
    """An <!ENTITY> in the prolog: feedparser's XML parser expands entities without limit (a
    billion-laughs feed takes hours) and may read external ones, so such feeds are not parsed."""
    root = _ROOT.search(data)
    prolog = data[: root.start()] if root else data[:BINARY_SNIFF_BYTES * 8]
    return b"<!ENTITY" in prolog.upper() or b"<\x00!\x00E\x00N\x00T" in prolog


def read_feed(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """Entries of an RSS or Atom file: full content where given, else the summary."""
    import feedparser

    origin = str(path)
    data = path.read_bytes()
    if is_binary(data):
        yield quarantine(origin, "binary", "not a feed file", size_bytes=len(data))
        return
    if _declares_entities(data):
        yield quarantine(origin, "malformed_feed", "the feed declares XML entities (an entity bomb or an "
                         "external-entity read); feeds have no need of them", size_bytes=len(data))
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            yield quarantine(origin, "malformed_feed", f"{type(exc).__name__}: {exc}"[:300],
                             size_bytes=len(data))
        else:
            yield quarantine(origin, "empty", "the feed has no entries", size_bytes=len(data))
        return
    feed_title = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, start=1):
        locator = f"entry={i}"
        bodies = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
        text = "\n".join(_fragment_text(b) for b in bodies if b)
        title = entry.get("title")
        if text and title and not text.startswith(title):
            text = f"{title}\n\n{text}"  # the headline often carries the event
        date = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield from make_items(text, origin=origin, locator=locator, opts=opts, date=date, title=title,
                        url=entry.get("link"), source=feed_title, size_bytes=len(text.encode("utf-8")))


def _http_content_type(record: Any) -> str:
    headers = record.http_headers
    return (headers.get_header("Content-Type") or "").lower() if headers is not None else ""


def read_warc(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """HTML responses in a WARC or WARC.gz file; other records are passed over.

    A file that ends mid-record is quarantined as truncated_warc at that offset; the
    records before it are kept. A response with no detectable publication date takes the
    crawl date (WARC-Date), as news crawls fetch pages within days of publication.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    with path.open("rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if not (head.startswith(b"\x1f\x8b") or head.startswith(b"WARC")):
            yield quarantine(origin, "unsupported", "not a WARC file (no WARC/1.x header)",
                             size_bytes=path.stat().st_size)
            return
        it = ArchiveIterator(fh)
        # warcio assumes every response has a WARC-Target-URI and fails on None; an empty
        # "http:" lets it parse the record (whose url is then unknown) instead.
        parse_http = it.loader.load_http_headers
        it.loader.load_http_headers = lambda rec_type, uri, stream, length: parse_http(
            rec_type, uri or "http:", stream, length)
        offset = 0
        end = 0  # where the last complete record ends
        try:
            for record in it:
                wanted = record.rec_type == "response" and _http_content_type(record).startswith(_HTML_TYPES)
                status = record.http_headers.get_statuscode() if wanted and record.http_headers else None
                wanted = wanted and not (status and not str(status).startswith("2"))
                body = _read_limited(record.content_stream()) if wanted else b""
                # Offset and length are known once the record is read to its end.
                offset, length = it.get_record_offset(), it.get_record_length()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield quarantine(origin, "truncated_warc", "the file ends inside this record",
                                     locator=f"offset={offset}", size_bytes=path.stat().st_size)
                    return
                end = offset + length
                if not wanted:
                    continue
                locator = f"offset={offset}"
                if body is None:
                    yield quarantine(origin, "oversized", f"response larger than {MAX_RECORD_BYTES:,} bytes",
                                     locator=locator)
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                crawl = _warc_date(record.rec_headers.get_header("WARC-Date"))
                yield from _html_records(body, origin=origin, locator=locator, opts=opts, url=url,
                                         fallback_date=crawl)
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
            yield quarantine(origin, "truncated_warc", f"{type(exc).__name__}: {exc}"[:300],
                             locator=f"offset={end}", size_bytes=path.stat().st_size)
            return
        # A compressed file cut inside a record ends without an error: bytes are left over.
        fh.seek(end)
        if fh.read(64).strip():
            yield quarantine(origin, "truncated_warc", "the file ends inside a record",
                             locator=f"offset={end}", size_bytes=path.stat().st_size)


def _read_limited(stream: IO[bytes]) -> bytes | None:
    data = stream.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        while stream.read(1 << 20):  # drain so the iterator can move to the next record
            pass
        return None
    return data


def _warc_date(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
