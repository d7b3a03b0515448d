"""Acts named again: "condemned the attack" condemns whoever the document said attacked.

News reports an act of violence with its doer, then the reactions to it by a definite noun
alone: "Militants attacked the train ... The chief minister condemned the attack." The
reaction's target is the doer of the act the noun refers back to. The memory of doers is the
document's (`DocumentContext.doers`); these functions fill and read it, so the coder only calls
them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from tieline.actors import DocumentContext, Mention, copy_mention
from tieline.coding.candidates import VIOLENT_ROOTS
from tieline.coding.lexicon import Lexicon

__all__ = ["REACTION_ROOTS", "referred_doers", "remember_doers"]

#: Reactions whose object may be an earlier act: criticism and condemnation (11) and
#: accusation (12). Appeals and threats about "the attack" are left alone: "vowed to respond
#: to the attack" need not be aimed at its doer.
REACTION_ROOTS = frozenset({"11", "12"})
#: Determiners of a noun that refers back to an act already told ("the attack", "this attack").
REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
#: Phrases of an event noun that name or place its own participants: it is then no bare
#: reference ("the attack on the embassy" may be another one).
OWN_PARTICIPANT_PREPS = frozenset({"by", "of", "on", "against", "from", "in"})
#: A time before the noun that dates the act it refers to: "Tuesday's attack".
TIME_POSSESSORS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
    "today", "weekend", "week", "month", "year", "night", "morning", "evening",
})


#: Nouns that name violence only in general and so are no event of their own in the noun
#: lexicon, but refer back to one told before: "Turkey condemned the violence".
REFERRING_ONLY_NOUNS = frozenset({"violence", "bloodshed", "atrocity", "shooting", "rampage"})


def _violent_noun(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    entries = lex.nouns.get(lemma, ())
    return lemma in REFERRING_ONLY_NOUNS or (bool(entries) and all(e.code[:2] in VIOLENT_ROOTS for e in entries))


def _refers_back(tok: Token) -> bool:
    """"the attack", "this week's bombing", "Tuesday's attack": a definite act noun with no
    phrase of its own naming or placing who took part."""
    referring = False
    for c in tok.children:
        dated = c.dep_ == "poss" and c.lemma_.lower().rstrip("'s") in TIME_POSSESSORS
        if (c.dep_ == "det" and c.lower_ in REFERRING_DETERMINERS) or dated:
            referring = True
        elif c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in OWN_PARTICIPANT_PREPS):
            return False
    return referring


def referred_doers(code: str, heads: Iterable[Token], lex: Lexicon, context: DocumentContext,
                   own: set[str]) -> list[Mention]:
    """The doer of the act a reaction's object refers back to, as its target; [] when the
    object is no such reference, no doer is remembered, or the doer is the reacting side."""
    if code[:2] not in REACTION_ROOTS:
        return []
    for head in heads:
        if head.dep_ in ("poss", "compound") and _violent_noun(head.head, lex):
            head = head.head  # "Tuesday's attack": the argument layer offers the possessor
        if not (_violent_noun(head, lex) and _refers_back(head)):
            continue
        doer = context.last_doer(head.idx)
        if doer is None or doer.actor.code in own:
            return []
        return [copy_mention(head.doc, (head.i, head.i + 1), doer, f"coref-act:{head.lower_}")]
    return []


def remember_doers(coded: Iterable[tuple[str, Mention]], context: DocumentContext) -> None:
    """Remember the named doers of a sentence's coded acts of violence ((code, source) pairs)."""
    for code, source in coded:
        if code[:2] in VIOLENT_ROOTS and source.start >= 0:
            context.remember_doer(source)
