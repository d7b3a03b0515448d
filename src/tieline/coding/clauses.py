"""Clause- and token-level syntactic tests that the argument layer (`tieline.coding.predication`)
and the frames (`tieline.coding.frames`, `tieline.coding.nominals`) share: time nouns, coordinated,
relative and conditional clauses, names the small parser misread, hyphenated name pairs, expletive
subjects, nationality modifiers.

Like the argument layer, they read the parse only through `tieline.coding.relations`.
"""

from __future__ import annotations

from spacy.tokens import Token

from tieline.coding.relations import Rel, rel

__all__ = [
    "CONDITION_MARKS", "RELATIVE_ADVERBS", "TIME_NOUNS", "coordinated_clause", "expletive", "hyphen_pair",
    "misread_finite", "nationality_modifier", "shared_subject_of_passive", "temporal", "under_condition",
]

#: Relative adverbs: their clause is set at the noun, which is no participant.
RELATIVE_ADVERBS = frozenset({"where", "when", "whereby", "wherein"})

#: Subordinators of conditions: acts inside their clauses are not asserted.
CONDITION_MARKS = frozenset({"if", "unless", "whether"})

#: Nouns of time: "on Sunday", "in March" date an act, they do not name its target.
TIME_NOUNS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "day", "night", "morning", "afternoon", "evening",
    "week", "month", "year", "decade", "time", "occasion", "date",
})


def coordinated_clause(verb: Token) -> bool:
    """A conjunct clause joined by a conjunction ("travelled ... and was held"): a conj with
    none before it is often the small parser's misreading of a reduced relative and its verb
    ("The civilians imprisoned ... were released")."""
    head = verb.head
    return any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children)


def temporal(tok: Token) -> bool:
    """A bare time noun ("on Sunday"); not one the parser glued to a name ("Assad Tuesday")."""
    return tok.lemma_.lower() in TIME_NOUNS and not any(
        c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children
    )


def under_condition(tok: Token, scheme: str) -> bool:
    """True inside a clause opened by "if" or "unless", at any depth ("unless they have the
    intention to undertake an invasion"): nothing there is asserted."""
    for clause in (tok, *tok.ancestors):
        if any(rel(c, scheme) == Rel.MARK and c.lower_ in CONDITION_MARKS for c in clause.children):
            return True
    return False


def misread_finite(tok: Token, scheme: str = "clear") -> tuple[Token, Token | None] | None:
    """The verb's subject (and object) when the small parser misread the name before it:

    - "Trump hosted Erdogan in the White House": a past-tense verb between two names read as an
      adjective of the second name, which becomes a verbless root; the name before the verb is
      its subject and the root its object.
    - "Trump imposed tariffs on China": a capitalised sentence-initial name read as the root noun,
      the verb as an adjective of its object; the name is the subject, the noun the object.
    - "Trump on Friday imposed tariffs": the name read as a base-form verb or a noun at the root,
      the real verb as its clause, conjunct or (through a preposition) complement; the name is
      the subject.
    """
    head = tok.head
    if tok.tag_ not in ("VBN", "VBD") or tok.i == 0 or any(
        rel(c, scheme) in (Rel.SUBJ, Rel.PASS_SUBJ) for c in tok.children
    ):
        return None
    r = rel(tok, scheme)
    if r in (Rel.ADVCL, Rel.CONJ, Rel.PCOMP, Rel.CCOMP, Rel.OTHER):
        root = head
        while root.head != root and root.pos_ == "ADP":  # "Trump at first imposed": through "at"
            root = root.head
        if root.head == root and root.tag_ in ("VB", "NN", "NNP") and _initial_name(root):
            return root, None
    if r != Rel.MOD or head.i <= tok.i or head.pos_ not in ("PROPN", "NOUN"):
        return None
    if head.head == head:
        before = tok.doc[tok.i - 1]
        named = before.pos_ == "PROPN" or (before.pos_ == "NOUN" and before.is_title)
        if not named or before.head not in (head, tok):
            return None
        return before, head
    root = head.head
    if rel(head, scheme) == Rel.OBJ and root.head == root and root.i == tok.i - 1 and root.pos_ in ("PROPN", "NOUN") \
            and _initial_name(root):
        return root, head
    return None


def _initial_name(tok: Token) -> bool:
    """A capitalised word opening its sentence, the parser's usual misreading of a name there."""
    return bool(tok.text[:1].isupper() and tok.is_sent_start and tok.is_alpha)


def hyphen_pair(noun: Token, scheme: str = "clear") -> list[Token]:
    """"Israel-Hamas talks", "U.S.-China trade deal": two names joined by a hyphen before a noun
    (the parser makes the second a compound of the noun, the first a compound of the second)."""
    for second in noun.children:
        if second.i > noun.i or rel(second, scheme) != Rel.COMPOUND or second.pos_ != "PROPN":
            continue
        hyphens = [c.i for c in second.children if c.text == "-" and c.i < second.i]
        firsts = [c for c in second.children if c.pos_ == "PROPN" and hyphens and c.i < min(hyphens)]
        if firsts:
            return [firsts[-1], second]
    return []


def expletive(tok: Token) -> bool:
    return tok.dep_ == "expl" or tok.lower_ == "there"


def shared_subject_of_passive(
    agent: list[Token], patient: list[Token], passive: bool, path: list[str]
) -> tuple[list[Token], list[Token]]:
    """A subjectless passive clause shares the main clause's subject as what the act fell on:
    "Davis is in prison after being convicted", "Arrested in May, he was later released"."""
    if not passive or patient or not agent:
        return agent, patient
    path.append("the clause is passive: the shared subject is patient")
    return [], agent


def nationality_modifier(noun: Token, scheme: str) -> list[Token]:
    """A proper-noun compound or capitalised adjective before the noun names its agent: "the US
    invasion", "Israeli strikes", "Russian and Syrian airstrikes"."""
    for child in noun.children:
        if child.i < noun.i and rel(child, scheme) in (Rel.COMPOUND, Rel.MOD) and (
            child.pos_ == "PROPN" or (child.pos_ == "ADJ" and child.text[:1].isupper())
        ):
            return [child]
    return []
