"""Coding each document under a wall-clock budget, in supervised worker processes.

One bad document must not stop a run: it may raise inside spaCy or the coder, loop for
minutes, or kill its process. Each worker (a forked copy of this process, so the loaded
pipeline is shared) codes one document at a time under a timer; the supervisor hands out
documents, collects results, and turns every failure into a `Failure` for that document
alone:

- the coder raises: ``coding_error`` with the exception's first line;
- the worker's own timer fires after `DOC_TIME_BUDGET_S`: ``timeout``; the worker retires
  (its state may be half-updated) and a fresh one is forked;
- the worker does not answer `KILL_GRACE_S` after that (stuck in C code, where the timer
  cannot interrupt): it is killed, ``timeout``;
- the worker dies (killed by the OOM killer, a segfault): ``crashed``.

Reading (extraction of pages and feeds) runs in the supervisor, each record under the same
budget (`read_guarded`). A worker whose resident memory passes `WORKER_MAX_RSS` after a document retires too, so one
huge document does not keep a big process for the rest of the run. Where fork is not
available (macOS and Windows defaults), documents are coded in this process, each under its
own try/except and, in the main thread, the same timer.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from tieline.config import Config
from tieline.ingest.common import Read, error_detail, quarantine
from tieline.records import Document, Event

__all__ = ["DOC_TIME_BUDGET_S", "KILL_GRACE_S", "WORKER_MAX_RSS", "Failure", "code_guarded", "read_guarded"]

#: Wall-clock seconds one document may take to code. A part of 100,000 characters (the most the
#: parser is given, `limits.MAX_PART_CHARS`) codes in about 10 s on a slow shared core; a
#: document still going after six times that is pathological, not long.
DOC_TIME_BUDGET_S = 60.0
#: Seconds past the budget the supervisor waits for the worker's own timer before killing it:
#: enough for a timer that fired inside a long C call to get back to Python.
KILL_GRACE_S = 10.0
#: Resident memory (bytes) above which a worker retires after its document: the spaCy model
#: and the coder's tables take about 400 MB, and Python keeps memory it has freed.
WORKER_MAX_RSS = 1024**3

Coder = Callable[..., Iterable[tuple[Document, list[Event]]]]


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document was not coded: a quarantine reason (timeout, coding_error, crashed)."""

    reason: str
    detail: str


Outcome = tuple[Document, "list[Event] | Failure"]


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


def _code_one(code: Coder, doc: Document, config: Config, budget: float,
              timer: bool) -> list[tuple[Document, list[Event]]] | Failure:
    """Code one document; its pairs (a long document may come back as parts) or a Failure."""
    if timer:
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return [(d, list(evs)) for d, evs in code([doc], n_process=1, batch_size=1, config=config)]
    except _Timeout:
        return Failure("timeout", f"still coding after {budget:g} s (the per-document budget)")
    except RecursionError:
        return Failure("coding_error", "RecursionError: the parse is nested too deeply")
    except Exception as exc:
        return Failure("coding_error", error_detail(exc))
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _serve(conn: Connection, inherited: list[Connection], code: Coder, config: Config, budget: float) -> None:
    """A worker: code documents from `conn` until told to stop, one answer per document."""
    for other in inherited:  # the supervisor's ends of the pipes: held here, they hide its death
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    signal.signal(signal.SIGALRM, _on_alarm)
    while True:
        try:
            doc = conn.recv()
        except (EOFError, OSError):
            return
        if doc is None:
            return
        result = _code_one(code, doc, config, budget, timer=True)
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
    doc: Document | None = None
    deadline: float = 0.0


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
            if worker.doc is None:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
            self._retire(worker, kill=worker.doc is not None)

    def run(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        todo = iter(documents)
        exhausted = False
        try:
            while True:
                while not exhausted and len(self.workers) < self.size:
                    self._spawn()
                idle = [w for w in self.workers if w.doc is None]
                for worker in idle:
                    if exhausted:
                        break
                    doc = next(todo, None)
                    if doc is None:
                        exhausted = True
                        break
                    try:
                        worker.conn.send(doc)
                    except (OSError, ValueError) as exc:  # died while idle, or cannot pickle
                        yield doc, Failure("crashed", f"could not hand the document over: {error_detail(exc)}")
                        self._retire(worker, kill=True)
                        continue
                    worker.doc, worker.deadline = doc, time.monotonic() + self.budget + KILL_GRACE_S
                busy = [w for w in self.workers if w.doc is not None]
                if not busy:
                    if exhausted:
                        return
                    continue
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = set(wait([w.conn for w in busy], timeout=timeout))
                for worker in busy:
                    if worker.conn in ready:
                        yield from self._collect(worker)
                    elif time.monotonic() >= worker.deadline:
                        doc = worker.doc
                        self._retire(worker, kill=True)
                        assert doc is not None
                        yield doc, Failure("timeout", f"no answer after {self.budget + KILL_GRACE_S:g} s; "
                                           "the worker was stopped")
        finally:
            self.close()

    def _collect(self, worker: _Worker) -> Iterator[Outcome]:
        doc = worker.doc
        assert doc is not None
        try:
            result, retire = worker.conn.recv()
        except (EOFError, OSError):
            worker.proc.join(timeout=5)
            code = worker.proc.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            self._retire(worker, kill=True)
            yield doc, Failure("crashed", f"the worker coding it died ({how})")
            return
        worker.doc = None
        if retire:
            self._retire(worker)
        if isinstance(result, Failure):
            yield doc, result
        else:
            yield from result


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


def code_guarded(code: Coder, documents: Iterable[Document], *, config: Config, workers: int = 1,
                 budget: float = DOC_TIME_BUDGET_S) -> Iterator[Outcome]:
    """(document, events) for each document coded, (document, Failure) for each that was not.

    Results come in the order documents finish, not the order they were given.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        yield from _Supervisor(code, config, workers, budget).run(documents)
        return
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if timer else None
    try:
        for doc in documents:
            result = _code_one(code, doc, config, budget, timer)
            if isinstance(result, Failure):
                yield doc, result
            else:
                yield from result
    finally:
        if timer:
            signal.signal(signal.SIGALRM, previous)
