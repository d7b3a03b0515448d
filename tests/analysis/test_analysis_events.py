"""Event pages, event detail with explain and document, and map points."""

from __future__ import annotations

import pytest

from tieline.analysis import EventQuery, get_event, list_events, place_points
from tieline.errors import ConfigError


def test_period_page_of_a_dyad(con):
    page = list_events(con, EventQuery(a="USA", b="PAK", by="month", period="2019-09-14"), limit=2)
    assert page.total == 5 and len(page.items) == 2
    first = page.items[0]
    assert first["date"] == "2019-09-25"  # newest first
    s, e = first["trigger_span"]
    assert first["sentence"][s:e] == first["trigger"] == "accused"
    s, e = first["source_span"]
    assert first["sentence"][s:e] == first["source_text"]
    rest = list_events(con, EventQuery(a="USA", b="PAK", by="month", period="2019-09-01"), limit=10, offset=2)
    assert len(rest.items) == 3
    assert not {i["event_id"] for i in page.items} & {i["event_id"] for i in rest.items}


def test_filters(con):
    assert list_events(con, EventQuery(a="USA", b="PAK", directed=True)).total == 23  # incl. the undated one
    assert list_events(con, EventQuery(a="SYR")).total == 36 + 16 + 3 + 5
    assert list_events(con, EventQuery(quad_class=4, start="2019-05-01", end="2019-05-31")).total == 2 + 5
    assert list_events(con, EventQuery(cameo_root="03", a="IGOUNO")).total == 3
    assert list_events(con, EventQuery(text="ANKARA attacked")).total == 16
    assert list_events(con, EventQuery(text="'; DROP TABLE events; --")).total == 0
    assert list_events(con).total == 93


@pytest.mark.parametrize(
    ("query", "kwargs"),
    [
        (EventQuery(b="USA"), {}),
        (EventQuery(by="month"), {}),
        (EventQuery(quad_class=7), {}),
        (EventQuery(cameo_root="21"), {}),
        (EventQuery(text="x" * 500), {}),
        (EventQuery(), {"limit": 0}),
        (EventQuery(), {"offset": -1}),
        (EventQuery(), {"offset": 10**9}),
    ],
)
def test_bad_queries(con, query, kwargs):
    with pytest.raises(ConfigError):
        list_events(con, query, **kwargs)


def test_event_detail(con):
    item = list_events(con, EventQuery(a="IGOUNO"), limit=1).items[0]
    full = get_event(con, item["event_id"])
    assert full["event_id"] == item["event_id"] and full["source_resolution"].startswith("gazetteer")
    assert full["explain"]["rule"] == "test.met" and full["explain"]["trigger"] == "met"
    assert full["explain"]["source_resolution"] == "'The UN' -> IGOUNO (gazetteer entry 'The UN')"
    assert full["document"]["url"].startswith("https://example.org/")
    assert full["document"]["source"] == "fixture"
    assert get_event(con, "no-such-event") is None


def test_place_points(con):
    points = place_points(con)
    assert [(p.name, p.n_events) for p in points] == [("Aleppo", 33), ("Islamabad", 20)]
    only = place_points(con, EventQuery(a="TUR"))
    assert [(p.name, p.n_events, p.index) for p in only] == [("Aleppo", 16, -1.0)]
