"""Across dyads: the busiest and the most changed ties, a country's partners, the network, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from typing import Literal

import duckdb

from tieline.analysis.common import (
    INDEX_SQL,
    Record,
    actor_is,
    actor_key,
    check_code,
    check_limit,
    check_range,
    country_name,
    quad_counts_sql,
    range_clauses,
)
from tieline.analysis.span import publication_span
from tieline.errors import ConfigError

__all__ = [
    "CHANGE_MIN_EVENTS",
    "DEFAULT_CHANGE_DAYS",
    "CountryCount",
    "DyadStat",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "Partner",
    "StoreSummary",
    "countries",
    "network",
    "partners",
    "summary",
    "top_dyads",
]

#: "By change" compares the last 90 days of data with the 90 before: a quarter is long enough to
#: hold a few events for most active dyads and short enough to be news.
DEFAULT_CHANGE_DAYS = 90
#: A dyad needs this many events in both windows to be ranked by change; an index from one or two
#: events swings between −1 and +1 on its own.
CHANGE_MIN_EVENTS = 3

_SRC, _TGT = actor_key("source"), actor_key("target")


@dataclass(frozen=True, slots=True)
class DyadStat(Record):
    a: str
    b: str
    a_name: str | None
    b_name: str | None
    n_events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float | None
    index: float | None
    # Set when ranked by change: the previous window's figures and the differences.
    prev_n_events: int | None = None
    prev_index: float | None = None
    index_change: float | None = None
    count_change: int | None = None


@dataclass(frozen=True, slots=True)
class Partner(Record):
    partner: str
    name: str | None
    n_events: int
    n_sent: int  # country -> partner
    n_received: int  # partner -> country
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_mean: float | None
    index: float | None


@dataclass(frozen=True, slots=True)
class NetworkNode(Record):
    id: str
    name: str | None
    n_events: int


@dataclass(frozen=True, slots=True)
class NetworkEdge(Record):
    a: str
    b: str
    n_events: int
    goldstein_sum: float
    goldstein_mean: float | None
    index: float | None


@dataclass(frozen=True, slots=True)
class Network(Record):
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


@dataclass(frozen=True, slots=True)
class CountryCount(Record):
    code: str
    name: str | None
    n_events: int


@dataclass(frozen=True, slots=True)
class StoreSummary(Record):
    n_events: int
    n_dated: int
    n_documents: int | None
    first_date: Date | None
    last_date: Date | None
    n_actors: int
    n_dyads: int
    # first_date/last_date are those of events within the publication span (tieline.analysis.span);
    # events dated outside it by their sentence ("in 1956") are counted here, not in series.
    n_outside_span: int = 0
    span_start: Date | None = None
    span_end: Date | None = None


def _range_clauses(start: Date | None, end: Date | None) -> tuple[list[str], list[object]]:
    clauses, params = range_clauses(start, end)
    return ["date IS NOT NULL", *clauses], params


def _pairs_cte(directed: bool, include_domestic: bool, clauses: list[str], extra: str = "") -> str:
    a, b = (_SRC, _TGT) if directed else (f"least({_SRC}, {_TGT})", f"greatest({_SRC}, {_TGT})")
    domestic = "" if include_domestic else "AND a <> b"
    return f"""
        WITH ev AS (
            SELECT {a} AS a, {b} AS b, date, quad_class, goldstein {extra} FROM events
            WHERE {' AND '.join(clauses)}
        ), pairs AS (SELECT * FROM ev WHERE a IS NOT NULL AND b IS NOT NULL {domestic})
    """


def top_dyads(
    con: duckdb.DuckDBPyConnection,
    *,
    by: Literal["volume", "change"] | str = "volume",
    start: Date | str | None = None,
    end: Date | str | None = None,
    limit: int = 10,
    directed: bool = False,
    include_domestic: bool = False,
) -> list[DyadStat]:
    """Dyads ranked by event count in [start, end], or by how much their index changed.

    By change, the window is [start, end] (default: the last DEFAULT_CHANGE_DAYS days of data) and
    is compared with the equally long window just before it; dyads are ranked by the absolute
    change in index, ties by volume. Same-country pairs are left out unless `include_domestic`.
    """
    check_limit(limit)
    s, e = check_range(start, end)
    if by == "volume":
        clauses, params = _range_clauses(s, e)
        sql = _pairs_cte(directed, include_domestic, clauses) + f"""
            SELECT a, b, count(*) AS n, {quad_counts_sql()}, coalesce(sum(goldstein), 0), avg(goldstein),
                   {INDEX_SQL}
            FROM pairs GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?
        """
        rows = con.execute(sql, [*params, limit]).fetchall()
        return [
            DyadStat(r[0], r[1], country_name(r[0]), country_name(r[1]), r[2], r[3], r[4], r[5], r[6],
                     float(r[7]), _f(r[8]), _f(r[9]))
            for r in rows
        ]
    if by != "change":
        raise ConfigError(f"unknown ranking {by!r}", hint="rank top dyads by volume or change")
    if e is None:
        row = con.execute("SELECT max(date) FROM events").fetchone()
        e = row[0] if row else None
        if e is None:
            return []
    if s is None:
        s = e - timedelta(days=DEFAULT_CHANGE_DAYS - 1)
    span = (e - s).days + 1
    prev_start = s - timedelta(days=span)
    clauses, params = _range_clauses(prev_start, e)
    # `cur` marks the current window; the rest of the range is the previous one.
    sql = _pairs_cte(directed, include_domestic, clauses, ", date >= ? AS cur") + f"""
        , stats AS (
            SELECT a, b,
                count(*) FILTER (WHERE cur) AS n,
                {', '.join(f'count(*) FILTER (WHERE cur AND quad_class = {q})' for q in (1, 2, 3, 4))},
                coalesce(sum(goldstein) FILTER (WHERE cur), 0) AS gsum,
                avg(goldstein) FILTER (WHERE cur) AS gmean,
                (count(*) FILTER (WHERE cur AND quad_class IN (1, 2))
                 - count(*) FILTER (WHERE cur AND quad_class IN (3, 4)))::DOUBLE
                 / nullif(count(*) FILTER (WHERE cur), 0) AS idx,
                count(*) FILTER (WHERE NOT cur) AS pn,
                (count(*) FILTER (WHERE NOT cur AND quad_class IN (1, 2))
                 - count(*) FILTER (WHERE NOT cur AND quad_class IN (3, 4)))::DOUBLE
                 / nullif(count(*) FILTER (WHERE NOT cur), 0) AS pidx
            FROM pairs GROUP BY a, b
        )
        SELECT * FROM stats WHERE n >= ? AND pn >= ?
        ORDER BY abs(idx - pidx) DESC, n + pn DESC, a, b LIMIT ?
    """
    bind = [s, *params, CHANGE_MIN_EVENTS, CHANGE_MIN_EVENTS, limit]
    rows = con.execute(sql, bind).fetchall()
    out = []
    for r in rows:
        idx, pidx = _f(r[9]), _f(r[11])
        out.append(DyadStat(
            r[0], r[1], country_name(r[0]), country_name(r[1]), r[2], r[3], r[4], r[5], r[6],
            float(r[7]), _f(r[8]), idx,
            prev_n_events=r[10], prev_index=pidx,
            index_change=None if idx is None or pidx is None else idx - pidx, count_change=r[2] - r[10],
        ))
    return out


def partners(
    con: duckdb.DuckDBPyConnection,
    country: str,
    *,
    start: Date | str | None = None,
    end: Date | str | None = None,
    limit: int = 20,
) -> list[Partner]:
    """The actors a country has events with (either direction), most events first."""
    c = check_code(country)
    check_limit(limit)
    s, e = check_range(start, end)
    clauses, params = _range_clauses(s, e)
    sql = f"""
        WITH ev AS (
            SELECT {_SRC} AS src, {_TGT} AS tgt, quad_class, goldstein FROM events
            WHERE {' AND '.join(clauses)} AND ({actor_is('source', c)} OR {actor_is('target', c)})
        )
        SELECT CASE WHEN src = ? THEN tgt ELSE src END AS partner, count(*) AS n,
               count(*) FILTER (WHERE src = ?), count(*) FILTER (WHERE tgt = ?),
               {quad_counts_sql()}, avg(goldstein), {INDEX_SQL}
        FROM ev WHERE (src = ? OR tgt = ?) AND src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
        GROUP BY partner ORDER BY n DESC, partner LIMIT ?
    """
    rows = con.execute(sql, [*params, c, c, c, c, c, c, c, limit]).fetchall()
    return [
        Partner(r[0], country_name(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], _f(r[8]), _f(r[9]))
        for r in rows
    ]


def network(
    con: duckdb.DuckDBPyConnection,
    *,
    start: Date | str | None = None,
    end: Date | str | None = None,
    min_events: int = 1,
    limit: int = 100,
) -> Network:
    """Countries as nodes, undirected ties as edges weighted by events and Goldstein (top `limit`)."""
    check_limit(limit, "limit")
    if min_events < 1:
        raise ConfigError(f"min_events must be at least 1, not {min_events}")
    s, e = check_range(start, end)
    clauses, params = _range_clauses(s, e)
    sql = _pairs_cte(False, False, clauses) + f"""
        SELECT a, b, count(*) AS n, coalesce(sum(goldstein), 0), avg(goldstein), {INDEX_SQL}
        FROM pairs GROUP BY a, b HAVING count(*) >= ? ORDER BY n DESC, a, b LIMIT ?
    """
    rows = con.execute(sql, [*params, min_events, limit]).fetchall()
    edges = tuple(NetworkEdge(r[0], r[1], r[2], float(r[3]), _f(r[4]), _f(r[5])) for r in rows)
    totals: dict[str, int] = {}
    for edge in edges:
        totals[edge.a] = totals.get(edge.a, 0) + edge.n_events
        totals[edge.b] = totals.get(edge.b, 0) + edge.n_events
    nodes = tuple(
        NetworkNode(k, country_name(k), v) for k, v in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return Network(nodes, edges)


def countries(con: duckdb.DuckDBPyConnection, *, limit: int = 300) -> list[CountryCount]:
    """Actors that appear in dyads, with how many events each is in (for pickers)."""
    check_limit(limit)
    sql = f"""
        WITH k AS (SELECT {_SRC} AS s, {_TGT} AS t FROM events WHERE date IS NOT NULL)
        SELECT code, count(*) AS n FROM (
            SELECT s AS code FROM k WHERE s IS NOT NULL AND t IS NOT NULL
            UNION ALL SELECT t FROM k WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
        ) GROUP BY code ORDER BY n DESC, code LIMIT ?
    """
    return [CountryCount(r[0], country_name(r[0]), r[1]) for r in con.execute(sql, [limit]).fetchall()]


def summary(con: duckdb.DuckDBPyConnection) -> StoreSummary:
    """Counts and date range of a store."""
    span = publication_span(con)
    lo, hi = span.start or Date.min, span.end or Date.max
    row = con.execute(f"""
        SELECT count(*), count(date), min(date) FILTER (WHERE date BETWEEN $lo AND $hi),
               max(date) FILTER (WHERE date BETWEEN $lo AND $hi),
               (SELECT count(DISTINCT k) FROM (SELECT {_SRC} AS k FROM events UNION ALL
                                               SELECT {_TGT} FROM events) WHERE k IS NOT NULL),
               (SELECT count(*) FROM (SELECT DISTINCT least({_SRC}, {_TGT}), greatest({_SRC}, {_TGT})
                                      FROM events WHERE {_SRC} IS NOT NULL AND {_TGT} IS NOT NULL
                                      AND {_SRC} <> {_TGT})),
               count(*) FILTER (WHERE date NOT BETWEEN $lo AND $hi)
        FROM events
    """, {"lo": lo, "hi": hi}).fetchone()
    assert row is not None
    has_docs = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'"
    ).fetchone()
    n_docs = None
    if has_docs and has_docs[0]:
        got = con.execute("SELECT count(*) FROM documents").fetchone()
        n_docs = int(got[0]) if got else None
    return StoreSummary(row[0], row[1], n_docs, row[2], row[3], row[4], row[5], row[6], span.start, span.end)


def _f(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
