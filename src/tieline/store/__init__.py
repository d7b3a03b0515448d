"""The corpus store: one DuckDB file with documents, events, quarantine and runs.

`open_store` (exported as `tieline.open`) is for reading; `StoreWriter`
(tieline.store.writer) is the single write path used by ingest.
"""

from tieline.store.corpus import Corpus, EventFilter, open_store
from tieline.store.db import DB_ENV, DEFAULT_DB, resolve_db
from tieline.store.schema import DOCUMENT_COLUMNS, EVENT_COLUMNS, SCHEMA_VERSION

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "SCHEMA_VERSION",
    "Corpus",
    "EventFilter",
    "open_store",
    "resolve_db",
]
