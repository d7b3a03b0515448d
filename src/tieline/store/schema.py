"""The store's schema: table columns, DDL and the ordered list of migrations.

This module is the one place the layout of a tieline DuckDB file is written down; other
stages (analysis, web) read tables by these names. Columns are only ever added by a new
migration, never renamed or dropped, so code written against an older store keeps working.

Tables
    documents   one row per document; ``doc_id`` is the hash of its normalised text (records.identity_text)
    events      one row per event; the columns are exactly the keys of ``Event.to_flat()``
    quarantine  inputs that could not be ingested: where, what and why
    runs        one row per ingest run: when, what, counts, versions
    schema_migrations  which migrations have been applied
Views
    events_daily  one event per day, source, target and CAMEO code, with supporting counts
                  (GDELT's NumMentions / NumSources / NumArticles), raw events untouched
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tieline.quarantine import QUARANTINE_REASONS as _QUARANTINE_REASONS

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "MIGRATIONS",
    "Migration",
    "QUARANTINE_REASONS",
    "SCHEMA_VERSION",
    "TABLES",
    "document_column_names",
    "event_column_names",
]

#: (name, DuckDB type) of the events table, in `Event.to_flat()` order.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("source_text", "VARCHAR"),
    ("source_code", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_sector", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("source_resolution", "VARCHAR"),
    ("source_start", "INTEGER"),
    ("source_end", "INTEGER"),
    ("target_text", "VARCHAR"),
    ("target_code", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_sector", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("target_resolution", "VARCHAR"),
    ("target_start", "INTEGER"),
    ("target_end", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("cameo_name", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("rule", "VARCHAR"),
    ("place_name", "VARCHAR"),
    ("place_country", "VARCHAR"),
    ("place_admin1", "VARCHAR"),
    ("place_latitude", "DOUBLE"),
    ("place_longitude", "DOUBLE"),
    ("place_precision", "VARCHAR"),
    ("quantities", "VARCHAR"),  # JSON array of Quantity dicts, NULL when none
)

#: (name, DuckDB type) of the documents table.
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "VARCHAR"),
    ("source", "VARCHAR"),
    ("url", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published", "DATE"),
    ("language", "VARCHAR"),
    ("text", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
    ("origin", "VARCHAR"),  # file path and record locator the text was first read from
    ("run_id", "INTEGER"),  # the run that first stored it
)

#: Why an input was quarantined (the `reason` column); defined with the record.
QUARANTINE_REASONS = _QUARANTINE_REASONS

_EVENTS_DDL = (
    "CREATE TABLE events (\n    "
    + ",\n    ".join(f'"{n}" {t}' + (" PRIMARY KEY" if n == "event_id" else "") for n, t in EVENT_COLUMNS)
    + "\n)"
)
_DOCUMENTS_DDL = (
    "CREATE TABLE documents (\n    "
    + ",\n    ".join(f'"{n}" {t}' + (" PRIMARY KEY" if n == "doc_id" else "") for n, t in DOCUMENT_COLUMNS)
    + "\n)"
)

_RUNS_DDL = """
CREATE SEQUENCE runs_seq START 1;
CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY DEFAULT nextval('runs_seq'),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,          -- running | done | failed | interrupted
    command VARCHAR,                  -- JSON: inputs and options
    tieline_version VARCHAR,
    model VARCHAR,                    -- JSON: pipeline name and version
    docs_read BIGINT DEFAULT 0,
    docs_new BIGINT DEFAULT 0,
    docs_skipped BIGINT DEFAULT 0,
    docs_recoded BIGINT DEFAULT 0,
    events BIGINT DEFAULT 0,
    quarantined BIGINT DEFAULT 0,
    error VARCHAR
)
"""

_QUARANTINE_DDL = """
CREATE TABLE quarantine (
    quarantine_id VARCHAR PRIMARY KEY,  -- hash of (origin, locator, reason): re-runs add no copies
    origin VARCHAR NOT NULL,            -- file path
    locator VARCHAR,                    -- line / row / record offset / feed entry inside the file
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    size_bytes BIGINT,
    run_id INTEGER,
    quarantined_at TIMESTAMP
)
"""

# One event per (day, source, target, code). A day is the event's own date, else the
# document's publication date. Representative fields are taken from the lowest event_id
# so the view is deterministic.
_DAILY_VIEW = """
CREATE VIEW events_daily AS
SELECT
    coalesce(e.date, d.published) AS day,
    e.source_code,
    e.target_code,
    e.cameo,
    min(e.event_id) AS event_id,
    arg_min(e.cameo_root, e.event_id) AS cameo_root,
    arg_min(e.cameo_name, e.event_id) AS cameo_name,
    arg_min(e.plover, e.event_id) AS plover,
    arg_min(e.quad_class, e.event_id) AS quad_class,
    avg(e.goldstein) AS goldstein,
    arg_min(e.source_country, e.event_id) AS source_country,
    arg_min(e.source_sector, e.event_id) AS source_sector,
    arg_min(e.source_name, e.event_id) AS source_name,
    arg_min(e.target_country, e.event_id) AS target_country,
    arg_min(e.target_sector, e.event_id) AS target_sector,
    arg_min(e.target_name, e.event_id) AS target_name,
    arg_min(e.place_name, e.event_id) AS place_name,
    arg_min(e.place_country, e.event_id) AS place_country,
    arg_min(e.place_admin1, e.event_id) AS place_admin1,
    arg_min(e.place_latitude, e.event_id) AS place_latitude,
    arg_min(e.place_longitude, e.event_id) AS place_longitude,
    arg_min(e.place_precision, e.event_id) AS place_precision,
    count(*) AS num_mentions,
    count(DISTINCT coalesce(d.source, d.url, e.doc_id)) AS num_sources,
    count(DISTINCT e.doc_id) AS num_articles,
    arg_min(d.url, e.event_id) AS url,
    min(d.ingested_at) AS first_ingested_at
FROM events e
LEFT JOIN documents d USING (doc_id)
GROUP BY ALL
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    #: A step SQL cannot express, run after the statements in the same transaction.
    apply: Callable[[duckdb.DuckDBPyConnection], None] | None = None


def _rekey(con: duckdb.DuckDBPyConnection) -> None:
    from tieline.store.rekey import rekey_documents  # it imports records; schema stays light

    rekey_documents(con)


#: Applied in order, each in its own transaction, and recorded in schema_migrations.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents, events, quarantine, runs",
        (_DOCUMENTS_DDL, _EVENTS_DDL, _QUARANTINE_DDL, *[s for s in _RUNS_DDL.split(";") if s.strip()]),
    ),
    Migration(2, "events_daily view (one event per day, dyad and code)", (_DAILY_VIEW,)),
    Migration(3, "document ids from normalised text (entities, whitespace, NFC, headline)", (), _rekey),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

TABLES = ("documents", "events", "quarantine", "runs", "schema_migrations")


def event_column_names() -> list[str]:
    return [n for n, _ in EVENT_COLUMNS]


def document_column_names() -> list[str]:
    return [n for n, _ in DOCUMENT_COLUMNS]
