"""A dyad brief: one self-contained HTML page about a tie that an analyst can send on.

The page holds the tie's series (the dashboard's chart, as inline SVG), its headline figures, the
shifts with their driving sentences and links to the articles, the most frequent kinds of event
each way, and each side's other partners over the same period. Charts are rendered to SVG here
(vl-convert), so the page has no script and loads nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Date
from typing import Any

import duckdb

from tieline.analysis.chart import INDEX_COLOUR, VEGA_LITE_SCHEMA, chart_svg, period_label, series_spec
from tieline.analysis.common import INDEX_SQL, check_code, check_range, country_name, range_clauses
from tieline.analysis.dyads import Partner, partners
from tieline.analysis.plot import PAGE_CSS
from tieline.analysis.series import DyadSeries, dyad_filter, dyad_series
from tieline.analysis.shifts import Shift, detect_shifts
from tieline.analysis.span import publication_span
from tieline.errors import ConfigError

__all__ = ["BRIEF_PARTNERS", "BRIEF_SHIFTS", "BRIEF_TYPES", "EventType", "brief_html"]

#: Kinds of event listed each way, shifts shown, and other partners charted per side: a page's worth.
BRIEF_TYPES = 6
BRIEF_SHIFTS = 5
BRIEF_PARTNERS = 8
#: Driving sentences quoted per shift.
BRIEF_DRIVERS = 3


@dataclass(frozen=True, slots=True)
class EventType:
    cameo: str
    name: str
    n_events: int
    goldstein_mean: float | None


def _event_types(con: duckdb.DuckDBPyConnection, a: str, b: str, start: Date | None, end: Date | None,
                 limit: int) -> list[EventType]:
    """The most frequent CAMEO codes from a to b in the window."""
    where, params = dyad_filter(a, b, directed=True)
    clauses, more = range_clauses(start, end)
    rows = con.execute(
        f"SELECT cameo, any_value(cameo_name), count(*) AS n, avg(goldstein) FROM events "
        f"WHERE {' AND '.join([where, *clauses])} GROUP BY cameo ORDER BY n DESC, cameo LIMIT ?",
        [*params, *more, limit],
    ).fetchall()
    return [EventType(r[0], r[1] or "", r[2], None if r[3] is None else float(r[3])) for r in rows]


def _totals(con: duckdb.DuckDBPyConnection, a: str, b: str, start: Date | None,
            end: Date | None) -> tuple[int, float | None]:
    where, params = dyad_filter(a, b, directed=False)
    clauses, more = range_clauses(start, end)
    row = con.execute(f"SELECT count(*), {INDEX_SQL} FROM events WHERE {' AND '.join([where, *clauses])}",
                      [*params, *more]).fetchone()
    return (int(row[0]), None if row[1] is None else float(row[1])) if row else (0, None)


def _partner_chart(country: str, others: list[Partner]) -> str:
    """A side's other partners as horizontal bars (events), coloured by the tie's index."""
    rows = [{"name": p.name or p.partner, "n_events": p.n_events, "index": p.index} for p in others]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {"field": "name", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "n_events", "type": "quantitative", "title": "events",
                  "axis": {"format": "d", "tickMinStep": 1}},
            "color": {"field": "index", "type": "quantitative",
                      "scale": {"domain": [-1, 0, 1], "range": ["#c0392b", "#d9d7cf", "#2e9b47"]},
                      "legend": {"title": "index", "orient": "bottom", "gradientLength": 120}},
        },
        "width": 300, "height": max(60, 22 * len(rows)),
        "title": {"text": f"{country_name(country)}'s other partners", "anchor": "start", "fontSize": 13},
        "config": {"view": {"stroke": None}},
    }
    svg = chart_svg(spec)
    return svg[svg.index("<svg"):]


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _sentence(event: dict[str, Any]) -> str:
    """The sentence with its trigger in bold (spans are offsets into the sentence)."""
    text = event.get("sentence") or ""
    span = event.get("trigger_span")
    if not span or not 0 <= span[0] < span[1] <= len(text):
        return _esc(text)
    s, e = span
    return f"{_esc(text[:s])}<b>{_esc(text[s:e])}</b>{_esc(text[e:])}"


def _shift_section(shifts: list[Shift], documents: dict[str, dict[str, Any]], link_base: str | None) -> str:
    if not shifts:
        return "<p class='muted'>No shift: the index never left its own recent baseline by two standard deviations.</p>"
    items = []
    for s in shifts:
        colour = "#2e9b47" if s.direction == "cooperation" else "#c0392b"
        drivers = []
        for ev in s.events[:BRIEF_DRIVERS]:
            doc = documents.get(ev["doc_id"], {})
            title = doc.get("title") or "the article"
            href = doc.get("url") or (f"{link_base}#doc={ev['doc_id']}&event={ev['event_id']}" if link_base else None)
            source = f" ({_esc(doc.get('source'))}, {_esc(doc.get('published'))})" if doc.get("source") else ""
            link = f"<a href='{_esc(href)}'>{_esc(title)}</a>" if href else _esc(title)
            drivers.append(f"<li>“{_sentence(ev)}” <span class='muted'>— {link}{source}</span></li>")
        items.append(
            f"<li><b style='color:{colour}'>towards {s.direction}</b> in {_esc(period_label(s.period, s.by))}: "
            f"index {s.index:+.2f} against a baseline of {s.baseline_mean:+.2f} (z = {s.z:+.1f}, "
            f"{s.n_events} events)<ul>{''.join(drivers)}</ul></li>")
    return f"<ol class='shifts'>{''.join(items)}</ol>"


def _documents(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    cur = con.execute("SELECT doc_id, coalesce(nullif(title, ''), left(text, 90) || '…') AS title, url, source, "
                      "published FROM documents WHERE list_contains(?, doc_id)", [sorted(ids)])
    names = [d[0] for d in cur.description]
    return {r[0]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def _types_table(a: str, b: str, types: list[EventType]) -> str:
    head = f"<h3>{_esc(country_name(a))} → {_esc(country_name(b))}</h3>"
    if not types:
        return head + "<p class='muted'>no events this way</p>"
    rows = "".join(f"<tr><td>{_esc(t.cameo)}</td><td>{_esc(t.name)}</td><td class='n'>{t.n_events}</td>"
                   f"<td class='n'>{'' if t.goldstein_mean is None else f'{t.goldstein_mean:+.1f}'}</td></tr>"
                   for t in types)
    return (head + "<table><thead><tr><th>CAMEO</th><th>event</th><th class='n'>events</th>"
            f"<th class='n'>Goldstein</th></tr></thead><tbody>{rows}</tbody></table>")


def brief_html(con: duckdb.DuckDBPyConnection, a: str, b: str, *, start: Date | str | None = None,
               end: Date | str | None = None, by: str = "month", link_base: str | None = None) -> str:
    """The brief on the tie a–b as one HTML page. Without start/end it covers the corpus' publication span.

    `link_base` (the dashboard's address) links driving sentences whose article has no URL to the
    dashboard's document view.
    """
    a, b = check_code(a, "first country"), check_code(b, "second country")
    if a == b:
        raise ConfigError(f"a brief needs two different actors, not {a} twice")
    s, e = check_range(start, end)
    span = publication_span(con)
    s, e = s or span.start, e or span.end
    series: DyadSeries = dyad_series(con, a, b, by=by, start=s, end=e)
    n_events, index = _totals(con, a, b, s, e)
    if not n_events:
        raise ConfigError(f"no events between {a} and {b} in this period: nothing to brief",
                          hint="check the codes with `tieline partners` or widen --from/--to")
    shifts = detect_shifts(con, by=by, since=s, until=e, a=a, b=b, limit=BRIEF_SHIFTS, drivers=BRIEF_DRIVERS)
    docs = _documents(con, {ev["doc_id"] for sh in shifts for ev in sh.events})
    ways = [_types_table(x, y, _event_types(con, x, y, s, e, BRIEF_TYPES)) for x, y in ((a, b), (b, a))]
    sides = []
    for country, other in ((a, b), (b, a)):
        others = [p for p in partners(con, country, start=s, end=e, limit=BRIEF_PARTNERS + 1) if p.partner != other]
        sides.append(_partner_chart(country, others[:BRIEF_PARTNERS]) if others
                     else f"<p class='muted'>{_esc(country_name(country))} has no other partners here.</p>")
    chart = chart_svg(series_spec(series))
    chart = chart[chart.index("<svg"):]
    title = f"{country_name(a)} – {country_name(b)}"
    first, last = (series.points[0].period, series.points[-1].period) if series.points else (s, e)
    window = f"{_esc(first)} to {_esc(last)}" if first and last else "all dates"
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    index_text = "none" if index is None else f"{index:+.2f}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Brief: {_esc(title)}</title>
<style>{PAGE_CSS}.figures{{display:flex;gap:2em;margin:1em 0}}.figures div b{{display:block;font-size:1.6em;
color:{INDEX_COLOUR}}}.pair{{display:flex;gap:2em;flex-wrap:wrap}}.pair>div{{flex:1;min-width:320px}}
ol.shifts li{{margin-bottom:.8em}}ol.shifts ul{{margin:.3em 0;padding-left:1.2em;font-size:13px}}</style></head><body>
<h1>Brief: {_esc(title)}</h1>
<p class="muted">Events coded by tieline from the stored news, {window}, per {_esc(by)}. Generated {made}.</p>
<div class="figures"><div><b>{n_events}</b>events</div><div><b>{index_text}</b>cooperation–conflict index</div>
<div><b>{len(shifts)}</b>shifts</div></div>
{chart}
<h2>Shifts</h2>
<p class="muted">Periods where the index left its own baseline of the previous six periods (rolling z-score);
the sentences are the strongest events on the side of the move.</p>
{_shift_section(shifts, docs, link_base)}
<h2>Most frequent events each way</h2>
<div class="pair"><div>{ways[0]}</div><div>{ways[1]}</div></div>
<h2>Other partners over the same period</h2>
<div class="pair"><div>{sides[0]}</div><div>{sides[1]}</div></div>
<p class="muted">index = (cooperative − conflictual events) / all events, from −1 (all conflict) to +1 (all
cooperation). CAMEO codes and Goldstein scores as coded; every event links to its sentence in the store.</p>
</body></html>
"""
