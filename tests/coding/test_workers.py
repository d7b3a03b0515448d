"""Coding in worker processes: one per core by default, results in input order, recycled
workers, errors surfacing in the caller."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest

import tieline
from tieline.coding import workers
from tieline.errors import ConfigError

TEXTS = [
    "Trump criticized Pakistan.",
    "Football is popular.",
    "Iran attacked Iraq on Monday.",
    "Russia and Pakistan signed a defence agreement.",
    "The weather was fine.",
    "India accused China of violating the border agreement.",
    "Japan halted aid to Myanmar.",
]


def _coded(**kw: Any) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [
        (doc.text, [(e.source.code, e.target.code, e.cameo) for e in events])
        for doc, events in tieline.code_many(TEXTS, **kw)
    ]


def test_default_is_one_worker_per_core_capped() -> None:
    assert 1 <= workers.resolve_workers(None) == workers.default_workers() <= workers.MAX_DEFAULT_WORKERS
    assert workers.resolve_workers(3) == 3
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ConfigError):
            workers.resolve_workers(bad)  # type: ignore[arg-type]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_pool_gives_the_in_process_results_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _coded(n_process=1, batch_size=2)
    assert [t for t, _ in expected] == TEXTS
    assert any(events for _, events in expected)
    assert _coded(n_process=2, batch_size=2) == expected
    # every worker retires after one chunk: fresh forks give the same answers
    monkeypatch.setattr(workers, "MAX_DOCS_PER_WORKER", 2)
    assert _coded(n_process=2, batch_size=2) == expected


def test_input_of_one_batch_starts_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kw: object) -> None:
        raise AssertionError("a pool was started for one batch")

    monkeypatch.setattr(workers.multiprocessing, "get_context", no_pool)
    assert len(_coded(n_process=2, batch_size=len(TEXTS))) == len(TEXTS)


def _fail(chunk: list[object]) -> list[object]:
    raise RuntimeError("worker failed")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_worker_error_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_code_chunk", _fail)
    with pytest.raises(RuntimeError, match="worker failed"):
        _coded(n_process=2, batch_size=2)
