"""CSV/TSV and JSON/JSONL inputs: one document per row or record, columns configurable."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.ingest.common import (
    BINARY_SNIFF_BYTES,
    Read,
    ReadOptions,
    has_undecodable,
    is_binary,
    make_items,
    parse_date,
    quarantine,
)

__all__ = ["read_csv", "read_json", "read_jsonl"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$")


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(BINARY_SNIFF_BYTES)


def _field(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _record_items(rec: dict[str, Any], *, origin: str, locator: str, opts: ReadOptions, size: int,
                  malformed: str) -> list[Read]:
    text = rec.get(opts.text_col)
    if text is None:
        present = ", ".join(str(k)[:40] for k in list(rec)[:12])
        return [quarantine(origin, malformed, f"no {opts.text_col!r} field (fields: {present}); "
                           "choose the text column with --text-col", locator=locator, size_bytes=size)]
    if not isinstance(text, str):
        return [quarantine(origin, malformed, f"{opts.text_col!r} is not a string", locator=locator,
                           size_bytes=size)]
    return make_items(
        text, origin=origin, locator=locator, opts=opts,
        date=parse_date(rec.get(opts.date_col)), title=_field(rec.get(opts.title_col)),
        url=_field(rec.get(opts.url_col)), source=_field(rec.get(opts.source_col)), size_bytes=size,
    )


def _json_limit(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    return f"{exc}"[:200]


def _swallowed_rows(text: str, header: list[str], opts: ReadOptions, delimiter: str) -> bool:
    """True when a field holds whole CSV rows: lines inside it that split into as many fields
    as the header, with an ISO date where the date column is. A quote that is never closed
    swallows the rows after it this way; prose with commas in it does not end in a date."""
    if "\n" not in text or opts.date_col not in header:
        return False
    where = header.index(opts.date_col)
    for line in text.split("\n")[:-1]:
        if line.count(delimiter) < len(header) - 1:
            continue
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if len(cells) == len(header) and _ISO_DATE.match(cells[where].strip()):
            return True
    return False


def read_csv(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """Rows of a CSV (or, for .tsv, tab-separated) file with a header line."""
    origin = str(path)
    if is_binary(_head(path)):
        yield quarantine(origin, "binary", "not a text file", size_bytes=path.stat().st_size)
        return
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    # A field longer than a document may be is a runaway quote; the csv module then
    # raises instead of swallowing the rest of the file into one field.
    csv.field_size_limit(max(opts.max_chars * 2, 131072))
    encoding = "utf-8-sig" if opts.encoding.lower() in ("utf-8", "utf8") else opts.encoding
    with path.open(encoding=encoding, errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield quarantine(origin, "empty", "no header line", size_bytes=0)
            return
        except csv.Error as exc:
            yield quarantine(origin, "malformed_csv", f"header: {exc}", locator="line=1")
            return
        header = [h.strip() for h in header]
        if opts.text_col not in header:
            yield quarantine(origin, "malformed_csv",
                             f"no column {opts.text_col!r} (columns: {', '.join(header[:12])}); "
                             "choose the text column with --text-col", locator="line=1")
            return
        row_no = 0
        while True:
            row_no += 1
            locator = f"row={row_no}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield quarantine(origin, "malformed_csv", str(exc),
                                 locator=f"{locator} line={reader.line_num}")
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            size = sum(len(c) for c in row)
            if len(row) != len(header):
                yield quarantine(origin, "malformed_csv", f"{len(row)} fields, the header has {len(header)}",
                                 locator=f"{locator} line={reader.line_num}", size_bytes=size)
                continue
            rec = dict(zip(header, row, strict=True))
            if _swallowed_rows(rec.get(opts.text_col) or "", header, opts, delimiter):
                yield quarantine(origin, "malformed_csv", "a quote opened in this row runs over the next "
                                 "rows (their lines are inside one field)",
                                 locator=f"{locator} line={reader.line_num}", size_bytes=size)
                continue
            meta_cols = (opts.title_col, opts.source_col, opts.url_col)
            if any(has_undecodable(rec.get(c) or "") for c in meta_cols):
                yield quarantine(origin, "undecodable", f"bytes not valid {opts.encoding}", locator=locator,
                                 size_bytes=size)
                continue
            yield from _record_items(rec, origin=origin, locator=locator, opts=opts, size=size,
                                     malformed="malformed_csv")


def read_jsonl(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """One JSON object per line."""
    origin = str(path)
    if is_binary(_head(path)):
        yield quarantine(origin, "binary", "not a text file", size_bytes=path.stat().st_size)
        return
    encoding = "utf-8-sig" if opts.encoding.lower() in ("utf-8", "utf8") else opts.encoding
    with path.open(encoding=encoding, errors="surrogateescape") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            locator = f"line={line_no}"
            if has_undecodable(line):
                yield quarantine(origin, "undecodable", f"bytes not valid {opts.encoding}", locator=locator,
                                 size_bytes=len(line))
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield quarantine(origin, "malformed_json", f"{exc.msg} (column {exc.colno})",
                                 locator=locator, size_bytes=len(line))
                continue
            except (ValueError, RecursionError) as exc:  # a 5,000-digit number; nesting too deep
                yield quarantine(origin, "malformed_json", _json_limit(exc), locator=locator,
                                 size_bytes=len(line))
                continue
            if not isinstance(rec, dict):
                yield quarantine(origin, "malformed_json", f"a JSON {type(rec).__name__}, not an object",
                                 locator=locator, size_bytes=len(line))
                continue
            yield from _record_items(rec, origin=origin, locator=locator, opts=opts, size=len(line),
                                     malformed="malformed_json")


def read_json(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """A .json file: an array of objects (or one object), read whole."""
    origin = str(path)
    data = path.read_bytes()
    if is_binary(data):
        yield quarantine(origin, "binary", "not a text file", size_bytes=len(data))
        return
    try:
        text = data.decode("utf-8-sig") if opts.encoding.lower() in ("utf-8", "utf8") else data.decode(
            opts.encoding)
    except UnicodeDecodeError as exc:
        yield quarantine(origin, "undecodable", f"{exc.reason} at byte {exc.start}", size_bytes=len(data))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        # Perhaps JSON lines under a .json name.
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from read_jsonl(path, opts)
            return
        yield quarantine(origin, "malformed_json", f"{exc.msg} at line {exc.lineno}", size_bytes=len(data))
        return
    except (ValueError, RecursionError) as exc:
        yield quarantine(origin, "malformed_json", _json_limit(exc), size_bytes=len(data))
        return
    records = value if isinstance(value, list) else [value]
    for i, rec in enumerate(records, start=1):
        locator = f"record={i}"
        if not isinstance(rec, dict):
            yield quarantine(origin, "malformed_json", f"a JSON {type(rec).__name__}, not an object",
                             locator=locator)
            continue
        yield from _record_items(rec, origin=origin, locator=locator, opts=opts, size=0, malformed="malformed_json")
