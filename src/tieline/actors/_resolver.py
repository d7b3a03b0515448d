"""Resolve the noun phrase around a parsed token to CAMEO-style actor codes.

The resolver looks only at the noun phrase a head token governs: its left modifiers
(compound, amod, poss, det), a following "of"/"in"/"from" phrase for sector heads
("the government of Pakistan"), an apposition for unknown names, and its conjuncts.
Everything is dict lookups on lowercased tokens, so it costs little next to parsing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date as Date

from spacy.tokens import Doc, Span, Token

from tieline.actors._context import MAX_PRONOUN_DISTANCE, DocumentContext, Mention
from tieline.actors._gazetteer import (
    INTERNATIONAL_PREFIXES,
    CaseRule,
    Entry,
    Gazetteer,
    Tenure,
    load_gazetteer,
)
from tieline.records import Actor

__all__ = ["ActorResolver", "compose_code"]

#: Left modifiers further than this from the head are parse errors, not one noun phrase.
MAX_LEFT_TOKENS = 12
#: The longest phrase in the data files is shorter than this many tokens.
MAX_PHRASE_TOKENS = 10

PRONOUNS_GROUP = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS_SINGLE = frozenset({"it", "its", "itself"})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
#: "the two countries", "both sides", "the two leaders" refer to the last compound group.
GROUP_NOUNS = frozenset({"country", "nation", "side", "state", "government", "leader", "capital", "party"})
GROUP_NOUNS_GOV = frozenset({"government", "leader", "capital"})
#: "the country" / "the nation" refer to the last single country.
COUNTRY_NOUNS = frozenset({"country", "nation"})
#: Sectors a bare definite noun ("the government", "the army") may take from the last country.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
#: Sectors an organisation or seat modifier imposes even on a strong armed head ("Peshmerga fighters").
ARMED_SECTORS = frozenset({"MIL", "REB"})
#: A name seen this many years before its bearer's first listed office still gives the country
#: (a candidate, a rising minister); earlier than that it is more likely someone else's name.
BEFORE_OFFICE_YEARS = 5
OWNER_PREPS = frozenset({"of", "in", "from"})
PLURAL_NUMBERS = frozenset({"two", "three", "four", "2", "3", "4", "both"})
#: Words before a capital that make it a place, not the government ("east London").
PLACE_MODIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "north-east", "north-west", "south-east", "south-west", "downtown", "suburban", "greater", "outer",
    "inner", "old",
})
#: "pro-Russian", "anti-American": the country is an attitude's object, not the actor.
NEGATING_PREFIXES = frozenset({"pro", "anti", "non"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"})
#: Words that may stand before a leader's surname; any other capitalised word there is a first
#: name, and "Joanne Harris" is not Kamala Harris.
HONORIFICS = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "lady",
    "baroness", "prof", "prof.", "professor", "messrs", "comrade", "sen.", "rep.", "gov.", "pres.",
})


class _DocFeatures:
    """Lowercased text, lemma and case of every token of a Doc, read once: building spaCy
    Token objects is the main cost of matching, so a Doc's tokens are read a single time."""

    __slots__ = ("lower", "lemma", "upper", "title", "may_start", "size")

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        index = gaz.index
        self.size = len(doc)
        self.lower = [t.lower_ for t in doc]
        self.lemma = [t.lemma_.lower() for t in doc]
        texts = [t.text for t in doc]
        # "upper": all letters capitals (or no letters, like "."); "title": a capital first letter,
        # or a lowercased word the tagger still calls a proper noun ("president obama")
        self.upper = [x.isupper() or not any(c.isalpha() for c in x) for x in texts]
        self.title = [x[:1].isupper() or t.pos_ == "PROPN" for x, t in zip(texts, doc, strict=True)]
        self.may_start = [lo in index or le in index for lo, le in zip(self.lower, self.lemma, strict=True)]

    def case_ok(self, i: int, n: int, case: CaseRule) -> bool:
        if case == "any":
            return True
        if case == "title":
            return self.title[i]
        return all(self.upper[i:i + n])


@dataclass(frozen=True, slots=True)
class _Match:
    start: int  # token index in the Doc
    end: int  # exclusive
    entry: Entry


@dataclass(frozen=True, slots=True)
class _Owner:
    """Whose actor a sector noun is: a country, an IGO, a group, a person's country."""

    country: str | None
    intl: str | None
    sector: str | None  # a sector the owner itself carries (seat, group, person)
    name: str | None
    label: str
    start: int  # token span of the phrase that named the owner
    end: int
    from_org: bool = False  # seat or group: its sector overrides an armed head


def compose_code(country: str | None, intl: str | None, sector: str | None) -> str:
    """CAMEO-style code: country + sector ("PAKMIL"); IGO code + sector except GOV ("IGOUNOMIL")."""
    if country:
        return country + (sector or "")
    base = intl or "---"
    if base.startswith("IGO") and sector == "GOV":
        return base  # an IGO's own officials are the IGO itself
    if sector and base != "---" and sector in (base[i:i + 3] for i in range(3, len(base), 3)):
        return base  # the code already names the sector (IGOCOPITP is Interpol, a police body)
    return base + (sector or "")


def pick_tenure(
    tenures: tuple[Tenure, ...], when: Date | None, *, prefer_sector: str | None = None
) -> tuple[Tenure | None, str]:
    """The tenure in force on `when`: (tenure, "current"|"former"|"before"|"latest"|"ambiguous").

    No date: the latest-starting tenure. A date inside no tenure: the most recently ended one
    ("former": the caller codes a former officeholder as ELI), or, shortly before any began, the
    first; long before, none ("unknown").
    Two tenures of different countries on the same date make the name ambiguous. Without a
    date, `prefer_sector` (from a title: "Prime Minister Haniyeh") picks among the tenures.
    """
    if not tenures:
        return None, "ambiguous"
    if when is None:
        if len({t.code for t in tenures}) > 1 and len({t.name for t in tenures}) > 1:
            return None, "ambiguous"  # two people of different countries share the name
        pool = [t for t in tenures if t.sector == prefer_sector] or list(tenures)
        return max(pool, key=lambda t: t.start or Date.min), "latest"
    covering = [t for t in tenures if t.covers(when)]
    if covering:
        if len({t.code for t in covering}) > 1:
            return None, "ambiguous"
        return covering[0], "current"
    ended = [t for t in tenures if t.end is not None and t.end <= when]
    if ended:
        return max(ended, key=lambda t: t.end or Date.min), "former"
    first = min(tenures, key=lambda t: t.start or Date.max)
    if first.start is not None and (first.start - when).days > BEFORE_OFFICE_YEARS * 365:
        return None, "unknown"
    return first, "before"


class ActorResolver:
    """Turns noun phrases in a spaCy parse into actor mentions. Build once; it pickles."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._cache: tuple[weakref.ref[Doc], _DocFeatures] | None = None

    # -- public API ------------------------------------------------------------------
    def resolve(
        self, head: Token, *, when: Date | None = None, context: DocumentContext | None = None
    ) -> list[Mention]:
        """Actors named by the noun phrase headed by `head`, one per member of a compound."""
        out: list[Mention] = []
        covered_to = -1
        for member in self._conjuncts(head):
            if member.i < covered_to:
                continue  # inside a name already matched ("Bosnia and Herzegovina")
            mentions, end = self._resolve_np(member, when, context)
            covered_to = max(covered_to, end)
            out.extend(mentions)
        return _dedupe(out)

    def find_in(self, span: Span, *, when: Date | None = None) -> list[Mention]:
        """Every state, IGO or group actor in `span`, left to right, non-overlapping."""
        doc = span.doc
        matches = [m for m in self._scan(doc, span.start, span.end - 1, span.end) if m.entry.kind != "sector"]
        if not matches:
            return []  # most sentences name no actor: one pass over the tokens and done
        found: list[Mention] = []
        heads: set[int] = set()
        for m in matches:
            for h in _phrase_heads(doc[m.end - 1]):
                if h.i not in heads and span.start <= h.i < span.end:
                    heads.add(h.i)
                    mentions, _ = self._resolve_np(h, when, None)
                    found.extend(x for x in mentions if is_codeable(x.actor))
        for m in matches:
            start, end = doc[m.start].idx, _end_char(doc, m.end)
            if any(f.start < end and start < f.end for f in found):
                continue
            mention = self._entity_mention(doc, m, when)
            if mention is not None and is_codeable(mention.actor):
                found.append(mention)
        # overlaps: an actor the phrase head itself names beats one read off a modifier
        # ("Iraqi President Saddam Hussein" over "Iraqi President Saddam Hussein's proposal")
        found.sort(key=lambda f: (f.actor.resolution.startswith("modifier:"), -(f.end - f.start), f.start))
        kept: list[Mention] = []
        for f in found:
            if not any(k.start < f.end and f.start < k.end for k in kept):
                kept.append(f)
        return sorted(kept, key=lambda f: f.start)

    # -- phrase matching ---------------------------------------------------------------
    def _features(self, doc: Doc) -> _DocFeatures:
        """Token features for matching, computed once per Doc (the last Doc is remembered weakly;
        nothing is stored on the Doc, so Doc.to_bytes and DocBin are unaffected)."""
        cached = self._cache
        if cached is not None and cached[0]() is doc and cached[1].size == len(doc):
            return cached[1]
        feats = _DocFeatures(doc, self.gaz)
        self._cache = (weakref.ref(doc), feats)
        return feats

    def __getstate__(self) -> dict[str, object]:
        return {"gaz": self.gaz}  # the per-Doc cache holds a weak reference, which cannot pickle

    def __setstate__(self, state: dict[str, object]) -> None:
        self.gaz = state["gaz"]  # type: ignore[assignment]
        self._cache = None

    def _match_at(self, doc: Doc, i: int, limit: int, f: _DocFeatures | None = None) -> _Match | None:
        f = f or self._features(doc)
        if not f.may_start[i]:
            return None
        lower, lemma = f.lower[i], f.lemma[i]
        best: _Match | None = None
        for form, by_lemma in ((lower, False), (lemma, True)):
            if by_lemma and lemma == lower:
                break
            for toks, case, entry in self.gaz.index.get(form, ()):
                n = len(toks)
                if i + n > limit or (by_lemma and case != "any"):
                    continue
                if not f.case_ok(i, n, case):
                    continue
                if n > 1 and not all(
                    f.lower[i + k] == toks[k] or (case == "any" and f.lemma[i + k] == toks[k])
                    for k in range(1, n)
                ):
                    continue
                if best is None or n > best.end - best.start:
                    best = _Match(i, i + n, entry)
                break  # buckets are longest first
        return best

    def _scan(self, doc: Doc, lo: int, last_start: int, limit: int) -> list[_Match]:
        """Greedy longest matches starting in [lo, last_start], ending by `limit`."""
        f = self._features(doc)
        out: list[_Match] = []
        i = lo
        may_start = f.may_start
        while i <= last_start:
            if not may_start[i]:
                i += 1
                continue
            m = self._match_at(doc, i, limit, f)
            if m is None:
                i += 1
                continue
            if not _negated(doc, m):
                out.append(m)
            i = m.end
        return out

    # -- one noun phrase -------------------------------------------------------------------
    def _resolve_np(
        self, tok: Token, when: Date | None, ctx: DocumentContext | None
    ) -> tuple[list[Mention], int]:
        doc = tok.doc
        if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS_GROUP | PRONOUNS_SINGLE | PRONOUNS_PERSON:
            return self._pronoun(tok, ctx), tok.i + 1
        lo = max(tok.left_edge.i, tok.i - MAX_LEFT_TOKENS)
        limit = min(tok.right_edge.i + 1, tok.i + MAX_PHRASE_TOKENS, len(doc))
        matches = self._scan(doc, lo, tok.i, limit)
        head_m = next((m for m in matches if m.start <= tok.i < m.end), None)
        mods = [m for m in matches if m.end <= tok.i]
        end = head_m.end if head_m else tok.i + 1
        former = any(doc[k].lower_ in self.gaz.former_markers for k in range(lo, tok.i))
        np = (lo, end)

        if ctx is not None:
            coref = self._coref_np(tok, np, mods, ctx)
            if coref is not None:
                return coref, end
        if head_m is None:
            return self._unknown_head(tok, np, mods, when, ctx, former), end
        e = head_m.entry
        if e.kind == "person" and _other_first_name(doc, head_m, mods):
            return self._unknown_head(tok, np, mods, when, ctx, former), end
        if e.kind == "person":
            titles = [m.entry.sector for m in mods if m.entry.kind == "sector" and m.entry.title]
            tenure, status = pick_tenure(e.tenures, when, prefer_sector=titles[-1] if titles else None)
            if tenure is None:
                return self._unknown_head(tok, np, mods, when, ctx, former), end
            return [self._person_mention(doc, np, tenure, status, former, when)], end
        if e.kind == "sector":
            return self._sector_np(tok, np, e, mods, when, ctx, former), end
        mention = self._entity_mention(doc, head_m, when, np=np, mods=mods)
        return ([mention] if mention else []), end

    def _entity_mention(
        self, doc: Doc, m: _Match, when: Date | None, *, np: tuple[int, int] | None = None,
        mods: list[_Match] | None = None,
    ) -> Mention | None:
        """A named entity standing alone: country, capital, seat, IGO, group or person."""
        e = m.entry
        np = np or (m.start, m.end)
        text = doc[m.start:m.end].text
        if e.kind in ("country", "adjective", "people", "region"):
            label = f"region:{text}" if e.kind == "region" else f"country-{e.kind}:{text}"
            return _mention(doc, np, e.country, None, None, None, label)
        if e.kind == "capital" and any(doc[k].lower_ in PLACE_MODIFIERS for k in range(np[0], m.start)):
            # "east London", "central Baghdad": a part of the city, not its government
            return _mention(doc, np, e.country, None, None, None, f"capital-place:{text}")
        if e.kind in ("capital", "seat"):
            country = e.country
            label = f"{'capital' if e.kind == 'capital' else 'seat'}:{text}->{e.sector}"
            # "Pakistan's Foreign Office": a seat named for one country, owned by another
            owner = next((o for o in self._owners(doc, mods or [], when) if o.country), None)
            if e.kind == "seat" and owner is not None and owner.country != country:
                country, label = owner.country, f"{owner.label}+{label}"
            return _mention(doc, np, country, None, e.sector, None, label)
        if e.kind == "igo":
            return _mention(doc, np, None, e.code, e.sector, e.name, f"igo:{text}")
        if e.kind == "group":
            tenure, _ = pick_tenure(e.tenures, when)
            if tenure is None:
                return None
            return _mention(doc, np, tenure.country, tenure.code if not tenure.country else None,
                            tenure.sector, tenure.name, f"group:{text}")
        if e.kind == "person":
            tenure, status = pick_tenure(e.tenures, when)
            if tenure is None:
                return None
            return self._person_mention(doc, np, tenure, status, False, when)
        return None

    def _person_mention(
        self, doc: Doc, np: tuple[int, int], t: Tenure, status: str, former: bool, when: Date | None
    ) -> Mention:
        sector = t.sector
        if status == "former" or former:
            sector = "ELI"  # PLOVER ELI: former officeholders
        elif status == "before":
            sector = None  # not yet in office: only the country is known
        label = f"leader:{t.name}@{when.isoformat() if when else 'latest'}:{status}"
        return _mention(doc, np, t.country, None if t.country else t.code, sector, t.name, label, person=True)

    # -- sector heads ----------------------------------------------------------------------
    def _sector_np(
        self, tok: Token, np: tuple[int, int], head: Entry, mods: list[_Match], when: Date | None,
        ctx: DocumentContext | None, former: bool,
    ) -> list[Mention]:
        doc = tok.doc
        owners = self._owners(doc, mods, when)
        mod_sectors = [m.entry.sector for m in mods if m.entry.kind == "sector" and m.entry.sector]
        # "of" names an owner ("the government of Pakistan"); "in"/"from" only when the phrase has
        # none of its own and the head is not an office abroad ("Isis fighters in Syria" are Isis,
        # "diplomatic staff in Syria" need not be Syrian)
        located = not owners and not head.title and not (head.sector == "GOV" and head.weak)
        for pobj in _owner_objects(tok, located):
            p_lo = max(pobj.left_edge.i, pobj.i - MAX_LEFT_TOKENS)
            p_matches = self._scan(doc, p_lo, pobj.i, min(pobj.i + MAX_PHRASE_TOKENS, len(doc)))
            p_owners = self._owners(doc, p_matches, when)
            if p_owners and p_matches[-1].end > np[1]:
                np = (np[0], p_matches[-1].end)  # "the government of Pakistan"
            owners += p_owners
            mod_sectors += [m.entry.sector for m in p_matches if m.entry.kind == "sector" and m.entry.sector]
        if not owners and ctx is not None:
            owners = self._possessive_owners(tok, ctx)
        sector = self._combine(head, mod_sectors)
        if former and head.sector == "GOV":
            sector = "ELI"
        label = f"sector:{head.phrase}->{sector}"
        if not owners:
            if ctx is not None and sector in STATE_SECTORS and _has_definite(tok):
                last = ctx.last_country(tok.idx)
                if last is not None:
                    return [_mention(doc, np, last.actor.country, None, sector, None,
                                     f"coref-country:{last.actor.text}+{label}")]
            return [_mention(doc, np, None, None, sector, None, f"sector-only:{head.phrase}->{sector}")]
        out = []
        for o in owners:
            s = sector
            if o.sector and (head.weak or head.sector in ARMED_SECTORS and o.from_org) and not (
                former and head.sector == "GOV" and not o.from_org
            ):
                s = o.sector
            span = np if len(owners) == 1 else (o.start, o.end)
            person = head.title and tok.pos_ == "PROPN"
            out.append(_mention(doc, span, o.country, o.intl, s, o.name,
                                f"{'title-person:' if person else ''}{o.label}+{label}", person=person))
        return out

    def _combine(self, head: Entry | None, mod_sectors: list[str]) -> str | None:
        """A head's sector after its modifiers: dominant ones always win, weak heads yield."""
        dominant = [s for s in mod_sectors if s in self.gaz.dominant_sectors]
        if dominant:
            return dominant[-1]
        if head is None:
            return mod_sectors[-1] if mod_sectors else None
        if head.weak and mod_sectors:
            return mod_sectors[-1]  # the modifier nearest the head
        return head.sector

    def _owners(
        self, doc: Doc, matches: Iterable[_Match], when: Date | None
    ) -> list[_Owner]:
        owners: list[_Owner] = []
        for m in matches:
            e = m.entry
            text = doc[m.start:m.end].text
            if e.kind in ("country", "adjective", "people", "region"):
                label = f"region:{text}" if e.kind == "region" else f"country-{e.kind}:{text}"
                owners.append(_Owner(e.country, None, None, None, label, m.start, m.end))
            elif e.kind in ("capital", "seat"):
                # "Beijing's decision" is the government's; "London theatres" are just British
                metonym = e.kind == "seat" or (m.end < len(doc) and doc[m.end].tag_ == "POS")
                owners.append(_Owner(e.country, None, e.sector if metonym else None, None,
                                     f"{e.kind}:{text}", m.start, m.end, from_org=e.kind == "seat"))
            elif e.kind == "igo":
                owners.append(_Owner(None, e.code, e.sector, e.name, f"igo:{text}", m.start, m.end))
            elif e.kind in ("group", "person"):
                tenure, status = pick_tenure(e.tenures, when)
                if tenure is None:
                    continue
                sector = tenure.sector if e.kind == "group" or status in ("current", "latest") else None
                owners.append(_Owner(tenure.country, None if tenure.country else tenure.code, sector,
                                     tenure.name, f"{e.kind}:{text}", m.start, m.end,
                                     from_org=e.kind == "group"))
        # one owner per country or code; a group, seat or person says more than the bare country
        best: dict[tuple[str | None, str | None], _Owner] = {}
        for o in owners:
            key = (o.country, o.intl)
            if key not in best or (best[key].sector is None and o.sector is not None):
                best[key] = o
        return sorted(best.values(), key=lambda o: o.start)

    @staticmethod
    def _possessive_owners(tok: Token, ctx: DocumentContext) -> list[_Owner]:
        """"its army", "their leaders": the owner is the actor "its"/"their" refers to."""
        for c in tok.children:
            if c.dep_ != "poss" or c.lower_ not in ("its", "their"):
                continue
            if c.lower_ == "its":
                single = ctx.last_single(c.idx)
                group: tuple[Mention, ...] = (single,) if single else ()
            else:
                group = ctx.last_compound(c.idx) or ()
            return [_Owner(m.actor.country, _base_code(m.actor), None, m.actor.name,
                           f"coref-{c.lower_}:{m.actor.text}", c.i, c.i + 1) for m in group]
        return []

    # -- names we do not know ------------------------------------------------------------------
    def _unknown_head(
        self, tok: Token, np: tuple[int, int], mods: list[_Match], when: Date | None,
        ctx: DocumentContext | None, former: bool,
    ) -> list[Mention]:
        doc = tok.doc
        titles = [m for m in mods if m.entry.kind == "sector"]
        if tok.pos_ == "PROPN" and titles:
            # "Pakistani Interior Minister Ahmed Ali": the title and its country decide
            nearest = titles[-1].entry
            mentions = self._sector_np(tok, np, nearest, mods, when, ctx, former)
            return [m for m in mentions if m.actor.country or m.actor.code[:3] in INTERNATIONAL_PREFIXES]
        if tok.pos_ == "PROPN":
            for child in tok.children:
                if child.dep_ == "appos":
                    found, _ = self._resolve_np(child, when, None)
                    if found:
                        # "Ahmed Ali, the Pakistani interior minister": the named person is the actor
                        name = doc[np[0]:np[1]].text
                        return [
                            replace(m, actor=replace(m.actor, text=name, name=name,
                                                     resolution=f"apposition:{m.actor.resolution}"),
                                    start=doc[np[0]].idx, end=_end_char(doc, np[1]), is_person=True)
                            for m in found
                        ]
        owners = self._owners(doc, mods, when)
        # "Israeli army bulldozers", "U.S. border patrol agents": a sector noun inside the phrase
        nouns = [
            m.entry for m in mods if m.entry.kind == "sector" and doc[m.end - 1].pos_ in ("NOUN", "PROPN")
        ]
        sector = self._combine(None, [e.sector for e in nouns if e.sector])
        label = f"+sector:{nouns[-1].phrase}->{sector}" if nouns and sector else ""
        out = []
        for o in owners:
            span = np if len(owners) == 1 else (o.start, o.end)
            s = o.sector or sector
            out.append(_mention(doc, span, o.country, o.intl, s, o.name, f"modifier:{o.label}{label}"))
        return out

    # -- in-document references ---------------------------------------------------------------------
    def _pronoun(self, tok: Token, ctx: DocumentContext | None) -> list[Mention]:
        if ctx is None:
            return []
        low = tok.lower_
        doc = tok.doc
        np = (tok.i, tok.i + 1)
        if low in PRONOUNS_PERSON:
            person = ctx.last_person(tok.idx, gender="f" if low in ("she", "her", "hers", "herself") else "m")
            return [_copy(doc, np, person, f"coref:{low}")] if person else []
        if low in PRONOUNS_GROUP:
            group = ctx.last_compound(tok.idx, MAX_PRONOUN_DISTANCE)
            return [_copy(doc, np, m, f"coref:{low}") for m in group] if group else []
        if low in PRONOUNS_SINGLE:
            single = ctx.last_single(tok.idx)
            return [_copy(doc, np, single, f"coref:{low}")] if single else []
        return []

    def _coref_np(
        self, tok: Token, np: tuple[int, int], mods: list[_Match], ctx: DocumentContext
    ) -> list[Mention] | None:
        lemma = tok.lemma_.lower()
        if lemma not in GROUP_NOUNS or any(m.entry.kind != "sector" for m in mods):
            return None
        doc = tok.doc
        if tok.tag_ in ("NNS", "NNPS") and any(
            c.lower_ in PLURAL_NUMBERS for c in tok.children if c.dep_ in ("det", "nummod", "predet")
        ):
            group = ctx.last_compound(tok.idx)
            if not group:
                return None
            sector = "GOV" if lemma in GROUP_NOUNS_GOV else None
            label = f"coref-group:{doc[np[0]:np[1]].text}"
            return [_mention(doc, np, m.actor.country, _base_code(m.actor),
                             sector, m.actor.name, f"{label}->{m.actor.text}") for m in group]
        if lemma in COUNTRY_NOUNS and tok.tag_ == "NN" and _has_definite(tok) and not mods:
            last = ctx.last_country(tok.idx)
            if last is None:
                return None
            return [_mention(doc, np, last.actor.country, None, None, None,
                             f"coref-country:{doc[np[0]:np[1]].text}->{last.actor.text}")]
        return None

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _conjuncts(head: Token) -> list[Token]:
        out = [head]
        stack = [c for c in head.children if c.dep_ == "conj"]
        while stack:
            t = stack.pop(0)
            if t.pos_ in NOMINAL:
                out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj")
        return sorted(out, key=lambda t: t.i)


# -- module helpers --------------------------------------------------------------------------

def is_codeable(actor: Actor) -> bool:
    """True for a state actor or an international one (IGO, transnational group, NGO)."""
    return bool(actor.country) or actor.code[:3] in INTERNATIONAL_PREFIXES


def _base_code(actor: Actor) -> str | None:
    """The international code without its sector ("IGOUNOMIL" -> "IGOUNO"); None for countries."""
    if actor.country:
        return None
    if actor.sector and actor.code.endswith(actor.sector) and len(actor.code) > len(actor.sector):
        return actor.code[: -len(actor.sector)]
    return actor.code


def _negated(doc: Doc, m: _Match) -> bool:
    """'pro-Russian', 'anti-American', 'US-backed', 'Israeli-occupied': not the actor itself."""
    if m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in NEGATING_PREFIXES:
        return True
    if m.end + 1 < len(doc) and doc[m.end].text == "-":
        # "rebel-held", "Isis-controlled", "US-backed": describes a place or a proxy, not the actor
        nxt = doc[m.end + 1]
        return nxt.tag_ == "VBN" or nxt.lower_.endswith("ed")
    return False


def _other_first_name(doc: Doc, m: _Match, mods: list[_Match]) -> bool:
    """A capitalised word right before a leader's alias that is neither matched nor an honorific."""
    if m.start == 0:
        return False
    prev = doc[m.start - 1]
    if any(x.end == m.start for x in mods) or prev.lower_ in HONORIFICS:
        return False
    return prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.dep_ in ("compound", "flat")


#: Dependencies that make a token part of a bigger noun phrase headed elsewhere.
MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "nmod", "nummod", "det"})


def _phrase_heads(tok: Token) -> list[Token]:
    """The noun phrase heads a matched token belongs to: its own phrase's head ("officials" for
    "Hungarian" in "Hungarian and Romanian officials"), and, for a possessor or the object of
    "of"/"in"/"from", also the head it is attached to ("army" in "Pakistan's army",
    "government" in "the government of Pakistan")."""
    out = []
    t = tok
    for _ in range(MAX_LEFT_TOKENS):
        if t.dep_ in MODIFIER_DEPS or (t.dep_ == "conj" and t.head.dep_ in MODIFIER_DEPS):
            if t.head.i == t.i:
                break
            t = t.head
            continue
        break
    out.append(t)
    if t.dep_ == "poss" and t.head.i != t.i:
        out.append(t.head)
    elif t.dep_ == "pobj" and t.head.lower_ in OWNER_PREPS and t.head.head.pos_ in ("NOUN", "PROPN"):
        out.append(t.head.head)
    return out


def _owner_objects(tok: Token, located: bool = True) -> list[Token]:
    """Objects of "of" (and, if `located`, "in"/"from") after a sector head, with their conjuncts."""
    out: list[Token] = []
    preps = OWNER_PREPS if located else ("of",)
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.extend(ActorResolver._conjuncts(pobj))
    return out


def _has_definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _end_char(doc: Doc, end_token: int) -> int:
    last = doc[end_token - 1]
    return last.idx + len(last.text)


def _mention(
    doc: Doc, span: tuple[int, int], country: str | None, intl: str | None, sector: str | None,
    name: str | None, resolution: str, *, person: bool = False,
) -> Mention:
    start, end = doc[span[0]].idx, _end_char(doc, span[1])
    # a Span's text, not doc.text[...]: Doc.text rebuilds the whole document's string each time
    actor = Actor(text=doc[span[0]:span[1]].text, code=compose_code(country, intl, sector), country=country,
                  sector=sector, name=name, resolution=resolution)
    return Mention(actor=actor, start=start, end=end, is_person=person)


def _with_span(doc: Doc, m: Mention, span: tuple[int, int], resolution: str) -> Mention:
    start, end = doc[span[0]].idx, _end_char(doc, span[1])
    a = m.actor
    actor = Actor(doc[span[0]:span[1]].text, a.code, a.country, a.sector, a.name, resolution)
    return Mention(actor, start, end, is_person=m.is_person)


def _copy(doc: Doc, span: tuple[int, int], m: Mention, why: str) -> Mention:
    return _with_span(doc, m, span, f"{why}->{m.actor.text}")


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for m in mentions:
        key = (m.actor.code, m.start, m.end)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
