"""Who did an agentless act: the authority of the place it happened, the owner of its means.

"Was jailed in Turkey", "was arrested on a Turkish beach" name no doer, but only an authority
jails, so the place's state did it; "killed in Israeli tank shelling" names the doer by the
means. These functions read the parse only; the frames call them when no agent is named.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from tieline.coding.clauses import TIME_NOUNS

__all__ = [
    "INSTRUMENT_AGENT_ROOTS", "JURISDICTION_CODES", "PLACE_NOUNS", "instrument_owner", "jurisdiction",
    "modifier_owner", "place_of",
]

#: Roots of acts whose agentless passive can name its perpetrator by the nationality of the
#: weapon or attack ("killed in Israeli tank shelling", "wounded in a Saudi air strike").
INSTRUMENT_AGENT_ROOTS = frozenset({"17", "18", "19", "20"})


#: Nouns of places: "in the Donbass region" says where an act happened, not by what means.
PLACE_NOUNS = frozenset({
    "region", "province", "area", "city", "town", "village", "district", "state", "country", "capital",
    "border", "zone", "territory", "enclave", "camp", "neighbourhood", "neighborhood", "suburb",
    "street", "square", "east", "west", "north", "south", "part", "county", "governorate", "valley",
})


#: Arrest, detention, charges and jail (CAMEO 173) and verdicts of guilt (116): only an
#: authority does them, so an agentless passive done "in Turkey" or "in a Kurdish prison" was
#: done by that place's authority (its police, prisons or courts).
JURISDICTION_CODES = ("173", "116")
JURISDICTION_PREPS = frozenset({"in", "on", "at", "inside"})


def jurisdiction(verb: Token) -> list[Token]:
    """The country or national modifier of the place an agentless detention happened: "Turkey" in
    "was jailed in Turkey", "Turkish" in "was arrested on a Turkish beach"; else the place of
    the clause it hangs from ("is in prison in Turkey after being sentenced")."""
    found = place_of(verb)
    if not found and verb.dep_ in ("pcomp", "advcl") and verb.head != verb:
        clause = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if clause.pos_ in ("VERB", "AUX"):
            found = place_of(clause)
    return found


def place_of(verb: Token) -> list[Token]:
    """The country or national owner of an act's in/on/at place ("in Turkey", "on a Turkish beach")."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in JURISDICTION_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.lemma_.lower() in TIME_NOUNS:
                continue
            if pobj.pos_ == "PROPN":
                return [pobj]
            owners = modifier_owner(pobj) if pobj.pos_ == "NOUN" else []
            if owners:
                return owners
    return []


def instrument_owner(verb: Token, event_nouns: Container[str]) -> list[Token]:
    """The nationality or named owner modifying the means of an agentless act: "Israeli" in
    "killed in Israeli tank shelling". When the means is itself an event noun ("killed in a
    Saudi air strike") the noun's own frame codes the attack, so the verb takes no source."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "by", "during"):
            continue
        for pobj in prep.children:
            lemma = pobj.lemma_.lower()
            if pobj.dep_ != "pobj" or pobj.pos_ != "NOUN" or lemma in event_nouns or lemma in PLACE_NOUNS:
                continue  # "killed in the Donbass region": a place, not the means
            owners = modifier_owner(pobj)
            if owners:
                return owners
    return []


def modifier_owner(noun: Token) -> list[Token]:
    """The first nationality-like modifier before a noun, through compound chains: "Israeli"
    in "Israeli air strikes", "US" in "US drone strikes"."""
    # (a lowercase adjective describes the act, it names nobody: "a calculated attack from
    # Assad loyalists" must leave the from-phrase to name the attacker)
    owners = [
        t for t in noun.subtree
        if t.i < noun.i and t.dep_ in ("amod", "compound", "nmod")
        and (t.pos_ == "PROPN" or (t.pos_ == "ADJ" and t.text[:1].isupper()))
    ]
    return owners[:1]
