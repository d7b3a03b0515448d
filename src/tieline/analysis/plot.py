"""Writing a dyad series to a file: the dashboard's own chart (`tieline.analysis.chart`) as SVG, PNG or HTML.

The HTML is one self-contained page an analyst can send: the chart as inline SVG (rendered offline
by vl-convert, so the page needs no script) and the series as a table.
"""

from __future__ import annotations

import html
from pathlib import Path

from tieline.analysis.chart import CHART_FORMATS, chart_svg, period_label, save_chart, series_spec, series_title
from tieline.analysis.series import DyadSeries
from tieline.errors import ConfigError

__all__ = ["PAGE_CSS", "plot_series", "series_table"]

#: The look of tieline's self-contained pages (plots and briefs): system fonts, no external resources.
PAGE_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1000px;
color:#1d2733;padding:0 1em}svg{max-width:100%;height:auto}h1{font-size:1.35em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;font-size:13px}td,th{padding:3px 10px;border-bottom:1px solid #e3e7ec}
td.n,th.n{text-align:right}th{text-align:left;color:#66707c;font-weight:600}.muted{color:#66707c;font-size:12px}
"""


def series_table(series: DyadSeries) -> str:
    """The series as an HTML table, one row per period."""
    rows = "\n".join(
        f"<tr><td>{html.escape(period_label(p.period, series.by))}</td>" + "".join(
            f'<td class="n">{html.escape(str(v))}</td>' for v in (
                p.n_events, p.q1, p.q2, p.q3, p.q4, f"{p.goldstein_sum:.1f}",
                "" if p.goldstein_mean is None else f"{p.goldstein_mean:.2f}",
                "" if p.index is None else f"{p.index:+.2f}",
            )) + "</tr>"
        for p in series.points
    )
    head = "".join(f'<th class="n">{h}</th>' for h in (
        "events", "verbal coop.", "material coop.", "verbal conflict", "material conflict", "Goldstein sum",
        "Goldstein mean", "index"))
    return f"<table><thead><tr><th>period</th>{head}</tr></thead><tbody>\n{rows}\n</tbody></table>"


def _html(series: DyadSeries) -> str:
    svg = chart_svg(series_spec(series))
    svg = svg[svg.index("<svg"):]  # drop any XML prologue: the SVG sits inside HTML
    title = html.escape(series_title(series))
    # The chart carries the title; the page repeats it only in <title>, not as a second heading.
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{title}</title>
<style>{PAGE_CSS}</style></head><body>
{svg}
{series_table(series)}
<p class="muted">index = (cooperative − conflictual events) / all events, per period.</p>
</body></html>
"""


def plot_series(series: DyadSeries, path: str | Path) -> Path:
    """Write the series chart to `path`: .svg, .png, or .html (inline SVG chart plus the table)."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in CHART_FORMATS:
        raise ConfigError(f"cannot draw to {out.name}", hint="use a file name ending in .png, .svg or .html")
    if not any(p.n_events for p in series.points):
        raise ConfigError(f"no events for {series.a}–{series.b}: nothing to draw")
    if not out.parent.exists():
        raise ConfigError(f"folder {out.parent} does not exist")
    if suffix in (".html", ".htm"):
        out.write_text(_html(series), encoding="utf-8")
        return out
    return save_chart(series_spec(series), out)
