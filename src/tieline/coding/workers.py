"""Running the coding pipeline in this process or in worker processes, one per core.

Workers are a `multiprocessing` pool fed chunks of documents; each codes a chunk in-process
with `nlp.pipe` and sends back only the events' dict form. What made two processes give only
1.43x with `nlp.pipe(n_process=2)`: spaCy sends every parsed Doc back to the main process
(`Doc.to_bytes`, then `Doc.from_bytes` there, tokens, arrays and strings, for a Doc the main
process only reads the events of), batches go round-robin so a slow batch stalls the other
worker, and workers were started again every 2,000 documents. Here the main process pickles
texts out and event dicts in, nothing else, and a worker takes the next chunk as soon as it
is free.

Memory: spaCy's string store grows with every new word and never shrinks, so a worker retires
after `MAX_DOCS_PER_WORKER` documents and a fresh one is forked from the main process, whose
pipeline never parses. Peak memory per worker and for the main process is measured by
`benchmarks/throughput.py`.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tieline.coding.component import EVENTS_KEY, META_KEY, coding_pipeline
from tieline.config import Config
from tieline.records import Document, Event
from tieline.resources import MAX_DEFAULT_WORKERS, default_workers, resolve_workers

__all__ = [
    "IN_FLIGHT_PER_WORKER",
    "MAX_DEFAULT_WORKERS",
    "MAX_CHUNK_DOCUMENTS",
    "MAX_DOCS_PER_WORKER",
    "code_in_pool",
    "code_in_process",
    "default_workers",
    "resolve_workers",
]

#: A worker retires after coding this many documents (its string store has grown by every new
#: word it met); forking a fresh one costs well under a second.
MAX_DOCS_PER_WORKER = 10_000
#: Documents per task at most: a news article takes a core 50-150 ms, so a task is a second or
#: two and the last tasks of a run spread evenly over the workers (with 64-document tasks, 300
#: documents on two workers split 3:2); the pickling per task is noise at this size.
MAX_CHUNK_DOCUMENTS = 16
#: Chunks queued per worker: one being coded and one waiting, so no worker idles while the
#: main process collects results, and reading stays at most two chunks ahead.
IN_FLIGHT_PER_WORKER = 2


def _meta(document: Document) -> dict[str, object]:
    return {"doc_id": document.doc_id, "date": document.date.isoformat() if document.date else None,
            "date_precision": document.date_precision}


def _docs(nlp: Language, documents: Iterable[Document], pending: deque[Document] | None = None) -> Iterator[Doc]:
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc.user_data[META_KEY] = _meta(document)
        if pending is not None:
            pending.append(document)
        yield doc


def code_in_process(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[tuple[Document, list[Event]]]:
    """Code with `nlp.pipe` in this process; yields in input order."""
    pending: deque[Document] = deque()
    for doc in nlp.pipe(_docs(nlp, documents, pending), batch_size=batch_size):
        yield pending.popleft(), [Event.from_dict(d) for d in doc.user_data.get(EVENTS_KEY, ())]


_WORKER: dict[str, Any] = {}


def _start_worker(config: Config) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _WORKER["config"] = config
    coding_pipeline(config)  # inherited when forked; built here when spawned


def _code_chunk(chunk: list[Document]) -> list[list[dict[str, Any]]]:
    nlp = coding_pipeline(_WORKER["config"])
    return [list(doc.user_data.get(EVENTS_KEY, ())) for doc in nlp.pipe(_docs(nlp, chunk), batch_size=len(chunk))]



def code_in_pool(
    documents: Iterable[Document], config: Config, workers: int, batch_size: int
) -> Iterator[tuple[Document, list[Event]]]:
    """Code in `workers` processes, up to `MAX_CHUNK_DOCUMENTS` documents per task; yields in
    input order. Input that fits in one task is coded in this process (starting workers would
    cost more)."""
    iter_docs = iter(documents)
    size = min(batch_size, MAX_CHUNK_DOCUMENTS)
    chunks = iter(lambda: list(islice(iter_docs, size)), [])
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None:
        yield from code_in_process(coding_pipeline(config), first, batch_size)
        return
    coding_pipeline(config)  # built before the workers fork, so they share it
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(
        workers, initializer=_start_worker, initargs=(config,),
        maxtasksperchild=max(1, MAX_DOCS_PER_WORKER // size),
    )
    pending: deque[tuple[list[Document], AsyncResult[list[list[dict[str, Any]]]]]] = deque()
    try:
        for chunk in _chain(first, second, chunks):
            pending.append((chunk, pool.apply_async(_code_chunk, (chunk,))))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _chain(first: list[Document], second: list[Document], rest: Iterator[list[Document]]) -> Iterator[list[Document]]:
    yield first
    yield second
    yield from rest


def _collect(
    item: tuple[list[Document], AsyncResult[list[list[dict[str, Any]]]]],
) -> Iterator[tuple[Document, list[Event]]]:
    chunk, result = item
    for document, events in zip(chunk, result.get(), strict=True):
        yield document, [Event.from_dict(d) for d in events]
