"""Old in-text dates ("in 1956") stay on their events but are kept out of default series and the date range."""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date

import pytest
from analysis_fixtures import make_event

from tieline.analysis import dyad_series, open_store, summary
from tieline.analysis.span import SPAN_MARGIN_DAYS, publication_span
from tieline.records import Document
from tieline.store.writer import Batch, StoreWriter


@pytest.fixture(scope="module")
def old_dates(tmp_path_factory):
    path = tmp_path_factory.mktemp("span") / "span.duckdb"
    coded = []
    # Three articles of 2015; the last recalls a 1956 event and one of the month before it.
    for i, (published, event_day) in enumerate([(Date(2015, 3, 2), Date(2015, 3, 2)),
                                                 (Date(2015, 4, 9), Date(2015, 4, 9)),
                                                 (Date(2015, 5, 20), Date(1956, 10, 29)),
                                                 (Date(2015, 5, 21), Date(2015, 1, 15))]):
        draft = make_event(event_day, "USA", "PAK", 1, doc_id="-", index=0, salt=f" ({i})")
        doc = Document(text=draft.sentence, date=published, title=f"article {i}", url=None, source="test")
        coded.append((doc, [replace(draft, doc_id=doc.doc_id, event_id="")], "test"))
    with StoreWriter(path) as writer:
        run = writer.begin_run({}, tieline_version="test", model={})
        writer.write_batch(Batch(coded=coded), run_id=run)
    con = open_store(path)
    yield con
    con.close()


def test_span_is_the_publication_dates_widened(old_dates):
    span = publication_span(old_dates)
    assert (span.first_published, span.last_published) == (Date(2015, 3, 2), Date(2015, 5, 21))
    assert (span.start - span.first_published).days == -SPAN_MARGIN_DAYS
    s = summary(old_dates)
    assert s.first_date == Date(2015, 1, 15) and s.last_date == Date(2015, 4, 9)  # not 1956
    assert s.n_outside_span == 1 and s.n_dated == 4


def test_series_leave_out_old_dates_unless_asked(old_dates):
    default = dyad_series(old_dates, "USA", "PAK", by="year")
    assert [p.period.year for p in default.points] == [2015]
    everything = dyad_series(old_dates, "USA", "PAK", by="year", all_dates=True)
    assert [p.period.year for p in everything.points] == [1956, 2015]
