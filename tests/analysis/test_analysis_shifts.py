"""Shift detection: the planted September fall in USA–PAK, its drivers, and the method's guards."""

from __future__ import annotations

import pytest

from tieline.analysis import detect_shifts
from tieline.errors import ConfigError


def test_planted_shift_is_found_with_its_drivers(con):
    shifts = detect_shifts(con)
    assert len(shifts) == 1
    s = shifts[0]
    assert (s.a, s.b, str(s.period), s.n_events, s.direction) == ("PAK", "USA", "2019-09-01", 5, "conflict")
    assert s.index == -1.0 and s.baseline_mean == 1.0 and s.baseline_periods == 6
    # A flat baseline (sd 0) is floored, so z = (-1 - 1) / 0.25.
    assert s.z == pytest.approx(-8.0)
    assert [e["cameo"] for e in s.events] == ["190", "190", "190", "190", "112"]
    assert all(e["quad_class"] in (3, 4) for e in s.events)
    assert s.events[0]["trigger"] == "attacked"
    assert s.events[0]["sentence"].startswith(("Washington", "Islamabad"))


def test_since_until_and_dyad_filters(con):
    assert detect_shifts(con, since="2019-10-01") == []
    assert len(detect_shifts(con, since="2019-09-01", until="2019-09-30")) == 1
    assert len(detect_shifts(con, a="PAK", b="USA")) == 1
    assert len(detect_shifts(con, a="USA")) == 1
    assert detect_shifts(con, a="RUS") == []


def test_guards(con):
    # A steady dyad never shifts; demanding more events than September holds finds nothing.
    assert detect_shifts(con, min_events=6) == []
    # Weekly periods: each September week holds one or two events, under the minimum.
    assert detect_shifts(con, by="week") == []
    # With a one-event minimum the October return to cooperation (vs a baseline holding September)
    # is not a shift, because September widened the baseline's spread.
    assert {str(s.period) for s in detect_shifts(con, min_events=1)} == {"2019-09-01"}


@pytest.mark.parametrize(
    "kwargs", [{"by": "decade"}, {"window": 0}, {"threshold": 0}, {"limit": 0}, {"since": "2019-02-30"}]
)
def test_bad_arguments(con, kwargs):
    with pytest.raises(ConfigError):
        detect_shifts(con, **kwargs)


def test_each_shift_gets_its_own_drivers(con):
    # A low threshold flags several periods; every driver must be of its shift's dyad, period and side.
    shifts = detect_shifts(con, threshold=0.3, min_events=1, drivers=3)
    assert {s.direction for s in shifts} == {"cooperation", "conflict"}
    for s in shifts:
        assert s.events and len(s.events) <= 3
        side = (1, 2) if s.direction == "cooperation" else (3, 4)
        for e in s.events:
            assert {e["source_country"], e["target_country"]} == {s.a, s.b}
            assert e["date"][:7] == str(s.period)[:7] and e["quad_class"] in side
