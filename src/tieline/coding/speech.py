"""Speech acts after their actors resolve: what a claim, a warning or a statement reports.

The coder (`tieline.coding.coder`) runs these on a sentence's candidates once their sources and
targets are named: acts inside an allegation are dropped (a claim of one's own act becomes an
acknowledgement), warnings are threats or comments, and a statement that reports another's
failure or wrongdoing is coded as that accusation (modality.yaml `warning`, `reported_wrongdoing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from spacy.tokens import Token

from tieline.actors import ActorResolver, DocumentContext, Mention
from tieline.coding.arguments import Home, codeable, resolve_heads
from tieline.coding.candidates import VIOLENT_ROOTS, Candidate
from tieline.coding.lexicon import Lexicon
from tieline.coding.modality import has_future, reported_wrongdoing
from tieline.coding.sides import unlend_opponents

__all__ = ["REPORTED_MARK", "SentenceNames", "allegations", "reported_wrongdoings", "warnings"]

#: Modality label of a speech verb coded as the accusation its clause reports.
REPORTED_MARK = "reported-wrongdoing:"


@dataclass(frozen=True, slots=True)
class SentenceNames:
    """What names a sentence's argument heads: the resolver, the document's date and context,
    the sentence's mentions and home country. `keep_all` keeps actors that are not codeable
    (`Config.allow_missing_actors`)."""

    resolver: ActorResolver
    when: Date | None
    context: DocumentContext
    in_sentence: list[Mention]
    home: Home | None
    keep_all: bool

    def codeable(self, heads: list[Token]) -> list[Mention]:
        """The codeable actors the heads name (`arguments.resolve_heads`, `arguments.codeable`)."""
        found = resolve_heads(self.resolver, heads, self.when, self.context, self.in_sentence)
        return codeable(found, self.home, keep_all=self.keep_all)


def _is_force(tok: Token, lex: Lexicon) -> bool:
    """A noun that names a use of force in the lexicon ("operation", "attack", "offensive")."""
    return any(e.code[:2] in VIOLENT_ROOTS for e in lex.nouns.get(tok.lemma_.lower(), ()))


def allegations(candidates: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Drop acts inside an allegation's complement ("claimed that Y attacked Z"); a claim of
    one's own act of conflict becomes an acknowledgement of responsibility towards its target."""
    mod = lex.modality
    own_code, own_roots = mod.own_act
    dropped: set[int] = set()
    for claim in candidates:
        trig = claim.frame.trigger
        if claim.frame.nominal or trig.lemma_.lower() not in mod.allegation_verbs or id(claim) in dropped:
            continue
        inside = {
            tok.i
            for child in trig.children
            if child.dep_ == "ccomp" or (child.dep_ == "prep" and child.lower_ in ("of", "for"))
            for tok in child.subtree
        }
        claimants = {m.actor.code for m in claim.sources}
        for act in candidates:
            if act is claim or act.frame.entry.speech or (act.frame.governor or act.frame.trigger).i not in inside:
                continue
            dropped.add(id(act))
            own = claimants & {m.actor.code for m in act.sources}
            if own and act.code[:2] in own_roots and act.targets:
                claim.code, claim.modality = own_code, f"own-act:{act.frame.trigger.text}"
                claim.targets = act.targets
    return [c for c in candidates if id(c) not in dropped]


def warnings(candidates: list[Candidate], lex: Lexicon, names: SentenceNames) -> None:
    """"Warned that police will no longer tolerate rallies" threatens what the speaker's side
    will do; "warned that the deficit could hamper growth" is a pessimistic comment
    (modality.yaml `warning`)."""
    mod = lex.modality
    for cand in candidates:
        trig = cand.frame.trigger
        if cand.frame.nominal or cand.modality or trig.lemma_.lower() not in mod.warning_verbs:
            continue
        if not cand.code.startswith("13"):
            continue
        clause = next((c for c in trig.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        will = has_future(clause, lex)
        heads = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        coming = will or any(c.dep_ == "acomp" and c.lemma_.lower() in mod.imminent for c in clause.children)
        if coming and any(_is_force(h, lex) for h in heads):
            cand.code, cand.modality = mod.warning_force, "warning:force"  # "an operation is near"
            continue
        if will and any(h.pos_ == "PRON" for h in heads):
            continue  # "warned it will retaliate": the speaker's own act
        if any(t.lemma_.lower() in mod.consequences for t in clause.subtree):
            cand.modality = "warning:consequences"  # "... that it would face consequences"
            continue
        doers = names.codeable(heads)
        speakers = {m.actor.country for m in cand.sources}
        if not (will and doers and all(m.actor.country in speakers for m in doers)):
            cand.code, cand.modality = mod.warning_comment, "warning:comment"


def reported_wrongdoings(candidates: list[Candidate], lex: Lexicon, names: SentenceNames) -> None:
    """"Said Kabul was failing to rein in the separatists": the speaker accuses the failing
    side (modality.yaml `reported_wrongdoing`); the speech is coded as that accusation."""
    for cand in candidates:
        warning = cand.frame.trigger.lemma_.lower() in lex.modality.warning_verbs
        if not (cand.frame.entry.speech or warning) or cand.frame.nominal or not cand.sources:
            continue
        found = reported_wrongdoing(cand.frame.trigger, lex)
        if found is None:
            continue
        verb, code, heads, partners = found
        speakers = {m.actor.code for m in cand.sources}
        accused: list[Mention] = []
        for accused_heads in (heads, partners):
            accused = [m for m in names.codeable(accused_heads) if m.actor.code not in speakers]
            if accused:
                break
        if accused:
            cand.code, cand.modality, cand.targets = code, f"{REPORTED_MARK}{verb.text}", accused
            # the accused's country is never lent to the speaker ("the army said ... Afghanistan")
            unlend_opponents(cand.sources, cand.targets, names.context)
