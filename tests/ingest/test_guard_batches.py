"""The supervisor codes documents in batches: a failing document inside a batch is found and
quarantined alone, the rest of its batch is coded once, and batching changes no event."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tieline_fakes import fake_coder

import tieline
from tieline.config import Config
from tieline.ingest import guard, ingest
from tieline.ingest.guard import Failure, batches, code_guarded
from tieline.records import Document, Event

PAIRS = ["Pakistan and India", "Russia and China", "Iraq and Syria", "Turkey and the United States"]


def _docs(n: int, marked: int | None = None) -> list[Document]:
    docs = []
    for i in range(n):
        mark = "MARK " if i == marked else ""
        docs.append(Document(text=f"{mark}{PAIRS[i % len(PAIRS)]} held talks on day {i}."))
    return docs


def _recording(log: Path, behaviour: str) -> Any:
    """A fake coder that writes the size of every batch it is called with to `log` (one line
    per call; the calls happen in forked workers) and misbehaves when a batch holds MARK."""

    def code(docs: Iterable[Document], **_: Any) -> Iterator[tuple[Document, list[Event]]]:
        batch = list(docs)
        with log.open("a") as fh:
            fh.write(f"{len(batch)}\n")
        if any("MARK" in d.text for d in batch):
            if behaviour == "raise":
                raise ValueError("poisoned document")
            if behaviour == "die":
                os.kill(os.getpid(), signal.SIGKILL)
            if behaviour == "sleep":
                time.sleep(600)
            if behaviour == "stuck":  # a hang the worker's own timer cannot interrupt
                signal.signal(signal.SIGALRM, signal.SIG_IGN)
                time.sleep(600)
        yield from fake_coder(batch)
    return code


def _calls(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()]


def _outcomes(code: Any, docs: list[Document], **kwargs: Any) -> tuple[dict[str, list[Event]], dict[str, Failure]]:
    coded: dict[str, list[Event]] = {}
    failed: dict[str, Failure] = {}
    seen: Counter[str] = Counter()
    for doc, outcome in code_guarded(code, docs, config=Config(), **kwargs):
        seen[doc.doc_id] += 1
        if isinstance(outcome, Failure):
            failed[doc.doc_id] = outcome
        else:
            coded[doc.doc_id] = outcome
    assert max(seen.values()) == 1, "a document came back twice"
    return coded, failed


def test_batches_keep_order_and_respect_both_limits() -> None:
    docs = [Document(text="x" * n) for n in (10, 10, 10, 50, 10, 200, 10)]
    got = list(batches(docs, max_docs=3, max_chars=60))
    assert [[len(d.text) for d in b] for b in got] == [[10, 10, 10], [50, 10], [200], [10]]
    assert [d for b in got for d in b] == docs


@pytest.mark.parametrize(("behaviour", "reason"), [("raise", "coding_error"), ("die", "crashed")])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_poisoned_document_mid_batch_is_quarantined_and_the_rest_coded_once(
        tmp_path: Path, behaviour: str, reason: str, workers: int) -> None:
    docs = _docs(20, marked=9)
    log = tmp_path / "calls.log"
    coded, failed = _outcomes(_recording(log, behaviour), docs, workers=workers, max_docs=20)
    assert set(failed) == {docs[9].doc_id} and failed[docs[9].doc_id].reason == reason
    assert set(coded) == {d.doc_id for d in docs} - {docs[9].doc_id}
    assert coded[docs[0].doc_id] == fake_coder([docs[0]]).__next__()[1]
    calls = _calls(log)
    assert calls[0] == 20  # one batch first, not one document per call
    # Found by halving (20 -> 10 -> 5 -> 3 -> 2 -> 1, two calls a round), not by coding each
    # document alone.
    assert calls.count(1) <= 5 and len(calls) <= 2 * 5 + 1


def test_a_hang_past_the_budget_is_a_timeout_and_its_batch_is_coded_one_by_one(tmp_path: Path) -> None:
    docs = _docs(8, marked=3)
    log = tmp_path / "calls.log"
    coded, failed = _outcomes(_recording(log, "sleep"), docs, workers=2, budget=0.5, max_docs=8)
    assert {k: f.reason for k, f in failed.items()} == {docs[3].doc_id: "timeout"}
    assert "0.5 s" in failed[docs[3].doc_id].detail
    assert set(coded) == {d.doc_id for d in docs} - {docs[3].doc_id}
    assert sorted(_calls(log)) == [1] * 8 + [8]


def test_a_hang_the_timer_cannot_stop_is_killed_and_the_rest_coded(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "KILL_GRACE_S", 0.5)  # read by the supervisor, in this process
    docs = _docs(6, marked=5)
    coded, failed = _outcomes(_recording(tmp_path / "calls.log", "stuck"), docs, workers=1, budget=0.5)
    assert [f.reason for f in failed.values()] == ["timeout"] and "stopped" in failed[docs[5].doc_id].detail
    assert set(coded) == {d.doc_id for d in docs[:5]}


def test_without_fork_batches_are_split_in_process_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    docs = _docs(10, marked=4)
    log = tmp_path / "calls.log"
    coded, failed = _outcomes(_recording(log, "raise"), docs)
    assert [f.reason for f in failed.values()] == ["coding_error"] and len(coded) == 9
    assert _calls(log)[0] == 10


def test_ingest_quarantines_only_the_poisoned_document_of_a_batch(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    docs = _docs(40, marked=17)
    for i, d in enumerate(docs):
        (src / f"d{i:02d}.txt").write_text(d.text)
    log = tmp_path / "calls.log"
    summary = ingest([src], db=tmp_path / "s.duckdb", coder=_recording(log, "raise"), batch_size=7, n_process=2)
    assert summary.status == "done" and summary.stats.reasons == {"coding_error": 1}
    with tieline.open(tmp_path / "s.duckdb") as c:
        assert c.sql("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchall() == [(39, 39)]
        ((origin, detail),) = c.sql("SELECT origin, detail FROM quarantine").fetchall()
        stored = c.sql("SELECT count(*) FROM events").fetchall()[0][0]
    assert origin.endswith("d17.txt") and "poisoned" in detail
    assert stored == sum(len(evs) for d in docs if "MARK" not in d.text for _, evs in fake_coder([d]))
    assert max(_calls(log)) > 1


def test_the_real_coder_gives_the_same_events_batched_and_one_by_one() -> None:
    texts = ["Pakistan and the United States held talks in Islamabad.",
             "India and China met in Delhi. Russia criticised Turkey.",
             "The Iraqi government accused Syria of shelling border towns. Turkey sent troops to the border.",
             "France condemned the attack. Germany offered aid to Ukraine."]
    docs = [Document(text=f"{t} Day {i}.") for i in range(3) for t in texts]
    config = Config()
    from tieline.coding.component import coding_pipeline
    from tieline.pipeline import code_many

    coding_pipeline(config)  # loaded before the workers fork
    runs = []
    for max_docs in (1, len(docs)):
        coded, failed = _outcomes(code_many, docs, workers=2, max_docs=max_docs)
        assert not failed
        runs.append({k: sorted(e.to_flat().items() for e in evs) for k, evs in coded.items()})
    assert runs[0] == runs[1] and sum(map(len, runs[0].values())) >= len(docs)


def test_a_kept_guard_codes_many_calls_with_one_worker_and_recovers_after_a_crash(tmp_path: Path) -> None:
    pids = tmp_path / "pids.log"

    def code(docs: Iterable[Document], **kwargs: Any) -> Iterator[tuple[Document, list[Event]]]:
        with pids.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        yield from _recording(tmp_path / "calls.log", "die")(docs, **kwargs)

    kept = guard.Guard(code, config=Config())
    try:
        first = list(kept.code(_docs(5)))
        second = list(kept.code(_docs(7)[5:]))
        assert len(first) == 5 and len(second) == 2
        assert len(set(pids.read_text().split())) == 1  # one worker served both calls
        crashed = dict((d.doc_id, o) for d, o in kept.code(_docs(4, marked=2)))
        assert [o.reason for o in crashed.values() if isinstance(o, Failure)] == ["crashed"] and len(crashed) == 4
        after = list(kept.code(_docs(3)))
        assert all(not isinstance(o, Failure) for _, o in after) and len(after) == 3
    finally:
        kept.close()
    # Closed: every worker it started has exited and been reaped (other guards may be alive).
    for pid in {int(p) for p in pids.read_text().split()}:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
