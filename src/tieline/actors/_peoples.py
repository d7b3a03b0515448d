"""Peoples as actors: "Kurds in Turkey", "Kurdish fighters in Syria", "the Albanians of Serbia".

A people noun or adjective names a state only where the text places it: by its own in/of
phrase, its clause's place, or, for a people spread over several states (peoples.tsv lists
them), the state its clause is set in, else the document's setting when the sentence names
none of its states. The resolver passes its phrase scanner in, so these stay functions of the
parse and the tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from tieline.actors._context import DocumentContext, Mention, spread_setting
from tieline.actors._phrases import MAX_LEFT_TOKENS, Match, clause_places, make_mention, owner_objects, phrase_start
from tieline.actors._references import Owner
from tieline.actors._words import MAX_PHRASE_TOKENS

__all__ = ["PLACED_HOME", "Scan", "residence", "spread_home", "spread_people", "spread_people_owner"]

#: The resolver's scanner: greedy table matches starting in [lo, last_start], ending by limit.
Scan = Callable[[Doc, int, int, int], list[Match]]


def residence(scan: Scan, doc: Doc, m: Match, np: tuple[int, int]) -> Mention | None:
    """"Kurds in Turkey", "the Albanians of southern Serbia", "ethnic Albanians in Macedonia":
    a people noun with a location naming a state is that state's (peoples.tsv explains)."""
    head = doc[m.end - 1]
    ethnic = m.entry.kind == "ethnic" or any(doc[k].lower_ == "ethnic" for k in range(np[0], m.start))
    candidates = [(owner_objects(head, located=ethnic), True)]
    spread = m.entry.kind == "ethnic" and m.entry.country is None
    if ethnic and m.entry.kind == "people" or spread:
        # "ethnic Albanians demonstrated in Serbia": the clause says where they live
        candidates.append((clause_places(head), False))
    for objects, in_phrase in candidates:
        place = _place(scan, doc, objects)
        if place is not None:
            label = f"resident:{doc[m.start:m.end].text}@{doc[place.start:place.end].text}"
            span = (np[0], max(np[1], place.end)) if in_phrase else np
            return make_mention(doc, span, place.entry.country, None, None, None, label)
    return None


def _place(scan: Scan, doc: Doc, objects: Iterable[Token]) -> Match | None:
    """The last state, region or capital named in the first of these phrases that names one."""
    for pobj in objects:
        p_lo = max(phrase_start(pobj), pobj.i - MAX_LEFT_TOKENS)
        p_matches = scan(doc, p_lo, pobj.i, min(pobj.i + MAX_PHRASE_TOKENS, len(doc)))
        places = [x for x in p_matches if x.entry.kind in ("country", "region", "capital") and x.entry.country]
        if places:
            return places[-1]
    return None


def spread_people(mods: list[Match]) -> Match | None:
    """A modifier naming a people spread over several states ("Kurdish")."""
    return next((x for x in mods if x.entry.kind in ("adjective", "people", "ethnic") and x.entry.country is None
                 and x.entry.kind != "country"), None)


def spread_people_owner(scan: Scan, doc: Doc, tok: Token, spread: Match | None,
                        ctx: DocumentContext | None) -> list[Owner]:
    """"Kurdish fighters" in a clause set "in Syria": a people spread over several states
    (peoples.tsv) owns its fighters, parties and officials only where the text places them,
    by the noun's own in/of phrase, its clause's "in" phrase or the document's setting."""
    if spread is None:
        return []
    # (also the in-phrase of the noun's own relative clause: "the Kurdish force that has led
    # the ground war in Syria")
    own_clause = [o for c in tok.children if c.dep_ == "relcl" for o in clause_places(c, own=True)]
    place = _place(scan, doc, [*owner_objects(tok, True), *clause_places(tok), *own_clause])
    people = doc[spread.start:spread.end].text
    if place is not None and place.entry.country is not None:
        label = f"resident:{people}@{doc[place.start:place.end].text}"
        return [Owner(place.entry.country, None, None, None, label, spread.start, spread.end)]
    home = spread_home(scan, doc[spread.start], spread.entry.states, ctx)
    if home is None:
        return []
    return [Owner(home[0], None, None, None, f"resident:{people}@{home[1]}", spread.start, spread.end)]


def spread_home(scan: Scan, tok: Token, states: tuple[str, ...], ctx: DocumentContext | None) -> tuple[str, str] | None:
    """The state of a people spread over `states` that no phrase of theirs places: if the
    sentence names none of those states, the document's (`spread_setting`). One it names as
    a party is no guide: as often their opponent ("Erdogan threatened to destroy Kurdish
    forces") as their home, which the sentence's lending then decides ("Kurdish peshmerga
    forces ... were pushed out by the Iraqi army"); one it names only as where their clause
    happens is their home (`_located_home`)."""
    if not states:
        return None
    sent = tok.sent
    named = [x for x in scan(sent.doc, sent.start, sent.end - 1, sent.end) if x.entry.country in states]
    if named:
        return _located_home(tok, named)
    country = spread_setting(states, tok.idx, ctx)
    return (country, "setting") if country is not None else None


#: Why a people's home was found only from where its clause happens, and how its mention's
#: resolution ends ("resident:Kurdish@place").
PLACED_WHY = "place"
PLACED_HOME = f"@{PLACED_WHY}"
#: Prepositions whose object is where something happens, not a party to it.
LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout"})


def _located_home(tok: Token, named: list[Match]) -> tuple[str, str] | None:
    """One of the people's states that the sentence names only as where the people's own clause
    happens ("held in a Kurdish-run detention centre in Syria", "currently in Kurdish custody
    in Syria") is their home there; a state of theirs named as a party (a subject, an object, a
    possessor) leaves it open, as it is as often their opponent, and so does a place of
    another clause ("jailed in Turkey after joining a Kurdish group")."""
    doc = tok.doc
    chain = {tok.i}
    for up in tok.ancestors:
        chain.add(up.i)
        if up.pos_ in ("VERB", "AUX"):
            break
    located: set[str] = set()
    for x in named:
        head = doc[x.end - 1]
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS and head.head.head.i in chain:
            located.add(str(x.entry.country))
        else:
            return None
    if len(located) != 1:
        return None
    country = next(iter(located))
    return country, PLACED_WHY
