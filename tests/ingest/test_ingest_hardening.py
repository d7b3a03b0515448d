"""The audit's reproducers: each input either codes or is quarantined with a reason, and one
bad record never stops a run (per-record isolation, per-document limits, worker supervision)."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tieline_fakes import article_html, fake_coder, make_warc
from typer.testing import CliRunner

import tieline
import tieline.cli.store  # noqa: F401  (registers ingest)
import tieline.pipeline
from tieline.cli.app import app
from tieline.ingest import ReadOptions, ingest, read_path
from tieline.ingest.common import Item
from tieline.limits import MAX_PART_CHARS
from tieline.records import Document, Event, make_doc_id
from tieline.store.schema import QUARANTINE_REASONS
from tieline.store.writer import QuarantineRecord

OPTS = ReadOptions()


def _read(path: Path) -> list[Item | QuarantineRecord]:
    return list(read_path(path, OPTS))


def _reasons(reads: list[Item | QuarantineRecord]) -> list[str]:
    return [r.reason for r in reads if isinstance(r, QuarantineRecord)]


def _items(reads: list[Item | QuarantineRecord]) -> list[Item]:
    return [r for r in reads if isinstance(r, Item)]


# -- the reproducers, one file each --------------------------------------------------------------

def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


def reproducers(folder: Path) -> dict[str, Path]:
    """Every bad input the audit found, at the audit's sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    bomb_page = gzip.compress(b"<html><body><p>" + b"A" * (30 << 20))
    long_text = ("Russia attacked Ukraine and " * 45000)[:1_200_000]
    feed_title = "T" * 1_000_000
    return {
        "long.txt": _write(folder, "long.txt", long_text),
        "long.html": _write(folder, "long.html", article_html("Long", [long_text[:600_000], long_text[600_000:]])),
        "long-title.rss": _write(folder, "long-title.rss", (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>{feed_title}</title>'
            "<description>Russia attacked Ukraine on Monday.</description></item></channel></rss>")),
        "surrogate.jsonl": _write(folder, "surrogate.jsonl", '{"text": "China criticised Japan \\ud800 today."}\n'),
        "bad-header.csv": _write(folder, "bad-header.csv", b"d\xe9te,body\n1,Russia attacked Ukraine.\n"),
        "bignum.jsonl": _write(folder, "bignum.jsonl", '{"text": "Russia met China.", "n": ' + "9" * 5000 + "}\n"),
        "deep.json": _write(folder, "deep.json", "[" * 100_000 + "]" * 100_000),
        "year-one.csv": _write(folder, "year-one.csv", "date,text\n0001-01-01,Russia attacked Ukraine last week.\n"),
        "nouri.warc": _write(folder, "nouri.warc", _warc_without_uri()),
        "amps.txt": _write(folder, "amps.txt", "&" * 20_000),
        "amp-entities.html": _write(folder, "amp-entities.html",
                                    "<html><body><p>" + "&amp;" * 100_000 + "</p></body></html>"),
        "nopunct.txt": _write(folder, "nopunct.txt", " ".join(["Russia", "and", "China", "talks"] * 16_000)[:62_000]),
        "nopunct-long.txt": _write(folder, "nopunct-long.txt", " ".join(["Russia", "border"] * 80_000)[:944_000]),
        "entities.rss": _write(folder, "entities.rss", (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Music</title>'
            "<description>R&amp;amp;B stars met in Paris.</description></item></channel></rss>")),
        "runaway.csv": _write(folder, "runaway.csv", 'text,date\n"Russia attacked Ukraine,2019-01-03\n'
                                                     'China met India,2019-01-04\nIndia said "no",2019-01-05\n'),
        "bomb.warc.gz": _write(folder, "bomb.warc.gz", _gzip_bomb_warc(bomb_page) + make_warc(
            [("http://g.example/", article_html("G", ["India and China held talks on Monday in Delhi."]))],
            gzip=True, extra_records=False)),
        "etc-passwd.txt": _symlink(folder / "etc-passwd.txt", Path("/etc/passwd")),
    }


def _symlink(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _warc_without_uri() -> bytes:
    data = make_warc([("http://x.example/", article_html("T", ["Russia attacked Ukraine on Monday, officials said."]))],
                     gzip=False, extra_records=False)
    return data.replace(b"WARC-Target-URI: http://x.example/\r\n", b"")


def _gzip_bomb_warc(page: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://bomb.example/", "response", payload=io.BytesIO(page),
                                                  http_headers=headers))
    return buf.getvalue()


@pytest.fixture(scope="module")
def repro(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return reproducers(tmp_path_factory.mktemp("repro"))


def test_every_reproducer_reads_to_documents_or_reasons(repro: dict[str, Path]) -> None:
    for name, path in repro.items():
        reads = _read(path)
        assert reads, name
        for r in reads:
            if isinstance(r, QuarantineRecord):
                assert r.reason in QUARANTINE_REASONS and r.detail, (name, r)
            else:
                assert 0 < len(r.doc.text) <= MAX_PART_CHARS, name
                r.doc.text.encode("utf-8")  # storable: no lone surrogates


def test_long_texts_are_split_at_paragraphs_into_parts(repro: dict[str, Path]) -> None:
    items = _items(_read(repro["long.txt"]))
    n = len(items)  # 1.2M characters in parts of at most 100k, cut at the last space of each
    assert n in (12, 13) and all(i.origin.endswith(f"part={k}/{n}") for k, i in enumerate(items, start=1))
    assert sum(len(i.doc.text) for i in items) >= 1_199_000  # nothing dropped but the spaces cut at
    assert len(_items(_read(repro["long-title.rss"]))) >= 10


@pytest.mark.parametrize(("name", "reason"), [
    ("bad-header.csv", "malformed_csv"), ("bignum.jsonl", "malformed_json"), ("deep.json", "malformed_json"),
    ("runaway.csv", "malformed_csv"), ("etc-passwd.txt", "symlink"),
])
def test_bad_records_are_quarantined_with_their_reason(repro: dict[str, Path], name: str, reason: str) -> None:
    reads = _read(repro[name])
    assert _reasons(reads) == [reason] and not _items(reads)


def test_undecodable_csv_header_is_storable_in_the_detail(repro: dict[str, Path]) -> None:
    (q,) = _read(repro["bad-header.csv"])
    assert isinstance(q, QuarantineRecord)
    assert "d\ufffdte" in q.detail
    q.detail.encode("utf-8")


def test_readers_that_used_to_crash_now_code(repro: dict[str, Path]) -> None:
    (surrogate,) = _items(_read(repro["surrogate.jsonl"]))
    assert surrogate.doc.text == "China criticised Japan \ufffd today."
    (year_one,) = _items(_read(repro["year-one.csv"]))
    assert year_one.doc.date is None  # outside 1800..2200: undated, not an overflow
    (page,) = _items(_read(repro["nouri.warc"]))
    assert page.doc.url is None and "Russia attacked Ukraine" in page.doc.text
    (feed,) = _items(_read(repro["entities.rss"]))
    assert "R&B stars" in feed.doc.text
    reads = _read(repro["bomb.warc.gz"])
    assert "oversized" in _reasons(reads)


def test_named_special_files_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _reasons(_read(fifo)) == ["unsupported"]  # a FIFO would block the run forever


def test_mixed_folder_stores_every_good_document_in_one_run(repro: dict[str, Path], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = next(iter(repro.values())).parent
    good = tmp_path / "good"
    good.mkdir()
    texts = [f"Pakistan and India held talks on day {i}, officials said." for i in range(6)]
    for i, text in enumerate(texts):
        (good / f"good{i}.txt").write_text(text)
    (good / "good.jsonl").write_text(json.dumps({"text": "Russia and China met in Moscow."}) + "\n")
    monkeypatch.setattr(tieline.pipeline, "code_many", fake_coder)
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(folder), str(good), "--db", str(db), "-q"])
    assert res.exit_code == 0, res.output
    with tieline.open(db) as c:
        ids = {r[0] for r in c.sql("SELECT doc_id FROM documents").fetchall()}
        runs = c.sql("SELECT status FROM runs").fetchall()
        reasons = {r[0] for r in c.sql("SELECT DISTINCT reason FROM quarantine").fetchall()}
    assert runs == [("done",)]
    assert {make_doc_id(t) for t in [*texts, "Russia and China met in Moscow."]} <= ids
    assert {"malformed_csv", "malformed_json", "symlink", "oversized"} <= reasons


# -- the coder side: errors, time budget, dead workers, unstorable records ------------------------

def _marked(behaviour: str) -> Any:
    """A fake coder that misbehaves on documents containing MARK and codes the rest."""

    def code(docs: Iterable[Document], **_: Any) -> Iterator[tuple[Document, list[Event]]]:
        for doc, events in fake_coder(docs):
            if "MARK" in doc.text:
                if behaviour == "sleep":
                    time.sleep(600)
                elif behaviour == "stuck":  # a hang the worker's timer cannot interrupt
                    signal.signal(signal.SIGALRM, signal.SIG_IGN)
                    time.sleep(600)
                elif behaviour == "die":
                    os.kill(os.getpid(), signal.SIGKILL)
                elif behaviour == "unstorable":
                    events = [replace(events[0], sentence="bad \ud800 sentence")]
            yield doc, events
    return code


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(5):
        (folder / f"d{i}.txt").write_text(f"Pakistan and India held talks on day {i}.")
    (folder / "marked.txt").write_text("MARK: Russia and China held talks.")
    return folder


@pytest.mark.parametrize(("behaviour", "reason"), [
    ("sleep", "timeout"), ("stuck", "timeout"), ("die", "crashed"), ("unstorable", "unstorable"),
])
def test_a_misbehaving_document_is_quarantined_and_the_rest_stored(tmp_path: Path, behaviour: str,
                                                                   reason: str) -> None:
    src, db = _corpus(tmp_path / "in"), tmp_path / "s.duckdb"
    started = time.monotonic()
    summary = ingest([src], db=db, coder=_marked(behaviour), batch_size=10, budget=1.0)
    assert time.monotonic() - started < 60
    assert summary.status == "done" and summary.stats.reasons == {reason: 1}
    with tieline.open(db) as c:
        assert c.sql("SELECT count(*) FROM documents").fetchall() == [(5,)]
        ((origin, got, detail),) = c.sql("SELECT origin, reason, detail FROM quarantine").fetchall()
    assert origin.endswith("marked.txt") and got == reason and detail


def test_two_workers_code_everything_once(tmp_path: Path) -> None:
    src, db = _corpus(tmp_path / "in"), tmp_path / "s.duckdb"
    summary = ingest([src], db=db, coder=fake_coder, n_process=2, batch_size=2)
    assert summary.stats.docs_new == 6 and summary.stats.quarantined == 0


def test_entity_declarations_in_feeds_are_refused(tmp_path: Path) -> None:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    bomb = _write(tmp_path, "bomb.rss", f'<?xml version="1.0"?><!DOCTYPE rss [{ents}]><rss version="2.0"><channel>'
                  "<item><title>x</title><description>&a9;</description></item></channel></rss>")
    xxe = _write(tmp_path, "xxe.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                 '<rss version="2.0"><channel><item><title>&x;</title></item></channel></rss>')
    assert _reasons(_read(bomb)) == ["malformed_feed"] and _reasons(_read(xxe)) == ["malformed_feed"]


def test_a_reader_stuck_on_one_file_is_stopped_and_the_run_goes_on(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import tieline.ingest.sources as sources

    src = _corpus(tmp_path / "in")
    real = sources.KINDS["text"]

    def slow(path: Path, opts: ReadOptions) -> Iterator[Item | QuarantineRecord]:
        if path.name == "marked.txt":
            while True:  # a pathological extraction that never returns
                time.sleep(0.05)
        yield from real(path, opts)

    monkeypatch.setitem(sources.KINDS, "text", slow)
    summary = ingest([src], db=tmp_path / "s.duckdb", coder=fake_coder, budget=1.0)
    assert summary.status == "done" and summary.stats.reasons == {"timeout": 1} and summary.stats.docs_new == 5
