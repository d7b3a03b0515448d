"""Coding documents in batches under a wall-clock budget, in supervised worker processes.

One bad document must not stop a run: it may raise inside spaCy or the coder, loop for
minutes, or kill its process. Each worker (a forked copy of this process, so the loaded
pipeline is shared) codes a batch of documents at a time (up to `BATCH_DOCS` documents and
`BATCH_CHARS` characters, through the coder's own `nlp.pipe`: one document per call wasted
most of spaCy's batching) under a timer; the supervisor hands out batches, collects results,
and turns every failure into a `Failure` for one document alone:

- the coder raises: ``coding_error`` with the exception's first line;
- the worker's own timer fires after the budget: ``timeout``; the worker retires (its state
  may be half-updated) and a fresh one is forked;
- the worker does not answer `KILL_GRACE_S` after that (stuck in C code, where the timer
  cannot interrupt): it is killed, ``timeout``;
- the worker dies (killed by the OOM killer, a segfault): ``crashed``.

A batch that fails is not quarantined: it is split and its documents coded again, halves
after an error or a crash (a poisoned document is found in a few rounds), one by one after a
timeout (each document then gets the whole budget; halving would wait out the budget once per
round). Only a document that fails on its own is quarantined, so a failure costs its batch
some recoding and nothing else; a batch's results are taken whole or not at all, so nothing
is yielded twice. A batch holds no more characters than the largest part one document may be
coded as (`limits.MAX_PART_CHARS`), so the per-document budget `DOC_TIME_BUDGET_S` is its
budget too.

Reading (extraction of pages and feeds) runs in the supervisor, each record under the same
budget (`read_guarded`). A worker whose resident memory passes `WORKER_MAX_RSS` after a batch
retires too, so one huge document does not keep a big process for the rest of the run. Where
fork is not available (macOS and Windows defaults), batches are coded in this process, each
under its own try/except and, in the main thread, the same timer.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from tieline.config import Config
from tieline.ingest.common import Read, error_detail, quarantine
from tieline.limits import MAX_PART_CHARS
from tieline.records import Document, Event

__all__ = [
    "BATCH_CHARS",
    "BATCH_DOCS",
    "DOC_TIME_BUDGET_S",
    "KILL_GRACE_S",
    "WORKER_MAX_RSS",
    "Failure",
    "Guard",
    "batches",
    "code_guarded",
    "read_guarded",
]

#: Wall-clock seconds one document, or one batch, may take to code. A part of 100,000
#: characters (the most the parser is given, `limits.MAX_PART_CHARS`, and the most a batch
#: holds) codes in about 10 s on a slow shared core; still going after six times that is
#: pathological, not long.
DOC_TIME_BUDGET_S = 60.0
#: Seconds past the budget the supervisor waits for the worker's own timer before killing it:
#: enough for a timer that fired inside a long C call to get back to Python.
KILL_GRACE_S = 10.0
#: Resident memory (bytes) above which a worker retires after its batch: the spaCy model and
#: the coder's tables take about 400 MB, and Python keeps memory it has freed.
WORKER_MAX_RSS = 1024**3
#: Documents per batch at most: spaCy's gain from batching levels off past a few dozen news
#: articles, and a poisoned document costs its batch log2(32) rounds of recoding at most.
BATCH_DOCS = 32
#: Characters per batch at most (a document longer than this goes alone): no more than one
#: document may hold, so one budget fits any batch, and a batch of long articles keeps the
#: worker's parse tensors well under `WORKER_MAX_RSS`.
BATCH_CHARS = MAX_PART_CHARS

Coder = Callable[..., Iterable[tuple[Document, list[Event]]]]


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document was not coded: a quarantine reason (timeout, coding_error, crashed)."""

    reason: str
    detail: str


Outcome = tuple[Document, "list[Event] | Failure"]
Coded = list[tuple[Document, list[Event]]]


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def _rss_bytes() -> int:
    """Current resident memory of this process (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def batches(documents: Iterable[Document], max_docs: int = BATCH_DOCS,
            max_chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """`documents` in batches of at most `max_docs` documents and `max_chars` characters (a
    longer document is a batch of its own), in input order."""
    batch: list[Document] = []
    chars = 0
    for doc in documents:
        if batch and (len(batch) >= max_docs or chars + len(doc.text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
    if batch:
        yield batch


def _code_batch(code: Coder, docs: list[Document], config: Config, budget: float, timer: bool) -> Coded | Failure:
    """Code a batch with one call of the coder (one `nlp.pipe`); its pairs (a long document
    may come back as parts) or a Failure of the whole batch."""
    if timer:
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return [(d, list(evs)) for d, evs in code(docs, n_process=1, batch_size=len(docs), config=config)]
    except _Timeout:
        return Failure("timeout", f"still coding after {budget:g} s (the per-document budget)")
    except RecursionError:
        return Failure("coding_error", "RecursionError: the parse is nested too deeply")
    except Exception as exc:
        return Failure("coding_error", error_detail(exc))
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _split(docs: list[Document], failure: Failure) -> list[list[Document]]:
    """What to code again after `docs` failed together (more than one document)."""
    if failure.reason == "timeout":
        return [[d] for d in docs]
    half = len(docs) // 2
    return [docs[:half], docs[half:]]


def _serve(conn: Connection, inherited: list[Connection], code: Coder, config: Config, budget: float) -> None:
    """A worker: code batches from `conn` until told to stop, one answer per batch."""
    for other in inherited:  # the supervisor's ends of the pipes: held here, they hide its death
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    signal.signal(signal.SIGALRM, _on_alarm)
    while True:
        try:
            docs = conn.recv()
        except (EOFError, OSError):
            return
        if docs is None:
            return
        result = _code_batch(code, docs, config, budget, timer=True)
        retire = isinstance(result, Failure) or _rss_bytes() > WORKER_MAX_RSS
        try:
            conn.send((result, retire))
        except (OSError, ValueError):  # the supervisor is gone; or the result would not pickle
            return
        if retire:
            return


@dataclass(slots=True)
class _Worker:
    proc: Any  # multiprocessing.Process (fork context)
    conn: Connection
    docs: list[Document] | None = None
    deadline: float = 0.0


@dataclass(slots=True)
class _Work:
    """Batches waiting for a worker: those to code again first, then read ahead."""

    source: Iterator[list[Document]]
    retry: deque[list[Document]] = field(default_factory=deque)
    ahead: deque[list[Document]] = field(default_factory=deque)
    exhausted: bool = False

    def read_ahead(self, batches: int) -> None:
        while not self.exhausted and len(self.ahead) < batches:
            batch = next(self.source, None)
            if batch is None:
                self.exhausted = True
            else:
                self.ahead.append(batch)

    def take(self) -> list[Document] | None:
        if self.retry:
            return self.retry.popleft()
        self.read_ahead(1)
        return self.ahead.popleft() if self.ahead else None

    def give_back(self, docs: list[Document]) -> None:
        self.retry.appendleft(docs)

    def fail(self, docs: list[Document], failure: Failure) -> list[Outcome]:
        """A batch failed: the document's outcome when it was alone, else its parts queued."""
        if len(docs) == 1:
            return [(docs[0], failure)]
        for part in reversed(_split(docs, failure)):
            self.retry.appendleft(part)
        return []

    @property
    def done(self) -> bool:
        return self.exhausted and not self.retry and not self.ahead


class _Supervisor:
    def __init__(self, code: Coder, config: Config, workers: int, budget: float) -> None:
        self.code, self.config, self.budget = code, config, budget
        self.ctx = multiprocessing.get_context("fork")
        self.size = max(1, workers)
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        inherited = [parent, *(w.conn for w in self.workers)]
        proc = self.ctx.Process(target=_serve, args=(child, inherited, self.code, self.config, self.budget),
                                daemon=True, name="tieline-coder")
        proc.start()
        child.close()  # so the worker's death reads as EOF here
        worker = _Worker(proc=proc, conn=parent)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, *, kill: bool = False) -> None:
        self.workers.remove(worker)
        with contextlib.suppress(OSError):
            worker.conn.close()
        if kill and worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(timeout=5)
        if worker.proc.is_alive():
            worker.proc.kill()
            worker.proc.join()

    def close(self) -> None:
        for worker in list(self.workers):
            if worker.docs is None:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
            self._retire(worker, kill=worker.docs is not None)

    def _dispatch(self, work: _Work) -> list[Outcome]:
        """Hand a batch to every idle worker, starting workers (up to the pool's size) only
        while there is work for them; the outcomes of batches that could not be handed over."""
        failed: list[Outcome] = []
        while True:
            idle = next((w for w in self.workers if w.docs is None), None)
            if idle is None and len(self.workers) >= self.size:
                return failed
            docs = work.take()
            if docs is None:
                return failed
            worker = idle or self._spawn()
            try:
                worker.conn.send(docs)
            except (OSError, ValueError) as exc:  # died while idle, or a document cannot pickle
                self._retire(worker, kill=True)
                failed += work.fail(docs, Failure("crashed", f"could not hand the document over: "
                                                  f"{error_detail(exc)}"))
                continue
            worker.docs, worker.deadline = docs, time.monotonic() + self.budget + KILL_GRACE_S

    def run(self, documents: Iterable[Document], max_docs: int, max_chars: int, *,
            keep: bool = False) -> Iterator[Outcome]:
        """Outcomes as batches finish. With `keep`, workers stay up after a run that went to the
        end (all of them idle then) for the next one; otherwise, or when the run stops early,
        they are stopped."""
        work = _Work(source=batches(documents, max_docs, max_chars))
        finished = False
        try:
            while True:
                yield from self._dispatch(work)
                busy = [w for w in self.workers if w.docs is not None]
                if not busy:
                    if work.done:
                        finished = True
                        return
                    continue
                # Read the next batch while the workers code, so a worker that finishes is
                # handed it at once.
                work.read_ahead(1)
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = set(wait([w.conn for w in busy], timeout=timeout))
                outcomes: list[Outcome] = []
                for worker in busy:
                    if worker.conn in ready:
                        outcomes += self._collect(worker, work)
                    elif time.monotonic() >= worker.deadline:
                        docs = worker.docs
                        self._retire(worker, kill=True)
                        assert docs is not None
                        outcomes += work.fail(docs, Failure(
                            "timeout", f"no answer after {self.budget + KILL_GRACE_S:g} s; the worker was stopped"))
                # Idle workers get their next batch before the caller stores these results.
                outcomes += self._dispatch(work)
                yield from outcomes
        finally:
            if not (keep and finished):
                self.close()

    def _collect(self, worker: _Worker, work: _Work) -> list[Outcome]:
        docs = worker.docs
        assert docs is not None
        try:
            result, retire = worker.conn.recv()
        except (EOFError, OSError):
            worker.proc.join(timeout=5)
            code = worker.proc.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            self._retire(worker, kill=True)
            return work.fail(docs, Failure("crashed", f"the worker coding it died ({how})"))
        worker.docs = None
        if retire:
            self._retire(worker)
        if isinstance(result, Failure):
            return work.fail(docs, result)
        return list(result)


class _ReadTimeout(BaseException):  # not an Exception: readers' own handlers must not swallow it
    pass


def _on_read_alarm(signum: int, frame: Any) -> None:
    raise _ReadTimeout


def read_guarded(records: Iterator[Read], origin: str, budget: float = DOC_TIME_BUDGET_S) -> Iterator[Read]:
    """The records of one file, each read within `budget` seconds (extraction runs in this
    process: a pathological page or feed must not stall the run either). Past the budget the
    rest of the file is quarantined as `timeout`. The timer needs the main thread; elsewhere
    the records pass through unguarded."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield from records
        return
    previous = signal.signal(signal.SIGALRM, _on_read_alarm)
    try:
        while True:
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                record = next(records)
            except StopIteration:
                return
            except _ReadTimeout:
                yield quarantine(origin, "timeout", f"reading took over {budget:g} s; the rest of the file "
                                 "was skipped")
                return
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            yield record
    finally:
        signal.signal(signal.SIGALRM, previous)


class Guard:
    """Supervised coding workers kept from one call of `code` to the next, for a process that
    codes many small inputs (a Spark Python worker codes one partition per task): forking and
    warming up a worker per call would cost more than a small partition's coding. `close` stops
    them; a call that stops early stops them too, and the next call forks fresh ones."""

    def __init__(self, code: Coder, *, config: Config, workers: int = 1, budget: float = DOC_TIME_BUDGET_S,
                 max_docs: int = BATCH_DOCS, max_chars: int = BATCH_CHARS) -> None:
        self._code, self.config, self.budget = code, config, budget
        self.max_docs, self.max_chars = max_docs, max_chars
        forking = "fork" in multiprocessing.get_all_start_methods()
        self._supervisor = _Supervisor(code, config, workers, budget) if forking else None

    def code(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        """(document, events) for each document coded, (document, Failure) for each that was
        not, in the order batches finish."""
        if self._supervisor is not None:
            yield from self._supervisor.run(documents, self.max_docs, self.max_chars, keep=True)
            return
        timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGALRM, _on_alarm) if timer else None
        work = _Work(source=batches(documents, self.max_docs, self.max_chars))
        try:
            while (docs := work.take()) is not None:
                result = _code_batch(self._code, docs, self.config, self.budget, timer)
                if isinstance(result, Failure):
                    yield from work.fail(docs, result)
                else:
                    yield from result
        finally:
            if timer:
                signal.signal(signal.SIGALRM, previous)

    def close(self) -> None:
        if self._supervisor is not None:
            self._supervisor.close()


def code_guarded(code: Coder, documents: Iterable[Document], *, config: Config, workers: int = 1,
                 budget: float = DOC_TIME_BUDGET_S, max_docs: int = BATCH_DOCS,
                 max_chars: int = BATCH_CHARS) -> Iterator[Outcome]:
    """(document, events) for each document coded, (document, Failure) for each that was not.

    Documents are coded in batches of at most `max_docs` documents and `max_chars` characters
    (`max_docs=1`: one at a time). Results come in the order batches finish, not the order
    documents were given. Where fork is not available, batches are coded in this process.
    """
    guard = Guard(code, config=config, workers=workers, budget=budget, max_docs=max_docs, max_chars=max_chars)
    try:
        yield from guard.code(documents)
    finally:
        guard.close()
