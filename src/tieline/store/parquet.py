"""A Parquet folder (written by `tieline spark ingest`) read as a store, and loaded into one.

The folder holds ``events/`` (partitioned ``month=YYYY-MM``), ``documents/``, ``quarantine/`` and
``runs/`` datasets with the store's columns. DuckDB reads Parquet directly, so opening the folder
gives an in-memory connection whose ``events``, ``documents``, ``quarantine`` and ``runs`` are
views over the files, with the store's column types and its views (``events_daily``) on top:
every reader of a store (analysis, exports, the dashboard) works on it unchanged.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tieline.errors import InputError, StoreError
from tieline.store.db import utcnow
from tieline.store.schema import DOCUMENT_COLUMNS, EVENT_COLUMNS, MIGRATIONS, SCHEMA_VERSION
from tieline.store.writer import RunCounts, StoreWriter

__all__ = [
    "DATASETS",
    "QUARANTINE_COLUMNS",
    "RUN_COLUMNS",
    "ImportSummary",
    "connect_parquet",
    "import_parquet",
    "is_parquet_store",
]

#: (name, DuckDB type) of the quarantine table, as the store's DDL declares it.
QUARANTINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("quarantine_id", "VARCHAR"), ("origin", "VARCHAR"), ("locator", "VARCHAR"), ("reason", "VARCHAR"),
    ("detail", "VARCHAR"), ("size_bytes", "BIGINT"), ("run_id", "INTEGER"), ("quarantined_at", "TIMESTAMP"),
)
#: (name, DuckDB type) of the runs table.
RUN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("run_id", "INTEGER"), ("started_at", "TIMESTAMP"), ("finished_at", "TIMESTAMP"), ("status", "VARCHAR"),
    ("command", "VARCHAR"), ("tieline_version", "VARCHAR"), ("model", "VARCHAR"), ("docs_read", "BIGINT"),
    ("docs_new", "BIGINT"), ("docs_skipped", "BIGINT"), ("docs_recoded", "BIGINT"), ("events", "BIGINT"),
    ("quarantined", "BIGINT"), ("error", "VARCHAR"),
)
#: The folder's datasets and their columns.
DATASETS: dict[str, tuple[tuple[str, str], ...]] = {
    "events": EVENT_COLUMNS, "documents": DOCUMENT_COLUMNS, "quarantine": QUARANTINE_COLUMNS, "runs": RUN_COLUMNS,
}
_CREATE = re.compile(r"^\s*CREATE\s+(OR\s+REPLACE\s+)?(VIEW|TABLE)\s+(IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)


def is_parquet_store(path: Path) -> bool:
    """A folder with at least one of the datasets `tieline spark ingest` writes."""
    return path.is_dir() and any((path / name).is_dir() for name in DATASETS)


def _files(folder: Path, name: str) -> list[Path]:
    """A dataset's data files. Names starting with _ or . are Spark's and Hadoop's own (a dead
    job's _temporary/ attempts, .crc checksums) and are not data."""
    root = folder / name
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.parquet")
                  if not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def dataset_sql(folder: Path, name: str) -> str | None:
    """SELECT of a dataset's files with the store's columns and types; None when it has none.
    Hive partition folders (month=...) add no column: the month is the event's day anyway."""
    files = _files(folder, name)
    if not files:
        return None
    listing = "[" + ", ".join(_quote(str(f)) for f in files) + "]"
    source = f"read_parquet({listing}, hive_partitioning = false, union_by_name = true)"
    with duckdb.connect() as probe:
        present = {row[0] for row in probe.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    cols = ", ".join((f'"{c}"::{t}' if c in present else f"NULL::{t}") + f' AS "{c}"' for c, t in DATASETS[name])
    return f"SELECT {cols} FROM {source}"


def connect_parquet(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection presenting the folder as a store (see the module doc)."""
    if not is_parquet_store(folder):
        raise StoreError(f"{folder} is not a tieline Parquet folder",
                         hint="make one with `tieline spark ingest INPUT --out DIR`")
    con = duckdb.connect(":memory:")
    try:
        for name, columns in DATASETS.items():
            select = dataset_sql(folder, name)
            if select is None:  # no files yet (e.g. nothing quarantined): an empty table of that shape
                con.execute(f"CREATE TABLE {name} (" + ", ".join(f'"{c}" {t}' for c, t in columns) + ")")
            else:
                con.execute(f"CREATE VIEW {name} AS {select}")
        _views(con, _schema_version(con))
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"cannot read the Parquet folder {folder}: {str(exc).splitlines()[0]}") from None
    return con


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    try:
        row = con.execute("SELECT max(schema_version) FROM runs").fetchall()
    except duckdb.Error:  # runs written without the column, or no runs yet
        return SCHEMA_VERSION
    return int(row[0][0]) if row and row[0][0] is not None else SCHEMA_VERSION


def _views(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """The store's views (and any other tables its migrations make, empty) up to `version`,
    taken from the migrations themselves, and their record in schema_migrations."""
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    for m in MIGRATIONS:
        if m.version > version:
            break
        for stmt in m.statements:
            made = _CREATE.match(stmt)
            if made and made[4].lower() not in DATASETS:
                with contextlib.suppress(duckdb.Error):  # a statement that needs a real table
                    con.execute(stmt)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [m.version, m.name, utcnow()])


@dataclass(frozen=True, slots=True)
class ImportSummary:
    run_id: int
    db: Path
    counts: RunCounts


def import_parquet(folder: str | os.PathLike[str], db: str | os.PathLike[str] | None = None) -> ImportSummary:
    """Load a Parquet folder into a store, as one run; rows already there are kept, so importing
    twice (or a folder that overlaps the store) adds nothing."""
    from tieline import __version__

    src = Path(folder).expanduser()
    if not src.exists():
        raise InputError(f"no such folder: {src}")
    if not is_parquet_store(src):
        raise InputError(f"{src} is not a tieline Parquet folder",
                         hint="it should hold events/, documents/ and runs/ from `tieline spark ingest`")
    selects = {name: dataset_sql(src, name) for name in ("events", "documents", "quarantine")}
    with StoreWriter(db) as writer:
        con = writer.con
        run_id = writer.begin_run({"import": str(src)}, tieline_version=__version__, model={"import": str(src)})

        def count(table: str) -> int:
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])

        before = {t: count(t) for t in selects}
        counts = RunCounts()
        try:
            con.execute("BEGIN TRANSACTION")
            if selects["events"]:
                con.execute(f"INSERT INTO events {selects['events']} ON CONFLICT DO NOTHING")
            if selects["documents"]:
                counts.docs_read = int(con.execute(f"SELECT count(*) FROM ({selects['documents']})").fetchall()[0][0])
                cols = ", ".join(f'"{c}"' if c != "run_id" else f"{run_id}::INTEGER" for c, _ in DOCUMENT_COLUMNS)
                con.execute(f"INSERT INTO documents SELECT {cols} FROM ({selects['documents']}) ON CONFLICT DO NOTHING")
            if selects["quarantine"]:
                cols = ", ".join(f'"{c}"' if c != "run_id" else f"{run_id}::INTEGER" for c, _ in QUARANTINE_COLUMNS)
                con.execute(f"INSERT INTO quarantine SELECT {cols} FROM ({selects['quarantine']}) "
                            "ON CONFLICT DO NOTHING")
            con.execute("COMMIT")
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            writer.finish_run(run_id, "failed", counts, str(exc).splitlines()[0])
            raise StoreError(f"importing {src} into {writer.path} failed: {str(exc).splitlines()[0]}") from None
        counts.docs_new = count("documents") - before["documents"]
        counts.docs_skipped = counts.docs_read - counts.docs_new
        counts.events = count("events") - before["events"]
        counts.quarantined = count("quarantine") - before["quarantine"]
        writer.finish_run(run_id, "done", counts)
        return ImportSummary(run_id=run_id, db=writer.path, counts=counts)
