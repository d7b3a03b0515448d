"""The article behind the events: a stored document with its text and where each of its events sits in it."""

from __future__ import annotations

from typing import Any

import duckdb

from tieline.analysis.events import DOCUMENT_COLUMNS, EVENT_COLUMNS, document_row, event_row

__all__ = ["get_document", "locate_sentences"]


def locate_sentences(text: str, sentences: dict[int, str]) -> dict[int, tuple[int, int]]:
    """Character span in `text` of each sentence (by sentence index), searched in reading order.

    The coder's sentences are slices of the document text, so each is found verbatim; searching
    on from the previous one places a repeated sentence ("Talks resumed.") at its own occurrence.
    A sentence not found (text changed since coding) has no span.
    """
    spans: dict[int, tuple[int, int]] = {}
    cursor = 0
    for index in sorted(sentences):
        sentence = sentences[index]
        if not sentence:
            continue
        at = text.find(sentence, cursor)
        if at < 0:
            at = text.find(sentence)
        if at < 0:
            continue
        spans[index] = (at, at + len(sentence))
        cursor = at + len(sentence)
    return spans


def get_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A document (title, source, URL, date, text) and its events, each with the character spans
    of its sentence, source, target and trigger in the document text; None when unknown."""
    doc = document_row(con, doc_id, (*DOCUMENT_COLUMNS, "language", "text"))
    if doc is None:
        return None
    text = doc.get("text") or ""
    cur = con.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE doc_id = ? ORDER BY sentence_index, trigger_start, event_id",
        [doc_id],
    )
    names = [d[0] for d in cur.description]
    events = [event_row(dict(zip(names, r, strict=True))) for r in cur.fetchall()]
    located = locate_sentences(text, {e["sentence_index"]: e["sentence"] for e in events})
    for event in events:
        where = located.get(event["sentence_index"])
        event["sentence_span"] = list(where) if where else None
        for role in ("source", "target", "trigger"):
            span = event.get(f"{role}_span")
            event[f"{role}_doc_span"] = [where[0] + span[0], where[0] + span[1]] if where and span else None
    doc["events"] = events
    doc["n_events"] = len(events)
    return doc
