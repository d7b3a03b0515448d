"""Ties over time: dyad series, rankings, partners, networks and shift alerts, in DuckDB SQL over the store.

Every function takes an open DuckDB connection (`open_store()` gives a read-only one) and returns
frozen records with a `to_dict()` JSON form; the CLI and the web API are thin layers over these.
`series_spec(dyad_series(...))` is the dyad chart as Vega-Lite JSON, the one the dashboard and
`tieline dyad --plot` draw; `series_chart` is the same as an Altair object for notebooks;
`save_chart` writes either as SVG, PNG or HTML.
"""

from tieline.analysis.chart import save_chart, series_chart, series_spec
from tieline.analysis.common import INDEX_SQL, MAX_LIMIT, MAX_PERIODS, PERIODS, country_name, open_store
from tieline.analysis.dyads import (
    CountryCount,
    DyadStat,
    Network,
    NetworkEdge,
    NetworkNode,
    Partner,
    StoreSummary,
    countries,
    network,
    partners,
    summary,
    top_dyads,
)
from tieline.analysis.events import EventPage, EventQuery, PlacePoint, get_event, list_events, place_points
from tieline.analysis.series import DyadSeries, SeriesPoint, dyad_series
from tieline.analysis.shifts import (
    SHIFT_MIN_EVENTS,
    SHIFT_SD_FLOOR,
    SHIFT_WINDOW,
    SHIFT_Z,
    Shift,
    detect_shifts,
)

__all__ = [
    "INDEX_SQL",
    "MAX_LIMIT",
    "MAX_PERIODS",
    "PERIODS",
    "SHIFT_MIN_EVENTS",
    "SHIFT_SD_FLOOR",
    "SHIFT_WINDOW",
    "SHIFT_Z",
    "CountryCount",
    "DyadSeries",
    "DyadStat",
    "EventPage",
    "EventQuery",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "Partner",
    "PlacePoint",
    "SeriesPoint",
    "Shift",
    "StoreSummary",
    "countries",
    "country_name",
    "detect_shifts",
    "dyad_series",
    "get_event",
    "list_events",
    "network",
    "open_store",
    "partners",
    "place_points",
    "save_chart",
    "series_chart",
    "series_spec",
    "summary",
    "top_dyads",
]
