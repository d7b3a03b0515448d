"""Python access to a store: `tieline.open(db)` returns a `Corpus`.

    >>> import tieline
    >>> with tieline.open("tieline.duckdb") as corpus:
    ...     df = corpus.events_df(start="2018-01-01", dyad=("USA", "PAK"))
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from tieline.errors import ConfigError, StoreError
from tieline.records import Event
from tieline.store.db import connect, migrate, resolve_db, schema_version
from tieline.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["Corpus", "EventFilter", "open_store", "parse_day", "parse_dyad"]

_CODE = re.compile(r"^[A-Z]{3}$")
#: Rows fetched at a time when turning stored rows into Event records.
_FETCH_ROWS = 5000


def parse_day(value: str | Date | None, what: str = "date") -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{what} {value!r} is not a date", hint="use YYYY-MM-DD") from None


def parse_dyad(value: str | tuple[str, str] | list[str] | None) -> tuple[str, str] | None:
    """'USA,PAK' or ('USA', 'PAK') -> ('USA', 'PAK'), checked to be two 3-letter codes."""
    if value is None:
        return None
    parts = [p.strip().upper() for p in (value.split(",") if isinstance(value, str) else value)]
    if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
        raise ConfigError(f"dyad {value!r} is not two country codes", hint="write it like USA,PAK")
    return parts[0], parts[1]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events an export or a DataFrame holds. Dates are inclusive.

    An event's day is its own date, else its document's publication date. A dyad
    matches the actors' countries (or the first three letters of the actor code, for
    IGOs and others without a country), in either direction unless `directed`.
    """

    start: Date | None = None
    end: Date | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False

    @classmethod
    def make(cls, start: str | Date | None = None, end: str | Date | None = None,
             dyad: str | tuple[str, str] | list[str] | None = None, directed: bool = False) -> EventFilter:
        f = cls(parse_day(start, "start date"), parse_day(end, "end date"), parse_dyad(dyad), directed)
        if f.start and f.end and f.start > f.end:
            raise ConfigError(f"start date {f.start} is after end date {f.end}")
        return f

    def where(self, alias: str = "e", day: str | None = None) -> tuple[str, list[Any]]:
        """SQL condition (always valid, 'TRUE' when unfiltered) and its parameters."""
        day = day or f"coalesce({alias}.date, d.published)"
        conds: list[str] = []
        params: list[Any] = []
        if self.start:
            conds.append(f"{day} >= ?")
            params.append(self.start)
        if self.end:
            conds.append(f"{day} <= ?")
            params.append(self.end)
        if self.dyad:
            src = f"coalesce({alias}.source_country, substr({alias}.source_code, 1, 3))"
            tgt = f"coalesce({alias}.target_country, substr({alias}.target_code, 1, 3))"
            a, b = self.dyad
            cond = f"({src} = ? AND {tgt} = ?)"
            params += [a, b]
            if not self.directed:
                cond = f"({cond} OR ({src} = ? AND {tgt} = ?))"
                params += [b, a]
            conds.append(cond)
        return (" AND ".join(conds) or "TRUE"), params


class Corpus:
    """A store opened for reading (or, with read_only=False, for ad-hoc SQL that writes)."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, read_only: bool = True) -> None:
        self.path = resolve_db(db)
        self.con = connect(self.path, read_only=read_only)
        version = schema_version(self.con)
        if version < SCHEMA_VERSION:
            if read_only:
                self.con.close()
                raise StoreError(
                    f"store {self.path} has schema version {version}, this tieline needs {SCHEMA_VERSION}",
                    hint="open it once with read_only=False (or run `tieline ingest`) to migrate it",
                )
            migrate(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    # -- relations -----------------------------------------------------------------
    @property
    def events(self) -> duckdb.DuckDBPyRelation:
        """All events as a DuckDB relation (lazy: filter, aggregate, then .df()/.pl())."""
        return self.con.table("events")

    @property
    def documents(self) -> duckdb.DuckDBPyRelation:
        return self.con.table("documents")

    @property
    def events_daily(self) -> duckdb.DuckDBPyRelation:
        """One event per day, source, target and code, with num_mentions/num_sources/num_articles."""
        return self.con.view("events_daily")

    def sql(self, query: str, params: list[Any] | dict[str, Any] | None = None) -> duckdb.DuckDBPyRelation:
        """Run SQL against the store; a SELECT gives a relation (call .df(), .pl(), .fetchall())."""
        try:
            return self.con.sql(query, params=params)
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {str(exc).splitlines()[0]}") from None

    @staticmethod
    def _filtered_query(flt: EventFilter) -> tuple[str, list[Any]]:
        where, params = flt.where()
        return (f"SELECT e.* FROM events e LEFT JOIN documents d USING (doc_id) WHERE {where} "
                "ORDER BY coalesce(e.date, d.published), e.event_id"), params

    def filtered_events(self, flt: EventFilter | None = None) -> duckdb.DuckDBPyRelation:
        """Events passing a filter, ordered by day then event_id, as a relation."""
        query, params = self._filtered_query(flt or EventFilter())
        return self.con.sql(query, params=params)

    def iter_events(self, start: str | Date | None = None, end: str | Date | None = None,
                    dyad: str | tuple[str, str] | None = None, directed: bool = False) -> Iterator[Event]:
        """Events as `tieline.Event` records (the frozen contract), optionally filtered."""
        query, params = self._filtered_query(EventFilter.make(start, end, dyad, directed))
        cur = self.con.cursor()  # its own result, so other queries may run while this one streams
        cur.execute(query, params)
        names = [d[0] for d in cur.description or ()]
        while rows := cur.fetchmany(_FETCH_ROWS):
            for row in rows:
                yield Event.from_flat(dict(zip(names, row, strict=True)))

    # -- DataFrames ----------------------------------------------------------------
    def events_df(self, start: str | Date | None = None, end: str | Date | None = None,
                  dyad: str | tuple[str, str] | None = None, directed: bool = False) -> pd.DataFrame:
        """Events as a pandas DataFrame (the flat event columns), optionally filtered."""
        return self.filtered_events(EventFilter.make(start, end, dyad, directed)).df()

    def events_pl(self, start: str | Date | None = None, end: str | Date | None = None,
                  dyad: str | tuple[str, str] | None = None, directed: bool = False) -> pl.DataFrame:
        """Events as a polars DataFrame, optionally filtered."""
        return self.filtered_events(EventFilter.make(start, end, dyad, directed)).pl()

    # -- summary -------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """Counts, date range, schema version and the last runs (for `tieline db-info`)."""
        def one(q: str) -> Any:
            row = self.con.execute(q).fetchall()[0]
            return row[0] if row else None

        return {
            "path": str(self.path),
            "size_bytes": Path(self.path).stat().st_size,
            "schema_version": schema_version(self.con),
            "documents": one("SELECT count(*) FROM documents"),
            "events": one("SELECT count(*) FROM events"),
            "quarantined": one("SELECT count(*) FROM quarantine"),
            "first_day": one("SELECT min(coalesce(e.date, d.published)) FROM events e "
                             "LEFT JOIN documents d USING (doc_id)"),
            "last_day": one("SELECT max(coalesce(e.date, d.published)) FROM events e "
                            "LEFT JOIN documents d USING (doc_id)"),
            "quarantine_reasons": dict(self.con.execute(
                "SELECT reason, count(*) FROM quarantine GROUP BY reason ORDER BY reason").fetchall()),
            "runs": [dict(zip(["run_id", "started_at", "status", "docs_new", "docs_skipped", "events",
                               "quarantined"], r, strict=True))
                     for r in self.con.execute(
                         "SELECT run_id, started_at, status, docs_new, docs_skipped, events, quarantined "
                         "FROM runs ORDER BY run_id DESC LIMIT 5").fetchall()],
        }


def open_store(db: str | os.PathLike[str] | None = None, *, read_only: bool = True) -> Corpus:
    """Open a store for Python access: `.events` (DuckDB relation), `.events_df()` (pandas),
    `.events_pl()` (polars), `.sql(query, params)`. Read-only by default so several readers
    can share a store; the default path is $TIELINE_DB or ./tieline.duckdb."""
    return Corpus(db, read_only=read_only)
