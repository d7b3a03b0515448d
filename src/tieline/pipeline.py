"""The public coding entry points: text (or Documents) in, Events out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from tieline.config import DEFAULT_BATCH_SIZE, Config
from tieline.records import Document, Event

__all__ = ["code", "code_many"]


def code(
    text: str,
    *,
    date: Date | str | None = None,
    doc_id: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """Code one text into events. `date` (ISO string or date) anchors relative dates."""
    from tieline.coding import code_documents, make_document

    doc = make_document(text, date=date, doc_id=doc_id)
    return [ev for _, events in code_documents([doc], config=config or Config()) for ev in events]


def code_many(
    documents: Iterable[Document | str],
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    config: Config | None = None,
) -> Iterator[tuple[Document, list[Event]]]:
    """Stream (document, events) pairs; the pipeline is loaded once and run with nlp.pipe."""
    from tieline.coding import code_documents

    docs = (d if isinstance(d, Document) else Document(text=d) for d in documents)
    yield from code_documents(docs, config=config or Config(), n_process=n_process, batch_size=batch_size)
