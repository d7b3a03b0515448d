"""Exports of a store's events: GDELT 2.0 TSV, PLOVER/POLECAT JSONL, Parquet, CSV.

    >>> from tieline.export import export
    >>> export("tieline.duckdb", "events.tsv", "gdelt", start="2018-01-01", dyad="USA,PAK")
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from tieline.errors import ConfigError, InputError
from tieline.export.gdelt import GDELT_COLUMNS, GDELT_DTYPES, write_gdelt
from tieline.export.plover import POLECAT_LABELS, write_plover
from tieline.store.corpus import Corpus, EventFilter

__all__ = ["FORMATS", "GDELT_COLUMNS", "GDELT_DTYPES", "POLECAT_LABELS", "ExportResult", "export"]

FORMATS = ("gdelt", "plover", "parquet", "csv")

#: Rows fetched from DuckDB at a time while writing GDELT/PLOVER lines.
_FETCH_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    rows: int


def _event_rows(corpus: Corpus, flt: EventFilter, daily: bool) -> Iterator[dict[str, Any]]:
    """Events joined to their documents, with `day` (event date, else publication date)."""
    if daily:
        where, params = flt.where(alias="e", day="e.day")
        query = (
            "SELECT e.*, NULL AS sentence_index, e.first_ingested_at AS ingested_at, NULL AS doc_id "
            f"FROM events_daily e WHERE e.day IS NOT NULL AND {where} ORDER BY e.day, e.event_id"
        )
    else:
        where, params = flt.where()
        query = (
            "SELECT e.*, d.url, d.source AS doc_source, d.published, d.language, d.ingested_at, "
            "coalesce(e.date, d.published, CAST(d.ingested_at AS DATE)) AS day "
            f"FROM events e LEFT JOIN documents d USING (doc_id) WHERE {where} "
            "ORDER BY day, e.event_id"
        )
    cur = corpus.con.cursor()
    cur.execute(query, params)
    names = [d[0] for d in cur.description or ()]
    while rows := cur.fetchmany(_FETCH_ROWS):
        for r in rows:
            yield dict(zip(names, r, strict=True))


def _copy(corpus: Corpus, flt: EventFilter, out: Path, fmt: str, daily: bool) -> int:
    if daily:
        where, params = flt.where(alias="e", day="e.day")
        select = f"SELECT e.* FROM events_daily e WHERE {where} ORDER BY e.day, e.event_id"
    else:
        where, params = flt.where()
        select = (f"SELECT e.* FROM events e LEFT JOIN documents d USING (doc_id) WHERE {where} "
                  "ORDER BY coalesce(e.date, d.published), e.event_id")
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = str(out).replace("'", "''")
    corpus.con.execute(f"COPY ({select}) TO '{target}' ({options})", params)
    row = corpus.con.execute(f"SELECT count(*) FROM ({select})", params).fetchall()[0]
    return int(row[0]) if row else 0


def export(
    db: str | os.PathLike[str] | None,
    out: str | os.PathLike[str],
    fmt: str = "gdelt",
    *,
    start: str | Date | None = None,
    end: str | Date | None = None,
    dyad: str | tuple[str, str] | None = None,
    directed: bool = False,
    daily: bool = False,
) -> ExportResult:
    """Write the store's events (filtered by day range and dyad) to `out` in `fmt`.

    `daily` exports the one-a-day view (one event per day, dyad and code, with
    GDELT-style mention/source/article counts) instead of every raw event; it is not
    available for PLOVER, whose records are single events.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    if daily and fmt == "plover":
        raise ConfigError("the daily view has no single events to write as PLOVER records",
                          hint="drop --daily, or export gdelt/parquet/csv")
    flt = EventFilter.make(start, end, dyad, directed)
    path = Path(out).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name to export to")
    if not path.parent.exists():
        raise InputError(f"folder {path.parent} does not exist")
    from tieline import __version__

    with Corpus(db) as corpus:
        if fmt in ("parquet", "csv"):
            n = _copy(corpus, flt, path, fmt, daily)
        else:
            tmp = path.with_name(path.name + ".part")
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                rows = _event_rows(corpus, flt, daily)
                if fmt == "gdelt":
                    n = write_gdelt(rows, fh)
                else:
                    n = write_plover(rows, fh, f"tieline {__version__}")
            tmp.replace(path)  # a half-written export never sits under the real name
    return ExportResult(path=path, format=fmt, rows=n)
