"""The article behind the events: a document's text, metadata and its events' spans in it."""

from __future__ import annotations

from tieline.analysis import list_events
from tieline.analysis.documents import get_document, locate_sentences
from tieline.analysis.events import EventQuery


def test_locate_sentences_in_reading_order():
    text = "Talks resumed. Ankara attacked Damascus. Talks resumed. It ended."
    spans = locate_sentences(text, {0: "Talks resumed.", 1: "Ankara attacked Damascus.", 2: "Talks resumed.",
                                    3: "Not in the text."})
    assert spans[0] == (0, 14) and text[slice(*spans[1])] == "Ankara attacked Damascus."
    assert spans[2] == (41, 55)  # the second occurrence, not the first again
    assert 3 not in spans


def test_document_with_its_events(con):
    item = list_events(con, EventQuery(a="TUR"), limit=1).items[0]
    doc = get_document(con, item["doc_id"])
    assert doc is not None
    assert doc["title"] == "Ankara and Damascus" and doc["url"].startswith("https://example.org/")
    assert doc["source"] == "fixture" and doc["published"] and doc["n_events"] == 1
    event = doc["events"][0]
    s, e = event["sentence_span"]
    assert doc["text"][s:e] == event["sentence"]
    ts, te = event["trigger_doc_span"]
    assert doc["text"][ts:te] == event["trigger"] == "attacked"
    ss, se = event["source_doc_span"]
    assert doc["text"][ss:se] == "Ankara"


def test_unknown_document(con):
    assert get_document(con, "no-such-document") is None
