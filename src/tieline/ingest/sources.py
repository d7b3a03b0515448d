"""Finding input files and reading each with the reader its type needs."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tieline.errors import InputError
from tieline.ingest.common import (
    BINARY_SNIFF_BYTES,
    MAX_RECORD_BYTES,
    Read,
    ReadOptions,
    decode_text,
    error_detail,
    is_binary,
    make_items,
    quarantine,
)
from tieline.ingest.tabular import read_csv, read_json, read_jsonl
from tieline.ingest.web import read_feed, read_html, read_warc

__all__ = ["KINDS", "detect_kind", "iter_files", "read_path", "read_paths", "read_text_file"]

#: Longest headline taken from the first line of a text file ("Headline\n\nBody...").
_TITLE_MAX_CHARS = 200


def read_text_file(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """A plain-text file is one document; a short first line followed by a blank line is its title."""
    origin = str(path)
    size = path.stat().st_size
    # A character is at least one byte, so a file this big is over the limit whatever it holds.
    if size > max(opts.max_chars * 4, MAX_RECORD_BYTES):
        yield quarantine(origin, "oversized", f"{size:,} bytes", size_bytes=size)
        return
    data = path.read_bytes()
    if is_binary(data):
        yield quarantine(origin, "binary", "not a text file", size_bytes=size)
        return
    try:
        text = decode_text(data, opts.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = f"{exc.reason} at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else str(exc)
        yield quarantine(origin, "undecodable", f"not {opts.encoding}: {detail}; set --encoding",
                         size_bytes=size)
        return
    lines = text.lstrip().replace("\r\n", "\n").split("\n", 2)
    headline = len(lines) >= 2 and not lines[1].strip() and len(lines[0]) <= _TITLE_MAX_CHARS
    title = lines[0] if headline else None
    yield from make_items(text, origin=origin, locator=None, opts=opts, title=title, size_bytes=size)


Reader = Callable[[Path, ReadOptions], Iterator[Read]]

#: File kind -> reader.
KINDS: dict[str, Reader] = {
    "text": read_text_file,
    "html": read_html,
    "csv": read_csv,
    "jsonl": read_jsonl,
    "json": read_json,
    "feed": read_feed,
    "warc": read_warc,
}

_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".csv": "csv", ".tsv": "csv",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
}


def _sniff(path: Path) -> str | None:
    with path.open("rb") as fh:
        head = fh.read(BINARY_SNIFF_BYTES)
    if head.startswith(b"WARC/"):
        return "warc"
    if is_binary(head):
        return None
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith(b"<?xml") or low.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if (b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low) else None
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return "html"
    return "text"


def detect_kind(path: Path, *, sniff: bool) -> str | None:
    """The reader for a file by its name (.warc.gz, .csv ...); by content when `sniff`."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind:
        return kind
    if path.suffix.lower() == ".xml":
        return "feed" if _sniff(path) == "feed" else None  # XML is read only when it is a feed
    return _sniff(path) if sniff else None


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, bool]]:
    """Files under the given paths (folders recurse, sorted, hidden entries skipped).

    Yields (path, named): `named` is True for a file the user named on the command
    line, which is read by content even when its suffix is unknown.
    """
    for raw in paths:
        p = Path(raw).expanduser()
        if not p.exists() and not p.is_symlink():
            raise InputError(f"no such file or folder: {raw}")
        if not p.is_dir() or p.is_symlink():
            yield p, True  # read_path turns links and special files away with a reason
            continue
        for root, dirs, files in os.walk(p, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if not f.startswith("."):
                    yield Path(root) / f, False


def read_path(path: Path, opts: ReadOptions, *, named: bool = True) -> Iterator[Read]:
    """Read one file with the reader for its kind; unreadable files are quarantined.

    Only regular files are read: a symbolic link (which could point anywhere, /etc/passwd
    included) or a special file (a FIFO would block, a device never ends) is quarantined. Any
    error a reader did not foresee quarantines the rest of the file as `read_error`; what it
    yielded before stays.
    """
    origin = str(path)
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            yield quarantine(origin, "symlink", "a symbolic link; name the file it points to")
            return
        if not stat.S_ISREG(mode):
            yield quarantine(origin, "unsupported", "not a regular file (a device, FIFO or socket)")
            return
        kind = detect_kind(path, sniff=named)
        if kind is None:
            yield quarantine(origin, "unsupported",
                             f"unknown file type {path.suffix or '(no suffix)'}; tieline reads "
                             ".txt .html .htm .csv .tsv .jsonl .json .rss .atom .xml .warc .warc.gz",
                             size_bytes=path.stat().st_size)
            return
        yield from KINDS[kind](path, opts)
    except (PermissionError, IsADirectoryError, FileNotFoundError) as exc:
        yield quarantine(origin, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        yield quarantine(origin, "undecodable", f"{exc.reason} at byte {exc.start}; set --encoding")
    except LookupError as exc:  # an unknown --encoding name
        raise InputError(str(exc)) from None
    except (MemoryError, RecursionError) as exc:
        yield quarantine(origin, "oversized", f"{type(exc).__name__} while reading: too large or too deep")
    except Exception as exc:  # a reader's library failing on input nobody foresaw
        yield quarantine(origin, "read_error", error_detail(exc))


def read_paths(paths: Iterable[str | os.PathLike[str]], opts: ReadOptions,
               on_file: Callable[[Path], None] | None = None) -> Iterator[Read]:
    """All documents and quarantined records under `paths`, in a stable order."""
    for path, named in iter_files(paths):
        yield from read_path(path, opts, named=named)
        if on_file is not None:
            on_file(path)
