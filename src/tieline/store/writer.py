"""The single writer: every change to a store goes through one `StoreWriter`.

Each batch (documents, their events, quarantined inputs, run counters) is one
transaction, so a crash loses at most the batch in flight; documents are stored only
together with their events, so a re-run finds the lost batch missing and codes it again.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

from tieline.errors import StoreError
from tieline.quarantine import QuarantineRecord
from tieline.records import Document, Event
from tieline.store.db import WRITER_LOCK_WAIT_S, connect, migrate, resolve_db, utcnow
from tieline.store.schema import DOCUMENT_COLUMNS, EVENT_COLUMNS

__all__ = ["Batch", "QuarantineRecord", "RunCounts", "StoreWriter", "arrow_schema"]

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}


def arrow_schema(columns: Sequence[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(name, _ARROW_TYPES[kind]) for name, kind in columns])


_EVENT_SCHEMA = arrow_schema(EVENT_COLUMNS)
_DOCUMENT_SCHEMA = arrow_schema(DOCUMENT_COLUMNS)


@dataclass(slots=True)
class RunCounts:
    """Counters of one ingest run, kept in the runs table as the run goes."""

    docs_read: int = 0
    docs_new: int = 0
    docs_skipped: int = 0
    docs_recoded: int = 0
    events: int = 0
    quarantined: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class Batch:
    """What one transaction writes."""

    coded: list[tuple[Document, list[Event], str]] = field(default_factory=list)  # (doc, events, origin)
    recoded: set[str] = field(default_factory=set)  # doc_ids whose stored events are replaced
    quarantine: list[QuarantineRecord] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.coded) + len(self.quarantine)


def _writer_lock(path: Path) -> IO[bytes] | None:
    """Hold STORE.lock exclusively, or raise StoreError: one writer per store."""
    if not path.parent.exists():
        return None  # connect() reports the missing folder
    try:
        import fcntl
    except ImportError:  # Windows: DuckDB's own lock is the only guard there
        return None
    fh = open(path.with_name(path.name + ".lock"), "ab")  # noqa: SIM115 (held for the writer's life)
    try:
        # A POSIX lock, not flock: forked coding workers do not inherit it, so a writer killed
        # with -9 frees the store at once even while its workers finish their document.
        fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise StoreError(f"store {path} is in use by another process (another ingest is writing it)",
                         hint="one process writes a store at a time; wait for it or use another --db") from None
    return fh


class StoreWriter:
    """The one writer of a store; use as a context manager.

    A writer lock (``STORE.lock``, a POSIX lock held for the writer's life) keeps a second writer
    out. DuckDB's own lock on the file is held only while the writer needs the connection:
    `release()` closes it (ingest does so after each lookup and each batch), and the next use
    of `con` opens it again, waiting up to WRITER_LOCK_WAIT_S for readers to finish. Readers
    (`tieline serve`, `export`, `db-info`) get in between and see every committed batch.
    """

    def __init__(self, db: str | os.PathLike[str] | None = None) -> None:
        self.path = resolve_db(db)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = _writer_lock(self.path)
        try:
            migrate(self.con)
        except BaseException:
            self.close()
            raise

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = connect(self.path, read_only=False, wait=WRITER_LOCK_WAIT_S)
        return self._con

    def release(self) -> None:
        """Close the connection so readers can open the store; `con` reopens it."""
        if self._con is not None:
            con, self._con = self._con, None
            con.close()

    # -- lifecycle ---------------------------------------------------------------
    def close(self) -> None:
        self.release()
        if self._lock is not None:
            self._lock.close()  # closing the file drops the lock
            self._lock = None

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ----------------------------------------------------------------------
    def begin_run(self, command: dict[str, Any], *, tieline_version: str, model: dict[str, Any]) -> int:
        row = self.con.execute(
            "INSERT INTO runs (started_at, status, command, tieline_version, model) "
            "VALUES (?, 'running', ?, ?, ?) RETURNING run_id",
            [utcnow(), json.dumps(command, default=str), tieline_version, json.dumps(model, default=str)],
        ).fetchall()[0]
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, status: str, counts: RunCounts, error: str | None = None) -> None:
        sets = ", ".join(f"{k} = ?" for k in counts.as_dict())
        self.con.execute(
            f"UPDATE runs SET finished_at = ?, status = ?, error = ?, {sets} WHERE run_id = ?",
            [utcnow(), status, error, *counts.as_dict().values(), run_id],
        )

    # -- reads the writer needs ----------------------------------------------------
    def existing_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(doc_ids)
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def iter_documents(self, page: int = 1000) -> Iterable[tuple[Document, str]]:
        """Stored documents (with their origin), paged by doc_id so writes (and `release`) may
        interleave."""
        last = ""
        while True:
            rows = self.con.execute(
                "SELECT doc_id, text, published, title, url, source, language, origin FROM documents "
                "WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
                [last, page],
            ).fetchall()
            if not rows:
                return
            for doc_id, text, published, title, url, source, language, origin in rows:
                yield Document(text=text, doc_id=doc_id, date=published, title=title, url=url,
                               source=source, language=language or "en"), origin or ""
            last = rows[-1][0]

    # -- the one write path ------------------------------------------------------
    def write_batch(self, batch: Batch, *, run_id: int, counts: RunCounts | None = None) -> int:
        """Write a batch in one transaction; return the number of events inserted."""
        now = utcnow()
        doc_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []
        seen_events: set[str] = set()
        for doc, events, origin in batch.coded:
            doc_rows.append({
                "doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "title": doc.title,
                "published": doc.date, "language": doc.language, "text": doc.text,
                "ingested_at": now, "origin": origin, "run_id": run_id,
            })
            for ev in events:
                # event_id hashes (doc, sentence, actors, code): a repeat is the same event.
                if ev.event_id in seen_events:
                    continue
                seen_events.add(ev.event_id)
                event_rows.append(ev.to_flat())
        q_rows = [
            {"quarantine_id": q.quarantine_id, "origin": q.origin, "locator": q.locator, "reason": q.reason,
             "detail": q.detail, "size_bytes": q.size_bytes, "run_id": run_id, "quarantined_at": now}
            for q in {q.quarantine_id: q for q in batch.quarantine}.values()
        ]
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            if batch.recoded:
                con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                            [sorted(batch.recoded)])
            if doc_rows:
                con.register("docs_tbl", pa.Table.from_pylist(doc_rows, schema=_DOCUMENT_SCHEMA))
                con.execute("INSERT INTO documents SELECT * FROM docs_tbl ON CONFLICT DO NOTHING")
            if event_rows:
                con.register("events_tbl", pa.Table.from_pylist(event_rows, schema=_EVENT_SCHEMA))
                con.execute("INSERT INTO events SELECT * FROM events_tbl ON CONFLICT DO NOTHING")
            if q_rows:
                con.register("q_tbl", pa.Table.from_pylist(q_rows))
                con.execute(
                    "INSERT INTO quarantine SELECT quarantine_id, origin, locator, reason, detail, "
                    "size_bytes::BIGINT, run_id::INTEGER, quarantined_at FROM q_tbl ON CONFLICT DO NOTHING"
                )
            if counts is not None:
                sets = ", ".join(f"{k} = ?" for k in counts.as_dict())
                con.execute(f"UPDATE runs SET {sets} WHERE run_id = ?", [*counts.as_dict().values(), run_id])
            con.execute("COMMIT")
        except BaseException as exc:  # incl. a malformed event from a coder, or Ctrl-C
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                first_line = str(exc).splitlines()[0]
                raise StoreError(f"writing a batch to {self.path} failed: {first_line}") from None
            if isinstance(exc, Exception):  # a value that does not fit its column (pyarrow, encoding)
                lines = str(exc).strip().splitlines()
                raise StoreError(f"a record of the batch cannot be stored: {type(exc).__name__}: "
                                 f"{lines[0] if lines else ''}"[:300]) from exc
            raise
        finally:
            for name in ("docs_tbl", "events_tbl", "q_tbl"):
                con.unregister(name)
        return len(event_rows)
