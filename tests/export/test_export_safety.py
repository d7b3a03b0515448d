"""Exports never replace what is not a regular file, report write errors, and can go to stdout."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from datetime import date as Date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tieline_fakes import make_event

from tieline.errors import OutputError
from tieline.export import export
from tieline.records import Document
from tieline.store.writer import Batch, StoreWriter

REPO = Path(__file__).resolve().parents[2]
DEV_FULL = Path("/dev/full")
CLI = "import sys; from tieline.cli import main; sys.argv[0] = 'tieline'; main()"


def _cli(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-c", CLI, *args], stdout=stdout, stderr=subprocess.PIPE, env=env,
                          timeout=300)


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["gdelt", "parquet"])
def test_a_device_is_refused_and_left_as_it_is(store: Path, fmt: str) -> None:
    with pytest.raises(OutputError, match="not a regular file"):
        export(store, DEV_FULL, fmt)
    assert stat.S_ISCHR(DEV_FULL.stat().st_mode)


def test_a_symlink_is_refused_and_its_target_untouched(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "out.tsv"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        export(store, link, "gdelt")
    assert link.is_symlink() and target.read_text() == "keep me\n"


def test_a_fifo_is_refused_without_blocking(store: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        export(store, fifo, "plover")


def test_a_regular_file_is_replaced_keeping_its_mode_and_no_temporary_is_left(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    out.write_text("old\n")
    out.chmod(0o640)
    assert export(store, out, "gdelt").rows == 4
    assert len(out.read_text().splitlines()) == 4
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.tsv", "s.duckdb", "s.duckdb.lock"]


def test_a_write_error_is_reported_and_the_old_file_kept(store: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text("previous export\n")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        export(store, out, "plover")
    assert out.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_dash_writes_to_stdout(store: Path, tmp_path: Path) -> None:
    export(store, tmp_path / "file.jsonl", "plover")
    piped = _cli("export", "-", "--format", "plover", "--db", str(store))
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == (tmp_path / "file.jsonl").read_bytes()
    assert b"wrote 4 events" in piped.stderr  # the message stays off the data
    as_parquet = _cli("export", "-", "--format", "parquet", "--db", str(store))
    (tmp_path / "piped.parquet").write_bytes(as_parquet.stdout)
    assert pq.read_table(tmp_path / "piped.parquet").num_rows == 4


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
def test_a_full_disk_on_stdout_is_an_error_exit(store: Path) -> None:
    with DEV_FULL.open("wb") as full:
        r = _cli("export", "-", "--format", "gdelt", "--db", str(store), stdout=full.fileno())
    assert r.returncode != 0
    assert b"No space left on device" in r.stderr and b"Traceback" not in r.stderr


def test_line_breaking_characters_never_split_a_row(tmp_path: Path) -> None:
    """str.splitlines() breaks at U+2028, U+0085, \\x0b, \\x1c ...: none may reach a row raw."""
    breaks = "\u2028\x85\x0b\x1c\x1d\x1e\x0c\u2029\r"
    doc = Document(text=f"India{breaks}accused China.", date=Date(2021, 5, 1), source=f"Desk{breaks}A",
                   title=f"Head{breaks}line", url=f"https://x.example/{breaks}")
    ev = make_event(doc.doc_id, 0, "IND", "CHN", "112", sentence=f"India{breaks}accused China.")
    db = tmp_path / "s.duckdb"
    with StoreWriter(db) as w:
        w.write_batch(Batch(coded=[(doc, [ev], "test")]), run_id=w.begin_run({}, tieline_version="t", model={}))
    for fmt in ("gdelt", "plover"):
        out = tmp_path / f"out.{fmt}"
        export(db, out, fmt)
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1, (fmt, lines)
        if fmt == "plover":
            assert json.loads(lines[0])["event_text"] == f"India{breaks}accused China."
        else:
            assert len(lines[0].split("\t")) == 61
