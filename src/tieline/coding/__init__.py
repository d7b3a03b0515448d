"""Stage 3: code parsed sentences into events (lexicon rules on a dependency parse)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date as Date

from spacy.language import Language
from spacy.tokens import Doc

from tieline.coding.coder import Coder, Explanation
from tieline.coding.component import EVENTS_KEY, FORKED_META, META_KEY, coding_pipeline
from tieline.coding.dates import parse_user_date
from tieline.config import DEFAULT_BATCH_SIZE, Config
from tieline.errors import ConfigError, InputError
from tieline.nlp import load_pipeline
from tieline.records import Document, Event

__all__ = ["Coder", "Explanation", "code_documents", "explain", "make_document"]

_CODERS: dict[Config, Coder] = {}


def _coder(config: Config) -> Coder:
    coder = _CODERS.get(config)
    if coder is None:
        coder = _CODERS[config] = Coder(config)
    return coder


def make_document(text: str, *, date: Date | str | None = None, doc_id: str | None = None) -> Document:
    """Validate user text and date into a Document (clear errors for empty text or bad dates)."""
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    if not text.strip():
        raise InputError("the text is empty")
    if "\x00" in text:
        raise InputError("the text contains NUL bytes: it looks like binary data, not news text")
    try:
        when = parse_user_date(date)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return Document(text=text, date=when, doc_id=doc_id or "")


def _checked(documents: Iterable[Document], config: Config) -> Iterator[Document]:
    for doc in documents:
        if len(doc.text) > config.max_chars:
            raise InputError(
                f"document {doc.doc_id} has {len(doc.text):,} characters, over the limit of {config.max_chars:,}",
                hint="split it or raise Config.max_chars",
            )
        yield doc


def code_documents(
    documents: Iterable[Document],
    *,
    config: Config,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[tuple[Document, list[Event]]]:
    """Parse and code documents with one pipeline (nlp.pipe); yields in input order.

    The coder runs as the pipeline's last component, so with ``n_process > 1`` coding happens
    in the worker processes along with parsing.
    """
    nlp = coding_pipeline(config)
    if n_process == 1 or multiprocessing.get_start_method() != "fork":
        yield from _code_in_process(nlp, _checked(documents, config), n_process, batch_size)
        return
    # Worker processes: send plain texts in chunks, with each chunk's metadata in FORKED_META
    # before the workers fork (they inherit it).
    chunk: list[Document] = []
    for document in _checked(documents, config):
        chunk.append(document)
        if len(chunk) >= FORK_CHUNK_DOCUMENTS:
            yield from _code_forked(nlp, chunk, n_process, batch_size)
            chunk = []
    if chunk:
        yield from _code_forked(nlp, chunk, n_process, batch_size)


#: Documents per round of worker processes: large enough that forking (tens of milliseconds)
#: is noise, small enough that metadata for one round stays small.
FORK_CHUNK_DOCUMENTS = 2000


def _meta(document: Document) -> dict[str, object]:
    return {"doc_id": document.doc_id, "date": document.date.isoformat() if document.date else None,
            "date_precision": document.date_precision}


def _code_in_process(
    nlp: Language, documents: Iterable[Document], n_process: int, batch_size: int
) -> Iterator[tuple[Document, list[Event]]]:
    pending: deque[Document] = deque()

    def docs() -> Iterator[Doc]:
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc.user_data[META_KEY] = _meta(document)
            pending.append(document)
            yield doc

    for doc in nlp.pipe(docs(), n_process=n_process, batch_size=batch_size):
        yield pending.popleft(), [Event.from_dict(d) for d in doc.user_data.get(EVENTS_KEY, ())]


def _code_forked(
    nlp: Language, chunk: list[Document], n_process: int, batch_size: int
) -> Iterator[tuple[Document, list[Event]]]:
    FORKED_META.clear()
    for document in chunk:
        meta = _meta(document)
        if FORKED_META.setdefault(document.text, meta) != meta:
            # The same text with other metadata in this round: texts cannot tell them apart.
            FORKED_META.clear()
            yield from _code_in_process(nlp, chunk, n_process, batch_size)
            return
    try:
        texts = (d.text for d in chunk)
        for document, doc in zip(chunk, nlp.pipe(texts, n_process=n_process, batch_size=batch_size), strict=True):
            yield document, [Event.from_dict(d) for d in doc.user_data.get(EVENTS_KEY, ())]
    finally:
        FORKED_META.clear()


def explain(document: Document, *, config: Config | None = None) -> list[Explanation]:
    """Code one document and explain every event (parse path, rule, actor resolution)."""
    config = config or Config()
    nlp = load_pipeline(config.pipeline)
    doc = nlp(document.text)
    _, explanations = _coder(config).code(doc, document, explain=True)
    return explanations
