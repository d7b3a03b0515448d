"""The executor side of tieline on Spark: Arrow batches in, Arrow batches out, no Spark import.

Spark's `mapInArrow` calls these functions once per partition with an iterator of record
batches. Reading reuses the ingest package (`read_path` for files, `make_items` for table rows),
so a document or a quarantined record is exactly what `tieline ingest` makes of the same input;
coding calls `tieline.coding.code_documents`, whose pipeline is cached per process
(`coding_pipeline` is an lru_cache), and Spark reuses its Python workers between tasks
(`spark.python.worker.reuse`), so each worker loads spaCy and the lexicons once.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa

from tieline.config import Config
from tieline.ingest.common import Item, Read, ReadOptions, make_items, parse_date, quarantine
from tieline.records import Document
from tieline.store.schema import DOCUMENT_COLUMNS, EVENT_COLUMNS
from tieline.store.writer import QuarantineRecord, arrow_schema

__all__ = [
    "CODED_SCHEMA",
    "DOC_COLUMNS",
    "EVENT_SCHEMA",
    "FILE_ORDER_SHIFT",
    "INPUT_SCHEMA",
    "PARQUET_SUFFIX",
    "READ_SCHEMA",
    "code_partition",
    "read_file",
    "read_file_partition",
    "read_local_partition",
    "read_parquet_file",
    "read_row",
    "read_row_partition",
    "reads_to_rows",
    "worker_state",
]

#: The store's flat event table, Arrow-typed: what `code_dataframe` returns, column for column.
EVENT_SCHEMA = arrow_schema(EVENT_COLUMNS)
_DOC_FIELDS = [f for f in arrow_schema(DOCUMENT_COLUMNS) if f.name not in ("ingested_at", "run_id")]
#: A read or coded document's columns: the documents table less what the writer stamps.
DOC_COLUMNS = tuple(f.name for f in _DOC_FIELDS)

#: One read record: a document (reason is null) or a quarantined input (reason set).
#: `order` ranks records as `tieline ingest` meets them, so duplicates resolve the same way.
READ_SCHEMA = pa.schema([
    *_DOC_FIELDS,
    pa.field("order", pa.int64()),
    pa.field("quarantine_id", pa.string()),
    pa.field("locator", pa.string()),
    pa.field("reason", pa.string()),
    pa.field("detail", pa.string()),
    pa.field("size_bytes", pa.int64()),
])

#: A coded document: its columns and its events (the flat event rows, in the coder's order);
#: or, where coding failed (reason set), the quarantine record `tieline ingest` would write for it.
CODED_SCHEMA = pa.schema([
    *_DOC_FIELDS, pa.field("events", pa.list_(pa.struct(list(EVENT_SCHEMA)))),
    *(READ_SCHEMA.field(name) for name in ("quarantine_id", "locator", "reason", "detail", "size_bytes")),
])

#: Columns a DataFrame of texts is renamed to before reading (see tieline.scale.spark).
INPUT_SCHEMA = pa.schema([
    pa.field("text", pa.string()), pa.field("date", pa.string()), pa.field("doc_id", pa.string()),
    pa.field("url", pa.string()), pa.field("title", pa.string()), pa.field("source", pa.string()),
    pa.field("origin", pa.string()), pa.field("locator", pa.string()), pa.field("order", pa.int64()),
])

#: A file's rank sits in the high bits of `order`, its record's rank in the low 32 bits.
FILE_ORDER_SHIFT = 32
#: Parquet inputs are read as tables of texts (ingest itself does not read Parquet).
PARQUET_SUFFIX = ".parquet"
#: Rows per output Arrow batch: small enough that a batch of article texts stays a few MB.
_OUT_ROWS = 256


def _doc_row(doc: Document, origin: str, order: int) -> dict[str, Any]:
    return {"doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "title": doc.title,
            "published": doc.date, "language": doc.language, "text": doc.text, "origin": origin,
            "order": order}


def _quarantine_row(q: QuarantineRecord, order: int) -> dict[str, Any]:
    return {"origin": q.origin, "order": order, "quarantine_id": q.quarantine_id, "locator": q.locator,
            "reason": q.reason, "detail": q.detail, "size_bytes": q.size_bytes}


def reads_to_rows(reads: Iterable[Read], base_order: int) -> Iterator[dict[str, Any]]:
    """READ_SCHEMA rows of read records, ranked from `base_order` in reading order."""
    for i, r in enumerate(reads):
        if isinstance(r, Item):
            yield _doc_row(r.doc, r.origin, base_order + i)
        else:
            yield _quarantine_row(r, base_order + i)


def _batches(rows: Iterable[dict[str, Any]], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= _OUT_ROWS:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


# -- reading ---------------------------------------------------------------------------------


def read_row(row: dict[str, Any], opts: ReadOptions) -> list[Read]:
    """One table row (INPUT_SCHEMA) checked as `tieline ingest` checks a CSV or JSONL record:
    a quarantined record, or its document (one per part when the text is split)."""
    text = row.get("text")
    reads = make_items(text, origin=row["origin"], locator=row.get("locator"), opts=opts,
                       date=parse_date(row.get("date")), title=row.get("title"), url=row.get("url"),
                       source=row.get("source"), size_bytes=len(text.encode("utf-8", "surrogatepass"))
                       if isinstance(text, str) else None)
    own_id = row.get("doc_id")
    if not own_id:
        return reads
    # A caller's own document id replaces the content hash (events then hash it); parts of a
    # split text are told apart by their number.
    return [Item(doc=dataclasses.replace(r.doc, doc_id=str(own_id) if len(reads) == 1 else f"{own_id}:{k}"),
                 origin=r.origin) if isinstance(r, Item) else r
            for k, r in enumerate(reads, start=1)]


def read_row_partition(batches: Iterable[pa.RecordBatch], opts: ReadOptions) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: INPUT_SCHEMA rows -> READ_SCHEMA rows (parts of a row share its order)."""

    def rows() -> Iterator[dict[str, Any]]:
        for batch in batches:
            for row in batch.to_pylist():
                order = int(row["order"])
                for read in read_row(row, opts):
                    yield _doc_row(read.doc, read.origin, order) if isinstance(read, Item) else _quarantine_row(
                        read, order)

    yield from _batches(rows(), READ_SCHEMA)


def _relocate(read: Read, local: str, origin: str) -> Read:
    """A record read from a local copy, pointed back at the file it was copied from."""
    if isinstance(read, Item):
        rest = read.origin[len(local):] if read.origin.startswith(local) else ""
        return Item(doc=read.doc, origin=origin + rest)
    return dataclasses.replace(read, origin=origin)


def read_file(origin: str, content: bytes, opts: ReadOptions, *, named: bool) -> list[Read]:
    """Read one input file's bytes with ingest's reader for its kind (text, HTML, CSV, JSONL,
    feed, WARC): the bytes are put in a local file of the same name, since the readers stream
    from a path."""
    from tieline.ingest.sources import read_path

    name = PurePosixPath(origin).name or "input"
    with tempfile.TemporaryDirectory(prefix="tieline-spark-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(content)
        return [_relocate(r, str(local), origin) for r in read_path(local, opts, named=named)]


def read_file_partition(batches: Iterable[pa.RecordBatch], opts: ReadOptions) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: (origin, content, named, order) file rows -> READ_SCHEMA rows."""
    _quiet_extractors()

    def rows() -> Iterator[dict[str, Any]]:
        for batch in batches:
            for row in batch.to_pylist():
                reads = read_file(row["origin"], row["content"], opts, named=bool(row["named"]))
                yield from reads_to_rows(reads, int(row["order"]) << FILE_ORDER_SHIFT)

    yield from _batches(rows(), READ_SCHEMA)


def read_parquet_file(path: Path, opts: ReadOptions) -> Iterator[Read]:
    """Rows of a local Parquet file, each checked as a CSV or JSONL record is (locator row=N)."""
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield quarantine(origin, "unreadable", f"not a Parquet file: {type(exc).__name__}: {exc}"[:300],
                         size_bytes=path.stat().st_size)
        return
    names = set(pf.schema_arrow.names)
    if opts.text_col not in names:
        yield quarantine(origin, "unreadable",
                         f"no column {opts.text_col!r} (columns: {', '.join(sorted(names)[:12])}); "
                         "choose the text column with --text-col")
        return
    wanted = {"text": opts.text_col, "date": opts.date_col, "url": opts.url_col, "title": opts.title_col,
              "source": opts.source_col}
    present = {k: c for k, c in wanted.items() if c in names}
    row_no = 0
    for batch in pf.iter_batches(columns=sorted(set(present.values()))):
        for rec in batch.to_pylist():
            row_no += 1
            row = {k: rec.get(c) for k, c in present.items()}
            for k in ("url", "title", "source"):
                row[k] = None if row.get(k) is None else str(row[k])
            if not isinstance(row["text"], str | None):
                yield quarantine(origin, "unreadable", f"{opts.text_col!r} is not a string",
                                 locator=f"row={row_no}")
                continue
            yield from read_row({**row, "origin": origin, "locator": f"row={row_no}"}, opts)


def read_local_partition(batches: Iterable[pa.RecordBatch], opts: ReadOptions) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: (origin, named, order) rows naming files every executor sees at that
    path (local mode, a shared mount) -> READ_SCHEMA rows. Each file is read as `tieline
    ingest` reads it, in place, so origins are the same as in a local store."""
    from tieline.ingest.sources import read_path

    _quiet_extractors()

    def rows() -> Iterator[dict[str, Any]]:
        for batch in batches:
            for row in batch.to_pylist():
                path = Path(row["origin"])
                if path.suffix.lower() == PARQUET_SUFFIX:
                    reads: Iterable[Read] = read_parquet_file(path, opts)
                else:
                    reads = read_path(path, opts, named=bool(row["named"]))
                yield from reads_to_rows(reads, int(row["order"]) << FILE_ORDER_SHIFT)

    yield from _batches(rows(), READ_SCHEMA)


def _quiet_extractors() -> None:
    import logging

    # As in `tieline ingest`: extraction libraries log every odd page; quarantine records what matters.
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


# -- coding ----------------------------------------------------------------------------------


def _documents(batches: Iterable[pa.RecordBatch], origins: dict[str, str]) -> Iterator[Document]:
    for batch in batches:
        for row in batch.to_pylist():
            published = row.get("published")
            origins[row["doc_id"]] = row.get("origin") or ""
            yield Document(text=row["text"], doc_id=row["doc_id"],
                           date=published if isinstance(published, Date) else None, title=row.get("title"),
                           url=row.get("url"), source=row.get("source"), language=row.get("language") or "en")


_GUARDS: dict[tuple[Config, Any], Any] = {}


def _guard(config: Config) -> Any:
    """This Python worker's guarded coder for `config`, kept between tasks (see `code_partition`);
    keyed by the coder function too, so a coder swapped in (tests do) gets its own child."""
    from tieline import pipeline
    from tieline.coding.component import coding_pipeline
    from tieline.ingest.guard import Guard

    key = (config, pipeline.code_many)
    if key not in _GUARDS:
        coding_pipeline(config)  # loaded here, once, before the guard forks, so its child shares it
        # One guarded child per Spark task slot: Spark already runs a task per core.
        _GUARDS[key] = Guard(pipeline.code_many, config=config, workers=1)
    return _GUARDS[key]


def code_partition(batches: Iterable[pa.RecordBatch], config: Config, *, nested: bool) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: document rows -> flat event rows (EVENT_SCHEMA), or with `nested`
    one CODED_SCHEMA row per document carrying its events or why it was not coded.

    Documents are coded as `tieline ingest` codes them, in batches under the ingest guard
    (`ingest.guard.Guard`): one document that raises, runs past its time budget or kills its
    process is quarantined (coding_error, timeout, crashed) and the partition goes on. The
    pipeline is loaded once per Python worker, and the guard's forked child is kept from one
    task to the next (Spark reuses its Python workers), so a task costs no fork and no warm-up.
    """
    from tieline.ingest.guard import Failure

    origins: dict[str, str] = {}

    def rows() -> Iterator[dict[str, Any]]:
        for doc, outcome in _guard(config).code(_documents(batches, origins)):
            origin = origins.pop(doc.doc_id, "")
            if isinstance(outcome, Failure):
                if nested:
                    where, _, locator = origin.partition("#")
                    q = quarantine(where or "(unknown)", outcome.reason, outcome.detail, locator=locator or None,
                                   size_bytes=len(doc.text))
                    yield {**_doc_row(doc, q.origin, 0), "events": [], **_quarantine_row(q, 0)}
                continue
            seen: set[str] = set()
            flat = []
            for ev in outcome:
                # As the store writer does: a repeated event_id (same doc, sentence, actors and
                # code) is the same event, and the first one is kept.
                if ev.event_id not in seen:
                    seen.add(ev.event_id)
                    flat.append(ev.to_flat())
            if nested:
                yield {**_doc_row(doc, origin, 0), "events": flat}
            else:
                yield from flat

    yield from _batches(rows(), CODED_SCHEMA if nested else EVENT_SCHEMA)


def _peak_kib(pid: int) -> int:
    """A live process's peak resident memory in KiB (Linux /proc; 0 where unknown)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def worker_state() -> dict[str, int]:
    """This process's id, how many coding pipelines it has built (tests check it stays 1) and
    the peak resident memory in bytes of it or its guarded coding child, the larger (the Spark
    benchmark reports it)."""
    import multiprocessing
    import resource

    from tieline.coding.component import coding_pipeline

    # KiB on Linux; coding children that exited count through RUSAGE_CHILDREN, the kept ones by /proc.
    peak_kib = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    for child in multiprocessing.active_children():
        if child.pid is not None:
            peak_kib = max(peak_kib, _peak_kib(child.pid))
    return {"pid": os.getpid(), "pipelines_built": coding_pipeline.cache_info().misses,
            "peak_rss_bytes": peak_kib * 1024}
