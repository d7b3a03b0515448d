"""The read-only JSON API and dashboard over a store (FastAPI).

Every route is a GET over a read-only DuckDB connection opened for the request and closed after
it, so requests run side by side in FastAPI's threadpool and `tieline ingest` can write the store
between them (web.safety). Parameters are validated
twice: by FastAPI (types, ranges, patterns: 422) and by tieline.analysis (codes, periods, ranges:
400 with the error's code and hint). Nothing is fetched from the network: the dashboard's HTML,
JavaScript and CSS ship in this package, with Vega (vendored from vl-convert-python) drawing the
charts from specifications built in `tieline.analysis.chart` and `tieline.analysis.vega`, and the
map's Natural Earth borders served from the package too.
"""

from __future__ import annotations

import csv
import io
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date as Date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BeforeValidator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from tieline import __version__
from tieline.analysis import (
    EventQuery,
    countries,
    detect_shifts,
    dyad_series,
    get_event,
    list_events,
    network,
    open_store,
    partners,
    place_points,
    summary,
    top_dyads,
)
from tieline.analysis.brief import brief_html
from tieline.analysis.chart import series_spec
from tieline.analysis.documents import get_document
from tieline.analysis.events import MAX_OFFSET
from tieline.analysis.vega import network_spec, world_map_spec, world_topology
from tieline.errors import ConfigError, TielineError
from tieline.store.db import resolve_db
from tieline.web.safety import DATE_DOC, ERROR_RESPONSES, StoreConnections, iso_day

__all__ = ["MAX_CSV_ROWS", "MAX_EVENTS_PAGE", "create_app"]

#: Largest events page a client may ask for: a screenful of sentences, not a bulk export
#: (`tieline export` is for that).
MAX_EVENTS_PAGE = 200
#: Earliest and latest dates the API accepts: wide enough for any news archive, narrow enough
#: that a typo (year 20190) is caught as a bad request.
MIN_DATE, MAX_DATE = Date(1800, 1, 1), Date(2200, 12, 31)
#: Whole-store answers kept in memory (rankings, network, shifts): enough for every combination of
#: options a dashboard session uses, small next to the store.
CACHE_ENTRIES = 256
#: Most events one CSV download holds: what a screen of filters selects, not the store
#: (`tieline export` is for that).
MAX_CSV_ROWS = 10_000
#: Columns of the CSV download, in order: what the events table shows.
CSV_COLUMNS = ("date", "source_code", "source_name", "target_code", "target_name", "cameo", "cameo_name", "plover",
               "quad_class", "goldstein", "sentence", "place_name", "doc_id", "event_id")

_CODE_PATTERN = r"^[A-Za-z]{3}([A-Za-z0-9]{3})?$"
_CODE_DOC = "ISO alpha-3 country code (USA) or IGO code (IGOUNO)"
Code = Annotated[str, PathParam(pattern=_CODE_PATTERN, description=_CODE_DOC)]
OptCode = Annotated[str | None, Query(pattern=_CODE_PATTERN, description=_CODE_DOC)]
By = Literal["day", "week", "month", "quarter", "year"]
OptDate = Annotated[Date | None, BeforeValidator(iso_day), Query(description=DATE_DOC)]
AllDates = Annotated[bool, Query(description="also count events dated outside the corpus' publication span")]


def _cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection per request, closed after it, so `tieline ingest` can write the
    store between requests (see web.safety.StoreConnections)."""
    con = request.app.state.store.connect()
    try:
        yield con
    finally:
        con.close()


Con = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]


def _check_dates(**dates: Date | None) -> None:
    for name, value in dates.items():
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise ConfigError(f"{name} {value} is outside {MIN_DATE}..{MAX_DATE}")


def event_filters(
    a: OptCode = None,
    b: OptCode = None,
    directed: bool = False,
    start: OptDate = None,
    end: OptDate = None,
    by: By | None = None,
    period: OptDate = None,
    quad_class: Annotated[int | None, Query(ge=0, le=4)] = None,
    cameo_root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3,12}$", description="PLOVER type (ASSAULT)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the sentence")] = None,
) -> EventQuery:
    """The event filters the event list, its CSV download and the map share, as one query dependency."""
    _check_dates(start=start, end=end, period=period)
    return EventQuery(a=a, b=b, directed=directed, start=start, end=end, by=by, period=period,
                      quad_class=quad_class, cameo_root=cameo_root, plover=plover, text=q or None)


Filters = Annotated[EventQuery, Depends(event_filters)]


def _error(status: int, code: str, message: str, hint: str | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message, "hint": hint, **extra}}
    return JSONResponse(body, status_code=status)


def _csv(items: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow(["" if item.get(c) is None else item[c] for c in CSV_COLUMNS])
    return out.getvalue()


def create_app(db: str | Path | None = None, *, allowed_hosts: Iterable[str] | None = None) -> FastAPI:
    """The web app over store `db` (argument, else $TIELINE_DB, else ./tieline.duckdb).

    The store is opened (read-only) here, so a missing or foreign file fails before serving;
    requests then open it each time. With `allowed_hosts` (`tieline serve` passes
    `web.safety.allowed_hosts(--host)`), requests naming another Host get 400.
    """
    root = open_store(db)
    store = StoreConnections(resolve_db(db))
    root.close()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="tieline",
        version=__version__,
        description="Read-only API over a tieline event store: dyad series, rankings, partners, "
                    "network, shifts and the events behind them.",
        # Swagger UI and ReDoc load their scripts from a CDN; the spec itself is served offline.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        responses=ERROR_RESPONSES,
    )
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.state.store = store
    # Whole-store answers are kept until the store file changes (an ingest committed).
    memo: OrderedDict[tuple[object, ...], Any] = OrderedDict()
    lock = threading.Lock()
    seen = [store.generation()]

    def remember(key: tuple[object, ...], compute: Callable[[], Any]) -> Any:
        with lock:
            now = store.generation()
            if now != seen[0]:
                memo.clear()
                seen[0] = now
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = compute()
        with lock:
            memo[key] = value
            while len(memo) > CACHE_ENTRIES:
                memo.popitem(last=False)
        return value

    @app.exception_handler(TielineError)
    async def _tieline_error(_: Request, exc: TielineError) -> JSONResponse:
        return _error(400, exc.code, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'path'))}: {e.get('msg')}"
            for e in exc.errors()
        ]
        return _error(422, "T200", "; ".join(problems) or "invalid request", details=jsonable(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))
        response.headers.update(exc.headers or {})  # 405 carries Allow
        return response

    static = resources.files("tieline.web").joinpath("static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(static.joinpath("index.html").read_text("utf-8"))

    app.mount("/static", StaticFiles(packages=[("tieline.web", "static")]), name="static")

    @app.get("/api/summary", tags=["store"])
    def api_summary(con: Con) -> dict[str, Any]:
        """Counts and date range of the store."""
        return remember(("summary",), lambda: summary(con).to_dict())

    @app.get("/api/countries", tags=["store"])
    def api_countries(con: Con, limit: Annotated[int, Query(ge=1, le=1000)] = 300) -> list[dict[str, Any]]:
        """Countries (and IGOs) in dyads, with their event counts, most first."""
        return remember(("countries", limit), lambda: [c.to_dict() for c in countries(con, limit=limit)])

    @app.get("/api/codes", tags=["store"])
    def api_codes() -> dict[str, Any]:
        """The filters' vocabularies: CAMEO roots with names, PLOVER types, quad classes."""
        from tieline import ontology

        return {
            "cameo_roots": [{"code": r, "name": ontology.cameo(r).name} for r in ontology.ROOTS],
            "plover": [{"code": t.name, "quad_class": t.quad} for t in ontology.plover_types()],
            "quad_classes": [{"code": q, "name": n} for q, n in ontology.QUAD_CLASS_NAMES.items()],
        }

    @app.get("/api/events", tags=["events"])
    def api_events(
        con: Con,
        filters: Filters,
        doc_id: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_EVENTS_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """A page of events, newest first: a dyad (a, b) or a country (a), a range or one period."""
        query = replace(filters, doc_id=doc_id)
        return list_events(con, query, limit=limit, offset=offset).to_dict()

    @app.get("/api/events.csv", tags=["events"], response_class=Response,
             responses={200: {"content": {"text/csv": {}}, "description": "the events as CSV"}})
    def api_events_csv(
        con: Con,
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_CSV_ROWS)] = MAX_CSV_ROWS,
    ) -> Response:
        """The events the filters select, newest first, as a CSV file (at most 10,000 rows)."""
        items: list[dict[str, Any]] = []
        while len(items) < limit:
            page = list_events(con, filters, limit=min(1000, limit - len(items)), offset=len(items))
            items += page.items
            if len(page.items) < page.limit:
                break
        return Response(_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="tieline-events.csv"'})

    @app.get("/api/documents/{doc_id}", tags=["events"])
    def api_document(
        con: Con, doc_id: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    ) -> dict[str, Any]:
        """The article behind events: title, source, URL, date, text, and its events with the
        character spans of their sentence, source, target and trigger in the text."""
        found = get_document(con, doc_id)
        if found is None:
            raise HTTPException(404, detail=f"no document {doc_id}")
        return found

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(
        con: Con, event_id: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
    ) -> dict[str, Any]:
        """One event in full: sentence, actors, spans, place, quantities, document and `explain`."""
        found = get_event(con, event_id)
        if found is None:
            raise HTTPException(404, detail=f"no event {event_id}")
        return found

    @app.get("/api/dyad/{a}/{b}/series", tags=["dyads"])
    def api_series(
        con: Con,
        a: Code,
        b: Code,
        by: By = "month",
        directed: bool = False,
        start: OptDate = None,
        end: OptDate = None,
        fill: bool = False,
        all_dates: AllDates = False,
    ) -> dict[str, Any]:
        """The dyad's series per period: counts by quad class, Goldstein sum/mean and the index."""
        _check_dates(start=start, end=end)
        return dyad_series(con, a, b, by=by, directed=directed, start=start, end=end, fill=fill,
                           all_dates=all_dates).to_dict()

    @app.get("/api/dyad/{a}/{b}/chart", tags=["charts"])
    def api_series_chart(
        con: Con,
        a: Code,
        b: Code,
        by: By = "month",
        directed: bool = False,
        start: OptDate = None,
        end: OptDate = None,
        fill: bool = False,
        all_dates: AllDates = False,
    ) -> dict[str, Any]:
        """The dyad chart as a Vega-Lite spec: the one `tieline dyad --plot` draws (fits its container)."""
        _check_dates(start=start, end=end)
        series = dyad_series(con, a, b, by=by, directed=directed, start=start, end=end, fill=fill,
                             all_dates=all_dates)
        spec = series_spec(series, width="container", height=280, title=False)
        spec["usermeta"] = {"n_events": series.n_events, "points": sum(1 for p in series.points if p.n_events)}
        return spec

    @app.get("/brief/{a}/{b}", response_class=HTMLResponse, tags=["charts"])
    def brief_page(request: Request, con: Con, a: Code, b: Code, start: OptDate = None,
                   end: OptDate = None, by: By = "month") -> HTMLResponse:
        """The dyad brief (`tieline brief`): a self-contained page on the tie, to save and send."""
        _check_dates(start=start, end=end)
        return HTMLResponse(brief_html(con, a, b, start=start, end=end, by=by, link_base=str(request.base_url)))

    @app.get("/api/top", tags=["dyads"])
    def api_top(
        con: Con,
        rank: Literal["volume", "change"] = "volume",
        start: OptDate = None,
        end: OptDate = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
        directed: bool = False,
        domestic: bool = False,
    ) -> list[dict[str, Any]]:
        """Dyads ranked by events, or by change of index against the previous window."""
        _check_dates(start=start, end=end)
        return remember(("top", rank, start, end, limit, directed, domestic), lambda: [
            r.to_dict() for r in top_dyads(con, by=rank, start=start, end=end, limit=limit, directed=directed,
                                           include_domestic=domestic)])

    @app.get("/api/partners/{country}", tags=["dyads"])
    def api_partners(
        con: Con,
        country: Code,
        start: OptDate = None,
        end: OptDate = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> list[dict[str, Any]]:
        """A country's partners, most events first."""
        _check_dates(start=start, end=end)
        return remember(("partners", country.upper(), start, end, limit), lambda: [
            p.to_dict() for p in partners(con, country, start=start, end=end, limit=limit)])

    @app.get("/api/network", tags=["dyads"])
    def api_network(
        con: Con,
        start: OptDate = None,
        end: OptDate = None,
        min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> dict[str, Any]:
        """Countries and their ties (edges weighted by events and Goldstein), busiest edges first."""
        _check_dates(start=start, end=end)
        return remember(("network", start, end, min_events, limit), lambda: network(
            con, start=start, end=end, min_events=min_events, limit=limit).to_dict())

    @app.get("/api/network/chart", tags=["charts"])
    def api_network_chart(
        con: Con,
        start: OptDate = None,
        end: OptDate = None,
        min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        limit: Annotated[int, Query(ge=1, le=500)] = 60,
        a: OptCode = None,
        b: OptCode = None,
    ) -> dict[str, Any]:
        """The network as a Vega spec (force layout; the dyad a–b drawn active)."""
        _check_dates(start=start, end=end)
        net = remember(("network-records", start, end, min_events, limit), lambda: network(
            con, start=start, end=end, min_events=min_events, limit=limit))
        return network_spec(net, active=[c.upper() for c in (a, b) if c])

    @app.get("/api/map", tags=["charts"])
    def api_map(
        con: Con,
        filters: Filters,
        shade: Literal["index", "volume"] = "index",
        limit: Annotated[int, Query(ge=1, le=1000)] = 300,
    ) -> dict[str, Any]:
        """The world map as a Vega spec: Natural Earth borders (fetched from /api/borders), countries
        shaded by their tie with `a` (or by events, without `a`), the filtered events' places."""
        places = place_points(con, filters, limit=limit)
        if filters.a:
            a = filters.a.upper()
            shades = {p.partner: (p.index, p.n_events) for p in remember(
                ("partners-records", a, filters.start, filters.end, 200),
                lambda: partners(con, a, start=filters.start, end=filters.end, limit=200))}
        else:
            # "-records": /api/countries and /api/partners cache dicts under the plain keys.
            shades = {c.code: (None, c.n_events) for c in remember(("countries-records", 1000), lambda: countries(
                con, limit=1000))}
            shade = "volume"
        return world_map_spec(shades, places, shade=shade, highlight=[c.upper() for c in (filters.a, filters.b) if c],
                              topology_url="/api/borders")

    @app.get("/api/borders", tags=["charts"])
    def api_borders() -> dict[str, Any]:
        """Natural Earth country borders (1:110m, public domain) as TopoJSON, for the map."""
        return world_topology()

    @app.get("/api/shifts", tags=["dyads"])
    def api_shifts(
        con: Con,
        since: OptDate = None,
        until: OptDate = None,
        by: By = "month",
        a: OptCode = None,
        b: OptCode = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        drivers: Annotated[int, Query(ge=1, le=20)] = 5,
        all_dates: AllDates = False,
    ) -> list[dict[str, Any]]:
        """The largest shifts of dyads' index against their own baseline, with the driving events."""
        _check_dates(since=since, until=until)
        if b is not None and a is None:
            raise ConfigError("b needs a", hint="pass a for a country's dyads, a and b for one dyad")
        key = ("shifts", by, since, until, a and a.upper(), b and b.upper(), limit, drivers, all_dates)
        return remember(key, lambda: [s.to_dict() for s in detect_shifts(
            con, by=by, since=since, until=until, a=a, b=b, limit=limit, drivers=drivers, all_dates=all_dates)])

    @app.get("/api/places", tags=["events"])
    def api_places(
        con: Con,
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> list[dict[str, Any]]:
        """Located events grouped by place (for the map), most events first."""
        return [p.to_dict() for p in place_points(con, filters, limit=limit)]

    return app


def jsonable(value: Any) -> Any:
    """Validation error details made JSON-safe (they may hold exceptions and dates)."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if k != "ctx" or isinstance(v, dict)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
