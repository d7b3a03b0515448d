"""The actor gold (tests/actors/data/actor_gold.yaml): actor codes found in short texts by date."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from actor_helpers import found_codes
from spacy.language import Language

from tieline.actors import ActorResolver, DocumentContext, Mention, is_codeable
from tieline.coding.arguments import coordinated, described_person, identified_person, reported_antecedent
from tieline.coding.sides import main_subject

GOLD = Path(__file__).parent / "data" / "actor_gold.yaml"
KINDS = {"history", "current", "title", "group", "org", "metonym", "shared", "none", "reference"}
#: The gold's promised size: actor mentions (expected codes) over all cases.
MIN_MENTIONS = 300
#: Reference-chain texts promised (issue 10), passing and known failures together.
MIN_REFERENCE_TEXTS = 30
#: Dependency labels of the noun phrases that can be an event's source or target.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "attr"})
#: A sentence end: the period of "U.N. ambassador" is not one.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z]|\s*$)")


def _gold() -> dict[str, list[dict[str, Any]]]:
    gold: dict[str, list[dict[str, Any]]] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return gold


def _cases() -> list[dict[str, Any]]:
    return _gold()["cases"]


def _known_failures() -> list[dict[str, Any]]:
    return _gold()["known_failures"]


def _when(case: dict[str, Any]) -> date | None:
    d = case.get("d")
    return d if isinstance(d, date) or d is None else date.fromisoformat(str(d))


def _param(label: str, case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=label, marks=marks)


def document_mentions(nlp: Language, resolver: ActorResolver, text: str, when: date | None) -> list[Mention]:
    """The actors of a short text read as the coder reads a document: sentence by sentence, each
    sentence's named actors (find_in) and coordinated groups remembered in one DocumentContext,
    and the argument heads they leave unnamed (pronouns, "the two countries", "the minister")
    resolved through it."""
    doc = nlp(text)
    ctx = DocumentContext()
    out: list[Mention] = []
    for index, sent in enumerate(doc.sents):
        named = resolver.find_in(sent, when=when)
        found = list(named)
        # a lede's unnamed person and the name the next sentence gives them, as in the coder
        described = described_person(sent, index, named, resolver.gaz.person_nouns)
        if described is not None:
            ctx.described, ctx.described_at = described, index
        elif (introduced := identified_person(resolver, sent, index, when, ctx)) is not None:
            ctx.remember_names([introduced])
        for tok in sent:
            if tok.dep_ not in ARGUMENT_DEPS or tok.pos_ not in ("PRON", "NOUN", "PROPN"):
                continue
            if any(m.start <= tok.idx < m.end for m in found):
                continue
            # a pronoun may stand for an actor named before it in its own sentence, as in the coder
            before = tuple(m for m in named if m.end <= tok.idx)
            here = replace(ctx, groups=[*ctx.groups, before]) if tok.pos_ == "PRON" and before else ctx
            speaker = reported_antecedent(tok) if tok.pos_ == "PRON" else None
            if speaker is not None:
                # "The government said it would ...": the coder's rule (coding.arguments.resolve_heads),
                # the pronoun stands for the reporting verb's subject, given the pronoun's own span
                said = resolver.resolve(speaker, when=when, context=ctx)
                refs = [replace(m, start=tok.idx, end=tok.idx + len(tok)) for m in said if is_codeable(m.actor)]
            else:
                refs = [m for m in resolver.resolve(tok, when=when, context=here) if is_codeable(m.actor)]
            if not any(r.start < f.end and f.start < r.end for r in refs for f in found):
                found.extend(refs)
        out.extend(sorted(found, key=lambda m: m.start))
        ctx.remember(named)
        if (subject := main_subject(sent, named)) is not None:
            ctx.remember_subject(subject)
        for members in coordinated(sent, named):
            ctx.remember(members)
    return out


def test_the_gold_is_well_formed_and_big_enough() -> None:
    cases, known = _cases(), _known_failures()
    rows = cases + known
    assert all(set(c) <= {"k", "d", "t", "e", "xfail"} and c["k"] in KINDS for c in rows)
    assert all(isinstance(c["e"], list) and (c["k"] == "none") <= (c["e"] == []) for c in rows)
    assert len({c["t"] + str(c["d"]) for c in rows}) == len(rows)  # no case twice
    assert sum(len(c["e"]) for c in cases) >= MIN_MENTIONS
    xfails = [c for c in cases if c.get("xfail")]
    assert len(xfails) <= len(cases) // 20  # known failures among the cases stay few
    assert all(c.get("xfail") for c in known)  # each known failure says why
    references = [c for c in rows if c["k"] == "reference"]
    assert len(references) >= MIN_REFERENCE_TEXTS
    assert all(2 <= len(SENTENCE_END.findall(c["t"])) <= 3 for c in references), "two or three sentences"


@pytest.mark.parametrize("case", [_param(f"{c['k']}-{i:03d}", c) for i, c in enumerate(_cases())]
                         + [_param(f"known-failure-{c['k']}-{i:02d}", c) for i, c in enumerate(_known_failures())])
def test_actor_gold(case: dict[str, Any], nlp: Language, resolver: ActorResolver) -> None:
    if case["k"] == "reference":
        got = [m.actor.code for m in document_mentions(nlp, resolver, case["t"], _when(case))]
    else:
        got = found_codes(nlp, resolver, case["t"], _when(case))
    assert got == case["e"], case["t"]
