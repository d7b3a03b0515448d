"""Shift detection: periods where a dyad's index leaves its own recent baseline.

Method: a rolling z-score, the usual control-chart test for a level change. For each dyad and
period with events, the baseline is the index of the dyad's own previous SHIFT_WINDOW periods
(calendar periods, so a quiet gap shortens the baseline rather than reaching further back);
z = (index − baseline mean) / max(baseline standard deviation, SHIFT_SD_FLOOR). A period is a
shift when |z| ≥ SHIFT_Z, it holds at least SHIFT_MIN_EVENTS events and the baseline has at least
SHIFT_MIN_BASELINE periods with events. Each shift comes with the events that drove it: the
period's events on the side of the move (conflict events for a fall, cooperation for a rise),
strongest Goldstein first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from typing import Any

import duckdb

from tieline.analysis.common import (
    INDEX_SQL,
    Period,
    Record,
    actor_key,
    add_periods,
    check_code,
    check_limit,
    check_period,
    check_range,
    country_name,
    period_ordinal,
    period_sql,
)
from tieline.analysis.events import EVENT_COLUMNS, event_row
from tieline.analysis.span import span_clauses
from tieline.errors import ConfigError

__all__ = [
    "SHIFT_DRIVERS",
    "SHIFT_MIN_BASELINE",
    "SHIFT_MIN_EVENTS",
    "SHIFT_SD_FLOOR",
    "SHIFT_WINDOW",
    "SHIFT_Z",
    "Shift",
    "detect_shifts",
]

#: Baseline length in periods: six months at the default monthly step, long enough to average
#: over a news cycle, short enough that a tie's slow drift becomes the new normal.
SHIFT_WINDOW = 6
#: Two standard deviations: the conventional alert level (about 5% of a normal baseline's periods
#: lie beyond it by chance).
SHIFT_Z = 2.0
#: Lowest standard deviation used. The index lies in [−1, 1], and a baseline of identical values
#: has deviation 0, which would make any change infinite; with 0.25 a flat baseline flags a move
#: of at least 0.5 (a quarter of the scale).
SHIFT_SD_FLOOR = 0.25
#: A shift needs this many events in its period: one or two events are an anecdote, not a shift.
SHIFT_MIN_EVENTS = 3
#: ... and this many earlier periods with events in its baseline window.
SHIFT_MIN_BASELINE = 2
#: Events listed per shift as its drivers.
SHIFT_DRIVERS = 5


@dataclass(frozen=True, slots=True)
class Shift(Record):
    a: str
    b: str
    a_name: str | None
    b_name: str | None
    by: str
    period: Date
    n_events: int
    index: float
    baseline_mean: float
    baseline_sd: float | None
    baseline_periods: int
    z: float
    direction: str  # "cooperation" (index rose) or "conflict" (index fell)
    events: tuple[dict[str, Any], ...]


def detect_shifts(
    con: duckdb.DuckDBPyConnection,
    *,
    by: Period | str = "month",
    since: Date | str | None = None,
    until: Date | str | None = None,
    a: str | None = None,
    b: str | None = None,
    limit: int = 20,
    window: int = SHIFT_WINDOW,
    threshold: float = SHIFT_Z,
    min_events: int = SHIFT_MIN_EVENTS,
    drivers: int = SHIFT_DRIVERS,
    all_dates: bool = False,
) -> list[Shift]:
    """The largest shifts (by |z|) in periods starting on or after `since`, across undirected dyads.

    `a` limits to dyads with that country; `a` and `b` to one dyad. Earlier data still feeds the
    baselines of the first periods after `since`. Like series, only events within the corpus'
    publication span count unless `all_dates` (`tieline.analysis.span`).
    """
    by = check_period(by)
    s, e = check_range(since, until)
    check_limit(limit)
    if not 1 <= window <= 120:
        raise ConfigError(f"window must be between 1 and 120 periods, not {window}")
    if threshold <= 0:
        raise ConfigError(f"threshold must be positive, not {threshold}")
    if min_events < 1:
        raise ConfigError(f"min_events must be at least 1, not {min_events}")
    src, tgt = actor_key("source"), actor_key("target")
    clauses = ["date IS NOT NULL"]
    params: list[object] = []
    if a is not None:
        ca = check_code(a)
        if b is not None:
            cb = check_code(b, "second country")
            clauses.append(f"least({src}, {tgt}) = least(?, ?) AND greatest({src}, {tgt}) = greatest(?, ?)")
            params += [ca, cb, ca, cb]
        else:
            clauses.append(f"({src} = ? OR {tgt} = ?)")
            params += [ca, ca]
    if e is not None:
        clauses.append("date <= ?")
        params.append(e)
    if s is not None:
        # Baselines look back `window` periods before `since`.
        clauses.append("date >= ?")
        params.append(add_periods(s, by, -window))
    if not all_dates:
        in_span, span_params = span_clauses(con)
        clauses += in_span
        params += span_params
    period = period_sql(by)
    sql = f"""
        WITH ev AS (
            SELECT least({src}, {tgt}) AS a, greatest({src}, {tgt}) AS b, {period} AS period,
                   quad_class, goldstein
            FROM events WHERE {' AND '.join(clauses)}
        ), pts AS (
            SELECT a, b, period, {period_ordinal(by, 'period')} AS ord, count(*) AS n, {INDEX_SQL} AS idx
            FROM ev WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b GROUP BY a, b, period
        ), win AS (
            SELECT *, avg(idx) OVER w AS base_mean, stddev_samp(idx) OVER w AS base_sd,
                   count(idx) OVER w AS base_n
            FROM pts
            WINDOW w AS (PARTITION BY a, b ORDER BY ord RANGE BETWEEN {int(window)} PRECEDING AND 1 PRECEDING)
        )
        SELECT a, b, period, n, idx, base_mean, base_sd, base_n,
               (idx - base_mean) / greatest(coalesce(base_sd, 0), ?) AS z
        FROM win
        WHERE base_n >= ? AND n >= ? AND abs((idx - base_mean) / greatest(coalesce(base_sd, 0), ?)) >= ?
              {'AND period >= ?' if s is not None else ''}
        ORDER BY abs(z) DESC, n DESC, a, b, period LIMIT ?
    """
    bind = [*params, SHIFT_SD_FLOOR, SHIFT_MIN_BASELINE, min_events, SHIFT_SD_FLOOR, threshold]
    if s is not None:
        bind.append(s)
    bind.append(limit)
    rows = con.execute(sql, bind).fetchall()
    found = [(r[0], r[1], r[2], r[8] > 0) for r in rows]
    events = _drivers(con, found, by, drivers) if rows else {}
    return [
        Shift(
            r[0], r[1], country_name(r[0]), country_name(r[1]), by, r[2], r[3], float(r[4]), float(r[5]),
            None if r[6] is None else float(r[6]), r[7], float(r[8]),
            "cooperation" if r[8] > 0 else "conflict",
            events.get(k, ()),
        )
        for k, r in enumerate(rows)
    ]


def _drivers(
    con: duckdb.DuckDBPyConnection, shifts: list[tuple[str, str, Date, bool]], by: str, limit: int
) -> dict[int, tuple[dict[str, Any], ...]]:
    """The driving events of every shift, in one scan: shift number -> events, strongest first."""
    src, tgt = actor_key("source"), actor_key("target")
    values = ", ".join("(?, ?, ?, ?, ?, ?)" for _ in shifts)
    params: list[object] = []
    for k, (a, b, start, rising) in enumerate(shifts):
        params += [k, a, b, start, add_periods(start, by), rising]
    first = min(s[2] for s in shifts)
    last = max(add_periods(s[2], by) for s in shifts)
    sql = f"""
        WITH s(k, a, b, start, stop, rising) AS (VALUES {values}),
        ev AS (
            SELECT least({src}, {tgt}) AS pa, greatest({src}, {tgt}) AS pb, {EVENT_COLUMNS}
            FROM events WHERE date >= ? AND date < ? AND list_contains(?, {period_sql(by)})
        ),
        j AS (
            SELECT s.k, s.rising, ev.* EXCLUDE (pa, pb) FROM ev JOIN s
                ON ev.pa = s.a AND ev.pb = s.b AND ev.date >= s.start AND ev.date < s.stop
               AND ev.quad_class IN (CASE WHEN s.rising THEN 1 ELSE 3 END, CASE WHEN s.rising THEN 2 ELSE 4 END)
            -- A symmetric event is stored both ways (A->B and B->A) from one sentence, and a
            -- sentence may hold several acts: each sentence drives a shift once, by its strongest.
            QUALIFY row_number() OVER (
                PARTITION BY s.k, ev.doc_id, ev.sentence_index
                ORDER BY CASE WHEN s.rising THEN -ev.goldstein ELSE ev.goldstein END, ev.event_id) = 1
        )
        SELECT k, j.* EXCLUDE (k, rising) FROM j
        QUALIFY row_number() OVER (
            PARTITION BY k ORDER BY CASE WHEN rising THEN -goldstein ELSE goldstein END, date, event_id) <= ?
        ORDER BY k, CASE WHEN rising THEN -goldstein ELSE goldstein END, date, event_id
    """
    # Only the shifts' own periods are read, so the actor keys are computed for few rows.
    periods = sorted({s[2] for s in shifts})
    cur = con.execute(sql, [*params, first, last, periods, limit])
    names = [d[0] for d in cur.description][1:]
    out: dict[int, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        out.setdefault(row[0], []).append(event_row(dict(zip(names, row[1:], strict=True))))
    return {k: tuple(v) for k, v in out.items()}
