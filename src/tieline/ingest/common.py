"""What every input reader shares: the item types, limits, decoding and date parsing."""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from typing import Any

from tieline.config import Config
from tieline.limits import MAX_DATE, MAX_PART_CHARS, MIN_DATE, scrub, split_text
from tieline.quarantine import QuarantineRecord
from tieline.records import Document

__all__ = [
    "BINARY_SNIFF_BYTES",
    "MAX_RECORD_BYTES",
    "Item",
    "ReadOptions",
    "Read",
    "decode_text",
    "error_detail",
    "is_binary",
    "make_items",
    "parse_date",
    "quarantine",
]

#: Largest single record (an HTML page, a WARC response, a text file) read into memory:
#: real news pages are well under 5 MB, so anything bigger is an archive or a dump.
MAX_RECORD_BYTES = 20 * 1024 * 1024
#: Longest title, URL or outlet name kept (characters): a URL over 2,000 characters is past
#: what browsers accept and a headline that long is a parsing accident; longer ones are cut.
MAX_META_CHARS = 2000
#: Longest date string handed to the date parsers: dates are short, and dateparser's
#: run time grows with its input.
_MAX_DATE_CHARS = 100
#: Longest quarantine detail kept: a sentence, not a stack dump.
_MAX_DETAIL_CHARS = 300
#: How much of a file is inspected to decide it is binary.
BINARY_SNIFF_BYTES = 8192
#: Share of control bytes above which a file counts as binary (text has tabs/newlines only).
_BINARY_CONTROL_SHARE = 0.10
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Item:
    """A document read from an input, with where it came from (path and record locator)."""

    doc: Document
    origin: str


Read = Item | QuarantineRecord


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Column names for tabular inputs and the limits every reader applies."""

    text_col: str = "text"
    date_col: str = "date"
    url_col: str = "url"
    title_col: str = "title"
    source_col: str = "source"
    encoding: str = "utf-8"
    language: str = "en"
    #: Longest document text (characters); longer ones are quarantined as oversized.
    max_chars: int = Config().max_chars

    def with_(self, **changes: Any) -> ReadOptions:
        from dataclasses import replace

        return replace(self, **changes)


def quarantine(origin: str, reason: str, detail: str = "", *, locator: str | None = None,
               size_bytes: int | None = None) -> QuarantineRecord:
    return QuarantineRecord(origin=origin, reason=reason, detail=detail, locator=locator,
                            size_bytes=size_bytes)


def error_detail(exc: BaseException) -> str:
    """An exception as a one-line quarantine detail: its type and the first line of its message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"[:_MAX_DETAIL_CHARS]


def is_binary(head: bytes) -> bool:
    """NUL bytes or many control bytes in the first bytes of a file: not text."""
    head = head[:BINARY_SNIFF_BYTES]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs but a BOM
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > _BINARY_CONTROL_SHARE


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Strict decode (BOM-aware for UTF-8/16); raises UnicodeDecodeError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    return data.decode(encoding)


def has_undecodable(text: str) -> bool:
    """True where a text read with errors='surrogateescape' held bytes that were not valid."""
    return _SURROGATE.search(text) is not None


def normalise(text: str) -> str:
    """One newline convention and no outer whitespace, so copies that differ only there match."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_date(value: Any) -> Date | None:
    """A publication date from ISO text, RFC 2822 text, a datetime or a date; None when unclear."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    if len(value) > _MAX_DATE_CHARS:
        return None
    return _in_range(_parse_date_text(value))


def _in_range(day: Date | None) -> Date | None:
    """A publication date outside MIN_DATE..MAX_DATE is a typo or a placeholder (0001-01-01),
    and relative dates computed from it would overflow: the document is undated instead."""
    return day if day is not None and MIN_DATE <= day <= MAX_DATE else None


def _parse_date_text(value: str) -> Date | None:
    m = _ISO_DAY.match(value)
    if m:
        try:
            return Date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    import dateparser  # slow to import: only for dates in neither ISO nor RFC 2822 form

    try:
        parsed = dateparser.parse(value, languages=["en"],
                                  settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True})
    except (ValueError, OverflowError, TypeError, KeyError, IndexError):  # odd input breaks dateparser
        return None
    return parsed.date() if parsed else None


def make_items(text: str | None, *, origin: str, locator: str | None, opts: ReadOptions,
               date: Date | None = None, title: str | None = None, url: str | None = None,
               source: str | None = None, size_bytes: int | None = None) -> list[Read]:
    """Check a record's text (undecodable, empty, oversized) and build its Item, or one Item
    per part when the text is over `limits.MAX_PART_CHARS` (split at paragraph breaks)."""
    where = f"{origin}#{locator}" if locator else origin
    if text is None or not text.strip():
        return [quarantine(origin, "empty", "no text", locator=locator, size_bytes=size_bytes)]
    if has_undecodable(text):
        return [quarantine(origin, "undecodable", f"bytes not valid {opts.encoding}", locator=locator,
                           size_bytes=size_bytes)]
    text = scrub(normalise(text))
    if len(text) > opts.max_chars:
        return [quarantine(origin, "oversized", f"{len(text):,} characters; the limit is {opts.max_chars:,}",
                           locator=locator, size_bytes=size_bytes)]

    def clean(v: str | None) -> str | None:
        v = scrub(v).strip()[:MAX_META_CHARS].strip() if isinstance(v, str) else None
        return v or None

    day, head, link, outlet = _in_range(date), clean(title), clean(url), clean(source)

    def document(body: str) -> Document:
        return Document(text=body, date=day, title=head, url=link, source=outlet, language=opts.language)

    if len(text) <= MAX_PART_CHARS:
        return [Item(doc=document(text), origin=where)]
    parts = split_text(text)
    return [Item(doc=document(part), origin=f"{where} part={k}/{len(parts)}")
            for k, part in enumerate(parts, start=1)]
