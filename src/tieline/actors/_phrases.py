"""Token-level helpers: per-Doc match features, phrase heads and mention construction."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from tieline.actors._codes import compose_code, is_codeable
from tieline.actors._context import Mention
from tieline.actors._gazetteer import CaseRule, Entry, Gazetteer
from tieline.actors._words import CLAUSE_ARGS
from tieline.records import Actor

__all__ = [
    "HONORIFICS", "MAX_LEFT_TOKENS", "OWNER_PREPS", "PLACE_MODIFIERS", "DocFeatures", "Match",
    "clause_places", "conjuncts", "copy_mention", "dedupe", "end_char", "followed_by_name", "has_definite",
    "make_mention", "name_keys", "negated", "opposed_ruler",
    "name_words", "named_person", "other_first_name", "owner_objects", "phrase_heads", "phrase_start", "with_span",
]

#: Left modifiers further than this from the head are parse errors, not one noun phrase.
MAX_LEFT_TOKENS = 12
OWNER_PREPS = frozenset({"of", "in", "from"})
#: Words before a capital that make it a place, not the government ("east London").
PLACE_MODIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "north-east", "north-west", "south-east", "south-west", "downtown", "suburban", "greater", "outer",
    "inner", "old",
})
#: "US-led", "Turkish-owned", "Hamas-run": the named actor commands or owns the thing.
OWNING_PARTICIPLES = frozenset({"led", "owned", "run", "operated"})
#: "pro-Russian", "anti-American": the country is an attitude's object, not the actor.
NEGATING_PREFIXES = frozenset({"pro", "anti", "non"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"})
#: Words that may stand before a leader's surname; any other capitalised word there is a first
#: name, and "Joanne Harris" is not Kamala Harris.
HONORIFICS = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "lady",
    "baroness", "prof", "prof.", "professor", "messrs", "comrade", "sen.", "rep.", "gov.", "pres.",
    # name particles that belong to the surname ("Ayman Al Safadi", "Jean-Yves Le Drian")
    "al", "el", "bin", "ibn", "abu", "de", "du", "van", "von", "der", "da", "di", "le", "la",
})


#: Lowercase words a generated name may contain ("Army of God", "Ayman al Zawahiri").
NAME_PARTICLES = frozenset({
    "of", "the", "and", "for", "in", "on", "to", "de", "du", "del", "la", "le", "al", "el", "bin", "ibn",
    "van", "von", "der", "da", "di", "dos", "das",
})

#: Longest abbreviated title before a name ("Gen.", "Capt.", "Brig."), counting the dot.
MAX_ABBREVIATION = 6


class DocFeatures:
    """Lowercased text, lemma and case of every token of a Doc, read once: building spaCy
    Token objects is the main cost of matching, so a Doc's tokens are read a single time."""

    __slots__ = ("lower", "lemma", "upper", "title", "may_start", "size")

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        index = gaz.index
        self.size = len(doc)
        lower: list[str] = []
        lemma: list[str] = []
        upper: list[bool] = []
        title: list[bool] = []
        for t in doc:  # one pass: each Token object is built once
            x = t.text
            lower.append(t.lower_)
            lemma.append(t.lemma_.lower())
            # "upper": all letters capitals (or none, like "."); "title": a capital first letter,
            # or a lowercased word the tagger still calls a proper noun ("president obama")
            upper.append(x.isupper() or x.upper() == x.lower())  # no cased letters: ".", "1990"
            title.append(x[:1].isupper() or t.pos_ == "PROPN")
        self.lower, self.lemma, self.upper, self.title = lower, lemma, upper, title
        self.may_start = [lo in index or le in index for lo, le in zip(lower, lemma, strict=True)]

    def case_ok(self, i: int, n: int, case: CaseRule) -> bool:
        if case == "any":
            return True
        if case == "title":
            return self.title[i]
        if case == "name":
            lower, title = self.lower, self.title
            return all(
                title[k] or lower[k] in NAME_PARTICLES or not lower[k][:1].isalpha() for k in range(i, i + n)
            )
        return all(self.upper[i:i + n])


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token index in the Doc
    end: int  # exclusive
    entry: Entry



#: Left dependents that belong to a noun phrase; others ("Hours earlier Maduro") do not.
NP_LEFT_DEPS = frozenset({
    "det", "predet", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "flat", "punct", "cc",
    "conj", "case", "nn", "prep", "appos",
})


def phrase_start(tok: Token, depth: int = 0) -> int:
    """Index of the first token of the noun phrase `tok` heads: its NP-internal left dependents,
    and theirs, so a stray adverbial attached to a modifier stays out."""
    lo = tok.i
    if depth > 6:  # deeper nesting is a parse error
        return lo
    for child in tok.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            lo = min(lo, phrase_start(child, depth + 1))
    return lo


def conjuncts(head: Token) -> list[Token]:
    """The head and the nominal conjuncts it coordinates ("the US, Britain and France"), in order."""
    out = [head]
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        if t.pos_ in NOMINAL:
            out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def negated(doc: Doc, m: Match) -> bool:
    """'pro-Russian', 'anti-American', 'US-backed', 'Israeli-occupied': not the actor itself."""
    if m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in NEGATING_PREFIXES:
        return True
    if m.end + 1 < len(doc) and doc[m.end].text == "-":
        # "rebel-held", "Isis-controlled", "US-backed": describes a place or a proxy, not the actor;
        # but a "US-led coalition" acts under that actor's command, and a "Turkish-owned ship"
        # or "Hamas-run ministry" is that actor's
        nxt = doc[m.end + 1]
        return nxt.lower_ not in OWNING_PARTICIPLES and (nxt.tag_ == "VBN" or nxt.lower_.endswith("ed"))
    return False


def opposed_ruler(doc: Doc, m: Match) -> Match | None:
    """"anti-Assad rebels", "anti-Kremlin activists": opposition to a country's ruler or seat of
    government is that country's own, as its nationality would say ("Syrian rebels"). Only
    rulers and seats: "anti-American protesters" and an "anti-Houthi coalition" may be anyone's."""
    if m.start < 2 or doc[m.start - 1].text != "-" or doc[m.start - 2].lower_ != "anti":
        return None
    e = m.entry
    if e.kind == "seat":
        country = e.country
    elif e.kind == "person" and e.tenures and all(t.sector == "GOV" for t in e.tenures):
        country = e.tenures[0].country if len({t.country for t in e.tenures}) == 1 else None
    else:
        return None
    if country is None:
        return None
    return Match(m.start - 2, m.end, Entry("adjective", doc[m.start - 2:m.end].text, country=country))


def other_first_name(doc: Doc, m: Match, mods: list[Match]) -> bool:
    """A capitalised word right before a leader's alias that is neither matched nor an honorific."""
    if m.start == 0:
        return False
    prev = doc[m.start - 1]
    if any(x.end == m.start for x in mods) or prev.lower_ in HONORIFICS:
        return False
    if prev.text.endswith(".") and len(prev.text) <= MAX_ABBREVIATION:
        return False  # an abbreviated title ("Gen. Prosper Avril") or an initial ("W. Bush")
    return prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.dep_ in ("compound", "flat")


def followed_by_name(doc: Doc, m: Match, known: Container[str]) -> bool:
    """A leader's alias used as someone's first name: "Sharon Osbourne", "Boris Becker". A next
    word the tables know ("Obama White House", "Netanyahu Government") does not count."""
    if m.end >= len(doc):
        return False
    nxt, last = doc[m.end], doc[m.end - 1]
    return (
        nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.lower_ not in known
        and last.dep_ in ("compound", "flat") and last.head.i == nxt.i
    )


#: Dependencies that make a token part of a bigger noun phrase headed elsewhere.
MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "nmod", "nummod", "det"})


def phrase_heads(tok: Token) -> list[Token]:
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
        h = t.head
        for _ in range(MAX_LEFT_TOKENS):
            # "Afghanistan's foreign ministry spokesperson Abdul Qahar Balkhi": the possessed
            # title is a compound of the name, which heads the phrase
            if h.dep_ != "compound" or h.head.i == h.i or h.head.pos_ != "PROPN":
                break
            h = h.head
        out.append(h)
    elif t.dep_ == "pobj" and t.head.lower_ in OWNER_PREPS and t.head.head.pos_ in ("NOUN", "PROPN"):
        out.append(t.head.head)
    return out


def owner_objects(tok: Token, located: bool = True, preps: Container[str] | None = None) -> list[Token]:
    """Objects of "of" (and, if `located`, "in"/"from"; or of `preps`) after a sector head, with
    their conjuncts."""
    out: list[Token] = []
    if preps is None:
        preps = OWNER_PREPS if located else ("of",)
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out.extend(conjuncts(pobj))
    return out


def has_definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def end_char(doc: Doc, end_token: int) -> int:
    last = doc[end_token - 1]
    return last.idx + len(last.text)


def make_mention(
    doc: Doc, span: tuple[int, int], country: str | None, intl: str | None, sector: str | None,
    name: str | None, resolution: str, *, person: bool = False,
) -> Mention:
    start, end = doc[span[0]].idx, end_char(doc, span[1])
    # a Span's text, not doc.text[...]: Doc.text rebuilds the whole document's string each time
    actor = Actor(text=doc[span[0]:span[1]].text, code=compose_code(country, intl, sector), country=country,
                  sector=sector, name=name, resolution=resolution)
    return Mention(actor=actor, start=start, end=end, is_person=person)


def with_span(doc: Doc, m: Mention, span: tuple[int, int], resolution: str) -> Mention:
    start, end = doc[span[0]].idx, end_char(doc, span[1])
    a = m.actor
    actor = Actor(doc[span[0]:span[1]].text, a.code, a.country, a.sector, a.name, resolution)
    return Mention(actor, start, end, is_person=m.is_person)


#: Resolution label of a person a lede described before naming them ("A former British
#: soldier ... Joe Robinson, 25, ..."), kept by every later reference to them: a private
#: individual, whose travels are no visits (coding.arguments.identified_person).
DESCRIBED_LABEL = "described:"
#: Resolution label of a later mention, by name, of a person the document placed ("Robinson").
NAMED_AGAIN_LABEL = "coref-name:"


def copy_mention(doc: Doc, span: tuple[int, int], m: Mention, why: str) -> Mention:
    """A reference ("it", "the two countries") standing for an earlier mention: the reference's
    own text and span, the antecedent's code, and the antecedent as name (exports show "Iran",
    not "it")."""
    if m.actor.resolution.startswith(DESCRIBED_LABEL):
        why = DESCRIBED_LABEL + why
    copied = with_span(doc, m, span, f"{why}->{m.actor.text}")
    if copied.actor.name:
        return copied
    return Mention(replace(copied.actor, name=m.actor.text), copied.start, copied.end, is_person=copied.is_person)


def dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for m in mentions:
        key = (m.actor.code, m.start, m.end)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


#: Name words too short or too common to stand for a person on their own.
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "van", "von", "der", "le", "la", "mr", "mrs"})


def name_words(tok: Token, after: int = 0) -> tuple[str, ...]:
    """The words of the proper name headed by `tok` ("Joseph Okello", "al-Rufay'i"), lowercased;
    with `after`, only those from that token on (not the title before the name)."""
    words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and after <= c.i < tok.i]
    return tuple(w.lower_.replace("\u2019", "'") for w in sorted([*words, tok], key=lambda w: w.i))


def named_person(mentions: list[Mention], tok: Token, after: int = 0) -> list[Mention]:
    """A role or title before a name not in the tables ("Kenyan Interior Minister Joseph Okello",
    "Indian opposition leader Arvind Kumar"): a person, with the words a later sentence may name
    them by."""
    keys = name_keys(name_words(tok, after))
    return [replace(m, known_as=keys, is_person=True) if is_codeable(m.actor) else m for m in mentions]


def name_keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """The whole name and each of its words a later sentence may name a person by."""
    return tuple(dict.fromkeys((" ".join(words), *(w for w in words if len(w) > 1 and w not in NAME_PARTICLES))))


def clause_places(tok: Token, *, own: bool = False) -> list[Token]:
    """Objects of the "in" phrases of the clause a noun is an argument of: its subject, object
    or passive subject, or the object of its by-agent ("captured in Syria by Kurdish fighters");
    with `own`, `tok` is the clause itself, and the in-phrases of its objects count too ("led the
    ground war against Islamic State in Syria")."""
    if own:
        if tok.pos_ not in ("VERB", "AUX"):
            return []
        holders = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
        holders += [g for h in list(holders[1:]) for p in h.children if p.dep_ == "prep" for g in p.children
                    if g.dep_ == "pobj"]
        return [o for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "in"
                for o in p.children if o.dep_ == "pobj"]
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    elif tok.dep_ not in CLAUSE_ARGS:
        return []
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
