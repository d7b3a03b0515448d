"""`ingest`: read inputs, skip what the store holds, code the rest, write batch by batch."""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from tieline.config import DEFAULT_BATCH_SIZE, Config
from tieline.errors import ConfigError, InputError, StoreError
from tieline.ingest.common import Item, ReadOptions, error_detail, quarantine
from tieline.ingest.guard import DOC_TIME_BUDGET_S, Failure, code_guarded, read_guarded
from tieline.ingest.sources import iter_files, read_path
from tieline.records import Document, Event
from tieline.store.writer import Batch, QuarantineRecord, RunCounts, StoreWriter

__all__ = ["Coder", "IngestStats", "IngestSummary", "ingest"]

#: The coder: documents in, (document, events) pairs out, in any order. Defaults to
#: `tieline.code_many`; tests inject a fake. Ingest calls it with a batch of documents at a time
#: in its supervised worker processes (`ingest.guard`), so it must work after a fork.
Coder = Callable[..., Iterable[tuple[Document, list[Event]]]]

#: How many read items are checked against the store in one query.
_LOOKUP_CHUNK = 256


@dataclass(slots=True)
class IngestStats:
    """Live counters of a run (the progress bar reads these)."""

    files_total: int = 0
    files_done: int = 0
    docs_read: int = 0
    docs_new: int = 0
    docs_skipped: int = 0  # already in the store
    docs_duplicate: int = 0  # the same text twice in this run's inputs
    docs_recoded: int = 0
    events: int = 0
    quarantined: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    coded_seconds: float = 0.0

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def docs_coded(self) -> int:
        return self.docs_new + self.docs_recoded

    @property
    def docs_per_s(self) -> float:
        return self.docs_coded / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def events_per_s(self) -> float:
        return self.events / self.elapsed if self.elapsed > 0 else 0.0

    def counts(self) -> RunCounts:
        return RunCounts(docs_read=self.docs_read, docs_new=self.docs_new,
                         docs_skipped=self.docs_skipped + self.docs_duplicate, docs_recoded=self.docs_recoded,
                         events=self.events, quarantined=self.quarantined)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    run_id: int
    db: Path
    status: str
    stats: IngestStats


def _model_info(config: Config, coder: Coder | None) -> dict[str, Any]:
    if coder is not None:
        return {"coder": f"{getattr(coder, '__module__', '?')}.{getattr(coder, '__qualname__', repr(coder))}"}
    from importlib import metadata

    from tieline.resources import resolve_name

    name = resolve_name(config.pipeline)
    try:
        version = metadata.version(name.replace("_", "-"))
    except metadata.PackageNotFoundError:
        version = None
    return {"pipeline": config.pipeline, "package": name, "version": version}


def _tieline_version() -> str:
    from tieline import __version__

    return __version__


def _salvage(writer: StoreWriter, batch: Batch, run_id: int, stats: IngestStats) -> None:
    """A batch failed to write: write its documents one by one and quarantine those that fail
    (`unstorable`), so one bad record does not lose the batch. When the store itself is broken
    the quarantine write fails too, and that error ends the run."""
    kept: list[QuarantineRecord] = list(batch.quarantine)
    for doc, events, origin in batch.coded:
        one = Batch(coded=[(doc, events, origin)], recoded=batch.recoded & {doc.doc_id})
        try:
            writer.write_batch(one, run_id=run_id)
        except StoreError as exc:
            where, _, locator = origin.partition("#")
            kept.append(quarantine(where or "(unknown)", "unstorable", error_detail(exc), locator=locator or None,
                                   size_bytes=len(doc.text)))
            stats.docs_new -= doc.doc_id not in batch.recoded
            stats.docs_recoded -= doc.doc_id in batch.recoded
            stats.events -= len(events)
            stats.quarantined += 1
            stats.reasons["unstorable"] += 1
    writer.write_batch(Batch(quarantine=kept), run_id=run_id, counts=stats.counts())


def ingest(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    db: str | os.PathLike[str] | None = None,
    recode: bool = False,
    options: ReadOptions | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int | None = None,
    config: Config | None = None,
    coder: Coder | None = None,
    progress: Callable[[IngestStats], None] | None = None,
    budget: float = DOC_TIME_BUDGET_S,
    redate: Callable[[Document, str], Document] | None = None,
) -> IngestSummary:
    """Ingest files and folders into a store; return the run's counts.

    Documents whose text is already stored are skipped, or with `recode` coded again with
    their events replaced. `recode` with no paths recodes every stored document. Inputs
    that cannot be read, and documents that fail to code within `budget` seconds each or to
    store, are quarantined with a reason and the run goes on (see `ingest.guard`). `redate(doc,
    origin)` may give a document its date before coding (the CLI's --date and
    --date-from-path); it must not change the text, which the document id is made from.
    """
    inputs = [Path(p).expanduser() for p in paths]
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    from tieline.resources import resolve_workers

    workers = resolve_workers(n_process)  # one per core unless told
    if not inputs and not recode:
        raise InputError("nothing to ingest",
                         hint="name files or folders, or pass --recode to recode the store")
    for p in inputs:
        if not p.exists():
            raise InputError(f"no such file or folder: {p}")
    config = config or Config()
    options = options or ReadOptions(max_chars=config.max_chars)
    stats = IngestStats()
    file_list = list(iter_files(inputs))
    stats.files_total = len(file_list)

    with StoreWriter(db) as writer:
        writer.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        command = {"paths": [str(p) for p in inputs], "recode": recode, "batch_size": batch_size,
                   "options": {k: getattr(options, k) for k in options.__slots__}}  # type: ignore[attr-defined]
        run_id = writer.begin_run(command, tieline_version=_tieline_version(),
                                  model=_model_info(config, coder))
        pending_q: list[QuarantineRecord] = []
        origins: dict[str, str] = {}
        recoding: set[str] = set()

        def reads() -> Iterator[Item | QuarantineRecord]:
            if inputs:
                for path, named in file_list:
                    yield from read_guarded(read_path(path, options, named=named), str(path), budget)
                    stats.files_done += 1
            else:  # recode the whole store from the stored texts
                for doc, origin in writer.iter_documents():
                    yield Item(doc=doc, origin=origin)

        def to_code() -> Iterator[Document]:
            it = reads()
            seen: set[str] = set()
            while chunk := list(islice(it, _LOOKUP_CHUNK)):
                items = [r for r in chunk if isinstance(r, Item)]
                for r in chunk:
                    if isinstance(r, QuarantineRecord):
                        pending_q.append(r)
                        stats.quarantined += 1
                        stats.reasons[r.reason] += 1
                stored = writer.existing_doc_ids({i.doc.doc_id for i in items})
                writer.release()  # coding comes next: readers may open the store meanwhile
                for item in items:
                    doc_id = item.doc.doc_id
                    stats.docs_read += 1
                    if doc_id in seen:
                        stats.docs_duplicate += 1
                        continue
                    seen.add(doc_id)
                    if doc_id in stored:
                        if not recode:
                            stats.docs_skipped += 1
                            continue
                        recoding.add(doc_id)
                    origins[doc_id] = item.origin
                    yield item.doc if redate is None else redate(item.doc, item.origin)

        def flush(batch: Batch) -> None:
            batch.quarantine.extend(pending_q)
            pending_q.clear()
            for doc, _, _ in batch.coded:
                if doc.doc_id in batch.recoded:
                    stats.docs_recoded += 1
                else:
                    stats.docs_new += 1
            stats.events += sum(len(evs) for _, evs, _ in batch.coded)
            try:
                writer.write_batch(batch, run_id=run_id, counts=stats.counts())
            except StoreError:
                _salvage(writer, batch, run_id, stats)  # raises again when the store itself fails
            writer.release()  # let readers (tieline serve, export) in between batches
            if progress is not None:
                progress(stats)

        status, error = "failed", None
        try:
            batch = Batch()
            pending = to_code()
            first = next(pending, None)
            outcomes: Iterator[tuple[Document, Any]] = iter(())  # nothing new: no model, no workers
            if first is not None:
                code: Coder
                if coder is None:
                    from tieline.coding.component import coding_pipeline
                    from tieline.pipeline import code_many

                    code = code_many
                    if getattr(code, "__module__", "") == "tieline.pipeline":  # (tests swap in a fake)
                        coding_pipeline(config)  # loaded once here, so forked workers share it
                else:
                    code = coder
                outcomes = code_guarded(code, chain([first], pending), config=config, workers=workers,
                                        budget=budget)
            for doc, outcome in outcomes:
                doc_id = doc.doc_id
                origin = origins.pop(doc_id, "")
                if isinstance(outcome, Failure):
                    recoding.discard(doc_id)
                    where, _, locator = origin.partition("#")
                    batch.quarantine.append(quarantine(where or "(unknown)", outcome.reason, outcome.detail,
                                                       locator=locator or None, size_bytes=len(doc.text)))
                    stats.quarantined += 1
                    stats.reasons[outcome.reason] += 1
                    continue
                if doc_id in recoding:
                    recoding.discard(doc_id)
                    batch.recoded.add(doc_id)
                batch.coded.append((doc, outcome, origin))
                if len(batch) >= batch_size:
                    flush(batch)
                    batch = Batch()
            flush(batch)
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            # If the store itself failed, the original error matters more than this one.
            with contextlib.suppress(Exception):
                writer.finish_run(run_id, status, stats.counts(), error)
        if progress is not None:
            progress(stats)
        return IngestSummary(run_id=run_id, db=writer.path, status=status, stats=stats)
