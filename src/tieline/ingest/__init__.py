"""Ingest: read news files (text, HTML, CSV, JSONL, RSS/Atom, WARC), code them, store the events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tieline.ingest.common import MAX_RECORD_BYTES, Item, ReadOptions
from tieline.ingest.sources import detect_kind, iter_files, read_path, read_paths

if TYPE_CHECKING:
    from tieline.ingest.run import Coder, IngestStats, IngestSummary, ingest

__all__ = [
    "MAX_RECORD_BYTES",
    "Coder",
    "IngestStats",
    "IngestSummary",
    "Item",
    "ReadOptions",
    "detect_kind",
    "ingest",
    "iter_files",
    "read_path",
    "read_paths",
]

#: Names of the store-writing half, imported on first use: reading files to code them (`tieline
#: code`) needs no database, and DuckDB's import is a tenth of a second of start-up.
_RUN_NAMES = frozenset({"Coder", "IngestStats", "IngestSummary", "ingest"})


def __getattr__(name: str) -> Any:
    if name in _RUN_NAMES:
        from tieline.ingest import run

        return getattr(run, name)
    raise AttributeError(f"module 'tieline.ingest' has no attribute {name!r}")
