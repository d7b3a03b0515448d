"""Arguments: from a frame's head tokens to actor mentions (pronouns, phrases, lists,
sector-only actors, places acted on, coordination groups for later references)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date as Date
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Span, Token

from tieline.actors import (
    ABROAD_LABEL,
    DESCRIBED_LABEL,
    RELATIONAL_NOUNS,
    ActorResolver,
    DocumentContext,
    Mention,
    compose_code,
    is_codeable,
    name_keys,
    name_words,
)
from tieline.coding.frames import Frame
from tieline.coding.lexicon import get_lexicon
from tieline.coding.modality import is_crowd
from tieline.records import Actor

if TYPE_CHECKING:
    from tieline.places import Gazetteer

__all__ = [
    "Home",
    "MAX_REFERENCE_GROUP",
    "OCCUPY_CODE",
    "PLACE_MIN_POPULATION",
    "PLACE_TARGET_ROOTS",
    "UNNAMED_SOURCE",
    "UNNAMED_TARGET",
    "codeable",
    "coordinated",
    "described_person",
    "identified_person",
    "is_lent",
    "lend",
    "list_members",
    "place_target",
    "placed_people",
    "protest_target",
    "resolve_heads",
]

#: Largest group a pronoun ("they", "them") may stand for; a counted reference ("the other
#: three countries") names its size itself.
MAX_REFERENCE_GROUP = 3
#: CAMEO roots whose acts fall on a place, so the place's country is the target when no actor
#: is named ("shelled Aleppo", "imposed a curfew in Cizre"): protest, force posture, coercion,
#: assault, fighting, mass violence.
PLACE_TARGET_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: Occupying territory (CAMEO 192): a town of the occupier's own country is never its target.
OCCUPY_CODE = "192"
#: A town must be this populous to stand for its country: small GeoNames entries share names
#: with people and common words.
PLACE_MIN_POPULATION = 50_000
#: Prepositions that put an act in a place ("in Nigeria", "across Syria").
LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout", "near", "at", "on", "into"})
#: The recipient of an event whose text names none (only with Config.allow_missing_target).
UNNAMED_TARGET = Actor(text="", code="---", resolution="no recipient named")
#: The actor of an event whose text names none (only with Config.allow_missing_source).
UNNAMED_SOURCE = Actor(text="", code="---", resolution="no actor named")


def resolve_heads(
    resolver: ActorResolver,
    heads: list[Token],
    when: Date | None,
    context: DocumentContext,
    in_sentence: list[Mention],
    search_inside: bool = True,
) -> list[Mention]:
    """Actors named by argument heads. A pronoun may refer back to an actor earlier in the
    same sentence ("Japan said it had halted aid"); a head that names no actor itself is
    searched for the first actor inside its phrase ("thousands of Iraqi Kurds")."""
    out: list[Mention] = []
    seen: set[str] = set()
    for head in list_members(heads):
        if head.lower_ in REFLEXIVE_PRONOUNS:
            # "Iraq had attacked itself": the clause's own subject, so no second actor.
            verb = head.head.head if head.dep_ == "pobj" else head.head
            head = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), head)
        ctx = context
        if head.pos_ == "PRON" or (head.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children
        )):
            # "Mr Putin has claimed victory: his forces ...": a pronoun, or a subject's pronoun
            # possessor, may refer back to an actor earlier in the same sentence
            pron = head if head.pos_ == "PRON" else next(c for c in head.children if c.dep_ == "poss")
            before = [m for m in in_sentence if m.end <= head.idx and _agrees(pron, m, head.doc)]
            if before:
                # the sentence's actors are the newest group; the people and names the
                # document placed stay known
                ctx = replace(context, groups=[*context.groups, tuple(before)])
        antecedent = (
            clause_antecedent(head) or reported_antecedent(head) or possessor_antecedent(head)
        ) if head.pos_ == "PRON" else None
        if antecedent is not None:
            # "Riedijk said he rejected Isis": he is the speaker, even when the speaker is no
            # actor we know, rather than the last actor the document named.
            found = [
                replace(m, actor=replace(m.actor, resolution=f"{m.actor.resolution}; coref:{head.lower_}"))
                for m in resolver.resolve(antecedent, when=when, context=context)
            ]
        else:
            found = resolver.resolve(head, when=when, context=ctx)
        if len(found) > MAX_REFERENCE_GROUP and all(m.actor.resolution.startswith("coref:") for m in found):
            found = []  # "they" for four actors is too vague to code; "the other three countries" counts them
        # ("Chinese rivals in Asia" are China's rivals: nothing inside names them)
        if not found and search_inside and (head.pos_ in ("NOUN", "PROPN") or _partitive(head)) \
                and head.lemma_.lower() not in RELATIONAL_NOUNS:
            lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
            # Not the agent of a participle in the phrase ("the area, backed by Iranian allies").
            # Nor inside a relative clause of the head ("a plan that will not allow Hamas") or of
            # an apposition in its phrase ("the father of Begum, a teenager who travelled to
            # Syria"): the clause says something of them, it does not name the head.
            clauses = [
                (t.left_edge.idx, t.right_edge.idx + len(t.right_edge))
                for t in head.subtree
                if (t.dep_ == "agent" and t.head.dep_ in ("acl", "relcl", "advcl"))
                or (t.dep_ == "relcl" and (t.head == head or t.head.dep_ == "appos"))
            ]
            inside = [
                m for m in in_sentence
                if lo <= m.start and m.end <= hi and not any(a <= m.start < b for a, b in clauses)
            ]
            found = inside[:1]
        for mention in found:
            if mention.actor.code not in seen:
                seen.add(mention.actor.code)
                out.append(mention)
    return out

#: Pronouns of one thing and of several: an antecedent in the same sentence must agree in
#: number ("the 48 Uyghurs it had held since arresting them": "it" is no group of people, and
#: "them" is no single country).
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})


def _agrees(pron: Token, m: Mention, doc: Doc) -> bool:
    low = pron.lower_
    if low not in SINGULAR_PRONOUNS and low not in PLURAL_PRONOUNS:
        return True
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    while root.dep_ in ("amod", "compound", "nmod") and root.head != root and root.head.pos_ in ("NOUN", "PROPN"):
        root = root.head  # "Chinese" in "the 48 Chinese Uyghurs": the phrase's number is its head's
    # (a people, "the 48 Chinese Uyghurs", is plural though the tagger often reads it NNP)
    plural = root.tag_ in ("NNS", "NNPS") or root.dep_ == "conj" or any(
        c.dep_ == "conj" or (c.dep_ == "nummod" and c.lower_ not in ("1", "one")) for c in root.children
    ) or "ethnic" in m.actor.resolution or "people" in m.actor.resolution
    return plural == (low in PLURAL_PRONOUNS)


def _partitive(head: Token) -> bool:
    """"two of the British jihadists", "some of the rebels": a number or quantifier with an
    of-phrase stands for part of the group the of-phrase names."""
    return head.pos_ in ("NUM", "PRON", "DET", "ADJ") and head.lower_ not in REPORTED_PRONOUNS and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in head.children
    )


#: Object pronouns that stand for the clause's own subject.
REFLEXIVE_PRONOUNS = frozenset({"itself", "themselves", "himself", "herself", "themself"})

#: Pronouns that can refer back to the speaker of a report ("Japan said it ...").
REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them"})
#: First-person pronouns inside a quotation stand for its speaker: '"We urge Afghanistan to
#: act," the foreign ministry said'.
QUOTED_PRONOUNS = frozenset({"we", "i", "us", "me", "our", "my"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''", "``"})


def reported_antecedent(pron: Token) -> Token | None:
    """The speaker a pronoun in a reported clause refers to: "the rebels said they will release",
    "Japan said it had halted aid", '"We urge Kabul to act," Pakistan said'. The subject of the
    reporting verb is the antecedent."""
    quoted = pron.lower_ in QUOTED_PRONOUNS and any(t.text in QUOTE_MARKS for t in pron.sent)
    if pron.lower_ not in REPORTED_PRONOUNS and not quoted:
        return None
    clause = pron.head
    while clause.dep_ in ("xcomp", "conj") and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head == clause:
        return None
    subjects = [c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    if subjects and pron.lower_ in PERSONAL_PRONOUNS and not _one_person(subjects[0]):
        return None  # "Thai police said he was held": he is someone else
    return subjects[0] if subjects else None


#: Pronouns that stand for one person, never for a body or a plural ("police said he ...").
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
#: Singular nouns that name a body of people, not one person.
COLLECTIVE_NOUNS = frozenset({
    "government", "ministry", "administration", "police", "army", "military", "court", "office",
    "embassy", "department", "agency", "group", "party", "company", "council", "parliament",
    "committee", "cabinet", "regime", "state", "country", "force", "coalition", "alliance",
})


def _one_person(tok: Token) -> bool:
    return tok.tag_ not in ("NNS", "NNPS") and tok.lemma_.lower() not in COLLECTIVE_NOUNS


def possessor_antecedent(pron: Token) -> Token | None:
    """The subject a possessive pronoun in its own clause refers to: "Iraqi troops pressed their
    offensive", "Turkey said its jets struck"."""
    if pron.dep_ != "poss" or pron.lower_ not in ("its", "their", "his", "her"):
        return None
    verb = next((a for a in pron.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON" and not c.is_ancestor(pron)]
    return subjects[0] if subjects else None


#: Clause links across which a subject "they" takes up the subject of the clause before it.
LINKED_CLAUSE_DEPS = frozenset({"conj", "ccomp", "parataxis", "advcl"})


def clause_antecedent(pron: Token) -> Token | None:
    """The plural subject of a linked clause before a subject "they" in the same sentence:
    "Women and girls are not merely unprotected, they are being targeted", "The rebels withdrew
    after they were shelled". That subject, actor or not, is what "they" refers to, rather than
    the last actors the document named."""
    if pron.lower_ != "they" or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = pron.head
    clauses = [c for c in verb.children if c.dep_ in LINKED_CLAUSE_DEPS and c.i < pron.i]
    if verb.dep_ in LINKED_CLAUSE_DEPS and verb.head != verb and verb.head.i < pron.i:
        clauses.append(verb.head)
    for clause in sorted(clauses, key=lambda t: -t.i):
        for subj in clause.children:
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.i < pron.i and subj.pos_ in ("NOUN", "PROPN") and (
                subj.tag_ in ("NNS", "NNPS") or any(g.dep_ == "conj" for g in subj.children)
            ):
                return subj
    return None


#: Where a person placed by an apposition is remembered from: a clause's subject ("Shamima
#: Begum, a British teenager, left ..."), the name news prose introduces people by.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def placed_people(
    resolver: ActorResolver, sent: Span, when: Date | None, context: DocumentContext, in_sentence: list[Mention]
) -> list[Mention]:
    """People the tables do not know, placed by an apposition outside any event ("Shamima
    Begum, a British teenager, left for Syria"): a later "she" or "Begum" may name them."""
    known = {(m.start, m.end) for m in in_sentence}
    out: list[Mention] = []
    for tok in sent:
        if tok.dep_ not in SUBJECT_DEPS:
            continue
        # (the small parser often makes such a name a conjunct; with no "and" it is an apposition)
        linked = ("appos",) if any(c.dep_ == "cc" for c in tok.children) else ("appos", "conj")
        names = [c for c in tok.children if c.dep_ in linked and c.pos_ == "PROPN"]
        if tok.pos_ == "PROPN" and any(c.dep_ == "appos" for c in tok.children):
            out += [m for m in resolver.resolve(tok, when=when, context=context)
                    if m.is_person and m.known_as and (m.start, m.end) not in known]
        elif tok.pos_ == "NOUN" and tok.tag_ == "NN" and len(names) == 1:
            # "the spokesperson for Pakistan's foreign ministry, Ambassador Shafqat Ali Khan,
            # repeated ...": the office-holder the phrase places is the person named beside it
            words = tuple(w for w in name_words(names[0]) if not _title_word(resolver, w))
            if not words:
                continue
            out += [replace(m, is_person=True, known_as=name_keys(words))
                    for m in resolver.resolve(tok, when=when, context=context)
                    if m.actor.country and m.actor.sector and not m.is_person]
    return out


def _title_word(resolver: ActorResolver, word: str) -> bool:
    """Whether a word of a name is a title the tables know ("ambassador", "general")."""
    return any(e.kind == "sector" and e.title for toks, _, e in resolver.gaz.index.get(word, ()) if len(toks) == 1)


#: Journalism's delayed identification: a lede describes its subject before naming them ("A
#: former British soldier jailed in Turkey has fled. Joe Robinson, 25, was on bail ..."). The
#: description is taken only from a document's first sentences (a headline, then the lede) ...
LEDE_SENTENCES = 2
#: ... and the name only from the sentences right after it.
NAMING_WINDOW = 2
INDEFINITE = frozenset({"a", "an"})


def described_person(sent: Span, index: int, in_sentence: list[Mention], person_nouns: frozenset[str]
                     ) -> Mention | None:
    """The one unnamed person an early sentence's subject describes with a country ("A former
    British soldier", "A second Briton", "a Chinese dissident"), or None."""
    if index >= LEDE_SENTENCES:
        return None
    found: list[Mention] = []
    for tok in sent:
        if tok.dep_ not in SUBJECT_DEPS or tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS"):
            continue
        if not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in tok.children):
            continue
        if any(c.dep_ == "appos" for c in tok.children):
            continue  # "a British teenager, Shamima Begum": named at once, placed_people's case
        for m in in_sentence:
            if not (m.start <= tok.idx < m.end) or m.is_person or not m.actor.country:
                continue
            # a person noun ("soldier"), or the demonym itself ("a Briton", "an American")
            if tok.lemma_.lower() in person_nouns or m.actor.resolution.endswith(f"adjective:{tok.text}"):
                found.append(m)
    return found[0] if len(found) == 1 else None


def identified_person(
    resolver: ActorResolver, sent: Span, index: int, when: Date | None, context: DocumentContext
) -> Mention | None:
    """The person a lede described, named as the main subject of a sentence right after it by a
    name the tables do not know ("Joe Robinson, 25, was on bail"): a later "he" or "Robinson"
    names them with the description's country and sector."""
    described = context.described
    if described is None or not 0 < index - context.described_at <= NAMING_WINDOW:
        return None
    root = sent.root
    for tok in root.children:
        if tok.dep_ not in SUBJECT_DEPS or tok.pos_ != "PROPN":
            continue
        if tok.ent_type_ not in ("PERSON", "") or resolver.resolve(tok, when=when, context=context):
            return None  # a name the tables (or the document) already place is someone else
        words = name_words(tok)
        first = min([tok, *(c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN")], key=lambda t: t.i)
        context.described = None
        text = sent.doc.text[first.idx:tok.idx + len(tok)]
        return Mention(replace(described.actor, text=text, resolution=f"{DESCRIBED_LABEL}{described.actor.resolution}"),
                       first.idx, tok.idx + len(tok), is_person=True, known_as=name_keys(words))
    return None


def place_target(
    frame: Frame, code: str, in_sentence: list[Mention], own_countries: set[str | None] | None = None,
    *, any_root: bool = False,
) -> list[Mention]:
    """The country of the place an act falls on: a named town ("shelled Aleppo", "a curfew in
    Cizre") or a country in a locative phrase ("attacks in northeastern Nigeria"). A protest in
    the protesters' own country is directed at its government."""
    if code[:2] not in PLACE_TARGET_ROOTS and not any_root:
        return []
    from tieline.places import gazetteer

    gaz = gazetteer()
    gov = frame.governor or frame.trigger
    found: tuple[str, str, int, int] | None = None  # (name, country, start, end)
    # Nationality words ("Thai", "Kampuchean") are no town, whatever alternate names GeoNames lists.
    adjectives = [(m.start, m.end) for m in in_sentence if "adjective" in m.actor.resolution]
    surnames: frozenset[str] | None = None  # read off the document only when needed
    for tok in gov.subtree:
        if tok.pos_ != "PROPN" or tok.dep_ not in ("dobj", "pobj", "compound", "npadvmod"):
            continue
        if any(start <= tok.idx < end for start, end in adjectives):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i == tok.i + 1:
            continue  # part of a longer name, read at its last word
        # The proper-noun run ending at this token, whole ("South Carolina") before its words
        # ("Gaza" of "Gaza Strip"); never a shorter run ("Santa Cruz" of "Santa Cruz Barillas").
        start = tok
        while start.i > 0 and start.nbor(-1).pos_ == "PROPN" and start.nbor(-1).head == tok:
            start = start.nbor(-1)
        run = tok.doc[start.i : tok.i + 1]
        if len(run) == 1:
            surnames = _surnames(tok.doc, gaz) if surnames is None else surnames
            if tok.lower_ in surnames:
                continue  # "Zamora" after "Jose Ruben Zamora": the person, not the Spanish town
        for part in [run, *(run[k : k + 1] for k in range(len(run)))] if len(run) > 1 else [run]:
            country = _place_country(gaz, part.text)
            if country is not None:
                found = (part.text, country, part.start_char, part.end_char)
                break
        if found is not None:
            break
    if found is None:
        lo, hi = gov.left_edge.idx, gov.right_edge.idx + len(gov.right_edge)
        own_tokens = [(t.idx, t.idx + len(t)) for t in frame.sources]
        for m in in_sentence:
            if any(m.start < end and start < m.end for start, end in own_tokens):
                continue  # the source's own words ("in a Saudi air strike") are not the place
            span = gov.doc.char_span(m.start, m.end, alignment_mode="expand")
            root = span.root if span is not None else None
            if (
                root is not None and lo <= m.start and m.end <= hi and m.actor.country and not m.actor.sector
                and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
            ):
                found = (m.actor.text, m.actor.country, m.start, m.end)
                break
    if found is None:
        return []
    name, country, start_char, end_char = found
    if code.startswith(OCCUPY_CODE) and own_countries and country in own_countries:
        return []  # retaking one's own town is aimed at whoever held it, not at the country
    if code[:2] == "14" and own_countries and country in own_countries:
        actor = Actor(text=name, code=country + "GOV", country=country, sector="GOV",
                      resolution=f"place:{name} ({country}); domestic protest -> government")
    else:
        actor = Actor(text=name, code=country, country=country, resolution=f"place:{name} ({country})")
    frame.path.append(f"target: place {name} -> {actor.code}")
    return [Mention(actor, start_char, end_char)]


#: Doc.user_data key of the words a document uses as the last word of a person's full name.
_SURNAMES_KEY = "tieline_surnames"


def _surnames(doc: Doc, gaz: Gazetteer) -> frozenset[str]:
    """Lowercased last words of runs of two or more capitalised proper nouns that name no place
    ("Jose Ruben Zamora"): a later bare "Zamora" is that person. Computed once per document, from
    its parsed sentences (a sentence the prefilter blanked names no one here)."""
    cached = doc.user_data.get(_SURNAMES_KEY)
    if cached is None:
        found: set[str] = set()
        run: list[Token] = []
        for tok in [*doc, None]:
            if tok is not None and tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha:
                run.append(tok)
                continue
            if len(run) >= 2 and _place_country(gaz, " ".join(t.text for t in run)) is None \
                    and _place_country(gaz, run[0].text) is None:
                found.add(run[-1].lower_)
            run = []
        # a plain sorted list: user_data must stay serialisable (Doc.to_bytes uses msgpack)
        cached = doc.user_data[_SURNAMES_KEY] = sorted(found)
    return frozenset(cached)


def _place_country(gaz: Gazetteer, name: str) -> str | None:
    """The country of a town big enough to stand for it, or of a US state."""
    key = name.lower()
    best = next((c for c in gaz.cities.get(key, ()) if c.population >= PLACE_MIN_POPULATION), None)
    if best is not None:
        return best.country
    if key in gaz.admin1 and key not in gaz.country_names:
        return "USA"  # the gazetteer's first-level divisions are US states; "Georgia" is the country
    return None


def protest_target(sources: list[Mention]) -> list[Mention]:
    """A protest that names no one it is aimed at is aimed at the protesters' own government
    (strikes, sit-ins and marches press the authorities): "Algerian landowners began a hunger
    strike" is DZA -> DZAGOV."""
    out = []
    for m in sources:
        country = m.actor.country
        if country and m.actor.sector != "GOV":
            actor = Actor(text="", code=country + "GOV", country=country, sector="GOV",
                          resolution="domestic protest -> government")
            out.append(Mention(actor, -1, -1))
            break
    return out


def list_members(heads: list[Token]) -> list[Token]:
    """"The US, Russia, and Switzerland" is often parsed as an apposition holding a
    coordination; treat such an apposition as more members of the list."""
    out = list(heads)
    for head in heads:
        for child in head.children:
            if child.dep_ == "appos" and any(g.dep_ == "conj" for g in child.children):
                out.append(child)
        out.extend(_companions(head))
    return out


def _companions(head: Token) -> list[Token]:
    """"The United States, along with Britain and France, called a meeting": who acts "along
    with" or "together with" a subject acts too, whether the phrase hangs on it or its verb."""
    if head.dep_ != "nsubj":
        return []
    out: list[Token] = []
    for prep in (*head.children, *head.head.children):
        if prep.dep_ != "prep":
            continue
        inner = [g for g in prep.children if g.dep_ == "prep" and g.lower_ == "with"] \
            if prep.lower_ in ("along", "together") else [prep] if prep.lower_ == "alongside" else []
        out.extend(g for p in inner for g in p.children if g.dep_ == "pobj")
    return out

class Home(NamedTuple):
    """The country a sentence's sector-only actors belong to, and why; `document` when it comes
    from the document's setting rather than from the sentence itself."""

    country: str
    why: str
    document: bool = False


#: Sectors the document's setting is lent to in a sentence that names no country: state organs,
#: armed and political groups act in the setting's politics, and so do crowds of demonstrators
#: (modality.yaml crowd_words); other civilians, businesses, media, schools or charities in a
#: tech or arts story do not become that country's actors by it (BBC tech articles: "it is now
#: targeting the operators of BitTorrent networks", "lets people donate money").
SETTING_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP", "PTY", "UAF"})


#: Marks an actor whose country was lent by `codeable` rather than named.
LENT_MARK = "; domestic: "


#: Plural heads that stand for several states ("like-minded governments", "Western
#: countries"): never one home country's. ("authorities" and "officials" are mostly one state's.)
MANY_STATES_WORDS = frozenset({"governments", "states", "countries", "nations", "capitals"})


def codeable(mentions: list[Mention], home: Home | None, *, keep_all: bool = False) -> list[Mention]:
    """Keep actors with a country or an international code. A sector-only actor
    ("police", "protesters") belongs to the sentence's home country: the one country the
    sentence names, or, when it names none, the document's setting (`DocumentContext.setting`):
    the domestic reading codebooks apply to such sentences. Peacekeepers never do, nor
    "governments" or "countries" with no owner, which are several states."""
    if keep_all:
        return mentions
    out = []
    for m in mentions:
        if is_codeable(m.actor):
            out.append(m)
        elif m.actor.text and m.actor.text.split()[-1].lower() in MANY_STATES_WORDS:
            continue
        elif m.homes and (home is None or home.country not in m.homes):
            continue  # "the British man held by Kurdish forces": no British force
        elif home is not None and m.actor.sector and not m.actor.resolution.startswith(ABROAD_LABEL) and (
            not home.document or m.actor.sector in SETTING_SECTORS or is_crowd(m.actor, get_lexicon())
        ):
            out.append(lend(m, home))
    return out


def lend(m: Mention, home: Home) -> Mention:
    """`m` with the home country lent to it, the reason recorded in its resolution."""
    base = m.actor.resolution.split(LENT_MARK)[0]
    actor = replace(
        m.actor,
        country=home.country,
        code=compose_code(home.country, None, m.actor.sector),
        resolution=f"{base}{LENT_MARK}{home.why}",
    )
    return replace(m, actor=actor)


def is_lent(m: Mention) -> bool:
    return LENT_MARK in m.actor.resolution


def coordinated(sent: Span, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by coordination ("Russia and Pakistan"), as groups of two or more, so a
    later "the two countries" refers to them rather than to every actor of the sentence."""
    doc = sent.doc
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.dep_ == "conj" and tok.head != tok:
            tok = tok.head
        groups.setdefault(tok.i, []).append(m)
    return [g for g in groups.values() if len({m.actor.code for m in g}) >= 2]
