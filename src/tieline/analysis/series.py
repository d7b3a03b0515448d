"""A dyad's tie over time: per period, event counts by quad class, Goldstein and the index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date

import duckdb

from tieline.analysis.common import (
    INDEX_SQL,
    MAX_PERIODS,
    Period,
    Record,
    actor_is,
    add_periods,
    check_code,
    check_period,
    check_range,
    period_sql,
    period_start,
    quad_counts_sql,
)
from tieline.analysis.span import span_clauses
from tieline.errors import ConfigError

__all__ = ["DyadSeries", "SeriesPoint", "dyad_filter", "dyad_series"]


@dataclass(frozen=True, slots=True)
class SeriesPoint(Record):
    period: Date
    n_events: int
    q1: int  # verbal cooperation
    q2: int  # material cooperation
    q3: int  # verbal conflict
    q4: int  # material conflict
    goldstein_sum: float
    goldstein_mean: float | None
    index: float | None  # cooperation–conflict index, None for a period without events


@dataclass(frozen=True, slots=True)
class DyadSeries(Record):
    a: str
    b: str
    directed: bool
    by: str
    points: tuple[SeriesPoint, ...]

    @property
    def n_events(self) -> int:
        return sum(p.n_events for p in self.points)


def dyad_filter(a: str, b: str, directed: bool) -> tuple[str, list[str]]:
    """WHERE fragment and parameters selecting a dyad's events (a→b, or both ways)."""
    there = f"({actor_is('source', a)} AND {actor_is('target', b)})"
    if directed:
        return there, [a, b]
    back = f"({actor_is('source', b)} AND {actor_is('target', a)})"
    return f"({there} OR {back})", [a, b, b, a]


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    by: Period | str = "month",
    directed: bool = False,
    start: Date | str | None = None,
    end: Date | str | None = None,
    fill: bool = False,
    all_dates: bool = False,
) -> DyadSeries:
    """The series of dyad a–b (or a→b when `directed`) per period, oldest first.

    Periods without events are left out unless `fill`, which returns every period from the first
    to the last (or from `start` to `end`) with zero counts and a None index. Events dated outside
    the corpus' publication span (`tieline.analysis.span`: "in 1956" in 2015 news) are left out
    unless `all_dates`.
    """
    a, b = check_code(a, "first country"), check_code(b, "second country")
    by = check_period(by)
    s, e = check_range(start, end)
    where, params = dyad_filter(a, b, directed)
    clauses = [where, "date IS NOT NULL"]
    if s is not None:
        clauses.append("date >= ?")
        params.append(s)  # type: ignore[arg-type]
    if e is not None:
        clauses.append("date <= ?")
        params.append(e)  # type: ignore[arg-type]
    if not all_dates:
        in_span, span_params = span_clauses(con)
        clauses += in_span
        params += span_params  # type: ignore[arg-type]
    sql = f"""
        SELECT {period_sql(by)} AS period, count(*) AS n, {quad_counts_sql()},
               coalesce(sum(goldstein), 0) AS gsum, avg(goldstein) AS gmean, {INDEX_SQL} AS idx
        FROM events WHERE {' AND '.join(clauses)}
        GROUP BY 1 ORDER BY 1 LIMIT {MAX_PERIODS + 1}
    """
    rows = con.execute(sql, params).fetchall()
    if len(rows) > MAX_PERIODS:
        raise ConfigError(
            f"the series has more than {MAX_PERIODS} periods",
            hint="use a coarser period (--by month) or a shorter --start/--end range",
        )
    points = [
        SeriesPoint(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6]),
                    None if r[7] is None else float(r[7]), None if r[8] is None else float(r[8]))
        for r in rows
    ]
    if fill:
        points = _fill(points, by, s, e)
    return DyadSeries(a, b, directed, by, tuple(points))


def _fill(points: list[SeriesPoint], by: str, start: Date | None, end: Date | None) -> list[SeriesPoint]:
    first = period_start(start, by) if start else (points[0].period if points else None)
    last = period_start(end, by) if end else (points[-1].period if points else None)
    if first is None or last is None:
        return points
    return fill_periods(points, by, first, last)


def fill_periods(
    points: Iterable[SeriesPoint], by: str, first: Date, last: Date, *,
    limit: int = MAX_PERIODS, too_many: ConfigError | None = None,
) -> list[SeriesPoint]:
    """Every period from `first` to `last`, the empty ones with zero counts and a None index
    (so a chart's line breaks there); `too_many` (or a default error) past `limit` periods."""
    have = {p.period: p for p in points}
    out: list[SeriesPoint] = []
    current = first
    while current <= last:
        out.append(have.get(current) or SeriesPoint(current, 0, 0, 0, 0, 0, 0.0, None, None))
        if len(out) > limit:
            raise too_many or ConfigError(
                f"the range {first}..{last} has more than {limit} periods",
                hint="use a coarser period or a shorter range",
            )
        current = add_periods(current, by)
    return out
