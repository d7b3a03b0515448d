"""References inside a document: pronouns, "the two countries", "the group", "the minister",
"its army". Each reads the DocumentContext the coder fills sentence by sentence; none looks
at the gazetteer, so they live apart from the phrase matching of the resolver."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from tieline.actors._codes import base_code
from tieline.actors._context import (
    ARMED_GROUP_SECTORS,
    MAX_PRONOUN_DISTANCE,
    DocumentContext,
    Mention,
)
from tieline.actors._gazetteer import Entry
from tieline.actors._phrases import Match, copy_mention, has_definite, make_mention
from tieline.actors._words import (
    COUNTRY_NOUNS,
    GENERIC_ORG_NOUNS,
    GROUP_NOUNS,
    GROUP_NOUNS_GOV,
    GROUP_NOUNS_MIL,
    GROUP_REFERENCE_NOUNS,
    GROUP_REFERENCE_SECTORS,
    GROUP_SIZES,
    ORG_REFERENCE_NOUNS,
    PLURAL_NUMBERS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_SINGLE,
    STATE_SECTORS,
    THING_SUBJECT_VERBS,
)

__all__ = [
    "Owner", "coref_noun", "organisation_reference", "possessive_owners", "pronoun_mentions", "sector_reference",
]


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose actor a sector noun is: a country, an IGO, a group, a person's country."""

    country: str | None
    intl: str | None
    sector: str | None  # a sector the owner itself carries (seat, group, person)
    name: str | None
    label: str
    start: int  # token span of the phrase that named the owner
    end: int
    from_org: bool = False  # seat or group: its sector overrides an armed head


#: How a people named as such resolves ("the Uyghurs", "Palestinians", "Chinese Uyghurs").
PEOPLE_LABELS = ("country-people:", "country-ethnic:", "nationality:")


def pronoun_mentions(tok: Token, ctx: DocumentContext | None) -> list[Mention]:
    """"he", "it", "they": the most recent compatible actor of the document."""
    if ctx is None:
        return []
    low = tok.lower_
    doc = tok.doc
    np = (tok.i, tok.i + 1)
    if low in PRONOUNS_PERSON:
        gender = "f" if low in ("she", "her", "hers", "herself") else "m"
        person = (ctx.last_subject_person(tok.idx, gender) if tok.dep_ == "nsubj" else None) or ctx.last_person(
            tok.idx, gender=gender)
        return [copy_mention(doc, np, person, f"coref:{low}")] if person else []
    if low in PRONOUNS_GROUP:
        group = ctx.last_compound(tok.idx, MAX_PRONOUN_DISTANCE)
        if group:
            return [copy_mention(doc, np, m, f"coref:{low}") for m in group]
        # "the Baloch Liberation Army ... they shot people": a group's members are "they" though
        # its name is singular, when it is the latest actor named (never over another party)
        # ("the Uyghurs ... deported them": a people named as such is what an act fell on;
        # a people's "their demands" is left to its speakers, who are seldom the whole people)
        armed = ctx.last_single(tok.idx)
        people = low == "them" and armed is not None and armed.actor.resolution.startswith(PEOPLE_LABELS)
        if armed is None or not (armed.actor.sector in ARMED_GROUP_SECTORS or people):
            return []
        return [copy_mention(doc, np, armed, f"coref:{low}")]
    if low in PRONOUNS_SINGLE:
        if low == "it" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in THING_SUBJECT_VERBS:
            return []  # "It landed in the sea": the missile, not the state that fired it
        single = ctx.last_single(tok.idx)
        return [copy_mention(doc, np, single, f"coref:{low}")] if single else []
    return []


def coref_noun(tok: Token, np: tuple[int, int], mods: list[Match], ctx: DocumentContext) -> list[Mention] | None:
    """"the two countries", "both sides", "the country": the last compound group or country;
    None when the noun is no such reference."""
    lemma = tok.lemma_.lower()
    if lemma not in GROUP_NOUNS or any(m.entry.kind != "sector" for m in mods):
        return None
    doc = tok.doc
    counts = [
        c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet") and c.lower_ in PLURAL_NUMBERS
    ]
    if tok.tag_ in ("NNS", "NNPS") and counts:
        group = ctx.last_compound(tok.idx)
        if not group:
            return None
        states = tuple(m for m in group if not m.actor.code.startswith("IGO"))
        if lemma not in ("side", "party") and len({m.actor.code for m in states}) == GROUP_SIZES[counts[0]]:
            group = states  # "Russia, Turkey and Nato ... the two presidents": the two states
        sector = "GOV" if lemma in GROUP_NOUNS_GOV else "MIL" if lemma in GROUP_NOUNS_MIL else None
        label = f"coref-group:{doc[np[0]:np[1]].text}"
        return [make_mention(doc, np, m.actor.country, base_code(m.actor),
                         sector, m.actor.name, f"{label}->{m.actor.text}") for m in group]
    if lemma in COUNTRY_NOUNS and tok.tag_ == "NN" and has_definite(tok) and not mods:
        last = ctx.last_country(tok.idx)
        if last is None:
            return None
        return [make_mention(doc, np, last.actor.country, None, None, None,
                         f"coref-country:{doc[np[0]:np[1]].text}->{last.actor.text}")]
    return None


def organisation_reference(tok: Token, np: tuple[int, int], mods: list[Match], ctx: DocumentContext
                           ) -> list[Mention] | None:
    """"the court", "the agency", "the alliance" with nothing else in its phrase: the last
    organisation named nearby whose name holds that word ("the International Court of Justice",
    "the IAEA" through its full name); a generic word ("the bloc") takes the last international
    body. None when the noun is no such reference or nothing fits."""
    lemma = tok.lemma_.lower()
    if lemma not in ORG_REFERENCE_NOUNS or mods or tok.tag_ != "NN" or not has_definite(tok):
        return None
    if any(c.dep_ in ("amod", "compound", "nmod") for c in tok.children):
        return None  # "the appeals court", "the military council": another body
    body = _body(tok, ctx)
    if body is None:
        return None
    return [copy_mention(tok.doc, np, body, f"coref-org:{tok.doc[np[0]:np[1]].text}")]


def _body(tok: Token, ctx: DocumentContext) -> Mention | None:
    """The body "the court" or "the bloc" (`tok`) refers back to (DocumentContext.last_body)."""
    lemma = tok.lemma_.lower()
    return ctx.last_body(tok.idx, lemma, any_igo=lemma in GENERIC_ORG_NOUNS)


def sector_reference(
    tok: Token, np: tuple[int, int], head: Entry, sector: str | None, label: str, mod_sectors: list[str],
    ctx: DocumentContext | None,
) -> list[Mention] | None:
    """A sector noun with no owner in its phrase that refers back: "the group" to the last named
    group, "the minister" to the last office-holder, "the government" to the last country; None
    when nothing fits."""
    if ctx is None:
        return None
    doc = tok.doc
    if has_definite(tok) and not mod_sectors and (
        sector in GROUP_REFERENCE_SECTORS or head.phrase in GROUP_REFERENCE_NOUNS
    ):
        # an armed word ("the militants") refers only to an armed group; "the group" to any
        armed = head.phrase not in GROUP_REFERENCE_NOUNS and sector in ARMED_GROUP_SECTORS
        group = ctx.last_group(tok.idx, armed=armed)
        if group is not None:
            return [copy_mention(doc, np, group, f"coref-group:{doc[np[0]:np[1]].text}")]
    if head.title and sector and has_definite(tok) and tok.tag_ in ("NN", "NNP"):
        office = ctx.last_office(tok.idx, sector, title=head.phrase)
        if office is not None:
            return [copy_mention(doc, np, office, f"coref-title:{doc[np[0]:np[1]].text}")]
    if sector in STATE_SECTORS and has_definite(tok):
        # after a sentence naming two countries, the one that was its subject ("Poland
        # summoned the Russian ambassador. The foreign ministry ..."), for a body (not an office
        # holder, whom the titles decide) that is itself its sentence's subject
        last = ctx.last_country(tok.idx)
        if last is None and not head.title and tok.dep_ in ("nsubj", "nsubjpass"):
            last = ctx.last_subject_country(tok.idx)
        if last is not None:
            return [make_mention(doc, np, last.actor.country, None, sector, None,
                             f"coref-country:{last.actor.text}+{label}")]
    return None


def possessive_owners(tok: Token, ctx: DocumentContext) -> list[Owner]:
    """"its army", "their leaders", "his government": the owner is the actor the possessive
    pronoun refers to (a person's country for "his"/"her"); "the court's president": the body
    "the court" refers to."""
    for c in tok.children:
        if c.dep_ == "poss" and c.lemma_.lower() in ORG_REFERENCE_NOUNS and has_definite(c):
            # "the court's president": the body "the court" refers back to
            body = _body(c, ctx)
            if body is None:
                return []
            return [Owner(body.actor.country, base_code(body.actor), None, body.actor.name,
                          f"coref-org:{c.text}->{body.actor.text}", c.left_edge.i, c.i + 1)]
        if c.dep_ != "poss" or c.lower_ not in ("its", "their", "his", "her"):
            continue
        if c.lower_ == "its":
            single = ctx.last_single(c.idx)
            group: tuple[Mention, ...] = (single,) if single else ()
        elif c.lower_ in ("his", "her"):
            # "his government", "her ministry": the last person's country
            person = ctx.last_person(c.idx, gender="f" if c.lower_ == "her" else "m")
            group = (person,) if person is not None and person.actor.country else ()
        else:
            group = ctx.last_compound(c.idx) or ()
        return [Owner(m.actor.country, base_code(m.actor), None, m.actor.name,
                      f"coref-{c.lower_}:{m.actor.text}", c.i, c.i + 1) for m in group]
    return []
