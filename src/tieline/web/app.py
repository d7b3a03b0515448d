"""The read-only JSON API and dashboard over a store (FastAPI).

Every route is a GET over a read-only DuckDB connection; each request gets its own cursor, so the
threadpool FastAPI runs sync routes in can serve requests side by side. Parameters are validated
twice: by FastAPI (types, ranges, patterns: 422) and by tieline.analysis (codes, periods, ranges:
400 with the error's code and hint). Nothing is fetched from the network: the dashboard's HTML,
JavaScript and CSS ship in this package and draw their charts as SVG.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date as Date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

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
from tieline.analysis.events import MAX_OFFSET
from tieline.errors import ConfigError, TielineError

__all__ = ["BASEMAP_MIN_POPULATION", "MAX_EVENTS_PAGE", "create_app"]

#: Largest events page a client may ask for: a screenful of sentences, not a bulk export
#: (`tieline export` is for that).
MAX_EVENTS_PAGE = 200
#: Earliest and latest dates the API accepts: wide enough for any news archive, narrow enough
#: that a typo (year 20190) is caught as a bad request.
MIN_DATE, MAX_DATE = Date(1800, 1, 1), Date(2200, 12, 31)
#: Whole-store answers kept in memory (rankings, network, shifts): enough for every combination of
#: options a dashboard session uses, small next to the store.
CACHE_ENTRIES = 256
#: Towns drawn as the map's faint background (the land's shape without a tile server): those above
#: 100k people, about 4,000 dots.
BASEMAP_MIN_POPULATION = 100_000

_CODE_PATTERN = r"^[A-Za-z]{3}([A-Za-z0-9]{3})?$"
_CODE_DOC = "ISO alpha-3 country code (USA) or IGO code (IGOUNO)"
Code = Annotated[str, PathParam(pattern=_CODE_PATTERN, description=_CODE_DOC)]
OptCode = Annotated[str | None, Query(pattern=_CODE_PATTERN, description=_CODE_DOC)]
By = Literal["day", "week", "month", "quarter", "year"]
OptDate = Annotated[Date | None, Query(description="YYYY-MM-DD")]


def _cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """One cursor per request on the app's read-only connection (cursors may run in parallel)."""
    cur = request.app.state.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


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
) -> EventQuery:
    """The event filters the event list and the map share, as one query dependency."""
    _check_dates(start=start, end=end, period=period)
    return EventQuery(a=a, b=b, directed=directed, start=start, end=end, by=by, period=period,
                      quad_class=quad_class)


Filters = Annotated[EventQuery, Depends(event_filters)]


def _error(status: int, code: str, message: str, hint: str | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message, "hint": hint, **extra}}
    return JSONResponse(body, status_code=status)


@lru_cache(maxsize=1)
def _basemap() -> list[list[float]]:
    from tieline.places.gazetteer import gazetteer

    seen: set[tuple[float, float]] = set()
    for entries in gazetteer().cities.values():
        for city in entries:
            if city.primary and city.population >= BASEMAP_MIN_POPULATION:
                seen.add((round(city.latitude, 1), round(city.longitude, 1)))
    return [[lat, lon] for lat, lon in sorted(seen)]


def create_app(db: str | Path | None = None) -> FastAPI:
    """The web app over store `db` (argument, else $TIELINE_DB, else ./tieline.duckdb).

    The store is opened (read-only) here, so a missing or foreign file fails before serving.
    """
    root = open_store(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        root.close()

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
    )
    app.state.con = root
    # The store cannot change while it is open read-only, so whole-store answers are kept.
    memo: OrderedDict[tuple[object, ...], Any] = OrderedDict()
    lock = threading.Lock()

    def remember(key: tuple[object, ...], compute: Callable[[], Any]) -> Any:
        with lock:
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
        return _error(exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))

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

    @app.get("/api/events", tags=["events"])
    def api_events(
        con: Con,
        filters: Filters,
        cameo_root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
        doc_id: Annotated[str | None, Query(max_length=64)] = None,
        q: Annotated[str | None, Query(max_length=200, description="text in the sentence")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_EVENTS_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> dict[str, Any]:
        """A page of events, newest first: a dyad (a, b) or a country (a), a range or one period."""
        query = replace(filters, cameo_root=cameo_root, doc_id=doc_id, text=q)
        return list_events(con, query, limit=limit, offset=offset).to_dict()

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
    ) -> dict[str, Any]:
        """The dyad's series per period: counts by quad class, Goldstein sum/mean and the index."""
        _check_dates(start=start, end=end)
        return dyad_series(con, a, b, by=by, directed=directed, start=start, end=end, fill=fill).to_dict()

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
    ) -> list[dict[str, Any]]:
        """The largest shifts of dyads' index against their own baseline, with the driving events."""
        _check_dates(since=since, until=until)
        if b is not None and a is None:
            raise ConfigError("b needs a", hint="pass a for a country's dyads, a and b for one dyad")
        key = ("shifts", by, since, until, a and a.upper(), b and b.upper(), limit, drivers)
        return remember(key, lambda: [s.to_dict() for s in detect_shifts(
            con, by=by, since=since, until=until, a=a, b=b, limit=limit, drivers=drivers)])

    @app.get("/api/places", tags=["events"])
    def api_places(
        con: Con,
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> list[dict[str, Any]]:
        """Located events grouped by place (for the map), most events first."""
        return [p.to_dict() for p in place_points(con, filters, limit=limit)]

    @app.get("/api/basemap", tags=["store"])
    def api_basemap() -> list[list[float]]:
        """[latitude, longitude] of large towns: the map's background, from the offline gazetteer."""
        return _basemap()

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
