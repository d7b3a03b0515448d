"""Resolve the noun phrase around a parsed token to CAMEO-style actor codes.

The resolver looks only at the noun phrase a head token governs: its left modifiers
(compound, amod, poss, det), a following "of"/"in"/"from" phrase for sector heads
("the government of Pakistan"), an apposition for unknown names, and its conjuncts.
Everything is dict lookups on lowercased tokens, so it costs little next to parsing.
References back into the document (pronouns, "the group", "the minister") are in _references.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import replace
from datetime import date as Date

from spacy.tokens import Doc, Span, Token

from tieline.actors._codes import compose_code, is_codeable, pick_tenure
from tieline.actors._context import DocumentContext, Mention
from tieline.actors._gazetteer import Entry, Gazetteer, Tenure, load_gazetteer
from tieline.actors._peoples import residence, spread_home, spread_people, spread_people_owner
from tieline.actors._phrases import (
    HONORIFICS,
    MAX_LEFT_TOKENS,
    NAMED_AGAIN_LABEL,
    OWNER_PREPS,
    PLACE_MODIFIERS,
    DocFeatures,
    Match,
    conjuncts,
    copy_mention,
    dedupe,
    end_char,
    followed_by_name,
    make_mention,
    name_keys,
    name_words,
    named_person,
    negated,
    opposed_ruler,
    other_first_name,
    owner_objects,
    phrase_heads,
    phrase_start,
)
from tieline.actors._references import (
    Owner,
    coref_noun,
    organisation_reference,
    possessive_owners,
    pronoun_mentions,
    sector_reference,
)
from tieline.actors._words import (
    ABROAD_LABEL,
    ARMED_SECTORS,
    DIPLOMATIC_POSTS,
    MAX_PHRASE_TOKENS,
    OFFICIAL_TEAM_MODIFIERS,
    OUTSIDE_FORCE_MODIFIERS,
    OUTSIDE_MODIFIERS,
    PLACE_LABELS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_SINGLE,
    RELATIONAL_NOUNS,
    SIDE_PLURALS,
    SPEAKER_NOUNS,
    SPORTS_ROLES,
)

__all__ = ["ABROAD_LABEL", "RELATIONAL_NOUNS", "ActorResolver", "compose_code", "is_codeable", "pick_tenure"]


class ActorResolver:
    """Turns noun phrases in a spaCy parse into actor mentions. Build once; it pickles."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self._cache: tuple[weakref.ref[Doc], DocFeatures] | None = None

    # -- public API ------------------------------------------------------------------
    def resolve(
        self, head: Token, *, when: Date | None = None, context: DocumentContext | None = None
    ) -> list[Mention]:
        """Actors named by the noun phrase headed by `head`, one per member of a compound."""
        out: list[Mention] = []
        covered_to = -1
        for member in conjuncts(head):
            if member.i < covered_to:
                continue  # inside a name already matched ("Bosnia and Herzegovina")
            mentions, end = self._resolve_np(member, when, context)
            covered_to = max(covered_to, end)
            out.extend(mentions)
        return dedupe(out)

    def find_in(self, span: Span, *, when: Date | None = None) -> list[Mention]:
        """Every state, IGO or group actor in `span`, left to right, non-overlapping."""
        doc = span.doc
        matches = [m for m in self._scan(doc, span.start, span.end - 1, span.end) if m.entry.kind != "sector"]
        if not matches:
            return []  # most sentences name no actor: one pass over the tokens and done
        found: list[Mention] = []
        heads: set[int] = set()
        described: set[int] = set()  # matches that only describe a non-agent head ("British team")
        for k, m in enumerate(matches):
            for h in phrase_heads(doc[m.end - 1]):
                if h.i >= m.end and (
                    self._non_agent(h) or (m.entry.kind == "country" and h.lemma_.lower() in SPORTS_ROLES)
                ):
                    described.add(k)
                if h.i not in heads and span.start <= h.i < span.end:
                    heads.add(h.i)
                    mentions, _ = self._resolve_np(h, when, None)
                    found.extend(x for x in mentions if is_codeable(x.actor))
        for k, m in enumerate(matches):
            start, end = doc[m.start].idx, end_char(doc, m.end)
            if k in described or any(f.start < end and start < f.end for f in found):
                continue
            if m.entry.kind == "person" and (
                other_first_name(doc, m, matches) or followed_by_name(doc, m, self.gaz.index)
            ):
                continue  # "Michael Johnson", "Sharon Osbourne": someone else with the name
            mention = self._entity_mention(doc, m, when, mods=[x for x in matches if x.end <= m.start])
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
    def _features(self, doc: Doc) -> DocFeatures:
        """Token features for matching, computed once per Doc (the last Doc is remembered weakly;
        nothing is stored on the Doc, so Doc.to_bytes and DocBin are unaffected)."""
        cached = self._cache
        if cached is not None and cached[0]() is doc and cached[1].size == len(doc):
            return cached[1]
        feats = DocFeatures(doc, self.gaz)
        self._cache = (weakref.ref(doc), feats)
        return feats

    def __getstate__(self) -> dict[str, object]:
        return {"gaz": self.gaz}  # the per-Doc cache holds a weak reference, which cannot pickle

    def __setstate__(self, state: dict[str, object]) -> None:
        self.gaz = state["gaz"]  # type: ignore[assignment]
        self._cache = None

    def _match_at(self, doc: Doc, i: int, limit: int, f: DocFeatures | None = None) -> Match | None:
        f = f or self._features(doc)
        if not f.may_start[i]:
            return None
        lower, lemma = f.lower[i], f.lemma[i]
        nxt, nxt_lemma = (f.lower[i + 1], f.lemma[i + 1]) if i + 1 < limit else (None, None)
        best: Match | None = None
        for form, by_lemma in ((lower, False), (lemma, True)):
            if by_lemma and lemma == lower:
                break
            for bucket in self.gaz.buckets(form, nxt, nxt_lemma):
                for toks, case, entry in bucket:
                    n = len(toks)
                    if i + n > limit or (by_lemma and case != "any"):
                        continue
                    if n > 1 and not all(
                        f.lower[i + k] == toks[k] or (case == "any" and f.lemma[i + k] == toks[k])
                        for k in range(1, n)
                    ):
                        continue
                    if not f.case_ok(i, n, case):
                        continue
                    if best is None or n > best.end - best.start:
                        best = Match(i, i + n, entry)
                    break  # buckets are longest first
        return best

    def _scan(self, doc: Doc, lo: int, last_start: int, limit: int) -> list[Match]:
        """Greedy longest matches starting in [lo, last_start], ending by `limit`."""
        f = self._features(doc)
        out: list[Match] = []
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
            if self._ordinary_word(doc, m):
                pass  # "Serbian Labour Minister": the ministry of labour, no party
            elif not negated(doc, m):
                out.append(m)
            elif (ruler := opposed_ruler(doc, m)) is not None:
                out.append(ruler)
            i = m.end
        return out

    def _ordinary_word(self, doc: Doc, m: Match) -> bool:
        """A one-word group name that is also an ordinary word, before a noun that is not one of
        its people or bodies (common_names.txt word_names, member_nouns)."""
        if m.end - m.start != 1 or m.end >= len(doc) or doc[m.start].lower_ not in self.gaz.word_names:
            return False
        nxt = doc[m.end]
        # (a title-cased noun makes a title: "Labour Minister" heads the ministry of labour)
        return nxt.pos_ in ("NOUN", "PROPN") and (nxt.is_title or nxt.lower_ not in self.gaz.member_nouns)

    # -- one noun phrase -------------------------------------------------------------------
    def _resolve_np(
        self, tok: Token, when: Date | None, ctx: DocumentContext | None
    ) -> tuple[list[Mention], int]:
        found, end = self._resolve_head(tok, when, ctx)
        if not any(is_codeable(m.actor) for m in found):
            # "their western partners, including the UK", "US allies such as Saudi Arabia and
            # the UAE": a phrase that names no one itself stands for the members it lists
            members = [m for t in listed_members(tok) for m in self._resolve_np(t, when, ctx)[0]]
            if any(is_codeable(m.actor) for m in members):
                return members, end
        return found, end

    def _resolve_head(
        self, tok: Token, when: Date | None, ctx: DocumentContext | None
    ) -> tuple[list[Mention], int]:
        doc = tok.doc
        if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS_GROUP | PRONOUNS_SINGLE | PRONOUNS_PERSON:
            return pronoun_mentions(tok, ctx), tok.i + 1
        lo = max(phrase_start(tok), tok.i - MAX_LEFT_TOKENS)
        limit = min(tok.right_edge.i + 1, tok.i + MAX_PHRASE_TOKENS, len(doc))
        matches = self._scan(doc, lo, tok.i, limit)
        head_m = next((m for m in matches if m.start <= tok.i < m.end), None)
        mods = [m for m in matches if m.end <= tok.i]
        end = head_m.end if head_m else tok.i + 1
        former = any(doc[k].lower_ in self.gaz.former_markers for k in range(lo, tok.i))
        np = (lo, end)

        if ctx is not None:
            coref = coref_noun(tok, np, mods, ctx) or organisation_reference(tok, np, mods, ctx)
            if coref is not None:
                return coref, end
        if head_m is None:
            return self._unknown_head(tok, np, mods, when, ctx, former), end
        e = head_m.entry
        if e.kind == "person" and other_first_name(doc, head_m, mods):
            return self._unknown_head(tok, np, mods, when, ctx, former), end
        if e.kind == "person" and ctx is not None and ctx.names and head_m.end - head_m.start == 1:
            # "Richard Bennett, the U.N. rapporteur, ... Bennett said": the person the document
            # introduced outranks a namesake of the tables on a bare surname
            known = ctx.known_person(name_words(tok))
            if known is not None:
                return [copy_mention(doc, np, known, NAMED_AGAIN_LABEL)], end
        if e.kind == "person":
            titles = [m.entry.sector for m in mods if m.entry.kind == "sector" and m.entry.title]
            tenure, status = pick_tenure(e.tenures, when, prefer_sector=titles[-1] if titles else None)
            if tenure is None or self._doubtful_name(doc, head_m, mods, status, tenure, ctx):
                return self._unknown_head(tok, np, mods, when, ctx, former), end
            person = self._person_mention(doc, np, tenure, status, former, when)
            if head_m.end - head_m.start >= 2:
                # "China's U.N. ambassador Fu Cong ... Fu said": a later sentence may name a person
                # of the tables by a word of the full name the document gave, alias or not
                # (only the first and last words: "Ahmed Sharif Chaudhry" is no later "Sharif")
                words = name_words(tok, head_m.start)
                person = replace(person, known_as=name_keys(words[:1] + words[-1:] if len(words) > 2 else words))
            return [person], end
        if e.kind == "sector":
            return self._sector_np(tok, np, e, mods, when, ctx, former), end
        mention = self._entity_mention(doc, head_m, when, np=np, mods=mods, ctx=ctx)
        return ([mention] if mention else []), end

    def _entity_mention(
        self, doc: Doc, m: Match, when: Date | None, *, np: tuple[int, int] | None = None,
        mods: list[Match] | None = None, ctx: DocumentContext | None = None,
    ) -> Mention | None:
        """A named entity standing alone: country, capital, seat, IGO, group or person."""
        e = m.entry
        np = np or (m.start, m.end)
        text = doc[m.start:m.end].text
        nationality = next((x for x in reversed(mods or []) if x.entry.country and x.entry.kind in (
            "country", "adjective", "region")), None)
        if e.kind == "ethnic" and nationality is not None:
            # "Iraqi Kurds sought refuge in Germany": the nationality before them decides
            return make_mention(doc, np, nationality.entry.country, None, None, None,
                                f"nationality:{doc[nationality.start:nationality.end].text}+{text}")
        if e.kind in ("people", "ethnic"):
            resident = residence(self._scan, doc, m, np)
            if resident is not None:
                return resident
            home = spread_home(self._scan, doc[m.start], e.states, ctx)
            if home is not None:
                return make_mention(doc, np, home[0], None, None, None, f"resident:{text}@{home[1]}")
            if e.country is None:
                return None  # a group spread over several states, and no location given
        if e.kind in ("country", "adjective", "people", "ethnic", "region"):
            label = f"region:{text}" if e.kind == "region" else f"country-{e.kind}:{text}"
            return make_mention(doc, np, e.country, None, None, None, label)
        if e.kind == "capital" and any(doc[k].lower_ in PLACE_MODIFIERS for k in range(np[0], m.start)):
            # "east London", "central Baghdad": a part of the city, not its government
            return make_mention(doc, np, e.country, None, None, None, f"capital-place:{text}")
        if e.kind in ("capital", "seat"):
            country = e.country
            label = f"{'capital' if e.kind == 'capital' else 'seat'}:{text}->{e.sector}"
            # "Pakistan's Foreign Office": a seat named for one country, owned by another
            owner = next((o for o in self._owners(doc, mods or [], when) if o.country), None)
            if e.kind == "seat" and owner is not None and owner.country != country:
                country, label = owner.country, f"{owner.label}+{label}"
            return make_mention(doc, np, country, None, e.sector, None, label)
        if e.kind == "igo":
            return make_mention(doc, np, None, e.code, e.sector, e.name, f"igo:{text}")
        if e.kind == "group":
            tenure, _ = pick_tenure(e.tenures, when, longest=True)
            if tenure is None:
                return None
            return make_mention(doc, np, tenure.country, tenure.code if not tenure.country else None,
                            tenure.sector, tenure.name, f"group:{text}")
        if e.kind == "person":
            tenure, status = pick_tenure(e.tenures, when)
            if tenure is None or self._doubtful_name(doc, m, mods or [], status, tenure, None):
                return None
            return self._person_mention(doc, np, tenure, status, False, when)
        return None

    def _doubtful_name(
        self, doc: Doc, m: Match, mods: list[Match], status: str, tenure: Tenure,
        ctx: DocumentContext | None,
    ) -> bool:
        """A leader's alias that is also a common name ("Johnson"), standing alone: trusted only
        inside the leader's tenure in a dated text, or after a title, an honorific or the full
        name earlier in the document (common_names.txt)."""
        if m.end - m.start != 1 or doc[m.start].lower_ not in self.gaz.common_names:
            return False
        if status == "current":
            return False
        if any(x.entry.kind == "sector" and x.entry.title and x.end == m.start for x in mods):
            return False  # "Prime Minister Johnson"
        if m.start > 0 and doc[m.start - 1].lower_ in HONORIFICS:
            return False  # "Mr Johnson"
        # "Boris Johnson ... Johnson said": the full name earlier in the document vouches for it
        return ctx is None or not any(x.is_person and x.actor.name == tenure.name for g in ctx.groups for x in g)

    def _person_mention(
        self, doc: Doc, np: tuple[int, int], t: Tenure, status: str, former: bool, when: Date | None
    ) -> Mention:
        sector = t.sector
        if status == "former" or former:
            sector = "ELI"  # PLOVER ELI: former officeholders
        elif status == "before":
            sector = None  # not yet in office: only the country is known
        label = f"leader:{t.name}@{when.isoformat() if when else 'latest'}:{status}"
        intl = None if t.country else t.code
        m = make_mention(doc, np, t.country, intl, sector, t.name, label, person=True)
        return replace(m, role=t.role) if t.role and status in ("current", "latest", "longest") else m

    # -- sector heads ----------------------------------------------------------------------
    def _sector_np(
        self, tok: Token, np: tuple[int, int], head: Entry, mods: list[Match], when: Date | None,
        ctx: DocumentContext | None, former: bool,
    ) -> list[Mention]:
        doc = tok.doc
        spread = spread_people(mods)
        owners = self._owners(doc, mods, when) or spread_people_owner(self._scan, doc, tok, spread, ctx)
        mod_sectors = [m.entry.sector for m in mods if m.entry.kind == "sector" and m.entry.sector]
        # "of" names an owner ("the government of Pakistan"); "in"/"from" only when the phrase has
        # none of its own and the head is not an office abroad ("Isis fighters in Syria" are Isis,
        # "diplomatic staff in Syria" need not be Syrian, "peacekeepers in Syria" are not)
        located = not owners and not head.title and not (head.sector == "GOV" and head.weak) and not head.abroad
        # ("a spokesperson for Pakistan's foreign ministry" speaks for it)
        speaks_for = ("for",) if tok.lemma_.lower() in SPEAKER_NOUNS else ()
        for pobj in owner_objects(tok, located, (*(OWNER_PREPS if located else ("of",)), *speaks_for)):
            p_lo = max(phrase_start(pobj), pobj.i - MAX_LEFT_TOKENS)
            p_matches = self._scan(doc, p_lo, pobj.i, min(pobj.i + MAX_PHRASE_TOKENS, len(doc)))
            p_owners = self._owners(doc, p_matches, when)
            if p_owners and p_matches[-1].end > np[1]:
                np = (np[0], p_matches[-1].end)  # "the government of Pakistan"
            owners += p_owners
            mod_sectors += [m.entry.sector for m in p_matches if m.entry.kind == "sector" and m.entry.sector]
        if not owners and head.weak:
            owners = self._for_owners(tok, when)
        if ctx is not None and (not owners or (head.phrase in DIPLOMATIC_POSTS and all(o.intl for o in owners))):
            owners = possessive_owners(tok, ctx) or owners
        if head.phrase in DIPLOMATIC_POSTS and any(o.country and not o.intl for o in owners):
            # "Iran's U.N. ambassador": Iran's diplomat, posted at the UN
            owners = [o for o in owners if not o.intl or o.country]
            # "Trump's Syria envoy", "the U.S. Syria envoy": the sender comes first (or owns the
            # post); the later country is the posting
            posted = [o for o in owners if o.end < len(doc) and doc[o.end].tag_ == "POS"]
            senders = [o for o in owners if o.country and not o.intl]
            if posted:
                owners = posted[:1]
            elif len({o.country for o in senders}) > 1:
                owners = [min(senders, key=lambda o: o.start)]
        if head.phrase in SPORTS_ROLES and owners and all(o.label.startswith("country-country:") for o in owners):
            return []
        sector = self._combine(head, mod_sectors)
        if former and head.sector == "GOV":
            sector = "ELI"
        label = f"sector:{head.phrase}->{sector}"
        # ("the foreign minister": there "foreign" is part of the title, not a modifier)
        outside = any(
            (c.dep_ == "amod" and c.lower_ in OUTSIDE_MODIFIERS and c.lower_ not in head.phrase.split())
            or (sector == "MIL" and c.dep_ in ("amod", "compound") and c.lower_ in OUTSIDE_FORCE_MODIFIERS)
            for c in tok.children
        )
        if not owners and (head.abroad or outside):
            return [make_mention(doc, np, None, None, sector, None, f"{ABROAD_LABEL}:{head.phrase}->{sector}")]
        if not owners and not mod_sectors and head.phrase in SIDE_PLURALS and tok.tag_ == "NNS":
            return []
        if not owners:
            ref = sector_reference(tok, np, head, sector, label, mod_sectors, ctx)
            if ref is not None:
                return ref
            unplaced = make_mention(doc, np, None, None, sector, None, f"sector-only:{head.phrase}->{sector}")
            return [replace(unplaced, homes=spread.entry.states) if spread is not None else unplaced]
        out = []
        for o in owners:
            s = sector
            if o.sector and (head.weak or head.sector in ARMED_SECTORS and o.from_org) and not (
                former and head.sector == "GOV" and not o.from_org
            ):
                s = o.sector
            span = np if len(owners) == 1 else (o.start, o.end)
            person = head.title and tok.pos_ == "PROPN"
            # "the Russian ambassador" is one person too, whom a later "he" may mean
            out.append(make_mention(doc, span, o.country, o.intl, s, o.name,
                                f"{'title-person:' if person else ''}{o.label}+{label}",
                                person=person or (head.title and tok.tag_ == "NN")))
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
        self, doc: Doc, matches: Iterable[Match], when: Date | None
    ) -> list[Owner]:
        owners: list[Owner] = []
        for m in matches:
            e = m.entry
            text = doc[m.start:m.end].text
            if e.kind in ("country", "adjective", "people", "ethnic", "region"):
                if e.country is None:
                    continue  # "Kurdish": a people of several states
                label = f"region:{text}" if e.kind == "region" else f"country-{e.kind}:{text}"
                owners.append(Owner(e.country, None, None, None, label, m.start, m.end))
            elif e.kind in ("capital", "seat"):
                # "Beijing's decision" is the government's; "London theatres" are just British
                metonym = e.kind == "seat" or (m.end < len(doc) and doc[m.end].tag_ == "POS")
                owners.append(Owner(e.country, None, e.sector if metonym else None, None,
                                     f"{e.kind}:{text}", m.start, m.end, from_org=e.kind == "seat"))
            elif e.kind == "igo":
                owners.append(Owner(None, e.code, e.sector, e.name, f"igo:{text}", m.start, m.end))
            elif e.kind in ("group", "person"):
                tenure, status = pick_tenure(e.tenures, when, longest=e.kind == "group")
                if tenure is None:
                    continue
                if e.kind == "person" and (
                    other_first_name(doc, m, list(matches)) or followed_by_name(doc, m, self.gaz.index)
                    or self._doubtful_name(doc, m, list(matches), status, tenure, None)
                ):
                    continue  # "Sharon Osbourne", "Michael Johnson's": someone else
                sector = tenure.sector if e.kind == "group" or status in ("current", "latest") else None
                owners.append(Owner(tenure.country, None if tenure.country else tenure.code, sector,
                                     tenure.name, f"{e.kind}:{text}", m.start, m.end,
                                     from_org=e.kind == "group"))
        # one owner per country or code; a group, seat or person says more than the bare country
        best: dict[tuple[str | None, str | None], Owner] = {}
        for o in owners:
            key = (o.country, o.intl)
            if key not in best or (best[key].sector is None and o.sector is not None):
                best[key] = o
        return sorted(best.values(), key=lambda o: o.start)

    def _for_owners(self, tok: Token, when: Date | None) -> list[Owner]:
        """"a spokesman for the Taliban": "for" names whom a role speaks or works for when that is
        an organisation or a state body, not a bare place ("the UN envoy for Syria" is no Syrian)."""
        doc = tok.doc
        out: list[Owner] = []
        for pobj in owner_objects(tok, preps=("for",)):
            p_lo = max(phrase_start(pobj), pobj.i - MAX_LEFT_TOKENS)
            matches = self._scan(doc, p_lo, pobj.i, min(pobj.i + MAX_PHRASE_TOKENS, len(doc)))
            out += [o for o in self._owners(doc, matches, when) if not o.label.startswith(PLACE_LABELS)]
        return out

    # -- names we do not know ------------------------------------------------------------------
    def _unknown_head(
        self, tok: Token, np: tuple[int, int], mods: list[Match], when: Date | None,
        ctx: DocumentContext | None, former: bool,
    ) -> list[Mention]:
        doc = tok.doc
        if self._non_agent(tok):
            return []  # "South African film version", "UK Athletics": not a political actor
        titles = [m for m in mods if m.entry.kind == "sector"]
        if (tok.pos_ == "PROPN" or tok.is_title) and not titles and ctx is not None and ctx.names:
            # "Okello said ...": a titled person named earlier in the document
            known = ctx.known_person(name_words(tok))
            if known is not None:
                return [copy_mention(doc, np, known, NAMED_AGAIN_LABEL)]
        if tok.pos_ == "PROPN" and titles:
            # "Pakistani Interior Minister Ahmed Ali": the title and its country decide
            nearest = titles[-1].entry
            # Without a country ("Interior Minister Horst Seehofer") the title still gives the
            # sector ("---GOV"), like a bare sector noun; the coder places it by the sentence,
            # unless an apposition names the owner ("Gen. X, commander of the Iraqi army's ...").
            # the title is the head here, not one of its own modifiers ("army spokesman Musa Bello": MIL)
            before = [m for m in mods if m is not titles[-1]]
            titled = self._sector_np(tok, np, nearest, before, when, ctx, former)
            if ctx is not None and titled and not any(is_codeable(m.actor) for m in titled) and titled[0].actor.sector:
                # "foreign ministry spokesperson Abdul Qahar Balkhi" after "Afghanistan's Ministry
                # of Foreign Affairs": the spokesman of the office the document last named
                office_words = frozenset(t.lower_ for t in doc[np[0]:titles[-1].end])
                office = ctx.last_of_office(tok.idx, titled[0].actor.sector, office_words)
                if office is not None and office.actor.country:
                    titled = [make_mention(doc, np, office.actor.country, None, titled[0].actor.sector, None,
                                           f"office-of:{office.actor.text}+{titled[0].actor.resolution}")]
            if any(is_codeable(m.actor) for m in titled):
                return named_person(titled, tok, after=titles[-1].end)
            return self._apposition(tok, np, when) or titled
        if tok.pos_ == "PROPN":
            found = self._apposition(tok, np, when)
            if found:
                return found
        if tok.lemma_.lower() in RELATIONAL_NOUNS:
            return []  # "Chinese rivals", "Iran's enemies": the modifier names the other side
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
            out.append(make_mention(doc, span, o.country, o.intl, s, o.name, f"modifier:{o.label}{label}"))
        placed = all(m.actor.sector or not m.actor.country for m in out)
        if tok.pos_ == "PROPN" and len(name_words(tok)) >= 2 and placed:
            # "U.N. special rapporteur Richard Bennett": a full name placed by an organisation or
            # a sector; "Greek sprinter Kostas Kenteris" names a country only, no political role
            return named_person(out, tok, after=max((m.end for m in mods), default=0))
        return out

    def _apposition(self, tok: Token, np: tuple[int, int], when: Date | None) -> list[Mention]:
        """"Ahmed Ali, the Pakistani interior minister": the named person is the apposition's actor."""
        doc = tok.doc
        for child in tok.children:
            if child.dep_ == "appos":
                found, _ = self._resolve_np(child, when, None)
                if found:
                    name = doc[np[0]:np[1]].text
                    return named_person([
                        replace(m, actor=replace(m.actor, text=name, name=name,
                                                 resolution=f"apposition:{m.actor.resolution}"),
                                start=doc[np[0]].idx, end=end_char(doc, np[1]), is_person=True)
                        for m in found
                    ], tok)
        return []

    def _non_agent(self, tok: Token) -> bool:
        """A head naming a work, a product, a sports side or a performer (common_names.txt)."""
        non_agents = self.gaz.non_agents
        if tok.lower_ not in non_agents and tok.lemma_.lower() not in non_agents:
            return False
        # "the US negotiating team" is a delegation, not a side
        return not any(c.lower_ in OFFICIAL_TEAM_MODIFIERS for c in tok.lefts)


#: Prepositions that list the members of the group a noun names ("partners, including the UK").
MEMBER_PREPS = frozenset({"including", "like"})


def listed_members(tok: Token) -> list[Token]:
    """The heads a noun's "including X and Y" or "such as X" phrase lists."""
    out: list[Token] = []
    for prep in tok.children:
        if prep.dep_ != "prep":
            continue
        such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
        if prep.lower_ in MEMBER_PREPS or such_as:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                out.append(pobj)
                out.extend(c for c in pobj.conjuncts if c.i > pobj.i)
    return out
