"""One writer and many readers at once: the writer holds DuckDB's lock only while it needs the
connection, readers and the writer wait for each other's short holds, a second writer is refused."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tieline_fakes import make_event

from tieline.records import Document
from tieline.store.writer import Batch, StoreWriter

REPO = Path(__file__).resolve().parents[2]
READ = ("import sys, time, tieline\nstart = time.monotonic()\n"
        "with tieline.open(sys.argv[1]) as c:\n"
        "    n = c.sql('SELECT count(*) FROM documents').fetchall()[0][0]\n"
        "    print(n, round(time.monotonic() - start, 2), flush=True)\n"
        "    time.sleep(float(sys.argv[2]))\n")


def _reader(db: Path, hold: float = 0.0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-c", READ, str(db), str(hold)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _batch(i: int) -> Batch:
    doc = Document(text=f"The US met Pakistan on day {i}.")
    return Batch(coded=[(doc, [make_event(doc.doc_id)], "test")])


def test_a_reader_waits_for_the_writers_commit_then_reads(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with StoreWriter(db) as w:
        run = w.begin_run({}, tieline_version="t", model={})
        w.write_batch(_batch(0), run_id=run)
        reader = _reader(db)  # the writer still holds the connection: the reader retries
        time.sleep(1.5)
        w.write_batch(_batch(1), run_id=run)
        w.release()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    count, waited = out.split()
    assert count == "2" and float(waited) >= 1.0  # it saw both batches, after waiting for the commit


def test_the_writer_waits_for_a_reader_to_finish(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with StoreWriter(db) as w:
        run = w.begin_run({}, tieline_version="t", model={})
        w.write_batch(_batch(0), run_id=run)
        w.release()
        reader = _reader(db, hold=2.0)
        assert reader.stdout is not None and reader.stdout.readline().split()[0] == "1"  # it holds the store now
        w.write_batch(_batch(1), run_id=run)  # waits for the reader to close, then writes
        assert reader.wait(timeout=60) == 0
        assert w.con.execute("SELECT count(*) FROM documents").fetchall() == [(2,)]
