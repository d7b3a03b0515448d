"""Which event dates series count: those within the corpus' publication span.

An event is dated by its document unless the sentence dates it ("in 2014", "during the 1990s").
Such in-text dates are kept on the event, but one recalled act ("the 1956 crisis") would otherwise
stretch a corpus of 2015 news back over sixty years of empty periods. So by default the series,
the store's date range and shift detection count an event only when its date lies within the
publication span of the stored documents (earliest to latest `published`), widened by
`SPAN_MARGIN_DAYS` on each side; events outside it are "outside the span" (the dashboard flags
them) and are counted when asked (`all_dates=True`). A store whose documents carry no dates has
no span, and every dated event counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

import duckdb

__all__ = ["SPAN_MARGIN_DAYS", "PublicationSpan", "publication_span", "span_clauses"]

#: A quarter either side of the publication span: news reports on the weeks and months just before
#: it ("last month's talks"), while a date older than that is history recalled, not news.
SPAN_MARGIN_DAYS = 92


@dataclass(frozen=True, slots=True)
class PublicationSpan:
    first_published: Date | None
    last_published: Date | None

    @property
    def start(self) -> Date | None:
        """First event date series count (None: no lower bound)."""
        return None if self.first_published is None else self.first_published - timedelta(days=SPAN_MARGIN_DAYS)

    @property
    def end(self) -> Date | None:
        return None if self.last_published is None else self.last_published + timedelta(days=SPAN_MARGIN_DAYS)


def publication_span(con: duckdb.DuckDBPyConnection) -> PublicationSpan:
    """The stored documents' earliest and latest publication dates (None, None without dated documents)."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'"
    ).fetchone()
    if not found or not found[0]:
        return PublicationSpan(None, None)
    row = con.execute("SELECT min(published), max(published) FROM documents").fetchone()
    return PublicationSpan(row[0], row[1]) if row else PublicationSpan(None, None)


def span_clauses(con: duckdb.DuckDBPyConnection, column: str = "date") -> tuple[list[str], list[object]]:
    """SQL conditions (on the whitelisted `column`) and parameters keeping events within the span."""
    if column not in ("date", "ev.date"):
        raise ValueError(column)
    span = publication_span(con)
    clauses: list[str] = []
    params: list[object] = []
    if span.start is not None:
        clauses.append(f"{column} >= ?")
        params.append(span.start)
    if span.end is not None:
        clauses.append(f"{column} <= ?")
        params.append(span.end)
    return clauses, params
