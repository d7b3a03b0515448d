"""Ingest: read news files (text, HTML, CSV, JSONL, RSS/Atom, WARC), code them, store the events."""

from tieline.ingest.common import MAX_RECORD_BYTES, Item, ReadOptions
from tieline.ingest.run import Coder, IngestStats, IngestSummary, ingest
from tieline.ingest.sources import detect_kind, iter_files, read_path, read_paths

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
