"""Acts named again: "condemned the attack" condemns whoever the document said attacked.

News reports an act with its doer, then the reactions to it by a definite noun alone:
"Militants attacked the train ... The chief minister condemned the attack"; "Washington called
for a meeting ... Greece supported the call"; "Pakistan accused Kabul ... Kabul rejected the
allegation". The reaction's target is the doer of the latest act of the kind the noun names. The
memory of doers is the document's (`DocumentContext.doers`); these functions fill and read it,
so the coder only calls them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from tieline.actors import DocumentContext, Mention, copy_mention
from tieline.coding.candidates import VIOLENT_ROOTS, Candidate
from tieline.coding.lexicon import Lexicon

__all__ = ["referred_doers", "remember_doers"]

#: Reactions to an act of violence: criticism, condemnation and accusation (CAMEO 11).
#: Appeals and threats about "the attack" are left alone: "vowed to respond to the attack" need
#: not be aimed at its doer.
VIOLENCE_REACTIONS = frozenset({"11"})
#: Reactions to something said (a call, a proposal, an allegation): backing it (05),
#: criticising it (11) or rejecting it (12).
SPEECH_REACTIONS = frozenset({"05", "11", "12"})
#: Nouns that name a kind of speech act, and the CAMEO roots of the acts they refer back to.
SPEECH_ACT_NOUNS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("call", "appeal", "request", "plea"), frozenset({"02"})),
    **dict.fromkeys(("demand", "ultimatum"), frozenset({"10"})),
    **dict.fromkeys(("offer", "proposal", "initiative", "pledge"), frozenset({"03"})),
    # (an accusation is CAMEO 112, under disapproval, 11; 12 is rejection)
    **dict.fromkeys(("allegation", "accusation", "charge", "criticism", "assertion"), frozenset({"11"})),
    **dict.fromkeys(("threat", "warning"), frozenset({"13"})),
}
#: Determiners of a noun that refers back to an act already told ("the attack", "this attack").
REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
#: Phrases of an act noun that name or place its own participants: it is then no bare
#: reference ("the attack on the embassy" may be another one, "the call for talks" says what
#: was asked and by whom it may be read).
OWN_PARTICIPANT_PREPS = frozenset({"by", "of", "on", "against", "from", "in", "for", "to", "with"})
#: A time before the noun that dates the act it refers to: "Tuesday's attack".
TIME_POSSESSORS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
    "today", "weekend", "week", "month", "year", "night", "morning", "evening",
})
#: Nouns that name violence only in general and so are no event of their own in the noun
#: lexicon, but refer back to one told before: "Turkey condemned the violence".
REFERRING_ONLY_NOUNS = frozenset({"violence", "bloodshed", "atrocity", "shooting", "rampage"})


def _referred_roots(tok: Token, lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The roots of the acts an act noun may refer back to, and the reactions that may refer to
    them; empty sets for no act noun."""
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_ACT_NOUNS:
        return SPEECH_ACT_NOUNS[lemma], SPEECH_REACTIONS
    entries = lex.nouns.get(lemma, ())
    if lemma in REFERRING_ONLY_NOUNS or (entries and all(e.code[:2] in VIOLENT_ROOTS for e in entries)):
        return VIOLENT_ROOTS, VIOLENCE_REACTIONS
    return frozenset(), frozenset()


def _refers_back(tok: Token) -> bool:
    """"the attack", "this week's bombing", "Tuesday's attack": a definite act noun with no
    phrase or clause of its own naming or placing who took part or what was said."""
    referring = False
    for c in tok.children:
        dated = c.dep_ == "poss" and c.lemma_.lower() in TIME_POSSESSORS  # ("'s" is a token of its own)
        if (c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS) or dated:
            referring = True
        elif c.dep_ in ("poss", "acl", "relcl") or (c.dep_ == "prep" and c.lower_ in OWN_PARTICIPANT_PREPS):
            return False
    return referring


def referred_doers(code: str, heads: Iterable[Token], lex: Lexicon, context: DocumentContext,
                   own: set[str]) -> list[Mention]:
    """The doer of the act a reaction's object refers back to, as its target; [] when the
    object is no such reference, no doer is remembered, or the doer is the reacting side."""
    for head in heads:
        if head.dep_ in ("poss", "compound") and _referred_roots(head.head, lex)[0]:
            head = head.head  # "Tuesday's attack": the argument layer offers the possessor
        roots, reactions = _referred_roots(head, lex)
        if code[:2] not in reactions or not _refers_back(head):
            continue
        doers = [m for m in context.last_doers(head.idx, roots) if m.actor.code not in own]
        return [copy_mention(head.doc, (head.i, head.i + 1), m, f"coref-act:{head.lower_}") for m in doers]
    return []


def remember_doers(coded: Iterable[tuple[Candidate, Mention, Mention]], context: DocumentContext) -> None:
    """Remember the named doers of a sentence's coded acts ((candidate, source, target) as the
    coder pairs them); coordinated doers of one act ("the US, Britain and France called") stay
    together."""
    acts: dict[int, tuple[str, list[Mention]]] = {}
    for cand, source, _ in coded:
        if source.start >= 0:
            doers = acts.setdefault(id(cand), (cand.code[:2], []))[1]
            if source not in doers:
                doers.append(source)
    for root, doers in acts.values():
        context.remember_doers(tuple(doers), root)
