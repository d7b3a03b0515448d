"""The quarantine record: an input that could not be ingested, and why.

Readers, the coder's guard, the store and Spark all make or keep these, so the record lives
apart from the store (which needs DuckDB): coding text never imports a database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from tieline.limits import scrub

__all__ = ["QUARANTINE_REASONS", "QuarantineRecord"]

#: Why an input was quarantined (the `reason` column); `detail` says more.
QUARANTINE_REASONS: dict[str, str] = {
    "binary": "the file is binary, not text",
    "undecodable": "the bytes are not valid text in the expected encoding",
    "empty": "no text left after extraction",
    "oversized": "larger than the documented limit",
    "malformed_json": "a JSON/JSONL record that does not parse or has no text field",
    "malformed_csv": "a CSV row that does not parse or lacks the text column",
    "malformed_feed": "an RSS/Atom file that does not parse",
    "truncated_warc": "a WARC file that ends mid-record",
    "unsupported": "a file type tieline does not read",
    "unreadable": "the file cannot be opened",
    "symlink": "a symbolic link (only regular files are read)",
    "read_error": "a reader failed on this input in a way nobody foresaw; the detail says how",
    "timeout": "coding took longer than the per-document budget",
    "coding_error": "the coder raised an error on this document",
    "crashed": "the worker coding this document died (killed, out of memory, a crash in C code)",
    "unstorable": "the document or its events could not be written to the store",
}


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """An input that could not be ingested, and why (see QUARANTINE_REASONS)."""

    origin: str
    reason: str
    detail: str = ""
    locator: str | None = None
    size_bytes: int | None = None

    def __post_init__(self) -> None:
        if self.reason not in QUARANTINE_REASONS:
            raise ValueError(f"unknown quarantine reason {self.reason!r}")
        # Paths, CSV headers and details may hold undecodable bytes; the store holds UTF-8.
        for name in ("origin", "detail", "locator"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, scrub(value))

    @property
    def quarantine_id(self) -> str:
        key = "|".join([self.origin, self.locator or "", self.reason])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
