"""Stage 3: code parsed sentences into events (lexicon rules on a dependency parse)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from tieline.coding.coder import Coder, Explanation
from tieline.coding.component import coding_pipeline
from tieline.coding.dates import parse_user_date
from tieline.coding.workers import code_in_pool, code_in_process, resolve_workers
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
    n_process: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[tuple[Document, list[Event]]]:
    """Parse and code documents; yields (document, events) in input order.

    `n_process`: worker processes, by default one per core (`workers.default_workers`); 1 codes
    in this process. Input that fits in one batch is always coded in this process.
    """
    workers = resolve_workers(n_process)
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    nlp = coding_pipeline(config)  # loaded before any worker forks, so they share it
    if workers == 1:
        yield from code_in_process(nlp, _checked(documents, config), batch_size)
    else:
        yield from code_in_pool(_checked(documents, config), config, workers, batch_size)


def explain(document: Document, *, config: Config | None = None) -> list[Explanation]:
    """Code one document and explain every event (parse path, rule, actor resolution)."""
    config = config or Config()
    nlp = load_pipeline(config.pipeline)
    doc = nlp(document.text)
    _, explanations = _coder(config).code(doc, document, explain=True)
    return explanations
