"""Event lists behind the numbers: filtered pages of events, one event in full, points for a map."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import Any

import duckdb

from tieline.analysis.common import (
    MAX_LIMIT,
    Period,
    Record,
    actor_is,
    check_code,
    check_limit,
    check_period,
    check_range,
    period_end,
    period_start,
    range_clauses,
    to_date,
)
from tieline.analysis.series import dyad_filter
from tieline.errors import ConfigError, TielineError

__all__ = [
    "EVENT_COLUMNS",
    "MAX_OFFSET",
    "EventPage",
    "EventQuery",
    "PlacePoint",
    "event_row",
    "get_event",
    "list_events",
    "place_points",
]

#: Deepest page offset: beyond it, narrow the filters (deep OFFSET scans are slow and never read).
MAX_OFFSET = 100_000
#: Longest free-text search string.
MAX_QUERY_CHARS = 200

#: Columns of an event in lists (the full row is in `get_event`).
EVENT_COLUMNS = ", ".join([
    "event_id", "doc_id", "sentence_index", "date", "date_precision", "sentence",
    "source_text", "source_code", "source_country", "source_name", "source_start", "source_end",
    "target_text", "target_code", "target_country", "target_name", "target_start", "target_end",
    "trigger", "trigger_start", "trigger_end", "cameo", "cameo_root", "cameo_name", "plover",
    "quad_class", "goldstein", "confidence", "rule",
    "place_name", "place_country", "place_latitude", "place_longitude", "place_precision", "quantities",
])


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for event lists; every field optional. Values are bound as parameters."""

    a: str | None = None  # with b: the dyad a–b (a→b when directed); alone: events involving a
    b: str | None = None
    directed: bool = False
    start: Date | str | None = None
    end: Date | str | None = None
    by: Period | str | None = None  # with period: only that period ("month", 2019-03-01)
    period: Date | str | None = None
    quad_class: int | None = None
    cameo_root: str | None = None
    plover: str | None = None  # PLOVER event type ("ASSAULT"), case-insensitive
    doc_id: str | None = None
    text: str | None = None  # substring of the sentence, case-insensitive
    located: bool = False  # only events with coordinates

    def where(self) -> tuple[str, list[object]]:
        """The WHERE clause and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.b is not None and self.a is None:
            raise ConfigError("a second country needs a first one", hint="pass a (and b for a dyad)")
        if self.a is not None:
            a = check_code(self.a)
            if self.b is not None:
                b = check_code(self.b, "second country")
                where, values = dyad_filter(a, b, self.directed)
                clauses.append(where)
                params += values
            else:
                clauses.append(f"({actor_is('source', a)} OR {actor_is('target', a)})")
                params += [a, a]
        start, end = check_range(self.start, self.end)
        if (self.by is None) != (self.period is None):
            raise ConfigError("a period needs both `by` and `period`", hint="e.g. by=month&period=2019-03-01")
        if self.by is not None and self.period is not None:
            by = check_period(self.by)
            first = period_start(to_date(self.period, "period"), by)  # type: ignore[arg-type]
            clauses.append("date >= ? AND date <= ?")
            params += [first, period_end(first, by)]
        range_sql, range_params = range_clauses(start, end)
        clauses += range_sql
        params += range_params
        if self.quad_class is not None:
            if self.quad_class not in (0, 1, 2, 3, 4):
                raise ConfigError(f"quad class must be 0-4, not {self.quad_class}")
            clauses.append("quad_class = ?")
            params.append(self.quad_class)
        if self.cameo_root is not None:
            root = self.cameo_root.strip()
            if not (root.isdigit() and len(root) == 2 and 1 <= int(root) <= 20):
                raise ConfigError(f"CAMEO root {self.cameo_root!r} is not 01-20")
            clauses.append("cameo_root = ?")
            params.append(root)
        if self.plover is not None:
            from tieline.ontology import plover_type

            try:
                name = plover_type(self.plover).name
            except TielineError as exc:
                raise ConfigError(f"PLOVER type {self.plover!r} is unknown", hint=exc.hint) from None
            clauses.append("plover = ?")
            params.append(name)
        if self.doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        if self.text:
            if len(self.text) > MAX_QUERY_CHARS:
                raise ConfigError(f"search text is longer than {MAX_QUERY_CHARS} characters")
            clauses.append("contains(lower(sentence), ?)")
            params.append(self.text.lower())
        if self.located:
            clauses.append("place_latitude IS NOT NULL AND place_longitude IS NOT NULL")
        return (" AND ".join(clauses) or "TRUE"), params


@dataclass(frozen=True, slots=True)
class EventPage(Record):
    total: int
    limit: int
    offset: int
    items: tuple[dict[str, Any], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class PlacePoint(Record):
    name: str
    country: str | None
    precision: str | None
    latitude: float
    longitude: float
    n_events: int
    goldstein_mean: float | None
    index: float | None


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row made JSON-ready: ISO dates, quantities parsed, spans as pairs."""
    out = dict(row)
    for key, value in out.items():
        if isinstance(value, Date):
            out[key] = value.isoformat()
    raw = out.get("quantities")
    out["quantities"] = json.loads(raw) if isinstance(raw, str) and raw else []
    for role in ("source", "target", "trigger"):
        s, e = out.get(f"{role}_start"), out.get(f"{role}_end")
        out[f"{role}_span"] = [s, e] if s is not None and e is not None else None
    return out


def list_events(
    con: duckdb.DuckDBPyConnection,
    query: EventQuery | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> EventPage:
    """A page of events matching `query`, newest first, with the total count."""
    check_limit(limit, most=MAX_LIMIT)
    if not 0 <= offset <= MAX_OFFSET:
        raise ConfigError(f"offset must be between 0 and {MAX_OFFSET}, not {offset}")
    where, params = (query or EventQuery()).where()
    total_row = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    cur = con.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE {where} "
        "ORDER BY date DESC NULLS LAST, doc_id, sentence_index, event_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    names = [d[0] for d in cur.description]
    items = tuple(event_row(dict(zip(names, r, strict=True))) for r in cur.fetchall())
    return EventPage(total, limit, offset, items)


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event in full, with its document's metadata and how it was coded (`explain`)."""
    cur = con.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    row = cur.fetchone()
    if row is None:
        return None
    out = event_row(dict(zip([d[0] for d in cur.description], row, strict=True)))
    out["document"] = document_row(con, out["doc_id"])
    out["explain"] = {
        "rule": out.get("rule"),
        "trigger": out.get("trigger"),
        "trigger_span": out.get("trigger_span"),
        "event": f"{out.get('cameo')} {out.get('cameo_name')} (PLOVER {out.get('plover')}, "
                 f"quad class {out.get('quad_class')}, Goldstein {out.get('goldstein')})",
        "source_resolution": _resolution(out, "source"),
        "target_resolution": _resolution(out, "target"),
        "date": f"{out.get('date')} ({out.get('date_precision')})" if out.get("date") else None,
        "confidence": out.get("confidence"),
        "place": f"{out.get('place_name')} ({out.get('place_precision')})" if out.get("place_name") else None,
    }
    return out


def _resolution(row: dict[str, Any], role: str) -> str:
    how = row.get(f"{role}_resolution") or "unrecorded"
    return f"{row.get(f'{role}_text')!r} -> {row.get(f'{role}_code')} ({how})"


#: The document columns an event's page shows; `documents.get_document` adds the text.
DOCUMENT_COLUMNS = ("doc_id", "source", "url", "title", "published")


def document_row(
    con: duckdb.DuckDBPyConnection, doc_id: str, columns: tuple[str, ...] = DOCUMENT_COLUMNS
) -> dict[str, Any] | None:
    """One stored document's `columns` (its date as ISO text), or None when the store has no
    documents table or no such document."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'"
    ).fetchone()
    if not found or not found[0]:
        return None
    cur = con.execute(f"SELECT {', '.join(columns)} FROM documents WHERE doc_id = ?", [doc_id])
    row = cur.fetchone()
    if row is None:
        return None
    doc = dict(zip([d[0] for d in cur.description], row, strict=True))
    if isinstance(doc.get("published"), Date):
        doc["published"] = doc["published"].isoformat()
    return doc


def place_points(
    con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *, limit: int = 500
) -> list[PlacePoint]:
    """Located events grouped by place, most events first (for a map)."""
    check_limit(limit)
    where, params = replace(query or EventQuery(), located=True).where()
    sql = f"""
        SELECT place_name, place_country, place_precision, place_latitude, place_longitude, count(*) AS n,
               avg(goldstein),
               ((count(*) FILTER (WHERE quad_class IN (1, 2)) - count(*) FILTER (WHERE quad_class IN (3, 4)))
                ::DOUBLE / count(*))
        FROM events WHERE {where}
        GROUP BY ALL ORDER BY n DESC, place_name LIMIT ?
    """
    rows = con.execute(sql, [*params, limit]).fetchall()
    return [
        PlacePoint(r[0] or "", r[1], r[2], float(r[3]), float(r[4]), r[5],
                   None if r[6] is None else float(r[6]), None if r[7] is None else float(r[7]))
        for r in rows
    ]
