"""The coder as a spaCy pipeline component, so `nlp.pipe(n_process=N)` codes in the worker
processes too, not only parses there: the main process then only turns results into records.

The component reads the document's id and date from ``doc.user_data["tieline.meta"]`` and
writes the events' JSON form to ``doc.user_data["tieline.events"]``; both survive the trip
between processes because spaCy serialises user data with the Doc.
"""

from __future__ import annotations

import dataclasses
from datetime import date as Date
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tieline.config import Config
from tieline.nlp.model import build_pipeline
from tieline.records import Document

__all__ = [
    "COMPONENT",
    "EVENTS_KEY",
    "FORKED_META",
    "META_KEY",
    "coding_pipeline",
    "config_from_dict",
    "config_to_dict",
]

COMPONENT = "tieline_coder"

#: Document metadata for texts sent to worker processes as plain strings, keyed by text. It is
#: filled before the workers fork, so each inherits it: sending Docs instead would pickle the
#: whole vocabulary with every batch.
FORKED_META: dict[str, dict[str, Any]] = {}
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
        meta = doc.user_data.get(META_KEY) or FORKED_META.get(doc.text) or {}
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


@lru_cache(maxsize=4)
def coding_pipeline(config: Config) -> Language:
    """A pipeline that parses and codes: the coder's components plus the coder itself."""
    nlp = build_pipeline(config.pipeline)
    nlp.add_pipe(COMPONENT, last=True, config={"config": config_to_dict(config)})
    return nlp
