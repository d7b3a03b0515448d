"""A shift's driving sentences are each listed once, even when a symmetric event is stored both ways."""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date

from analysis_fixtures import make_event

from tieline.analysis import detect_shifts, open_store
from tieline.records import Document
from tieline.store.writer import Batch, StoreWriter


def test_symmetric_event_drives_once(tmp_path):
    coded = []
    for m in range(1, 7):  # a cooperative baseline
        for d in (3, 10, 17):
            draft = make_event(Date(2019, m, d), "USA", "PAK", 1, doc_id="-", index=0, salt=f" ({m}-{d})")
            doc = Document(text=draft.sentence, date=Date(2019, m, d), title="t", url=None, source="test")
            coded.append((doc, [replace(draft, doc_id=doc.doc_id, event_id="")], "test"))
    # July: one sentence coded both ways (the two sides clashed), and two more conflict events.
    clash = make_event(Date(2019, 7, 5), "USA", "PAK", 4, doc_id="-", index=0, salt=" (clash)")
    doc = Document(text=clash.sentence, date=Date(2019, 7, 5), title="clash", url=None, source="test")
    both = [replace(clash, doc_id=doc.doc_id, event_id=""),
            replace(clash, doc_id=doc.doc_id, event_id="", source=clash.target, target=clash.source)]
    coded.append((doc, both, "test"))
    for d in (12, 19):
        draft = make_event(Date(2019, 7, d), "PAK", "USA", 4, doc_id="-", index=0, salt=f" (7-{d})")
        other = Document(text=draft.sentence, date=Date(2019, 7, d), title="t", url=None, source="test")
        coded.append((other, [replace(draft, doc_id=other.doc_id, event_id="")], "test"))
    path = tmp_path / "sym.duckdb"
    with StoreWriter(path) as writer:
        writer.write_batch(Batch(coded=coded), run_id=writer.begin_run({}, tieline_version="test", model={}))
    with open_store(path) as con:
        shifts = detect_shifts(con, drivers=10)
    assert len(shifts) == 1 and shifts[0].n_events == 4  # the period counts both stored events
    sentences = [e["sentence"] for e in shifts[0].events]
    assert len(sentences) == 3 and len(set(sentences)) == 3
