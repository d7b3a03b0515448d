"""The dyad chart spec (Altair/Vega-Lite), its files (SVG, PNG, HTML) and the map and network Vega specs."""

from __future__ import annotations

from datetime import date as Date

import pytest

from tieline.analysis import dyad_series, network, partners, place_points
from tieline.analysis.chart import LOW_VOLUME_EVENTS, chart_svg, save_chart, series_chart, series_spec
from tieline.analysis.events import EventQuery
from tieline.analysis.plot import plot_series
from tieline.analysis.series import DyadSeries, SeriesPoint
from tieline.analysis.vega import NETWORK_MAX_NODES, country_key, network_spec, world_map_spec, world_topology
from tieline.errors import ConfigError


def _layers(spec):
    """Every unit layer of a (nested) layer spec, depth first."""
    for layer in spec.get("layer", []):
        if "layer" in layer:
            yield from _layers(layer)
        else:
            yield layer


def _point(day: Date, n: int, index: float | None) -> SeriesPoint:
    q1 = n if index and index > 0 else 0
    return SeriesPoint(day, n, q1, 0, 0, n - q1, 0.0, None, index)


def test_gaps_break_the_line_and_low_volume_is_marked():
    # Two months with events, eleven empty months, then one single-event month.
    series = DyadSeries("USA", "PAK", False, "month", (
        _point(Date(2015, 1, 1), 4, 0.5), _point(Date(2015, 2, 1), 3, -1.0), _point(Date(2016, 1, 1), 1, 1.0)))
    spec = series_chart(series).to_dict()  # validated against the Vega-Lite schema
    assert spec["layer"] == series_spec(series)["layer"]  # the object is the spec
    layers = list(_layers(spec))
    line = next(ly for ly in layers if ly["mark"]["type"] == "line")
    assert line["mark"]["invalid"] == "break-paths-show-domains"
    points = spec["datasets"][line["data"]["name"]]
    assert len(points) == 13  # every month from Jan 2015 to Jan 2016
    assert [p["index"] for p in points].count(None) == 10
    assert [p["low"] for p in points] == [False, False] + [False] * 10 + [True]
    assert "fewer than" in points[-1]["desc"] and LOW_VOLUME_EVENTS > 1
    empty = next(ly for ly in layers if ly["mark"]["type"] == "rect")
    assert len(spec["datasets"][empty["data"]["name"]]) == 10
    bars = spec["datasets"][next(ly for ly in layers if ly["mark"]["type"] == "bar")["data"]["name"]]
    # Bars span their period and stack: material conflict on top of verbal cooperation in Jan 2015.
    jan = [b for b in bars if b["period"] == "2015-01-01"]
    assert {(b["y0"], b["y1"]) for b in jan} == {(0, 2), (2, 4)} or {(b["y0"], b["y1"]) for b in jan} == {(0, 4)}
    assert all(b["end"] > b["period"] for b in bars)
    assert spec["title"]["text"] == "United States – Pakistan: events per month"


def test_week_ticks_fall_on_mondays_and_are_few(con):
    series = dyad_series(con, "TUR", "SYR", by="week")
    spec = series_spec(series)
    axis = next(ly for ly in _layers(spec) if ly["mark"]["type"] == "bar")["encoding"]["x"]["axis"]
    days = [Date.fromtimestamp(v / 1000) for v in axis["values"]]
    assert days and all(d.weekday() == 0 for d in days) and len(days) <= 12
    assert axis["labelOverlap"] == "greedy" and axis["labelFlush"] is True


def test_chart_renders_offline(con):
    svg = chart_svg(series_spec(dyad_series(con, "USA", "PAK")))
    assert svg.lstrip().startswith("<svg") and "cooperation–conflict index" in svg and "Sep 2019" in svg


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_plot_files(con, tmp_path, suffix):
    out = plot_series(dyad_series(con, "IGOUNO", "SYR", start="2019-01-01", end="2019-12-31", fill=True),
                      tmp_path / f"chart{suffix}")
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG") and len(data) > 20_000
        return
    text = data.decode()
    assert "United Nations – Syria" in text  # the IGO's name, not its code
    if suffix == ".html":
        assert "<script" not in text and "https://" not in text.split("<svg", 1)[0]
        body = text.split("</title>", 1)[1]
        assert body.count(">United Nations – Syria: events per month<") == 1  # the title drawn once
        assert text.count("<tr>") == 12 + 1  # --fill: every month of 2019 in the table


def test_plot_errors(con, tmp_path):
    series = dyad_series(con, "USA", "PAK")
    with pytest.raises(ConfigError, match="cannot draw"):
        plot_series(series, tmp_path / "chart.pdf")
    with pytest.raises(ConfigError, match="does not exist"):
        plot_series(series, tmp_path / "nowhere" / "chart.png")
    with pytest.raises(ConfigError, match="nothing to draw"):
        plot_series(dyad_series(con, "FRA", "DEU"), tmp_path / "chart.png")
    with pytest.raises(ConfigError, match="cannot draw"):
        save_chart(series_chart(series), tmp_path / "chart.txt")


def test_world_map_spec(con):
    shades = {p.partner: (p.index, p.n_events) for p in partners(con, "SYR")}
    spec = world_map_spec(shades, place_points(con, EventQuery(a="SYR")), highlight=["SYR"])
    data = {d["name"]: d for d in spec["data"]}
    keys = {r["code"]: r["key"] for r in data["shades"]["values"]}
    assert keys["RUS"] == "643" and keys["TUR"] == "792" and keys["SYR"] == "760"
    assert "IGOUNO" not in keys  # an organisation has no territory
    assert data["world"]["values"]["objects"]["countries"]["geometries"]  # borders inlined
    assert data["places"]["values"][0]["name"] == "Aleppo"
    assert {s["name"] for s in spec["signals"]} >= {"scale", "rotateX", "centerY"}  # zoom and pan
    by_url = world_map_spec(shades, topology_url="/api/borders", shade="volume")
    assert next(d for d in by_url["data"] if d["name"] == "world")["url"] == "/api/borders"
    assert len(world_topology()["objects"]["countries"]["geometries"]) > 170
    assert country_key("KOS") == "Kosovo" and country_key("XYZ") is None


def test_network_spec_renders_with_labels_inside_nodes(con):
    import vl_convert

    spec = network_spec(network(con), active=["USA"])
    nodes = spec["data"][0]["values"]
    assert len(nodes) <= NETWORK_MAX_NODES and {n["label"] for n in nodes} >= {"USA", "PAK", "UN"}
    links = spec["data"][1]["values"]
    assert all("tie_index" in link and "index" not in link for link in links)
    svg = vl_convert.vega_to_svg(spec)
    assert svg.count("<path") > 3 and ">SYR<" in svg and ">UN<" in svg
