"""The JSON API: every endpoint, its filters and bounds, and bad parameters as clear 4xx (never 500)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tieline.errors import StoreError
from tieline.web import create_app


@pytest.fixture(scope="module")
def client(web_store):
    # raise_server_exceptions=False: a bug would show as a 500 response, which the tests reject.
    with TestClient(create_app(web_store), raise_server_exceptions=False) as c:
        yield c


def ok(client, url: str):
    res = client.get(url)
    assert res.status_code == 200, (url, res.status_code, res.text)
    return res.json()


def test_summary_and_countries(client):
    s = ok(client, "/api/summary")
    assert (s["n_events"], s["n_dated"], s["n_documents"], s["n_dyads"]) == (93, 92, 93, 4)
    countries = ok(client, "/api/countries")
    assert countries[0] == {"code": "SYR", "name": "Syria", "n_events": 60}
    assert len(ok(client, "/api/countries?limit=2")) == 2


def test_series(client):
    s = ok(client, "/api/dyad/USA/PAK/series")
    assert len(s["points"]) == 12 and s["points"][8]["index"] == -1.0 and s["by"] == "month"
    assert ok(client, "/api/dyad/usa/pak/series?by=year")["points"][0]["n_events"] == 32
    d = ok(client, "/api/dyad/PAK/USA/series?directed=true")
    assert sum(p["n_events"] for p in d["points"]) == 10
    f = ok(client, "/api/dyad/TUR/SYR/series?start=2019-01-01&end=2019-12-31&fill=true")
    assert len(f["points"]) == 12 and f["points"][0]["index"] is None
    assert ok(client, "/api/dyad/FRA/DEU/series")["points"] == []


def test_events_filters_and_pagination(client):
    page = ok(client, "/api/events?a=USA&b=PAK&by=month&period=2019-09-01&limit=2")
    assert page["total"] == 5 and len(page["items"]) == 2 and page["limit"] == 2
    item = page["items"][0]
    s, e = item["trigger_span"]
    assert item["sentence"][s:e] == item["trigger"]
    nxt = ok(client, "/api/events?a=USA&b=PAK&by=month&period=2019-09-01&limit=2&offset=2")
    assert {i["event_id"] for i in nxt["items"]}.isdisjoint(i["event_id"] for i in page["items"])
    assert ok(client, "/api/events?a=SYR&quad_class=4")["total"] == 16 + 5
    assert ok(client, "/api/events?cameo_root=03&a=IGOUNO")["total"] == 3
    assert ok(client, "/api/events?q=ankara")["total"] == 16
    assert ok(client, "/api/events?start=2019-12-01&end=2019-12-31")["total"] == 1 + 3
    assert ok(client, "/api/events?a=USA&b=PAK&directed=true")["total"] == 23
    doc = page["items"][0]["doc_id"]
    assert ok(client, f"/api/events?doc_id={doc}")["total"] == 1


def test_event_detail(client):
    first = ok(client, "/api/events?a=TUR&limit=1")["items"][0]
    full = ok(client, f"/api/events/{first['event_id']}")
    assert full["explain"]["rule"] == "test.attacked"
    assert full["explain"]["source_resolution"].startswith("'Ankara' -> TUR")
    assert full["document"]["title"] == "Ankara and Damascus"
    assert full["sentence"] == first["sentence"] and full["place_name"] == "Aleppo"


def test_top_partners_network_shifts_places(client):
    top = ok(client, "/api/top")
    pairs = [(r["a"], r["b"]) for r in top]
    assert pairs == [("RUS", "SYR"), ("PAK", "USA"), ("SYR", "TUR"), ("IGOUNO", "SYR")]
    change = ok(client, "/api/top?rank=change&start=2019-09-01&end=2019-09-30&limit=1")
    assert change[0]["index_change"] == -2.0
    assert len(ok(client, "/api/top?domestic=true")) == 5
    assert [p["partner"] for p in ok(client, "/api/partners/SYR")] == ["RUS", "TUR", "IGOUNO"]
    net = ok(client, "/api/network?min_events=10")
    assert len(net["edges"]) == 3 and {n["id"] for n in net["nodes"]} == {"RUS", "SYR", "PAK", "USA", "TUR"}
    shifts = ok(client, "/api/shifts")
    assert len(shifts) == 1 and shifts[0]["period"] == "2019-09-01" and len(shifts[0]["events"]) == 5
    assert ok(client, "/api/shifts?since=2019-10-01") == []
    assert len(ok(client, "/api/shifts?a=PAK&b=USA&drivers=2")[0]["events"]) == 2
    places = ok(client, "/api/places?a=USA&b=PAK")
    assert places[0]["name"] == "Islamabad" and places[0]["n_events"] == 20
    assert ok(client, "/api/places?a=USA&b=PAK&by=month&period=2019-09-01")[0]["n_events"] == 4


def test_document_route(client):
    item = ok(client, "/api/events?a=TUR&limit=1")["items"][0]
    doc = ok(client, f"/api/documents/{item['doc_id']}")
    assert doc["doc_id"] == item["doc_id"] and doc["title"] == "Ankara and Damascus"
    assert {"source", "url", "published", "text", "events"} <= set(doc)
    event = doc["events"][0]
    assert event["event_id"] == item["event_id"]
    s, e = event["trigger_doc_span"]
    assert doc["text"][s:e] == item["trigger"]
    missing = client.get("/api/documents/no-such-document")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "HTTP404"
    assert client.get("/api/documents/bad%20id").status_code == 422


def test_csv_download_follows_the_filters(client):
    import csv
    import io

    res = client.get("/api/events.csv?a=USA&b=PAK&quad_class=4")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    assert "attachment" in res.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert len(rows) == ok(client, "/api/events?a=USA&b=PAK&quad_class=4")["total"] == 4
    assert all(r["quad_class"] == "4" and r["cameo"] == "190" for r in rows)
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/events.csv?limit=7").text)))) == 7
    assert client.get("/api/events.csv?limit=0").status_code == 422


def test_plover_and_text_filters(client):
    assert ok(client, "/api/events?plover=assault")["total"] == 25
    assert ok(client, "/api/events?plover=ASSAULT&q=ankara")["total"] == 16
    assert ok(client, "/api/places?q=ankara")[0]["name"] == "Aleppo"


def test_chart_specs(client):
    chart = ok(client, "/api/dyad/USA/PAK/chart")
    assert chart["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert chart["usermeta"] == {"n_events": 32, "points": 12} and chart["width"] == "container"
    net = ok(client, "/api/network/chart?a=USA&b=PAK")
    assert net["$schema"].endswith("vega/v6.json")
    assert {n["id"] for n in net["data"][0]["values"] if n["active"]} == {"USA", "PAK"}
    world = ok(client, "/api/map?a=SYR")
    assert next(d for d in world["data"] if d["name"] == "world")["url"] == "/api/borders"
    assert {r["code"] for r in next(d for d in world["data"] if d["name"] == "shades")["values"]} >= {"RUS", "TUR"}
    borders = ok(client, "/api/borders")
    assert borders["type"] == "Topology" and len(borders["objects"]["countries"]["geometries"]) > 170
    codes = ok(client, "/api/codes")
    assert len(codes["cameo_roots"]) == 20 and len(codes["plover"]) == 16


def test_brief_page(client):
    res = client.get("/brief/USA/PAK")
    assert res.status_code == 200 and "text/html" in res.headers["content-type"]
    page = res.text
    assert "Brief: United States – Pakistan" in page and "<script" not in page and "<svg" in page
    assert "towards conflict" in page and "Most frequent events each way" in page
    assert client.get("/brief/USA/USA").status_code == 400
    assert client.get("/brief/FRA/DEU").status_code == 400


def test_dashboard_and_openapi(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'id="series-chart"' in page.text and "/static/app.js" in page.text and "/static/vendor/vega.js" in page.text
    # Offline: the page loads nothing from another host.
    assert "http://" not in page.text.replace("http://www.w3.org", "") and "https://" not in page.text
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "vegaEmbed" in js.text and "https://" not in js.text
    # No hand-drawn chart code: the charts come from the server's specs, drawn by Vega.
    assert "createElementNS" not in js.text and "niceStep" not in js.text
    bundle = client.get("/static/vendor/vega.js")
    assert bundle.status_code == 200 and bundle.text.startswith("/* Vega ")
    assert client.get("/static/style.css").status_code == 200
    spec = ok(client, "/api/openapi.json")
    paths = set(spec["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/dyad/{a}/{b}/series", "/api/top",
            "/api/partners/{country}", "/api/network", "/api/shifts", "/api/places", "/api/summary",
            "/api/countries", "/api/documents/{doc_id}", "/api/events.csv", "/api/dyad/{a}/{b}/chart",
            "/api/map", "/api/network/chart", "/api/borders", "/api/codes"} <= paths
    # Read-only: every operation is a GET.
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    # The shared event filters are documented as query parameters of both event endpoints.
    filters = {"a", "b", "directed", "start", "end", "by", "period", "quad_class", "cameo_root", "plover", "q"}
    for path in ("/api/events", "/api/places", "/api/events.csv", "/api/map"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert filters <= names, (path, filters - names)


BAD = [
    ("/api/dyad/USA/Pakistan/series", 422),
    ("/api/dyad/USA/PAK/series?by=fortnight", 422),
    ("/api/dyad/USA/PAK/series?start=2019-13-01", 422),
    ("/api/dyad/USA/PAK/series?start=2019-06-01&end=2019-01-01", 400),
    ("/api/dyad/USA/PAK/series?start=0019-06-01", 400),
    ("/api/dyad/USA/PAK/series?by=day&start=1900-01-01&end=2019-12-31&fill=true", 400),
    ("/api/dyad/USA/FRANCE/series", 400),
    ("/api/events?limit=0", 422),
    ("/api/events?limit=201", 422),
    ("/api/events?offset=-1", 422),
    ("/api/events?offset=100000000", 422),
    ("/api/events?b=USA", 400),
    ("/api/events?by=month", 400),
    ("/api/events?quad_class=9", 422),
    ("/api/events?cameo_root=3", 422),
    ("/api/events?cameo_root=25", 400),
    ("/api/events?a=U$A", 422),
    ("/api/events?q=" + "x" * 300, 422),
    ("/api/events?start=yesterday", 422),
    ("/api/events?directed=maybe", 422),
    ("/api/events/no-such-event", 404),
    ("/api/events/bad%20id", 422),
    ("/api/top?rank=size", 422),
    ("/api/top?limit=0", 422),
    ("/api/top?limit=101", 422),
    ("/api/partners/XX", 422),
    ("/api/partners/SYR?limit=1000", 422),
    ("/api/network?min_events=0", 422),
    ("/api/network?limit=100000", 422),
    ("/api/shifts?by=decade", 422),
    ("/api/shifts?b=USA", 400),
    ("/api/shifts?since=2019-02-30", 422),
    ("/api/shifts?limit=0", 422),
    ("/api/places?limit=5000", 422),
    ("/api/places?period=2019-01-01", 400),
    ("/api/events?plover=FIGHT", 400),
    ("/api/events?plover=A1", 422),
    ("/api/map?shade=red", 422),
    ("/api/dyad/USA/PAK/chart?by=fortnight", 422),
    ("/api/dyad/USA/PAK/chart?by=day&start=1900-01-01&end=2019-12-31&fill=true", 400),
    ("/api/documents/x%27y", 422),
    ("/api/nothing-here", 404),
]


@pytest.mark.parametrize(("url", "status"), BAD)
def test_bad_parameters_are_clear_4xx(client, url, status):
    res = client.get(url)
    assert res.status_code == status, (url, res.status_code, res.text)
    err = res.json()["error"]
    assert err["message"] and err["code"]


def test_injection_attempts_are_data(client):
    assert ok(client, "/api/events?q=%27%3B%20DROP%20TABLE%20events%3B%20--")["total"] == 0
    assert ok(client, "/api/summary")["n_events"] == 93
    assert client.get("/api/events?doc_id=%27%20OR%201%3D1%20--").json()["total"] == 0


def test_writes_are_not_allowed(client):
    assert client.post("/api/events").status_code == 405
    assert client.delete("/api/events/x").status_code == 405


def test_missing_store_fails_at_start(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "none.duckdb")
