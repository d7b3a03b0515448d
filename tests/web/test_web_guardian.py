"""On the Guardian sample: the busiest dyads have series whose every point has its events behind it,
and shift detection finds shifts with driving events (the issue's acceptance check)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(guardian_store):
    from tieline.web import create_app

    with TestClient(create_app(guardian_store), raise_server_exceptions=False) as c:
        yield c


def test_top_five_dyads_have_series_with_events_behind_each_point(client):
    top = client.get("/api/top?limit=5").json()
    assert len(top) == 5
    for dyad in top:
        # Rankings count every dated event; series leave out old in-text dates unless all_dates.
        series = client.get(f"/api/dyad/{dyad['a']}/{dyad['b']}/series?by=month&all_dates=true").json()
        points = [p for p in series["points"] if p["n_events"]]
        assert sum(p["n_events"] for p in points) == dyad["n_events"]
        in_span = client.get(f"/api/dyad/{dyad['a']}/{dyad['b']}/series?by=month").json()["points"]
        assert sum(p["n_events"] for p in in_span) <= dyad["n_events"]
        for p in points:
            page = client.get("/api/events", params={"a": dyad["a"], "b": dyad["b"], "by": "month",
                                                     "period": p["period"], "limit": 200}).json()
            assert page["total"] == p["n_events"] and page["items"]
            assert all(i["sentence"] for i in page["items"])


def test_shifts_come_with_their_events(client):
    shifts = client.get("/api/shifts?limit=5").json()
    assert shifts, "no shifts found in the Guardian sample"
    for s in shifts:
        assert abs(s["z"]) >= 2.0 and s["n_events"] >= 3 and s["events"]
        side = (1, 2) if s["direction"] == "cooperation" else (3, 4)
        assert all(e["quad_class"] in side for e in s["events"])


def test_date_range_ignores_old_in_text_dates(client):
    s = client.get("/api/summary").json()
    # The sample is news of 2017-2019; sentences recalling older events ("in 1956") do not stretch it.
    assert s["first_date"] >= s["span_start"] and s["last_date"] <= s["span_end"]
    assert s["n_outside_span"] > 0 and s["first_date"] >= "2017-01-01"


def test_every_event_has_its_article(client):
    page = client.get("/api/events?limit=20").json()
    for item in page["items"]:
        doc = client.get(f"/api/documents/{item['doc_id']}").json()
        mine = next(e for e in doc["events"] if e["event_id"] == item["event_id"])
        assert doc["text"] and mine["sentence_span"], item["sentence"]
        s, e = mine["sentence_span"]
        assert doc["text"][s:e] == item["sentence"]
