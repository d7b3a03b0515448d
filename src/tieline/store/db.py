"""Opening a store: path resolution, DuckDB connection errors, and schema migrations."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tieline.errors import StoreError
from tieline.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["DB_ENV", "DEFAULT_DB", "READER_LOCK_WAIT_S", "WRITER_LOCK_WAIT_S", "connect",
           "migrate", "resolve_db", "schema_version", "utcnow"]

#: Default store file, relative to the working directory (as git and sqlite tools do).
DEFAULT_DB = "tieline.duckdb"
#: Environment variable that overrides the default store path.
DB_ENV = "TIELINE_DB"


def utcnow() -> datetime:
    """Naive UTC timestamp: DuckDB TIMESTAMP columns carry no zone."""
    return datetime.now(UTC).replace(tzinfo=None)


def resolve_db(db: str | os.PathLike[str] | None) -> Path:
    """The store path: the argument, else $TIELINE_DB, else ./tieline.duckdb."""
    return Path(db if db is not None else os.environ.get(DB_ENV) or DEFAULT_DB).expanduser()


#: Seconds a reader (export, db-info, a dashboard request) waits for a writer to let go of the
#: store: the writer holds it only while it looks documents up or commits a batch (well under a
#: second each), so a longer wait means a writer that is stuck or a long-lived reader.
READER_LOCK_WAIT_S = 30.0
#: Seconds the writer waits for readers to let go before each batch: a dashboard request or
#: an export finishes within this; a notebook holding `tieline.open` for an hour does not.
WRITER_LOCK_WAIT_S = 120.0
#: Pause between attempts to open a store another process holds.
_RETRY_S = 0.05


def _is_lock_error(exc: duckdb.Error) -> bool:
    msg = str(exc).lower()
    return "lock" in msg or "conflicting" in msg


def connect(path: Path, *, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, turning DuckDB's errors into StoreError with a hint.

    DuckDB lets one process write a file, or any number read it, never both at once. While
    another process holds the file, the open is retried for up to `wait` seconds (default:
    READER_LOCK_WAIT_S to read, no wait to write).
    """
    if wait is None:
        wait = READER_LOCK_WAIT_S if read_only else 0.0
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}", hint="create one with `tieline ingest PATH --db FILE`")
    if path.exists() and path.is_dir():
        from tieline.store.parquet import connect_parquet, is_parquet_store

        if not is_parquet_store(path):
            raise StoreError(f"{path} is a directory, not a store file")
        if not read_only:
            raise StoreError(f"{path} is a Parquet folder (from `tieline spark ingest`), which is read-only here",
                             hint=f"load it into a store with `tieline import {path} --db FILE`")
        return connect_parquet(path)  # DuckDB reads the Parquet datasets in place
    if not read_only and not path.parent.exists():
        raise StoreError(f"folder {path.parent} does not exist", hint="create it or pick another --db path")
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if _is_lock_error(exc) and time.monotonic() < deadline:
                time.sleep(_RETRY_S)
                continue
            msg = str(exc)
            if _is_lock_error(exc):
                raise StoreError(
                    f"store {path} is in use by another process",
                    hint="another process kept it open past the wait; readers let a writer in between "
                    "requests, but a long export or an open tieline.open() session blocks it",
                ) from None
            raise StoreError(f"cannot open store {path}: {msg.splitlines()[0]}") from None
        except duckdb.Error as exc:
            raise StoreError(
                f"{path} is not a tieline store: {str(exc).splitlines()[0]}",
                hint="point --db at a DuckDB file made by tieline, or a new path",
            ) from None


# Queries here use fetchall(): DuckDB 2 keeps a half-fetched result open on the connection
# and refuses other work until it is drained.


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration; 0 for an empty database."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchall()[0]
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0]
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations, each in one transaction; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"store schema version {current} is newer than this tieline ({SCHEMA_VERSION})",
            hint="upgrade tieline to read this store",
        )
    applied = []
    for m in MIGRATIONS:
        if m.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for stmt in m.statements:
                con.execute(stmt)
            if m.apply is not None:
                m.apply(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [m.version, m.name, utcnow()])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {m.version} ({m.name}) failed: {exc}") from None
        applied.append(m.version)
    return applied
