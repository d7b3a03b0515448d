"""Ingest runs: idempotence, recoding, failures, SIGKILL recovery, the CLI, the Guardian demo."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tieline_fakes import fake_code_document, fake_coder
from typer.testing import CliRunner

import tieline
import tieline.cli.store  # noqa: F401  (registers ingest/export/db-info)
import tieline.pipeline
from tieline.cli.app import app
from tieline.errors import ConfigError, InputError
from tieline.ingest import ReadOptions, ingest
from tieline.records import Document, Event

REPO = Path(__file__).resolve().parents[2]
FIX = REPO / "tests" / "fixtures" / "ingest"
SHARED = Path(os.environ.get("TIELINE_SHARED") or REPO / ".." / "shared")
GUARDIAN = SHARED / "data" / "corpora" / "guardian_sdf" / "Guardian_SDF_sample.csv"

PAIRS = ["Pakistan and the United States", "India and China", "Russia and Turkey", "Iraq and Syria"]


def _corpus(folder: Path, n: int = 24) -> Path:
    """n distinct text files plus one broken file and one exact duplicate."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        pair = PAIRS[i % len(PAIRS)]
        text = f"Story {i}\n\n{pair} held talks on day {i}. {pair} met again.\n"
        (folder / f"doc{i:03d}.txt").write_text(text)
    (folder / "doc000-copy.txt").write_text((folder / "doc000.txt").read_text())
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Store contents without the columns that record when or in which run a row was written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute("SELECT doc_id, source, url, title, published, language, text, origin "
                                     "FROM documents ORDER BY doc_id").fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
            "quarantine": con.execute("SELECT quarantine_id, origin, locator, reason, detail, size_bytes "
                                      "FROM quarantine ORDER BY quarantine_id").fetchall(),
        }
    finally:
        con.close()


def test_ingest_twice_is_idempotent(tmp_path: Path) -> None:
    src, db = _corpus(tmp_path / "in"), tmp_path / "s.duckdb"
    seen: list[int] = []
    first = ingest([src], db=db, coder=fake_coder, batch_size=5, progress=lambda s: seen.append(s.docs_coded))
    s = first.stats
    assert (s.files_total, s.docs_read, s.docs_new, s.docs_duplicate, s.quarantined) == (26, 25, 24, 1, 1)
    assert s.events == 24 * 2 and dict(s.reasons) == {"binary": 1}
    assert seen[-1] == 24 and seen == sorted(seen)
    before = _tables(db)
    second = ingest([src], db=db, coder=fake_coder, batch_size=5).stats
    assert (second.docs_new, second.docs_skipped, second.events) == (0, 24, 0)
    assert _tables(db) == before
    with tieline.open(db) as c:
        runs = c.sql("SELECT status, docs_new, docs_skipped, events, quarantined FROM runs ORDER BY run_id")
        assert runs.fetchall() == [("done", 24, 1, 48, 1), ("done", 0, 25, 0, 1)]


def test_events_are_those_the_coder_returned(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest([FIX / "folder" / "talks.txt"], db=db, coder=fake_coder)
    text = (FIX / "folder" / "talks.txt").read_text().strip()
    doc = Document(text=text, title="Pakistan and US resume talks")
    with tieline.open(db) as c:
        rel = c.events.order("sentence_index")
        stored = [Event.from_flat(dict(zip(rel.columns, r, strict=True))) for r in rel.fetchall()]
    assert stored == fake_code_document(doc) and len(stored) == 2


def _recoder(cameo: str) -> Any:
    def coder(docs: Iterable[Document], **_: Any) -> Iterator[tuple[Document, list[Event]]]:
        from dataclasses import replace

        for doc, events in fake_coder(docs):
            yield doc, [replace(e, cameo=cameo, event_id="") for e in events]
    return coder


def test_recode_replaces_events_of_named_inputs(tmp_path: Path) -> None:
    src, db = _corpus(tmp_path / "in", n=8), tmp_path / "s.duckdb"
    ingest([src], db=db, coder=fake_coder, batch_size=3)
    one = src / "doc001.txt"
    s = ingest([one], db=db, recode=True, coder=_recoder("036"), batch_size=3).stats
    assert (s.docs_recoded, s.docs_new, s.events) == (1, 0, 2)
    with tieline.open(db) as c:
        cameos = dict(c.sql("SELECT cameo, count(*) FROM events GROUP BY cameo").fetchall())
        assert c.sql("SELECT count(*) FROM documents").fetchall() == [(8,)]
    assert cameos == {"042": 14, "036": 2}


def test_recode_without_paths_recodes_the_whole_store(tmp_path: Path) -> None:
    src, db = _corpus(tmp_path / "in", n=8), tmp_path / "s.duckdb"
    ingest([src], db=db, coder=fake_coder, batch_size=3)
    s = ingest([], db=db, recode=True, coder=_recoder("036"), batch_size=3).stats
    assert (s.docs_recoded, s.events) == (8, 16)
    with tieline.open(db) as c:
        assert c.sql("SELECT DISTINCT cameo FROM events").fetchall() == [("036",)]


def test_a_document_the_coder_fails_on_is_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    src, db = _corpus(tmp_path / "in", n=10), tmp_path / "s.duckdb"

    def flaky(docs: Iterable[Document], **_: Any) -> Iterator[tuple[Document, list[Event]]]:
        for doc, events in fake_coder(docs):
            if "day 5." in doc.text:
                raise RuntimeError("model crashed\nsecond line of a long message")
            yield doc, events

    summary = ingest([src], db=db, coder=flaky, batch_size=2)
    assert summary.status == "done"
    assert summary.stats.reasons["coding_error"] == 1
    with tieline.open(db) as c:
        assert c.sql("SELECT status, error FROM runs").fetchall() == [("done", None)]
        assert c.sql("SELECT count(*) FROM documents").fetchall() == [(9,)]  # every other document
        assert c.sql("SELECT origin, reason, detail FROM quarantine WHERE reason = 'coding_error'").fetchall() == [
            (str(src / "doc005.txt"), "coding_error", "RuntimeError: model crashed")]
    # Once the coder is fixed, a rerun codes exactly the quarantined document.
    assert ingest([src], db=db, coder=fake_coder, batch_size=2).stats.docs_new == 1
    clean = tmp_path / "clean.duckdb"
    ingest([src], db=clean, coder=fake_coder, batch_size=7)
    for table in ("documents", "events"):
        assert _tables(db)[table] == _tables(clean)[table]


def test_bad_arguments_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        ingest([tmp_path / "missing.csv"], db=tmp_path / "s.duckdb", coder=fake_coder)
    with pytest.raises(InputError, match="nothing to ingest"):
        ingest([], db=tmp_path / "s.duckdb", coder=fake_coder)
    with pytest.raises(ConfigError):
        ingest([FIX / "feed.rss"], db=tmp_path / "s.duckdb", coder=fake_coder, batch_size=0)


def test_sigkill_mid_ingest_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", n=30)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    ingest([src], db=clean, coder=fake_coder, batch_size=4)

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(FIX)]),
           "FAKE_CODER_DELAY": "0.1"}
    proc = subprocess.Popen([sys.executable, str(FIX / "ingest_slowly.py"), str(killed), str(src)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    try:
        for commits, line in enumerate(proc.stdout, start=1):
            assert line.startswith("committed"), line
            if commits == 3:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    partial = len(_tables(killed)["documents"])
    assert 6 <= partial < 30  # killed mid-run, after three committed batches

    s = ingest([src], db=killed, coder=fake_coder, batch_size=4).stats
    assert s.docs_skipped == partial and s.docs_new == 30 - partial
    assert _tables(killed) == _tables(clean)
    with tieline.open(killed) as c:
        assert [r[0] for r in c.sql("SELECT status FROM runs ORDER BY run_id").fetchall()] == [
            "interrupted", "done"]


@pytest.fixture()
def fake_code_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tieline.pipeline, "code_many", fake_coder)


def test_cli_ingest_export_and_db_info(tmp_path: Path, fake_code_many: None) -> None:
    runner = CliRunner()
    db = tmp_path / "s.duckdb"
    res = runner.invoke(app, ["ingest", str(FIX / "articles.csv"), str(FIX / "feed.rss"), "--db", str(db),
                              "--text-col", "body", "--date-col", "published", "--url-col", "link",
                              "--title-col", "headline", "--source-col", "outlet", "-q"])
    assert res.exit_code == 0, res.output
    assert "new documents coded" in res.output and "malformed_csv" in res.output
    with tieline.open(db) as c:
        assert c.sql("SELECT count(*) FROM documents").fetchall() == [(4,)]
    res = runner.invoke(app, ["db-info", "--db", str(db), "--quarantine"])
    assert res.exit_code == 0, res.output
    assert "row=3 line=5" in res.output and "entry=2" in res.output
    out = tmp_path / "e.tsv"
    res = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", "gdelt", "--dyad", "USA,PAK"])
    assert res.exit_code == 0, res.output
    assert len(out.read_text().splitlines()) == 1


def test_cli_errors_are_one_line(tmp_path: Path, fake_code_many: None) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 1 and "no such file or folder" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["export", str(tmp_path / "x.tsv"), "--db", str(tmp_path / "absent.duckdb")])
    assert res.exit_code == 1 and "no store at" in res.output
    res = runner.invoke(app, ["db-info", "--db", str(tmp_path / "absent.duckdb")])
    assert res.exit_code == 1 and "no store at" in res.output


def _real_coder_available() -> bool:
    try:
        return hasattr(importlib.import_module("tieline.coding"), "code_documents")
    except ImportError:
        return False


@pytest.mark.slow
def test_guardian_sample_twice_gives_the_same_events(tmp_path: Path) -> None:
    if not GUARDIAN.exists():
        pytest.skip(f"shared corpora absent ({GUARDIAN})")
    if not _real_coder_available():
        pytest.skip("the coder (tieline.coding.code_documents) is not available")
    db = tmp_path / "guardian.duckdb"
    first = ingest([GUARDIAN], db=db, options=ReadOptions())
    assert first.stats.docs_new == 249 and first.stats.quarantined == 0
    assert first.stats.events > 0
    before = _tables(db)
    second = ingest([GUARDIAN], db=db, options=ReadOptions())
    assert (second.stats.docs_new, second.stats.docs_skipped, second.stats.events) == (0, 249, 0)
    assert _tables(db) == before
    with tieline.open(db) as c:
        assert c.sql("SELECT count(*) FROM events").fetchall() == [(first.stats.events,)]
        assert c.sql("SELECT count(*) FROM documents WHERE published IS NULL").fetchall() == [(0,)]

