"""The public coding entry points: text (or Documents) in, Events out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date as Date

from tieline.config import DEFAULT_BATCH_SIZE, Config
from tieline.errors import InputError
from tieline.limits import MAX_PART_CHARS, check_day, scrub, split_text
from tieline.records import Document, Event

__all__ = ["code", "code_many"]


def code(
    text: str,
    *,
    date: Date | str | None = None,
    doc_id: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """Code one text into events. `date` (a date or a `YYYY-MM-DD` string, 1800..2200) anchors
    relative dates. A text over `limits.MAX_PART_CHARS` is coded in parts split at paragraphs."""
    from tieline.coding import code_documents, make_document

    when = check_day(date, "date")
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    doc = make_document(scrub(text), date=when, doc_id=doc_id)
    config = config or Config()
    return [ev for _, events in code_documents(_parts(doc, config), config=config) for ev in events]


def code_many(
    documents: Iterable[Document | str],
    *,
    n_process: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    config: Config | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """Stream (document, events) pairs in input order; the pipeline is loaded once.

    `n_process`: worker processes, by default one per core (at most
    `tieline.coding.workers.MAX_DEFAULT_WORKERS`, each about 0.5 GB); 1 codes in this process.
    A document over `limits.MAX_PART_CHARS` is coded as parts split at paragraph breaks, each
    yielded as its own Document (id from its text; date, title, url and source kept).
    """
    from tieline.coding import code_documents

    config = config or Config()
    docs = (part for d in documents for part in _parts(d if isinstance(d, Document) else Document(text=d), config))
    yield from code_documents(docs, config=config, n_process=n_process, batch_size=batch_size)


def _parts(doc: Document, config: Config) -> list[Document]:
    """The document with lone surrogates replaced, as one part or several (see `split_text`)."""
    text = scrub(doc.text)
    if len(text) <= MAX_PART_CHARS or len(text) > config.max_chars:
        # Over max_chars is the coder's error to raise, with its message.
        return [doc if text is doc.text else replace(doc, text=text, doc_id=doc.doc_id)]
    return [replace(doc, text=part, doc_id="") for part in split_text(text)]
