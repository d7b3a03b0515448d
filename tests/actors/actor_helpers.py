"""Helpers for the actor tests: find a head word, resolve it, list the codes found."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from tieline.actors import ActorResolver, Mention


def head(doc: Doc, text: str, nth: int = 0) -> Token:
    hits = [t for t in doc if t.text == text]
    assert len(hits) > nth, f"{text!r} not in {doc.text!r}"
    return hits[nth]


def codes(mentions: list[Mention]) -> list[str]:
    return [m.actor.code for m in mentions]


def resolve(nlp: Language, resolver: ActorResolver, text: str, word: str, when: date | None = None,
            nth: int = 0) -> list[Mention]:
    return resolver.resolve(head(nlp(text), word, nth), when=when)


def resolved_codes(nlp: Language, resolver: ActorResolver, text: str, word: str,
                   when: date | None = None) -> list[str]:
    return codes(resolve(nlp, resolver, text, word, when))


def found_codes(nlp: Language, resolver: ActorResolver, text: str, when: date | None = None) -> list[str]:
    doc = nlp(text)
    return codes(resolver.find_in(doc[:], when=when))
