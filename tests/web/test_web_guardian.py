"""On the Guardian sample: the busiest dyads have series whose every point has its events behind it,
and shift detection finds shifts with driving events (the issue's acceptance check)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TIELINE_SHARED") or REPO / ".." / "shared")
GUARDIAN = SHARED / "data" / "corpora" / "guardian_sdf" / "Guardian_SDF_sample.csv"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    if not GUARDIAN.exists():
        pytest.skip(f"shared corpora absent ({GUARDIAN}); the Guardian acceptance check is skipped")
    from tieline.ingest import ingest
    from tieline.web import create_app

    db = tmp_path_factory.mktemp("guardian") / "guardian.duckdb"
    ingest([GUARDIAN], db=db)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def test_top_five_dyads_have_series_with_events_behind_each_point(client):
    top = client.get("/api/top?limit=5").json()
    assert len(top) == 5
    for dyad in top:
        series = client.get(f"/api/dyad/{dyad['a']}/{dyad['b']}/series?by=month").json()
        points = [p for p in series["points"] if p["n_events"]]
        assert sum(p["n_events"] for p in points) == dyad["n_events"]
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
