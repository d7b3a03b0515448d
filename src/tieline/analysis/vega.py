"""Vega specifications for the world map and the tie network, served to the dashboard and the brief.

The map draws Natural Earth's country borders (public domain, shipped in `analysis/data`) in an
Equal Earth projection that zooms with the wheel and pans by dragging, shades countries by a
value of their tie (index or events) and puts the events' places on top, their labels placed by
Vega's label transform so that none overlaps another label or a circle. The network is Vega's
force layout run to rest before drawing: nodes collide at their own radius, each label sits inside
its node, so labels cannot collide either.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from tieline.analysis.chart import INDEX_COLOUR
from tieline.analysis.common import country_name
from tieline.analysis.dyads import Network
from tieline.analysis.events import PlacePoint

__all__ = [
    "MAP_TOPOJSON",
    "NETWORK_MAX_NODES",
    "country_key",
    "network_spec",
    "world_map_spec",
    "world_topology",
]

VEGA_SCHEMA = "https://vega.github.io/schema/vega/v6.json"
#: The border file inside the package (`tieline.analysis`), 1:110m: 108 kB, enough for a world view
#: and for zooming to a region.
MAP_TOPOJSON = "data/countries-110m.json"
#: The most nodes the network draws: beyond about sixty the labels no longer fit inside nodes.
NETWORK_MAX_NODES = 60
#: Smallest and largest node radius in pixels (the busiest country gets the largest).
NODE_RADIUS = (12.0, 24.0)
#: Conflict red, neutral, cooperation green: the ends of the index scale everywhere.
INDEX_RANGE = ("#c0392b", "#f2f1ec", "#2e9b47")
#: The same scale, paler, for shading countries: the places' circles on top keep the strong colours.
SHADE_RANGE = ("#e5a198", "#f4f3ef", "#93cf9f")
NO_DATA = "#e4e7eb"
OCEAN = "#eef3f8"
#: The map opens no closer than 70 degrees of longitude: enough to show a country's neighbours.
MIN_VIEW_DEGREES = 70.0
# Countries Natural Earth draws without an ISO numeric code, by the name it gives them.
_UNNUMBERED = {"KOS": "Kosovo", "XKX": "Kosovo"}


@lru_cache(maxsize=1)
def world_topology() -> dict[str, Any]:
    """Natural Earth country borders as TopoJSON (object `countries`)."""
    data: dict[str, Any] = json.loads(resources.files("tieline.analysis").joinpath(MAP_TOPOJSON).read_text("utf-8"))
    return data


@lru_cache(maxsize=512)
def country_key(code: str) -> str | None:
    """The key a country has in the border file: its ISO numeric code ('586' for PAK), else its name."""
    if code in _UNNUMBERED:
        return _UNNUMBERED[code]
    import pycountry

    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return found.numeric if found is not None else None


def _index_scale(name: str = "index", colours: tuple[str, str, str] = INDEX_RANGE) -> dict[str, Any]:
    return {"name": name, "type": "linear", "domain": [-1, 0, 1], "range": list(colours), "clamp": True}


def _view_of(places: Sequence[PlacePoint], width: int) -> tuple[float, float, float]:
    """Initial (longitude, latitude, scale): the whole world, or the region around the places."""
    world = width / 5.6  # Equal Earth's world width is about 5.4 radians at scale 1
    if not places:
        return 10.0, 15.0, world
    lons, lats = [p.longitude for p in places], [p.latitude for p in places]
    span = max(max(lons) - min(lons), 2 * (max(lats) - min(lats)), MIN_VIEW_DEGREES)
    scale = min(world * 360 / span / 1.6, world * 8)
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2, max(scale, world)


def world_map_spec(
    shades: dict[str, tuple[float | None, int]] | None = None,
    places: Sequence[PlacePoint] = (),
    *,
    shade: Literal["index", "volume"] = "index",
    highlight: Iterable[str] = (),
    topology_url: str | None = None,
    width: int = 720,
    height: int = 380,
) -> dict[str, Any]:
    """A zoomable world map: countries shaded, places of events as circles (size: events, colour: index).

    `shades` maps a country code to (index, events) of its tie; `shade` picks which colours the
    country. `highlight` outlines countries (the dyad). The borders are inlined unless
    `topology_url` says where the page can fetch them (the dashboard serves them itself).
    """
    highlight = {c for c in highlight if c}
    rows: list[dict[str, Any]] = []
    for code, (index, n) in (shades or {}).items():
        key = country_key(code)
        if key is not None:
            rows.append({"key": key, "code": code, "name": country_name(code), "index": index, "n_events": n,
                         "highlight": code in highlight})
    for code in highlight - set(shades or {}):
        key = country_key(code)
        if key is not None:
            rows.append({"key": key, "code": code, "name": country_name(code), "index": None, "n_events": 0,
                         "highlight": True})
    points: list[dict[str, Any]] = [
        {"name": p.name, "country": country_name(p.country) if p.country else "", "lon": p.longitude,
         "lat": p.latitude, "n_events": p.n_events, "index": p.index} for p in places]
    lon, lat, scale = _view_of(places, width)
    world: dict[str, Any] = {"name": "world", "format": {"type": "topojson", "feature": "countries"}}
    if topology_url:
        world["url"] = topology_url
    else:
        world["values"] = world_topology()
    world["transform"] = [
        {"type": "formula", "as": "key", "expr": "datum.id || datum.properties.name"},
        {"type": "lookup", "from": "shades", "key": "key", "fields": ["key"],
         "values": ["code", "name", "index", "n_events", "highlight"]},
    ]
    max_n = max([r["n_events"] for r in rows] + [1])
    fill = ({"signal": f"isValid(datum.index) ? scale('shade', datum.index) : '{NO_DATA}'"} if shade == "index"
            else {"signal": f"datum.n_events > 0 ? scale('volume', datum.n_events) : '{NO_DATA}'"})
    return {
        "$schema": VEGA_SCHEMA,
        "description": "World map of events: Natural Earth borders, countries shaded by their tie",
        "width": width, "height": height, "autosize": "none", "padding": 0,
        "signals": [
            {"name": "tx", "update": "width / 2"},
            {"name": "ty", "update": "height / 2"},
            {"name": "scale", "value": scale, "on": [{
                "events": {"type": "wheel", "consume": True},
                "update": f"clamp(scale * pow(1.0015, -event.deltaY * pow(16, event.deltaMode)), {scale / 4}, "
                          f"{width * 12})"}]},
            {"name": "angles", "value": [0, 0], "on": [{"events": "mousedown", "update": "[rotateX, centerY]"}]},
            {"name": "cloned", "value": None, "on": [{"events": "mousedown", "update": "copy('projection')"}]},
            {"name": "start", "value": None, "on": [{"events": "mousedown", "update": "invert(cloned, xy())"}]},
            {"name": "drag", "value": None, "on": [{
                "events": "[mousedown, window:mouseup] > window:mousemove", "update": "invert(cloned, xy())"}]},
            {"name": "delta", "value": None, "on": [{
                "events": {"signal": "drag"}, "update": "[drag[0] - start[0], start[1] - drag[1]]"}]},
            {"name": "rotateX", "value": -lon, "on": [{
                "events": {"signal": "delta"}, "update": "angles[0] + delta[0]"}]},
            {"name": "centerY", "value": lat, "on": [{
                "events": {"signal": "delta"}, "update": "clamp(angles[1] + delta[1], -70, 70)"}]},
        ],
        "projections": [{"name": "projection", "type": "equalEarth", "scale": {"signal": "scale"},
                         "rotate": [{"signal": "rotateX"}, 0, 0], "center": [0, {"signal": "centerY"}],
                         "translate": [{"signal": "tx"}, {"signal": "ty"}]}],
        "data": [
            {"name": "shades", "values": rows},
            world,
            {"name": "sphere", "values": [{"type": "Sphere"}]},
            {"name": "graticule", "transform": [{"type": "graticule", "step": [30, 30]}]},
            {"name": "places", "values": points,
             "transform": [{"type": "geopoint", "projection": "projection", "fields": ["lon", "lat"]},
                           {"type": "collect", "sort": {"field": "n_events", "order": "descending"}}]},
        ],
        "scales": [
            _index_scale(),
            _index_scale("shade", SHADE_RANGE),
            {"name": "volume", "type": "log", "domain": [1, max(max_n, 2)], "range": ["#dbe5f5", INDEX_COLOUR]},
            {"name": "size", "type": "sqrt", "domain": [0, max([p["n_events"] for p in points] + [1])],
             "range": [0, 900]},
        ],
        "legends": [_shade_legend(shade)],
        "marks": [
            {"type": "shape", "from": {"data": "sphere"}, "encode": {"update": {"fill": {"value": OCEAN}}},
             "transform": [{"type": "geoshape", "projection": "projection"}]},
            {"type": "shape", "from": {"data": "graticule"}, "encode": {"update": {
                "strokeWidth": {"value": 0.5}, "stroke": {"value": "#dfe5ec"}, "fill": {"value": None}}},
             "transform": [{"type": "geoshape", "projection": "projection"}]},
            {"type": "shape", "name": "countries", "from": {"data": "world"}, "encode": {"update": {
                "fill": fill,
                "stroke": {"signal": f"datum.highlight ? '{INDEX_COLOUR}' : '#ffffff'"},
                "strokeWidth": {"signal": "datum.highlight ? 1.6 : 0.5"},
                "zindex": {"signal": "datum.highlight ? 1 : 0"},
                "tooltip": {"signal": "{title: datum.name || datum.properties.name, events: datum.n_events || 0, "
                                      "index: isValid(datum.index) ? format(datum.index, '+.2f') : 'none'}"},
                "description": {"signal": "'country ' + (datum.name || datum.properties.name)"}}},
             "transform": [{"type": "geoshape", "projection": "projection"}]},
            {"type": "symbol", "name": "placeSymbols", "from": {"data": "places"}, "encode": {
                "update": {"x": {"field": "x"}, "y": {"field": "y"}, "size": {"scale": "size", "field": "n_events"},
                           "fill": {"scale": "index", "field": "index"}, "fillOpacity": {"value": 0.9},
                           "stroke": {"value": "#1d2733"}, "strokeWidth": {"value": 0.8},
                           "tooltip": {"signal": "{title: datum.name, country: datum.country, "
                                                 "events: datum.n_events, index: format(datum.index, '+.2f')}"},
                           "description": {"signal": "'place ' + datum.name + ': ' + datum.n_events + ' events'"}}}},
            {"type": "text", "name": "placeLabels", "from": {"data": "placeSymbols"}, "interactive": False,
             "encode": {"update": {
                 "text": {"field": "datum.name"}, "fontSize": {"value": 11}, "fill": {"value": "#1d2733"},
                 "fontWeight": {"value": 600}}},
             # The label transform drops a label that fits nowhere rather than overlapping it.
             "transform": [{"type": "label", "size": [{"signal": "width"}, {"signal": "height"}],
                            "avoidMarks": ["placeSymbols"], "anchor": ["right", "left", "top", "bottom"],
                            "offset": [4, 4, 2, 2]}]},
        ],
    }


def _shade_legend(shade: str) -> dict[str, Any]:
    common = {"orient": "bottom-left", "direction": "horizontal", "gradientLength": 110, "titleFontSize": 10,
              "labelFontSize": 10, "fillColor": "rgba(255,255,255,0.85)", "padding": 6, "cornerRadius": 4}
    if shade == "index":
        return {"fill": "shade", "title": "tie index (country)", "values": [-1, 0, 1], **common}
    return {"fill": "volume", "title": "events (country)", **common}


def _radius(n_events: int, top: int, label: str) -> float:
    """A node's radius in pixels: area grows with events, and never too small for its label (10px bold
    letters are about 6.5px wide), fixed before the layout so the collide force can use it."""
    return round(max(NODE_RADIUS[0] + (NODE_RADIUS[1] - NODE_RADIUS[0]) * (n_events / max(top, 1)) ** 0.5,
                     3.4 * len(label) + 3), 1)


def _short_label(code: str) -> str:
    """A label that fits inside a node: the country code, or an IGO's initials (UN, EU, NATO)."""
    if not code.startswith("IGO"):
        return code
    name = country_name(code) or code
    if " " not in name:
        return name[:5]
    return "".join(w[0] for w in name.split() if w[:1].isupper())[:5] or code[3:]


def network_spec(net: Network, *, width: int = 460, height: int = 380, active: Iterable[str] = ()) -> dict[str, Any]:
    """The tie network as a Vega force layout: nodes sized by events, edges coloured by index."""
    active = set(active)
    nodes = sorted(net.nodes, key=lambda n: -n.n_events)[:NETWORK_MAX_NODES]
    position = {n.id: i for i, n in enumerate(nodes)}
    top = max([n.n_events for n in nodes] + [1])
    node_rows: list[dict[str, Any]] = [
        {"id": n.id, "name": n.name or n.id, "label": _short_label(n.id), "n_events": n.n_events,
         "active": n.id in active, "r": _radius(n.n_events, top, _short_label(n.id))} for n in nodes]
    # d3's link force writes its own `index` into each link, so the tie's index is `tie_index`.
    links: list[dict[str, Any]] = [
        {"source": position[e.a], "target": position[e.b], "a": e.a, "b": e.b, "n_events": e.n_events,
         "tie_index": e.index, "name": f"{country_name(e.a)} – {country_name(e.b)}"}
        for e in net.edges if e.a in position and e.b in position]
    max_edge = max([e["n_events"] for e in links] + [1])
    return {
        "$schema": VEGA_SCHEMA,
        "description": "Network of ties: countries linked by events",
        "width": width, "height": height, "autosize": "none", "padding": 4,
        "signals": [{"name": "cx", "update": "width / 2"}, {"name": "cy", "update": "height / 2"}],
        "data": [
            {"name": "node-data", "values": node_rows, "transform": [
                # The x and y forces pull towards a field, not a value: the centre as fields.
                {"type": "formula", "as": "cx", "expr": "width / 2"},
                {"type": "formula", "as": "cy", "expr": "height / 2"}]},
            {"name": "link-data", "values": links},
        ],
        "scales": [
            _index_scale(),
            {"name": "width", "type": "sqrt", "domain": [0, max_edge], "range": [1, 9]},
        ],
        "marks": [
            {"name": "nodes", "type": "symbol", "zindex": 1, "from": {"data": "node-data"},
             "encode": {"update": {
                 "size": {"signal": "4 * datum.r * datum.r"},
                 "fill": {"signal": "datum.active ? '#c9d6f2' : '#ffffff'"},
                 "stroke": {"value": INDEX_COLOUR}, "strokeWidth": {"value": 1.5}, "cursor": {"value": "pointer"},
                 "tooltip": {"signal": "{title: datum.name, events: datum.n_events}"},
                 "description": {"signal": "'country ' + datum.id"}}},
             "transform": [{"type": "force", "iterations": 300, "static": True, "signal": "force", "forces": [
                 {"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
                 {"force": "collide", "radius": {"expr": "datum.datum.r + 3"}, "iterations": 3},
                 {"force": "nbody", "strength": -170, "distanceMax": 240},
                 {"force": "link", "links": "link-data", "distance": 90},
                 # Pull towards the middle so that nodes without ties stay in view.
                 {"force": "x", "x": "datum.cx", "strength": 0.05},
                 {"force": "y", "y": "datum.cy", "strength": 0.08},
             ]}]},
            {"type": "text", "zindex": 2, "from": {"data": "nodes"}, "interactive": False, "encode": {"update": {
                "x": {"field": "x"}, "y": {"field": "y"}, "text": {"field": "datum.label"},
                "align": {"value": "center"}, "baseline": {"value": "middle"}, "fontSize": {"value": 10},
                "fontWeight": {"value": 700},
                "fill": {"value": "#1d2733"}}}},
            {"name": "links", "type": "path", "from": {"data": "link-data"}, "interactive": True,
             "encode": {"update": {
                 "stroke": {"scale": "index", "field": "tie_index"},
                 "strokeWidth": {"scale": "width", "field": "n_events"},
                 "strokeOpacity": {"value": 0.85}, "strokeCap": {"value": "round"}, "cursor": {"value": "pointer"},
                 "tooltip": {"signal": "{title: datum.name, events: datum.n_events, "
                                       "index: isValid(datum.tie_index) ? format(datum.tie_index, '+.2f') : 'none'}"},
                 "description": {"signal": "'tie ' + datum.a + '-' + datum.b"}}},
             "transform": [{"type": "linkpath", "require": {"signal": "force"}, "shape": "line",
                            "sourceX": "datum.source.x", "sourceY": "datum.source.y",
                            "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
        ],
    }
