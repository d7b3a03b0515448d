"""The store: schema contract, migrations, the single writer's transactions, read access."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date as Date
from pathlib import Path

import duckdb
import pytest
from tieline_fakes import make_event

import tieline
from tieline.errors import ConfigError, StoreError
from tieline.records import Document, Event, Place, Quantity
from tieline.store import open_store
from tieline.store.db import migrate, schema_version
from tieline.store.schema import EVENT_COLUMNS, MIGRATIONS, SCHEMA_VERSION
from tieline.store.writer import Batch, QuarantineRecord, RunCounts, StoreWriter

REPO = Path(__file__).resolve().parents[2]


def _doc(text: str, day: Date | None = Date(2021, 3, 4), **kw: object) -> Document:
    return Document(text=text, date=day, **kw)  # type: ignore[arg-type]


def _write(db: Path, coded: list[tuple[Document, list[Event]]], *, recoded: set[str] | None = None,
           quarantine: list[QuarantineRecord] | None = None) -> None:
    with StoreWriter(db) as w:
        run = w.begin_run({"test": True}, tieline_version="t", model={})
        w.write_batch(Batch(coded=[(d, evs, "test") for d, evs in coded], recoded=recoded or set(),
                            quarantine=quarantine or []), run_id=run)
        w.finish_run(run, "done", RunCounts())


def test_events_columns_are_exactly_event_to_flat_keys() -> None:
    ev = make_event(place=Place("Islamabad", "PAK", None, 33.7, 73.1, "city"),
                    quantities=(Quantity("66 officers", 66.0, "officers"),))
    assert [n for n, _ in EVENT_COLUMNS] == list(ev.to_flat())


def test_new_store_records_its_migrations(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    StoreWriter(db).close()
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "events", "quarantine", "runs", "events_daily"} <= tables
    con.close()


def test_migrate_is_idempotent_and_applies_only_pending(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert migrate(con) == [m.version for m in MIGRATIONS]
    assert migrate(con) == []
    assert schema_version(con) == SCHEMA_VERSION
    con.close()


def test_events_round_trip_through_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    doc = _doc("The US met Pakistan in Islamabad.", url="https://e.org/1", title="T", source="Wire")
    events = [
        make_event(doc.doc_id, 0, place=Place("Islamabad", "PAK", "08", 33.72, 73.04, "city"),
                   quantities=(Quantity("66 officers", 66.0, "officers"), Quantity("$45 million", 45e6, "USD",
                                                                                   "money"))),
        make_event(doc.doc_id, 1, "PAK", "IGOUNO", "010", day=None),
    ]
    _write(db, [(doc, events)])
    with tieline.open(db) as corpus:
        back = sorted(corpus.iter_events(), key=lambda e: e.sentence_index)
        assert list(corpus.iter_events(dyad="PAK,IGO")) == [events[1]]
        stored_doc = corpus.sql("SELECT doc_id, source, url, title, published, language, text FROM documents"
                                ).fetchall()
    assert back == events
    assert stored_doc == [(doc.doc_id, "Wire", "https://e.org/1", "T", Date(2021, 3, 4), "en", doc.text)]


def test_rewriting_the_same_batch_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    doc = _doc("The US met Pakistan.")
    ev = make_event(doc.doc_id)
    q = QuarantineRecord(origin="/x/bad.csv", reason="malformed_csv", detail="row", locator="row=3")
    _write(db, [(doc, [ev, ev])], quarantine=[q, q])  # duplicates inside one batch too
    _write(db, [(doc, [ev])], quarantine=[q])
    with open_store(db) as c:
        counts = c.sql("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
                       "(SELECT count(*) FROM quarantine)").fetchall()[0]
    assert counts == (1, 1, 1)


def test_recode_replaces_a_documents_events(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    doc = _doc("The US met Pakistan. India met China.")
    _write(db, [(doc, [make_event(doc.doc_id, 0), make_event(doc.doc_id, 1, "IND", "CHN")])])
    _write(db, [(doc, [make_event(doc.doc_id, 0, cameo="036")])], recoded={doc.doc_id})
    with open_store(db) as c:
        assert c.sql("SELECT cameo FROM events").fetchall() == [("036",)]


def test_a_failed_batch_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    doc = _doc("The US met Pakistan.")
    _write(db, [(doc, [make_event(doc.doc_id)])])
    # A coder bug: a goldstein score that is not a number fails after the old events are deleted.
    bad = replace(make_event(doc.doc_id, cameo="036"), goldstein="high")
    with StoreWriter(db) as w:
        with pytest.raises(StoreError, match="cannot be stored"):
            w.write_batch(Batch(coded=[(doc, [bad], "x")], recoded={doc.doc_id}), run_id=1)
        assert w.con.execute("SELECT cameo FROM events").fetchall() == [("042",)]
        # The connection is usable again: the failed transaction was rolled back.
        w.write_batch(Batch(coded=[(doc, [make_event(doc.doc_id, cameo="036")], "x")], recoded={doc.doc_id}),
                      run_id=1)
        assert w.con.execute("SELECT cameo FROM events").fetchall() == [("036",)]


def test_quarantine_record_rejects_unknown_reason() -> None:
    with pytest.raises(ValueError, match="unknown quarantine reason"):
        QuarantineRecord(origin="x", reason="because")


def test_open_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        tieline.open(tmp_path / "absent.duckdb")


def test_open_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "notes.duckdb"
    bad.write_text("just some text, not a database\n" * 100)
    with pytest.raises(StoreError):
        tieline.open(bad)


def test_second_writer_process_gets_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    code = (
        "import sys\nfrom tieline.store.writer import StoreWriter\nfrom tieline.errors import StoreError\n"
        f"try:\n    StoreWriter({str(db)!r})\nexcept StoreError as e:\n    print(e)\n    sys.exit(3)\n"
    )
    with StoreWriter(db):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                              env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 3, proc.stderr
    assert "in use by another process" in proc.stdout


def _corpus_with_dyads(db: Path) -> None:
    d1 = _doc("a", Date(2020, 1, 1), source="Wire A", url="https://a/1")
    d2 = _doc("b", Date(2020, 1, 1), source="Wire B", url="https://b/1")
    d3 = _doc("c", Date(2020, 2, 1), source="Wire A", url="https://a/2")
    _write(db, [
        (d1, [make_event(d1.doc_id, 0, "USA", "PAK", day=Date(2020, 1, 1)),
              make_event(d1.doc_id, 1, "USA", "PAK", day=Date(2020, 1, 1))]),
        (d2, [make_event(d2.doc_id, 0, "USA", "PAK", day=Date(2020, 1, 1)),
              make_event(d2.doc_id, 1, "PAKMIL", "USA", day=None)]),
        (d3, [make_event(d3.doc_id, 0, "IND", "CHN", day=Date(2020, 2, 1)),
              make_event(d3.doc_id, 1, "IGOUNO", "SYR", day=Date(2020, 2, 3))]),
    ])


def test_filters_by_date_and_dyad(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _corpus_with_dyads(db)
    with tieline.open(db) as c:
        assert len(c.events_df()) == 6
        assert len(c.events_df(dyad="USA,PAK")) == 4  # both directions; PAKMIL counts as PAK
        assert len(c.events_df(dyad="USA,PAK", directed=True)) == 3
        assert len(c.events_df(dyad=("igo", "syr"))) == 1  # IGOs match on the code's first letters
        assert len(c.events_pl(start="2020-01-02")) == 2
        assert len(c.events_pl(end="2020-01-01")) == 4  # the undated event falls back to its document
        with pytest.raises(ConfigError):
            c.events_df(dyad="USA")
        with pytest.raises(ConfigError):
            c.events_df(start="2020-02-01", end="2020-01-01")


def test_daily_view_counts_supporting_documents(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _corpus_with_dyads(db)
    with tieline.open(db) as c:
        rows = c.sql("SELECT day, source_code, target_code, cameo, num_mentions, num_sources, num_articles "
                     "FROM events_daily WHERE source_code = 'USA' AND target_code = 'PAK'").fetchall()
        total = c.sql("SELECT count(*) FROM events").fetchall()[0][0]
    assert rows == [(Date(2020, 1, 1), "USA", "PAK", "042", 3, 2, 2)]
    assert total == 6  # the view never touches raw events


def test_sql_with_parameters_and_errors(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _corpus_with_dyads(db)
    with tieline.open(db) as c:
        assert c.sql("SELECT count(*) FROM events WHERE source_code = ?", ["USA"]).fetchall() == [(3,)]
        with pytest.raises(StoreError, match="query failed"):
            c.sql("SELECT nope FROM events")
        info = c.info()
    assert (info["documents"], info["events"], info["schema_version"]) == (3, 6, SCHEMA_VERSION)
    assert info["first_day"] == Date(2020, 1, 1) and info["last_day"] == Date(2020, 2, 3)
