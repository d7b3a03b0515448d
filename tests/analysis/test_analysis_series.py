"""Dyad series: counts per quad class, Goldstein, the index, directions, periods, filling, bad input."""

from __future__ import annotations

from datetime import date as Date

import pytest
from analysis_fixtures import USA_PAK_TOTAL, schedule

from tieline.analysis import dyad_series
from tieline.analysis.common import add_periods, period_end, period_start
from tieline.errors import ConfigError


def test_monthly_undirected_series(con):
    s = dyad_series(con, "USA", "PAK")
    assert [p.period for p in s.points] == [Date(2019, m, 1) for m in range(1, 13)]
    assert s.n_events == USA_PAK_TOTAL  # the undated event is left out
    jan, sep = s.points[0], s.points[8]
    assert (jan.n_events, jan.q1, jan.q2, jan.q3, jan.q4) == (3, 2, 1, 0, 0)
    assert jan.goldstein_sum == pytest.approx(4.0 + 7.4 + 4.0)
    assert jan.goldstein_mean == pytest.approx(15.4 / 3)
    assert jan.index == 1.0
    assert (sep.n_events, sep.q3, sep.q4, sep.index) == (5, 1, 4, -1.0)


def test_undirected_is_symmetric_and_directed_splits(con):
    assert dyad_series(con, "PAK", "USA").points == dyad_series(con, "USA", "PAK").points
    there = dyad_series(con, "USA", "PAK", directed=True)
    back = dyad_series(con, "PAK", "USA", directed=True)
    assert there.n_events + back.n_events == USA_PAK_TOTAL
    assert (there.n_events, back.n_events) == (8 * 2 + 3 + 3, 8 + 2)


def test_lower_case_codes_are_accepted(con):
    assert dyad_series(con, "usa", " pak ").n_events == USA_PAK_TOTAL


def _weeks() -> int:
    days = [d for d, s, t, _ in schedule() if d and {s, t} == {"USA", "PAK"}]
    return len({period_start(d, "week") for d in days})


@pytest.mark.parametrize(("by", "n"), [("quarter", 4), ("year", 1), ("week", _weeks())])
def test_other_periods(con, by, n):
    s = dyad_series(con, "USA", "PAK", by=by)
    assert len(s.points) == n and s.n_events == USA_PAK_TOTAL
    assert all(p.period == period_start(p.period, by) for p in s.points)


def test_range_and_fill(con):
    s = dyad_series(con, "TUR", "SYR", start="2019-01-01", end="2019-12-31", fill=True)
    assert len(s.points) == 12
    assert [p.n_events for p in s.points] == [0, 0] + [2] * 8 + [0, 0]
    assert s.points[0].index is None and s.points[2].index == -1.0
    daily = dyad_series(con, "TUR", "SYR", by="day", start="2019-03-01", end="2019-03-31", fill=True)
    assert len(daily.points) == 31 and daily.n_events == 2


def test_unknown_dyad_is_empty(con):
    assert dyad_series(con, "FRA", "DEU").points == ()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"by": "fortnight"},
        {"start": "2019-13-01"},
        {"start": "2019-06-01", "end": "2019-01-01"},
        {"by": "day", "start": "1900-01-01", "end": "2019-12-31", "fill": True},
    ],
)
def test_bad_arguments(con, kwargs):
    with pytest.raises(ConfigError):
        dyad_series(con, "USA", "PAK", **kwargs)


@pytest.mark.parametrize("code", ["US", "U.S.", "12A", "", "USA;DROP"])
def test_bad_codes(con, code):
    with pytest.raises(ConfigError, match="country code"):
        dyad_series(con, code, "PAK")


def test_period_arithmetic():
    d = Date(2019, 11, 20)
    assert period_start(d, "week") == Date(2019, 11, 18)
    assert period_start(d, "quarter") == Date(2019, 10, 1)
    assert add_periods(Date(2019, 10, 1), "quarter") == Date(2020, 1, 1)
    assert add_periods(Date(2019, 1, 1), "month", -3) == Date(2018, 10, 1)
    assert period_end(Date(2020, 2, 1), "month") == Date(2020, 2, 29)
