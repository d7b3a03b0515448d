"""The dyad chart as one Vega-Lite specification (through Altair) for the dashboard, files and notebooks.

`series_chart()` returns an `altair` chart: in a notebook it displays itself, `.to_dict()` is the
Vega-Lite JSON the dashboard embeds (`/api/dyad/{a}/{b}/chart`), and `save_chart()` writes it as
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
from tieline.analysis.series import DyadSeries, SeriesPoint
from tieline.errors import ConfigError

if TYPE_CHECKING:
    import altair as alt

__all__ = [
    "CHART_FORMATS",
    "INDEX_COLOUR",
    "LOW_VOLUME_EVENTS",
    "QUAD_COLOURS",
    "QUAD_LABELS",
    "chart_svg",
    "period_label",
    "save_chart",
    "series_chart",
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
    have = {p.period: p for p in series.points}
    if not have:
        return []
    out: list[SeriesPoint] = []
    current, last = min(have), max(have)
    while current <= last:
        out.append(have.get(current) or SeriesPoint(current, 0, 0, 0, 0, 0, 0.0, None, None))
        if len(out) > MAX_CHART_PERIODS:
            raise ConfigError(
                f"the chart would span more than {MAX_CHART_PERIODS} {series.by}s",
                hint="use a coarser period (--by month or year) or a shorter --start/--end range",
            )
        current = add_periods(current, series.by)
    return out


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


def series_chart(series: DyadSeries, *, width: int | str = 760, height: int = 300,
                 title: bool = True) -> alt.LayerChart:
    """The dyad chart as an Altair layer chart (bars by quad class, index line and points).

    `width="container"` fits the chart to its HTML element (the dashboard). Clicking a bar or a
    point is left to the embedding page: every mark's datum carries its `period`. The parameter
    `selected_period` (an ISO date, '' for none) outlines one period.
    """
    import altair as alt

    bars, points, gaps = _rows(series)
    periods = [Date.fromisoformat(p["period"]) for p in points]
    # Labels are formatted in UTC, as the periods are (a reader west of Greenwich would see 31 Aug).
    x_axis = alt.Axis(title=None, labelExpr=f"utcFormat(datum.value, '{_AXIS_FORMAT[series.by]}')",
                      labelOverlap="greedy",
                      labelFlush=True, labelPadding=4, grid=False, values=_tick_values(periods, series.by))
    top = max((p["n_events"] for p in points), default=0)
    # Counts are whole numbers: small ones get a tick per event, larger ones Vega's nice integer ticks.
    count_ticks: dict[str, Any] = {"values": list(range(top + 1))} if top <= MAX_UNIT_TICKS else {}
    x_scale = alt.Scale(type="utc")
    selected = alt.param(name="selected_period", value="")
    is_selected = "datum.period === selected_period"

    bar = alt.Chart(alt.Data(values=bars)).mark_bar(cursor="pointer", strokeWidth=1.5).encode(
        x=alt.X("period:T", axis=x_axis, scale=x_scale),
        x2="end:T",
        y=alt.Y("y0:Q", axis=alt.Axis(title="events", titleColor="#66707c", format="d", **count_ticks)),
        y2="y1:Q",
        color=alt.Color("quad:N", scale=alt.Scale(domain=list(QUAD_LABELS), range=list(QUAD_COLOURS)),
                        legend=alt.Legend(title=None, orient="bottom", direction="horizontal")),
        # White outlines part neighbouring periods; the selected one is outlined dark.
        stroke=alt.condition(is_selected, alt.value("#1d2733"), alt.value("#ffffff")),  # type: ignore[no-untyped-call]
        tooltip=[alt.Tooltip("label:N", title="period"), alt.Tooltip("quad:N", title="kind"),
                 alt.Tooltip("count:Q", title="events"), alt.Tooltip("n_events:Q", title="all events")],
        description="desc:N",
    )
    # Periods without events are shaded, so an empty stretch reads as "nothing reported", not as a
    # quiet tie; the index line breaks over them.
    empty = alt.Chart(alt.Data(values=gaps or [{"period": None, "end": None}])).mark_rect(
        color="#eceff3", opacity=0.7).encode(
        x=alt.X("period:T", scale=x_scale, axis=x_axis), x2="end:T",
        tooltip=[alt.Tooltip("label:N", title="no events in")], description="desc:N")
    index_scale = alt.Scale(domain=[-1, 1])
    index_axis = alt.Axis(title="cooperation–conflict index", orient="right", values=[-1, -0.5, 0, 0.5, 1],
                          titleColor=INDEX_COLOUR, grid=False)
    y_index = alt.Y("index:Q", scale=index_scale, axis=index_axis)
    # Every layer names the same axis objects: a layer with axis=None would hide the shared axis.
    x_mid = alt.X("mid:T", scale=x_scale, axis=x_axis)
    base = alt.Chart(alt.Data(values=points))
    # invalid="break-paths-show-domains": a null index (a period without events) breaks the line.
    line = base.mark_line(color=INDEX_COLOUR, strokeWidth=2, invalid="break-paths-show-domains").encode(
        x=x_mid, y=y_index)
    dots = base.transform_filter("datum.index !== null").mark_point(
        size=46, strokeWidth=2, opacity=1, cursor="pointer", shape="circle").encode(
        x=x_mid, y=y_index,
        fill=alt.condition("datum.low", alt.value("#ffffff"), alt.value(INDEX_COLOUR)),  # type: ignore[no-untyped-call]
        stroke=alt.condition(is_selected, alt.value("#e08a2e"), alt.value(INDEX_COLOUR)),  # type: ignore[no-untyped-call]
        size=alt.condition(is_selected, alt.value(120), alt.value(46)),  # type: ignore[no-untyped-call]
        tooltip=[alt.Tooltip("label:N", title="period"), alt.Tooltip("n_events:Q", title="events"),
                 alt.Tooltip("index:Q", title="index", format="+.2f"),
                 alt.Tooltip("goldstein_mean:Q", title="mean Goldstein", format=".2f"),
                 alt.Tooltip("note:N", title="note")],
        description="desc:N",
    )
    zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#9aa3ad", strokeDash=[3, 3]).encode(
        y=alt.Y("zero:Q", scale=index_scale, axis=index_axis))
    index_layer = alt.layer(zero, line, dots)
    chart = alt.layer(empty, bar, index_layer).resolve_scale(y="independent").add_params(selected).properties(
        width=width, height=height)
    if title:
        chart = chart.properties(title=alt.Title(series_title(series), anchor="start", fontSize=14,
                                                 subtitle=_subtitle(), subtitleColor="#66707c"))
    return chart.configure_view(stroke=None).configure_axis(labelColor="#4a5561", labelFontSize=11)


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
