"""The coder as a spaCy pipeline component, and the prefilter in front of the parser.

The coder component reads the document's id and date from ``doc.user_data["tieline.meta"]``
and writes the events' JSON form to ``doc.user_data["tieline.events"]``. With
`Config.prefilter` (the default) the pipeline is: the prefilter, which runs the parsing
components (disabled in the pipeline itself) on the sentences that can hold an event only,
then the coder (see `tieline.coding.prefilter`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import date as Date
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from tieline.coding.prefilter import Prefilter
from tieline.config import DEFAULT_BATCH_SIZE, Config
from tieline.nlp.model import build_pipeline
from tieline.records import Document

__all__ = [
    "COMPONENT",
    "PREFILTER",
    "EVENTS_KEY",
    "META_KEY",
    "coding_pipeline",
    "config_from_dict",
    "config_to_dict",
]

COMPONENT = "tieline_coder"
PREFILTER = "tieline_prefilter"

META_KEY = "tieline.meta"
EVENTS_KEY = "tieline.events"


def config_to_dict(config: Config) -> dict[str, Any]:
    d = dataclasses.asdict(config)
    d["default_date"] = config.default_date.isoformat() if config.default_date else None
    return d


def config_from_dict(d: dict[str, Any]) -> Config:
    d = dict(d)
    d["default_date"] = Date.fromisoformat(d["default_date"]) if d.get("default_date") else None
    return Config(**d)


class CoderComponent:
    def __init__(self, config: Config) -> None:
        from tieline.coding.coder import Coder

        self.coder = Coder(config)

    def __call__(self, doc: Doc) -> Doc:
        meta = doc.user_data.get(META_KEY) or {}
        raw = meta.get("date")
        document = Document(
            text=doc.text, doc_id=meta.get("doc_id") or "", date=Date.fromisoformat(raw) if raw else None,
            date_precision=meta.get("date_precision"),
        )
        events, _ = self.coder.code(doc, document)
        doc.user_data[EVENTS_KEY] = [e.to_dict() for e in events]
        return doc


@Language.factory(COMPONENT, default_config={"config": {}})
def make_coder_component(nlp: Language, name: str, config: dict[str, Any]) -> CoderComponent:
    return CoderComponent(config_from_dict(config) if config else Config())


class PrefilterComponent:
    """Runs the parsing components only on the sentences the prefilter keeps (see
    `tieline.coding.prefilter`): it replaces each Doc by its condensed copy, parsed.

    The parsing components stay in the pipeline, disabled, and are called from here in the
    pipeline's order, batch by batch.
    """

    def __init__(self, nlp: Language, components: list[str], need_actor: bool, sector_actors: bool) -> None:
        self.nlp = nlp
        self.components = components
        coder = nlp.get_pipe(COMPONENT).coder  # type: ignore[attr-defined]  # the coder's own lexicon and gazetteer
        self.prefilter = Prefilter.for_pipeline(
            nlp, coder.lex, coder.resolver.gaz, need_actor=need_actor, sector_actors=sector_actors
        )

    def __call__(self, doc: Doc) -> Doc:
        return self._run([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._run(list(batch))

    def _run(self, batch: list[Doc]) -> list[Doc]:
        docs: list[Doc] = []
        forced: list[list[int]] = []
        for doc in batch:
            meta = dict(doc.user_data.get(META_KEY) or {})
            if not meta.get("doc_id"):
                meta["doc_id"] = Document(text=doc.text).doc_id  # the id of the text, not of its condensed copy
            doc.user_data[META_KEY] = meta
            selection = self.prefilter.select(doc)
            if selection.all_parsed:
                docs.append(doc)
                forced.append([])
            else:
                condensed, starts = self.prefilter.condense(doc, selection)
                docs.append(condensed)
                forced.append(starts)
        for name in self.components:
            proc = self.nlp.get_pipe(name)
            if name == "parser":
                # The line-break rule may join a kept sentence to the placeholder before it.
                for doc, starts in zip(docs, forced, strict=True):
                    for i in starts:
                        doc[i].is_sent_start = True
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=len(docs)))
            else:
                docs = [proc(doc) for doc in docs]
        return docs


@Language.factory(PREFILTER, default_config={"components": [], "need_actor": True, "sector_actors": False})
def make_prefilter_component(
    nlp: Language, name: str, components: list[str], need_actor: bool, sector_actors: bool
) -> PrefilterComponent:
    return PrefilterComponent(nlp, list(components), need_actor, sector_actors)


@lru_cache(maxsize=4)
def coding_pipeline(config: Config) -> Language:
    """A pipeline that parses and codes: the coder's components plus the coder itself, and with
    `Config.prefilter` the prefilter in front, which runs the parse on kept sentences only."""
    nlp = build_pipeline(config.pipeline)
    parsing = list(nlp.pipe_names)
    nlp.add_pipe(COMPONENT, last=True, config={"config": config_to_dict(config)})
    if config.prefilter:
        nlp.add_pipe(PREFILTER, first=True, config={
            "components": parsing,
            # with no named actor required an act alone can be an event
            "need_actor": not config.allow_missing_source,
            "sector_actors": config.allow_missing_actors,
        })
        nlp.select_pipes(disable=parsing)
    return nlp
