"""What keeps the API strict and safe to leave open: strict dates, documented error bodies,
a Host check against DNS rebinding, and per-request store connections so an ingest can write
the store while the dashboard is open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import date as Date
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, ConfigDict

from tieline.limits import MAX_DATE, MIN_DATE
from tieline.store.db import READER_LOCK_WAIT_S, connect

__all__ = [
    "DATE_DOC",
    "ERROR_RESPONSES",
    "LOOPBACK_HOSTS",
    "ErrorBody",
    "StoreConnections",
    "allowed_hosts",
    "iso_day",
]

#: Names a browser uses for this machine: a page elsewhere that rebinds its own domain to
#: 127.0.0.1 sends its own name as Host, and is turned away.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
#: Binds that listen on every interface: the server is then meant to be reached by any name.
_PUBLIC_BINDS = {"0.0.0.0", "::", ""}
DATE_DOC = f"YYYY-MM-DD, {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: Any) -> Any:
    """A query date must be written YYYY-MM-DD: no Unix timestamps (`start=0`), no times
    (`2019-01-01T00:00`), which the lenient default parsing would take (pydantic validator)."""
    if value is None or isinstance(value, Date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError(f"a date is written YYYY-MM-DD ({MIN_DATE} to {MAX_DATE})")
    return value


class ErrorInfo(BaseModel):
    model_config = ConfigDict(extra="allow")  # 422s add `details`, the validation errors

    code: str
    message: str
    hint: str | None = None


class ErrorBody(BaseModel):
    """Every error the API sends: `{"error": {"code", "message", "hint"}}`."""

    error: ErrorInfo


def _error_response(description: str) -> dict[str, Any]:
    # The JSON content is named outright: on an HTML route FastAPI would file the model under
    # text/html, while errors are JSON everywhere.
    json_body = {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
    return {"model": ErrorBody, "description": description, "content": {"application/json": json_body}}


#: Documented on every route (FastAPI(responses=...)), in the one shape the handlers send.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error_response("A value the analysis rejects (unknown code, date out of range, start after end), "
                         "or a Host this server does not answer to"),
    404: _error_response("No such event, document or page"),
    405: _error_response("Only GET is served; the `Allow` header says so"),
    422: _error_response("A parameter of the wrong type, pattern or range"),
}


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> list[str] | None:
    """The Host names a server bound to `bind` answers: the loopback names and the bind
    itself, or None (any) when it listens on every interface (`--host 0.0.0.0`)."""
    if bind.strip() in _PUBLIC_BINDS:
        return None
    names = [*LOOPBACK_HOSTS, bind, *extra]
    return list(dict.fromkeys(names))


class StoreConnections:
    """Read-only connections to one store, opened per request and closed after it.

    DuckDB lets a file have one writer or many readers. A connection held for the server's
    life would lock `tieline ingest` out; opened per request, the server lets the writer in
    between requests, and a request that finds the writer committing waits (READER_LOCK_WAIT_S)
    and then sees the new batch. `generation()` changes whenever the file does, so answers
    cached for the whole store are dropped when an ingest adds to it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def connect(self) -> duckdb.DuckDBPyConnection:
        return connect(self.path, read_only=True, wait=READER_LOCK_WAIT_S)

    def generation(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for p in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = os.stat(p)
            except OSError:
                stamp += [0, 0]
            else:
                stamp += [st.st_mtime_ns, st.st_size]
        return tuple(stamp)
