"""Opening a store: path resolution, DuckDB connection errors, and schema migrations."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tieline.errors import StoreError
from tieline.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["DB_ENV", "DEFAULT_DB", "connect", "migrate", "resolve_db", "schema_version", "utcnow"]

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


def connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, turning DuckDB's errors into StoreError with a hint."""
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}", hint="create one with `tieline ingest PATH --db FILE`")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a directory, not a store file")
    if not read_only and not path.parent.exists():
        raise StoreError(f"folder {path.parent} does not exist", hint="create it or pick another --db path")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise StoreError(
                f"store {path} is in use by another process",
                hint="while one process writes a store no other process can open it; "
                "wait for it to finish or use another --db",
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
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [m.version, m.name, utcnow()])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {m.version} ({m.name}) failed: {exc}") from None
        applied.append(m.version)
    return applied
