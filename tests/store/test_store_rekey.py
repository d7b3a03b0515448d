"""Migration 3: stores written under the old id rule (hash of the raw text) get the new ids."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
from tieline_fakes import make_event

import tieline
from tieline.records import Document, make_doc_id
from tieline.store.db import migrate
from tieline.store.writer import Batch, StoreWriter


def _old_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def test_old_ids_are_rewritten_events_rekeyed_and_copies_merged(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    feed = "Talks\n\nR&amp;B stars met.\nThe US met Pakistan."   # the same article, from a feed
    page = "R&B stars met.\n\nThe US met Pakistan."               # and from a page, ingested later
    plain = "India met China."                                    # an id the rule does not change
    docs = [Document(text=feed, doc_id=_old_id(feed), title="Talks"), Document(text=page, doc_id=_old_id(page)),
            Document(text=plain, doc_id=_old_id(plain))]
    with StoreWriter(db) as w:
        run = w.begin_run({}, tieline_version="old", model={})
        for doc in docs:  # one batch each, so ingested_at orders them
            w.write_batch(Batch(coded=[(doc, [make_event(doc.doc_id, 1, "USA", "PAK")], "x")]), run_id=run)
        # Pretend the store predates migration 3.
        w.con.execute("DELETE FROM schema_migrations WHERE version = 3")
    con = duckdb.connect(str(db))
    assert migrate(con) == [3]
    con.close()
    new_feed = make_doc_id(feed, "Talks")
    assert new_feed == make_doc_id(page)
    with tieline.open(db) as c:
        stored = dict(c.sql("SELECT doc_id, text FROM documents").fetchall())
        events = c.sql("SELECT event_id, doc_id FROM events ORDER BY doc_id").fetchall()
    assert stored == {new_feed: feed, make_doc_id(plain): plain}  # the feed copy came first and stays
    assert sorted(events) == sorted((make_event(i, 1, "USA", "PAK").event_id, i) for i in stored)
