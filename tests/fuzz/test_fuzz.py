"""The bounded fuzz run: a few hundred generated documents of every bad kind (and good ones
among them) through the real coder in one ingest run, in the normal test run (under 3 minutes);
`benchmarks/fuzz.py` is the long run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import tieline
from tieline.ingest import ingest
from tieline.store.schema import QUARANTINE_REASONS

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_inputs import GENERATORS, make_corpus  # noqa: E402

#: Documents in the bounded run: every kind at least once, a few hundred in all.
BOUNDED_DOCUMENTS = 300
#: Sizes of the big inputs relative to the audit's (1.0): small enough for a test run, big
#: enough that long texts are still split into parts.
BOUNDED_SCALE = 0.01


def _coder_available() -> bool:
    try:
        from tieline.coding.component import coding_pipeline
        from tieline.config import Config

        coding_pipeline(Config())
    except Exception:
        return False
    return True


def test_generation_is_deterministic_and_covers_every_kind(tmp_path: Path) -> None:
    a = make_corpus(tmp_path / "a", 80, seed=3, scale=BOUNDED_SCALE)
    b = make_corpus(tmp_path / "b", 80, seed=3, scale=BOUNDED_SCALE)
    assert a.good == b.good and a.kinds == b.kinds
    assert set(a.kinds) == {g.__name__.removeprefix("gen_") for g, _ in GENERATORS}


def test_bounded_fuzz_run_loses_nothing_and_never_stops(tmp_path: Path) -> None:
    if not _coder_available():
        pytest.skip("the spaCy model is not installed; the bounded fuzz run needs the real coder")
    corpus = make_corpus(tmp_path / "corpus", BOUNDED_DOCUMENTS, seed=2026, scale=BOUNDED_SCALE)
    db = tmp_path / "fuzz.duckdb"
    summary = ingest([tmp_path / "corpus"], db=db)
    assert summary.status == "done"
    assert "crashed" not in summary.stats.reasons and "timeout" not in summary.stats.reasons, summary.stats.reasons
    with tieline.open(db) as c:
        stored = {r[0] for r in c.sql("SELECT doc_id FROM documents").fetchall()}
        reasons = {r[0] for r in c.sql("SELECT DISTINCT reason FROM quarantine").fetchall()}
        details = c.sql("SELECT count(*) FROM quarantine WHERE detail IS NULL OR detail = ''").fetchall()
    assert set(corpus.good) <= stored  # no good document lost
    assert reasons <= set(QUARANTINE_REASONS) and details == [(0,)]
    # A second run over the same files adds nothing and still ends done.
    again = ingest([tmp_path / "corpus"], db=db)
    assert again.status == "done" and again.stats.docs_new == 0
