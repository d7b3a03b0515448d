"""The dyad chart as one Vega-Lite specification (through Altair) for the dashboard, files and notebooks.

`series_spec()` returns the Vega-Lite JSON the dashboard embeds (`/api/dyad/{a}/{b}/chart`),
`series_chart()` the same chart as an `altair` object (in a notebook it displays itself), and
`save_chart()` writes either as
SVG, PNG or a self-contained HTML page through `vl-convert`, which ships Vega and renders without a
browser or network. The chart:

- stacks each period's events by quad class as bars spanning the whole period (left axis);
- draws the cooperation–conflict index (right axis) as a line that breaks at periods without
  events instead of being drawn across them, with a point on every period that has events so a
  lone month stays visible;
- marks low-volume periods (fewer than `LOW_VOLUME_EVENTS` events, whose index one event swings
  to ±1) with a hollow point and a note in the tooltip;
- lets Vega drop x labels that would overlap and keeps the first and last inside the plot.
"""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tieline.analysis.common import add_periods, country_name
from tieline.analysis.series import DyadSeries, SeriesPoint, fill_periods
from tieline.errors import ConfigError

if TYPE_CHECKING:
    import altair as alt

__all__ = [
    "CHART_FORMATS",
    "INDEX_COLOUR",
    "LOW_VOLUME_EVENTS",
    "VEGA_LITE_SCHEMA",
    "QUAD_COLOURS",
    "QUAD_LABELS",
    "chart_svg",
    "period_label",
    "save_chart",
    "series_chart",
    "series_spec",
    "series_title",
]

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
#: Greens for cooperation, oranges/reds for conflict; the map and network use the same ends.
QUAD_COLOURS = ("#9fd8a4", "#2e9b47", "#f4a261", "#c0392b")
INDEX_COLOUR = "#1f3b73"
#: A period with fewer events than this is "low volume": one event moves its index by a third or
#: more, so the point is drawn hollow. Three is also the least a shift may rest on (SHIFT_MIN_EVENTS).
LOW_VOLUME_EVENTS = 3
#: File types `save_chart` writes.
CHART_FORMATS = (".svg", ".png", ".html", ".htm")
#: Longest gap-filled axis a chart draws (ten years of weeks); longer is a coarser period away.
MAX_CHART_PERIODS = 530
#: Most x labels on a chart: about one per 60 pixels of a 760-pixel-wide chart.
MAX_X_TICKS = 12
#: Up to this many events, the count axis has a tick per event.
MAX_UNIT_TICKS = 8
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
_AXIS_FORMAT = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "quarter": "Q%q %Y", "year": "%Y"}


def period_label(period: Date, by: str) -> str:
    """How a period is named to a reader: 'Sep 2019', 'week of 02 Sep 2019', 'Q3 2019', '2019'."""
    if by == "month":
        return period.strftime("%b %Y")
    if by == "quarter":
        return f"Q{(period.month - 1) // 3 + 1} {period.year}"
    if by == "year":
        return str(period.year)
    if by == "week":
        return f"week of {period:%d %b %Y}"
    return period.strftime("%d %b %Y")


def series_title(series: DyadSeries) -> str:
    arrow = "→" if series.directed else "–"
    return f"{country_name(series.a)} {arrow} {country_name(series.b)}: events per {series.by}"


def _gap_filled(series: DyadSeries) -> list[SeriesPoint]:
    """Every period from the first to the last, empty ones with a None index (so lines break)."""
    if not series.points:
        return []
    periods = [p.period for p in series.points]
    too_many = ConfigError(
        f"the chart would span more than {MAX_CHART_PERIODS} {series.by}s",
        hint="use a coarser period (--by month or year) or a shorter --start/--end range",
    )
    return fill_periods(series.points, series.by, min(periods), max(periods), limit=MAX_CHART_PERIODS,
                        too_many=too_many)


def _rows(series: DyadSeries) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(bar segments, index points, periods without events) as the chart's inline data."""
    bars: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    for p in _gap_filled(series):
        end = add_periods(p.period, series.by)
        label = period_label(p.period, series.by)
        if not p.n_events:
            gaps.append({"period": p.period.isoformat(), "end": end.isoformat(), "label": label,
                         "desc": f"{label}: no events"})
        mid = p.period + (end - p.period) / 2
        low = 0 < p.n_events < LOW_VOLUME_EVENTS
        note = f" · low volume (fewer than {LOW_VOLUME_EVENTS} events)" if low else ""
        index = None if p.index is None else round(p.index, 3)
        points.append({
            "period": p.period.isoformat(), "mid": mid.isoformat(), "label": label, "n_events": p.n_events,
            "index": index, "low": low, "note": note, "goldstein_mean": p.goldstein_mean,
            "desc": f"{label}: {p.n_events} events, index "
                    f"{'none' if index is None else f'{index:+.2f}'}{note}",
        })
        base = 0
        for quad, (label_q, count) in enumerate(zip(QUAD_LABELS, (p.q1, p.q2, p.q3, p.q4), strict=True), 1):
            if count:
                bars.append({
                    "period": p.period.isoformat(), "end": end.isoformat(), "label": label, "quad": label_q,
                    "quad_class": quad, "count": count, "y0": base, "y1": base + count, "n_events": p.n_events,
                    "desc": f"{label}: {count} {label_q} of {p.n_events} events",
                })
                base += count
    return bars, points, gaps


def series_spec(series: DyadSeries, *, width: int | str = 760, height: int = 300,
                title: bool = True) -> dict[str, Any]:
    """The dyad chart as Vega-Lite JSON: bars by quad class, the index line and points.

    `width="container"` fits the chart to its HTML element (the dashboard). Clicking a bar or a
    point is left to the embedding page: every mark's datum carries its `period`. The parameter
    `selected_period` (an ISO date, '' for none) outlines one period. Written as plain JSON rather
    than through Altair's builders, which validate and deep-copy every part (a second per chart).
    """
    bars, points, gaps = _rows(series)
    periods = [Date.fromisoformat(p["period"]) for p in points]
    top = max((p["n_events"] for p in points), default=0)
    # Labels are formatted in UTC, as the periods are (a reader west of Greenwich would see 31 Aug).
    x_axis = {"title": None, "labelExpr": f"utcFormat(datum.value, '{_AXIS_FORMAT[series.by]}')",
              "labelOverlap": "greedy", "labelFlush": True, "labelPadding": 4, "grid": False,
              "values": _tick_values(periods, series.by)}
    # Counts are whole numbers: small ones get a tick per event, larger ones Vega's nice integer ticks.
    count_axis: dict[str, Any] = {"title": "events", "titleColor": "#66707c", "format": "d"}
    if top <= MAX_UNIT_TICKS:
        count_axis["values"] = list(range(top + 1))
    # Every layer names the same axis: a layer with axis=None would hide the shared one.
    x_start = {"field": "period", "type": "temporal", "scale": {"type": "utc"}, "axis": x_axis}
    x_mid = {"field": "mid", "type": "temporal", "scale": {"type": "utc"}, "axis": x_axis}
    index_axis = {"title": "cooperation–conflict index", "orient": "right", "values": [-1, -0.5, 0, 0.5, 1],
                  "titleColor": INDEX_COLOUR, "grid": False}
    y_index = {"field": "index", "type": "quantitative", "scale": {"domain": [-1, 1]}, "axis": index_axis}
    selected = "datum.period === selected_period"

    def tip(field: str, name: str, kind: str = "nominal", fmt: str | None = None) -> dict[str, Any]:
        out = {"field": field, "type": kind, "title": name}
        return {**out, "format": fmt} if fmt else out

    description = {"field": "desc", "type": "nominal"}
    # Periods without events are shaded, so an empty stretch reads as "nothing reported", not as a
    # quiet tie; the index line breaks over them.
    empty = {"data": {"name": "gaps"}, "mark": {"type": "rect", "color": "#eceff3", "opacity": 0.7},
             "encoding": {"x": x_start, "x2": {"field": "end"}, "tooltip": [tip("label", "no events in")],
                          "description": description}}
    bar = {
        "data": {"name": "bars"}, "mark": {"type": "bar", "cursor": "pointer", "strokeWidth": 1.5},
        "encoding": {
            "x": x_start, "x2": {"field": "end"},
            "y": {"field": "y0", "type": "quantitative", "axis": count_axis}, "y2": {"field": "y1"},
            "color": {"field": "quad", "type": "nominal",
                      "scale": {"domain": list(QUAD_LABELS), "range": list(QUAD_COLOURS)},
                      "legend": {"title": None, "orient": "bottom", "direction": "horizontal"}},
            # White outlines part neighbouring periods; the selected one is outlined dark.
            "stroke": {"condition": {"test": selected, "value": "#1d2733"}, "value": "#ffffff"},
            "tooltip": [tip("label", "period"), tip("quad", "kind"), tip("count", "events", "quantitative"),
                        tip("n_events", "all events", "quantitative")],
            "description": description,
        },
    }
    zero = {"data": {"name": "zero"}, "mark": {"type": "rule", "color": "#9aa3ad", "strokeDash": [3, 3]},
            "encoding": {"y": {**y_index, "field": "zero"}}}
    # invalid="break-paths-show-domains": a null index (a period without events) breaks the line.
    line = {"data": {"name": "points"},
            "mark": {"type": "line", "color": INDEX_COLOUR, "strokeWidth": 2, "invalid": "break-paths-show-domains"},
            "encoding": {"x": x_mid, "y": y_index}}
    dots = {
        "data": {"name": "points"}, "transform": [{"filter": "datum.index !== null"}],
        "mark": {"type": "point", "shape": "circle", "size": 46, "strokeWidth": 2, "opacity": 1, "cursor": "pointer"},
        "encoding": {
            "x": x_mid, "y": y_index,
            "fill": {"condition": {"test": "datum.low", "value": "#ffffff"}, "value": INDEX_COLOUR},
            "stroke": {"condition": {"test": selected, "value": "#e08a2e"}, "value": INDEX_COLOUR},
            "size": {"condition": {"test": selected, "value": 120}, "value": 46},
            "tooltip": [tip("label", "period"), tip("n_events", "events", "quantitative"),
                        tip("index", "index", "quantitative", "+.2f"),
                        tip("goldstein_mean", "mean Goldstein", "quantitative", ".2f"), tip("note", "note")],
            "description": description,
        },
    }
    spec: dict[str, Any] = {
        "$schema": VEGA_LITE_SCHEMA,
        "params": [{"name": "selected_period", "value": ""}],
        "layer": [empty, bar, {"layer": [zero, line, dots]}],
        "resolve": {"scale": {"y": "independent"}},
        "width": width, "height": height,
        "config": {"view": {"stroke": None}, "axis": {"labelColor": "#4a5561", "labelFontSize": 11}},
        "datasets": {"bars": bars, "gaps": gaps, "points": points, "zero": [{"zero": 0}]},
    }
    if title:
        spec["title"] = {"text": series_title(series), "anchor": "start", "fontSize": 14, "subtitle": _subtitle(),
                         "subtitleColor": "#66707c"}
    return spec


def series_chart(series: DyadSeries, *, width: int | str = 760, height: int = 300,
                 title: bool = True) -> alt.LayerChart:
    """The dyad chart as an Altair chart object, for notebooks (it displays itself); `series_spec`
    is the same chart as JSON."""
    import altair as alt

    # Not validated here (seconds for a chart): to_dict() validates it against the Vega-Lite schema.
    return alt.LayerChart.from_dict(series_spec(series, width=width, height=height, title=title), validate=False)


def _subtitle() -> str:
    return (f"bars: events by quad class · line: (cooperative − conflictual) / events · hollow point: "
            f"fewer than {LOW_VOLUME_EVENTS} events · grey: no events")


def _tick_values(periods: list[Date], by: str) -> list[int]:
    """X ticks on period starts only (ISO weeks start on Monday, which Vega's weeks do not), every
    k-th period so that at most `MAX_X_TICKS` are labelled; months step to quarters, halves, years."""
    if not periods:
        return []
    steps = {"month": (1, 2, 3, 6, 12, 24, 60), "quarter": (1, 2, 4, 8, 20), "year": (1, 2, 5, 10, 20, 50)}
    need = len(periods) / MAX_X_TICKS
    step = next((k for k in steps.get(by, ()) if k >= need), max(1, -(-len(periods) // MAX_X_TICKS)))
    if by in ("month", "quarter"):
        months = 1 if by == "month" else 3
        chosen = [p for p in periods if ((p.year * 12 + p.month - 1) // months) % step == 0]
    elif by == "year":
        chosen = [p for p in periods if p.year % step == 0]
    else:
        chosen = periods[::step]
    epoch = Date(1970, 1, 1)
    return [(p - epoch).days * 86_400_000 for p in chosen]  # Vega's UTC timestamps, in milliseconds


def _spec(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    return chart if isinstance(chart, dict) else chart.to_dict()


def chart_svg(chart: alt.TopLevelMixin | dict[str, Any]) -> str:
    """A Vega-Lite chart (Altair object or spec) as an SVG document, rendered offline."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(_spec(chart)))


def save_chart(chart: alt.TopLevelMixin | dict[str, Any], path: str | Path) -> Path:
    """Write a Vega-Lite chart to .svg, .png (2x) or .html (interactive, Vega bundled in the file)."""
    import vl_convert

    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in CHART_FORMATS:
        raise ConfigError(f"cannot draw to {out.name}", hint="use a file name ending in .svg, .png or .html")
    if not out.parent.exists():
        raise ConfigError(f"folder {out.parent} does not exist")
    spec = _spec(chart)
    if suffix == ".svg":
        out.write_text(chart_svg(spec), encoding="utf-8")
    elif suffix == ".png":
        out.write_bytes(vl_convert.vegalite_to_png(spec, scale=2))
    else:
        out.write_text(vl_convert.vegalite_to_html(spec, bundle=True), encoding="utf-8")
    return out
