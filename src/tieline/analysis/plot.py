"""Drawing a dyad series: quad-class stacks with the cooperation–conflict index, as PNG or HTML.

The HTML is one self-contained file: the chart as inline SVG and the series as a table, with no
scripts or remote resources.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from tieline.analysis.common import country_name
from tieline.analysis.series import DyadSeries
from tieline.errors import ConfigError

__all__ = ["QUAD_COLOURS", "QUAD_LABELS", "plot_series", "render_figure"]

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
#: Greens for cooperation, oranges/reds for conflict; the dashboard uses the same colours.
QUAD_COLOURS = ("#9fd8a4", "#2e9b47", "#f4a261", "#c0392b")
_BAR_DAYS = {"day": 0.8, "week": 5.5, "month": 24.0, "quarter": 70.0, "year": 300.0}


def _title(series: DyadSeries) -> str:
    arrow = "→" if series.directed else "–"
    return (f"{country_name(series.a)} {arrow} {country_name(series.b)}: events per {series.by} "
            "and cooperation–conflict index")


def render_figure(series: DyadSeries, fmt: str) -> bytes:
    """The chart as PNG or SVG bytes (matplotlib, headless)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.8), dpi=110)
    try:
        periods = mdates.date2num([p.period for p in series.points])
        width = _BAR_DAYS[series.by]
        bottom = [0] * len(periods)
        stacks = [[p.q1 for p in series.points], [p.q2 for p in series.points],
                  [p.q3 for p in series.points], [p.q4 for p in series.points]]
        for values, label, colour in zip(stacks, QUAD_LABELS, QUAD_COLOURS, strict=True):
            ax.bar(periods, values, bottom=bottom, width=width, align="edge", color=colour, label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel("events")
        ax.set_title(_title(series), fontsize=11)
        right = ax.twinx()
        # Index points sit over the middle of their period's bar.
        pts = [(x + width / 2, p.index) for x, p in zip(periods, series.points, strict=True)
               if p.index is not None]
        if pts:
            right.plot([x for x, _ in pts], [v for _, v in pts], color="#1f3b73", marker="o", lw=1.8,
                       label="index")
        right.axhline(0, color="#888888", lw=0.8, ls=":")
        right.set_ylim(-1.05, 1.05)
        right.set_ylabel("index (−1 conflict … +1 cooperation)")
        handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
        labels = ax.get_legend_handles_labels()[1] + right.get_legend_handles_labels()[1]
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False,
                  ncols=5)
        ax.xaxis_date()
        fig.autofmt_xdate(rotation=0, ha="center")
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt)
        return buf.getvalue()
    finally:
        plt.close(fig)


def _html(series: DyadSeries) -> str:
    svg = render_figure(series, "svg").decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML prologue: the SVG sits inside HTML
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
            p.period.isoformat(), p.n_events, p.q1, p.q2, p.q3, p.q4, f"{p.goldstein_sum:.1f}",
            "" if p.goldstein_mean is None else f"{p.goldstein_mean:.2f}",
            "" if p.index is None else f"{p.index:+.2f}",
        )) + "</tr>"
        for p in series.points
    )
    title = html.escape(_title(series))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;color:#222}}svg{{max-width:100%;height:auto}}
table{{border-collapse:collapse;font-size:13px}}
td,th{{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}}
</style></head><body>
<h1 style="font-size:1.2em">{title}</h1>
{svg}
<table><thead><tr><th>period</th><th>events</th><th>verbal coop.</th><th>material coop.</th>
<th>verbal conflict</th><th>material conflict</th><th>Goldstein sum</th><th>Goldstein mean</th><th>index</th>
</tr></thead><tbody>
{rows}
</tbody></table>
<p style="font-size:12px;color:#666">index = (cooperative − conflictual events) / all events, per period.</p>
</body></html>
"""


def plot_series(series: DyadSeries, path: str | Path) -> Path:
    """Write the series chart to `path`: .png (matplotlib) or .html (inline SVG plus the table)."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".html", ".htm"):
        raise ConfigError(f"cannot draw to {out.name}", hint="use a file name ending in .png or .html")
    if not series.points:
        raise ConfigError(f"no events for {series.a}–{series.b}: nothing to draw")
    if not out.parent.exists():
        raise ConfigError(f"folder {out.parent} does not exist")
    if suffix == ".png":
        out.write_bytes(render_figure(series, "png"))
    else:
        out.write_text(_html(series), encoding="utf-8")
    return out
