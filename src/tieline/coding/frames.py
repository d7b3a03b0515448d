"""Predicate frames on a dependency parse: find the source, the target and the lexicon entry.

A frame is an event candidate before actors are resolved: the trigger token, the lexicon
entry that codes it, the argument head tokens, and the path taken through the parse (kept
for ``--explain``). Functions here only read the spaCy parse; actor resolution and
modality are applied by `tieline.coding.coder`.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from spacy.tokens import Token

from tieline.coding.agentless import (
    INSTRUMENT_AGENT_ROOTS,
    JURISDICTION_CODES,
    instrument_owner,
    jurisdiction,
)
from tieline.coding.clauses import coordinated_clause, misread_finite, temporal
from tieline.coding.lexicon import NO_EVENT, Entry, Lexicon
from tieline.coding.predication import Predication, names_only, predicate_of, small_clause_subjects, syntax_classes

__all__ = [
    "DEFAULT_TARGET_PREPS",
    "VISIT_CODES",
    "OBJ_DEPS",
    "Frame",
    "agent_of",
    "choose_entry",
    "complement_words",
    "phrase_lemmas",
    "prep_targets",
    "used_predication",
    "verb_lemma",
    "particles",
    "subject_of",
    "verb_frame",
]

#: A visit's host is where the visitor goes (the object or the destination phrase); no other
#: phrase of the sentence is ("jets flew low across the capital to test the Russian system").
#: (A host's guest is not so limited: "hosted Japanese Prime Minister Ryutaro Hashimoto" names
#: the guest by a name the tables may lack, and "a meeting between" names the guests.)
VISIT_CODES = ("042",)
#: Prepositions that introduce a target when the entry names none: the addressee or
#: opponent of most political acts ("against Israel", "with Russia", "to Pakistan").
DEFAULT_TARGET_PREPS = ("against", "with", "to", "on", "at", "toward", "towards", "into", "for", "from")

#: Prepositions of where an entry with `dest` sends people (never its target).
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards"})
#: The root of criticism (CAMEO 11): a naming verb with a condemning label is one.
CRITICISM_ROOT = "11"
#: Praise (CAMEO 051): a praising word given as a name is praise ("called Xi a dear friend").
PRAISE_CODE = "051"
#: Codes a naming verb's label may carry: criticism and praise.
LABEL_CODES = (CRITICISM_ROOT, PRAISE_CODE)
#: Pseudo-word an entry's object constraint can name to require a that-clause ("claimed that X
#: attacked Y" is an allegation; "claimed victory" is not).
CLAUSE_WORD = "+clause"
#: Pseudo-word for an indirect question ("asked Lai if he agreed", "asked why the talks failed"):
#: asking one is an inquiry, no appeal.
QUESTION_WORD = "+question"
IF_MARKS = frozenset({"if", "whether"})
QUESTION_MARKS = IF_MARKS | {"why", "how", "what", "when", "where", "who"}

#: Tokens of a prepositional clause read for object words; longer clauses say something else.
MAX_PCOMP_TOKENS = 15

_SUBJ = {"nsubj", "csubj"}
OBJ_DEPS = {"dobj", "obj"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "npadvmod"}


@dataclass(slots=True)
class Frame:
    trigger: Token
    entry: Entry
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    #: Where else to look when the primary target heads name no actor, in order.
    target_fallbacks: list[list[Token]] = field(default_factory=list)
    target_prep: str | None = None
    path: list[str] = field(default_factory=list)
    #: The token whose modality (negation, aux, control verb) governs the event.
    governor: Token | None = None
    nominal: bool = False
    #: Symmetric partners joined by "with"/"between" (coded both ways).
    joint: bool = False
    #: Built from a construction rather than a lexicon lemma (e.g. "said X must ..."): modality
    #: is already part of its code.
    constructed: bool = False
    #: Code set by the construction (overrides the entry's code).
    code: str | None = None
    #: "stop", "resume" or "continue" when a phase verb governs the act (from the predication).
    phase: str | None = None
    #: What the argument layer found for the trigger (shown by --explain).
    predication: Predication | None = None
    #: The source is no argument but the authority of the place the act happened in.
    place_agent: bool = False


def verb_lemma(tok: Token, known: Container[str]) -> str:
    """The verb's lemma, repaired from its form when the lemmatizer's answer is unknown to the
    lexicon but a regular inflection of the form is ("staged" -> "stag" by the model; the
    lexicon knows "stage")."""
    lemma = tok.lemma_.lower()
    if lemma in known:
        return lemma
    form = tok.lower_
    for suffix, repl in VERB_SUFFIXES:
        if form.endswith(suffix) and len(form) > len(suffix) + 2 and form[: -len(suffix)] + repl in known:
            return form[: -len(suffix)] + repl
    return lemma


#: Regular inflections tried, in order, when the lemmatizer's lemma is not in the lexicon.
VERB_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "e"),
                 ("ing", ""), ("d", ""))


def phrase_lemmas(tok: Token) -> set[str]:
    """Lemmas of a noun phrase's head and its modifiers, plus its of-phrase (and the for-phrase of
    a proposal noun: "its offer for new talks")."""
    out = {tok.lemma_.lower(), tok.lower_}
    for child in tok.children:
        if child.dep_ in _MODIFIER_DEPS or child.dep_ == "poss":
            out.add(child.lemma_.lower())
            out.add(child.lower_)
            for grand in child.children:
                if grand.dep_ in ("compound", "amod"):
                    out.add(grand.lemma_.lower())
        elif child.dep_ == "prep" and (
            child.lower_ == "of" or (child.lower_ == "for" and tok.lemma_.lower() in syntax_classes().proposal_nouns)
        ):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.add(pobj.lemma_.lower())
                    out.update(g.lemma_.lower() for g in pobj.children if g.dep_ in ("compound", "amod"))
        elif child.dep_ == "conj":
            out.add(child.lemma_.lower())
            out.update(g.lemma_.lower() for g in child.children if g.dep_ in ("compound", "amod"))
    return out


def complement_words(verb: Token) -> set[str]:
    """Lemmas that can satisfy an entry's object constraint: the object phrase, prepositional
    complements, and an infinitival complement's object."""
    words: set[str] = set()
    for child in small_clause_subjects(verb):
        words |= phrase_lemmas(child)  # "ordered her citizenship revoked": a passive's subject
    for child in verb.children:
        if child.dep_ in OBJ_DEPS or child.dep_ in ("attr", "dative", "oprd", "nsubjpass"):
            words |= phrase_lemmas(child)
            # "holding passengers as human shields": the parser hangs the as-phrase on the object
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    words.add("as")
                    words.update(g.lemma_.lower() for g in prep.subtree if g.dep_ in ("pobj", "amod"))
        elif child.dep_ in ("prep", "agent"):
            words.add(child.lower_)
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    words |= phrase_lemmas(pobj)
                elif pobj.dep_ in ("amod", "acomp") and child.lower_ == "as":
                    words.add(pobj.lemma_.lower())  # "described the decision as unacceptable"
                elif pobj.dep_ == "pcomp":
                    # "provided Egypt with what totals $50 billion in military assistance"
                    words.update(t.lemma_.lower() for t in list(pobj.subtree)[:MAX_PCOMP_TOKENS])
        elif child.dep_ == "advmod":
            words.add(child.lower_)
            # "ordered Zamora back to prison": the phrase hangs off the adverb
            words.update(g.lemma_.lower() for p in child.children if p.dep_ == "prep"
                         for g in p.children if g.dep_ == "pobj")
        elif child.dep_ == "ccomp":
            words.add(CLAUSE_WORD)
            if child.pos_ == "ADJ":
                words.add(child.lemma_.lower())  # "let free", "set free"
        # (an adverbial clause asks only with "if"/"whether": "asked them to leave when ..." is a time)
        marks = QUESTION_MARKS if child.dep_ == "ccomp" else IF_MARKS if child.dep_ == "advcl" else frozenset()
        if any(c.dep_ in ("mark", "advmod", "nsubj", "dobj") and c.lower_ in marks and c.i < child.i
               for c in child.children):
            words.add(QUESTION_WORD)
    return words


def particles(verb: Token) -> set[str]:
    """Particles and prepositions after the verb; a preposition of time is none ("called Putin
    on Friday" is no "call on")."""
    found = {
        c.lower_ for c in verb.children
        if c.dep_ in ("prt", "prep", "dobj") and c.i > verb.i
        and not (c.dep_ == "prep" and any(g.dep_ == "pobj" and temporal(g) for g in c.children))
    }
    # "called for Britain to stay": the for of a for-to clause is the verb's
    found.update(
        m.lower_ for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > verb.i
        for m in c.children if m.dep_ == "mark" and m.lower_ == "for"
    )
    return found


def choose_entry(entries: tuple[Entry, ...], words: set[str], particles: set[str]) -> Entry | None:
    """The most specific entry whose particle and object constraint hold: a matched particle
    ("call on") outranks an object constraint, which outranks a bare lemma ("declared a
    ceasefire" is a ceasefire although the bare speech entry for "declare" comes first);
    ties go to file order."""
    best: Entry | None = None
    best_rank = -1
    for entry in entries:
        if entry.particle is not None and entry.particle not in particles:
            continue
        if entry.words and not (entry.words & words):
            continue
        rank = (2 if entry.particle else 0) + (1 if entry.words else 0)
        if rank > best_rank:
            best, best_rank = entry, rank
    return best


def subject_of(verb: Token, path: list[str], depth: int = 0) -> tuple[list[Token], bool]:
    """Subject heads of a predicate, climbing through xcomp/conj/relcl/advcl when the clause
    has none of its own. The flag is True for a passive subject (then it is the target)."""
    for child in verb.children:
        if child.dep_ in _SUBJ | {"nsubjpass"} and verb.dep_ == "relcl" \
                and child.lower_ in syntax_classes().relative_pronouns:
            # "the Syrian Democratic Forces, which led the battle": the relative pronoun stands
            # for the noun the clause modifies
            path.append(f"{verb.text}-{child.dep_}->{child.text} = {verb.head.text}")
            return [verb.head], child.dep_ == "nsubjpass"
        if child.dep_ in _SUBJ:
            path.append(f"{verb.text}-{child.dep_}->{child.text}")
            return [child], False
        if child.dep_ == "nsubjpass":
            path.append(f"{verb.text}-nsubjpass->{child.text}")
            return [child], True
    if depth > 3:
        return [], False
    head = verb.head
    if head == verb:
        return [], False
    if verb.dep_ == "relcl":
        path.append(f"{verb.text}<-relcl-{head.text}")
        return [head], False
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
        # "The Iraqi air force carried out strikes": the small parser sometimes makes the whole
        # sentence a noun phrase; a finite verb hanging off it still has that noun as subject.
        path.append(f"{verb.text}<-acl-{head.text} (root noun as subject)")
        return [head], False
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        # "demonstrators protesting election results": the noun does what the participle says.
        path.append(f"{verb.text}<-acl-{head.text}")
        return [head], False
    if verb.dep_ == "acl":
        return [], False
    if head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp") and verb.dep_ == "xcomp":
        # "X is willing to withdraw": the adjective's clause holds the subject.
        path.append(f"{verb.text}<-xcomp-{head.text}<-{head.dep_}-{head.head.text}")
        return subject_of(head.head, path, depth + 1)
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ in ("xcomp",):
            # Object control ("urged Pakistan to withdraw"): the controller is the object.
            for child in head.children:
                if child.dep_ in OBJ_DEPS and child.pos_ in ("PROPN", "NOUN", "PRON"):
                    path.append(f"{verb.text}<-xcomp-{head.text}-dobj->{child.text}")
                    return [child], False
        if verb.dep_ == "ccomp":
            return [], False
        path.append(f"{verb.text}<-{verb.dep_}-{head.text}")
        subj, passive = subject_of(head, path, depth + 1)
        shares = verb.dep_ in ("advcl", "xcomp") or (verb.dep_ == "conj" and coordinated_clause(verb))
        if shares and own_passive(verb):
            # "Arrested in May, the journalist ...", "wants to be released", "travelled to Syria
            # and is being held": the shared subject is what the clause's act fell on.
            path.append(f"{verb.text} is passive: the shared subject is its target")
            return subj, True
        return subj, passive and verb.dep_ == "conj"
    return [], False


def own_passive(verb: Token) -> bool:
    """A clause passive by its own form: a passive auxiliary ("to be released"), or an adverbial
    past participle with no auxiliary ("Arrested in May, he ...")."""
    deps = {c.dep_ for c in verb.children}
    if "auxpass" in deps:
        return True
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and not deps & {"aux", "nsubj", "nsubjpass"}


def agent_of(verb: Token) -> list[Token]:
    """The by-agent of a passive verb ("was pressured by Congress")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return [g for g in child.children if g.dep_ == "pobj"]
    return []




def _perpetrators(noun: Token, lex: Lexicon) -> list[Token]:
    """Who did the act an event noun names: its by-phrase or possessor ("the killing of soldiers
    by Turkish troops", "Russia's attack")."""
    if noun.lemma_.lower() not in lex.nouns:
        return []
    agents, _ = prep_targets(noun, ("by",), [])
    return agents or [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]


def _phrases(tok: Token) -> list[Token]:
    """The token's prepositional phrases, with those the parser hung on a by-phrase of means
    ("talked by phone with Zelensky": "with Zelensky" is the verb's)."""
    out = []
    means = syntax_classes().means_nouns
    for child in tok.children:
        out.append(child)
        if child.dep_ in ("agent", "prep") and child.lower_ == "by":
            out += [p for g in child.children if g.lemma_.lower() in means for p in g.children if p.dep_ == "prep"]
    return out


def prep_targets(tok: Token, preps: tuple[str, ...], path: list[str]) -> tuple[list[Token], str | None]:
    for prep in preps:
        for child in _phrases(tok):
            if child.dep_ in ("prep", "dative") and child.lower_ == prep:
                objs = [g for g in child.children if g.dep_ == "pobj" and not temporal(g)]
                if objs:
                    path.append(f"{tok.text}-prep:{prep}->{objs[0].text}")
                    return objs, prep
    return [], None


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in OBJ_DEPS]


def verb_frame(verb: Token, lex: Lexicon) -> Frame | None:
    """A frame for a verbal predicate found in the verb lexicon, or None."""
    entries = lex.verbs.get(verb_lemma(verb, lex.verbs))
    if not entries:
        return None
    has_object = any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children)  # a passive has one too
    if any(e.intransitive or e.transitive for e in entries):
        entries = tuple(e for e in entries if not (e.intransitive and has_object or e.transitive and not has_object))
    words = complement_words(verb)
    reduced_passive = verb.dep_ == "acl" and verb.tag_ == "VBN" and not _objects(verb)
    if _object_gap(verb) or reduced_passive or (verb.dep_ == "amod" and misread_finite(verb) is not None):
        # "the sanctions Washington imposed on Moscow": the relativised noun is the object; so
        # is the noun of a reduced passive relative ("rebels backed by Ankara") and the noun a
        # misread verb was made an adjective of ("Trump imposed tariffs")
        words |= phrase_lemmas(verb.head)
    entry = choose_entry(entries, words, particles(verb))
    if entry is None or entry.code == NO_EVENT:
        return None
    if names_only(verb) and not (entry.words and entry.code.startswith(LABEL_CODES)):
        # (a condemning label, "called the sanctions illegal", is criticism: verbs.yaml)
        return None
    if entry.words and entry.code.startswith(PRAISE_CODE) and verb.lemma_.lower() in \
            syntax_classes().naming_verbs and not (names_only(verb) or "as" in words):
        return None  # "called a friend" is a phone call; only a name given is praise
    frame = Frame(trigger=verb, entry=entry, governor=verb)
    frame.path.append(f"verb {verb.text}/{verb.lemma_} ({verb.dep_})")
    pred = frame.predication = predicate_of(verb)
    subjects, passive = subject_of(verb, frame.path)
    small = small_clause_subjects(verb)
    if small:
        subjects, passive = small, True
        frame.path.append(f"passive small clause of {verb.head.text}")
    subjects, passive = _with_predication(frame, pred, subjects, passive)
    if entry.undergoer and subjects:
        passive = True  # "he spent four months in jail": the subject underwent it
        frame.path.append(f"{verb.text}: its subject underwent the act")
    if passive:
        frame.targets = subjects
        if not entry.object_is_target and entry.target_preps:
            # "the bookmark was returned to Spain": the thing moved is not the recipient; nor is
            # it when none is named ("intelligence shared by the UN")
            recipients, via = prep_targets(verb, entry.target_preps, frame.path)
            if not recipients and subjects:
                # "evidence against Russia was presented": the phrase of the thing names it
                recipients, via = prep_targets(subjects[0], entry.target_preps, frame.path)
            frame.targets, frame.target_prep = recipients, via
            if recipients:
                frame.target_fallbacks = [subjects]
        frame.sources = agent_of(verb) or ([] if entry.undergoer else list(pred.agent))
        if frame.sources:
            frame.path.append(f"{verb.text}-agent->{frame.sources[0].text}")
        elif entry.code[:2] in INSTRUMENT_AGENT_ROOTS:
            frame.sources = instrument_owner(verb, lex.nouns)
            if frame.sources:
                frame.path.append(f"{verb.text}: agent named by the means, {frame.sources[0].text}")
        if not frame.sources and entry.code.startswith(JURISDICTION_CODES):
            frame.sources = jurisdiction(verb)
            if frame.sources:
                frame.place_agent = True
                frame.path.append(f"{verb.text}: agent is the authority of the place, {frame.sources[0].text}")
        return frame
    frame.sources = subjects
    preps = entry.target_preps or DEFAULT_TARGET_PREPS
    objects = _objects(verb) or (list(pred.patient) if verb.dep_ == "amod" else [])
    if _gap_words(objects) and pred.patient:
        objects = list(pred.patient)  # "the aid that Washington withheld": the gap is the aid
        frame.path.append(f"object gap -> {objects[0].text}")
    datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]
    if datives:
        frame.targets = datives
        frame.path.append(f"{verb.text}-dative->{datives[0].text}")
    elif entry.object_is_target and objects:
        frame.targets = objects
        frame.path.append(f"{verb.text}-dobj->{objects[0].text}")
        perpetrators = _perpetrators(objects[0], lex) if entry.code.startswith("11") else []
        if perpetrators:
            # "condemned the killing of soldiers by Turkish troops": the blame falls on the troops
            frame.targets = perpetrators
            frame.path.append(f"{objects[0].text}: blame falls on {perpetrators[0].text}")
    else:
        frame.targets, frame.target_prep = prep_targets(verb, preps, frame.path)
        if not frame.targets and entry.particle:
            # "called for sanctions against Nigeria": the target hangs off the particle's object.
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == entry.particle and not frame.targets:
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        frame.targets, frame.target_prep = prep_targets(pobj, preps, frame.path)
                        if frame.targets:
                            break
        if not frame.targets:
            for obj in objects:
                frame.targets, frame.target_prep = prep_targets(obj, preps, frame.path)
                for of in _of_objects(obj) if not frame.targets else ():
                    # "reclaimed the town of Tal Afar from Islamic State": the parser hangs the
                    # verb's phrase on the object's of-phrase
                    frame.targets, frame.target_prep = prep_targets(of, preps, frame.path)
                if frame.targets:
                    break
                # "withdrew Israel's ambassador": the possessor; but what is discussed or
                # attended ("discussed China's role") is a topic, its owner no partner
                possessors = [c for c in obj.children if c.dep_ == "poss"] if not entry.topic else []
                if possessors:
                    frame.targets = possessors
                    frame.path.append(f"{obj.text}-poss->{possessors[0].text}")
                    break
    if entry.reverse:
        # "X received weapons from Y": Y gave them to X; "Mosul fell to Y": Y took it (the
        # entry's tprep names the doer's preposition)
        doer_preps = entry.target_preps or ("from",)
        givers, _ = prep_targets(verb, doer_preps, frame.path)
        for obj in objects if not givers else ():
            givers, _ = prep_targets(obj, doer_preps, frame.path)  # "received assurances from Y"
            if givers:
                break
        frame.sources, frame.targets = givers, subjects
        frame.path.append("roles reversed (rev entry)")
        return frame
    if not entry.speech and not entry.code.startswith(VISIT_CODES):
        frame.target_fallbacks = _fallbacks(verb, objects, preps, topic=entry.topic, destination=entry.destination)
    frame.joint = (frame.target_prep == "between" and not entry.third_party) or (
        entry.mutual and frame.target_prep == "with"
    )
    return frame


def used_predication(pred: Predication) -> str:
    """The path note for roles taken from the argument layer."""
    return "predication: " + "; ".join(pred.path[1:])


def _object_gap(verb: Token) -> bool:
    """A relative clause whose gap is the object: "the sanctions (that) Washington imposed",
    "drones which were supplied by Iran"; not "officials who imposed sanctions"."""
    if verb.dep_ != "relcl":
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if objects:
        return _gap_words(objects)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and not _gap_words(subjects)


def _gap_words(tokens: list[Token]) -> bool:
    """Relative pronouns only: words that stand for a noun elsewhere and name no actor."""
    return bool(tokens) and all(t.lower_ in syntax_classes().relative_pronouns for t in tokens)


def _with_predication(
    frame: Frame, pred: Predication, subjects: list[Token], passive: bool
) -> tuple[list[Token], bool]:
    """Roles the argument-structure layer found where the frame's own search found none or only
    a gap word: passives in relative and reduced-relative clauses ("drones, which were supplied
    by Iran", "a drone shot down by Kurdish forces"), object-gap relatives ("the aid that
    Washington withheld"), control under governing nouns ("Washington's move to cut aid"),
    gerunds under prepositions and phase verbs ("ceased arming the rebels")."""
    frame.phase = pred.phase
    if pred.phase:
        frame.path.append(f"phase: {pred.phase}")
    trig = frame.trigger
    if trig.dep_ == "conj" and trig.head.pos_ in ("VERB", "AUX") and trig.head.dep_ in ("xcomp", "ccomp", "advcl"):
        # "aims to tighten sanctions and impose a blockade": coordinated verbs share the first
        # one's modality (here an intent), not only its subject.
        frame.governor = trig.head
    if pred.mood is not None:
        return subjects, passive  # the act has not happened ("before leaving", "a plan to")
    gap = _gap_words(subjects)
    if pred.passive and (not subjects or gap) and pred.patient:
        frame.path.append(used_predication(pred))
        return list(pred.patient), True
    if gap or (not subjects and pred.agent and not pred.passive):
        if pred.agent:
            frame.path.append(used_predication(pred))
            return list(pred.agent), False
        return [], passive
    return subjects, passive


def _fallbacks(
    verb: Token, objects: list[Token], preps: tuple[str, ...], *, topic: bool = False, destination: bool = False
) -> list[list[Token]]:
    """Other places a target can stand when the first choice names no actor (with `topic`, the
    object is what is discussed and names no partner): the object's
    possessor or of-phrase ("Serbia's suppression", "the withdrawal of Serbian forces"), the
    object itself, prepositional phrases, the subject of a that-clause ("demanded that the US
    ..."), and the object or prepositions of an infinitival complement ("threatened to cut off
    electricity to Nakhichevan")."""
    out: list[list[Token]] = []
    for obj in objects:
        if not topic:  # what is discussed ("China's role") names no partner
            out.append([c for c in obj.children if c.dep_ == "poss"])
            out.append(_of_objects(obj))
        out.append(prep_targets(obj, preps, [])[0])
    # the entry's own prepositions on the verb too ("called a meeting Wednesday of the Council":
    # the parser hangs the object's of-phrase on the verb)
    verb_preps = tuple(dict.fromkeys((*preps, *DEFAULT_TARGET_PREPS)))
    if destination:
        # ("deported 173 Uyghurs to Turkey": where people are sent is no party to it)
        verb_preps = tuple(p for p in verb_preps if p not in DESTINATION_PREPS)
    out.append(prep_targets(verb, verb_preps, [])[0])
    if not topic:
        out.extend([obj] for obj in objects)
    for child in verb.children:
        if child.dep_ == "ccomp":
            out.append([c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")])
        elif child.dep_ == "xcomp":
            out.append(_objects(child))
            out.append(prep_targets(child, DEFAULT_TARGET_PREPS, [])[0])
    for child in verb.children:
        if child.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            # "provided $50m in aid to support Syrian refugees": whom the purpose clause serves
            out.append(_objects(child))
    return [heads for heads in out if heads]


def _of_objects(tok: Token) -> list[Token]:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "from"):
            return [g for g in child.children if g.dep_ == "pobj"]
    return []


def obligation_frame(verb: Token, lex: Lexicon) -> Frame | None:
    """"X said Y must/should do Z": a demand or appeal from the speaker to Y, built on the
    clausal complement whatever its verb."""
    if verb.dep_ != "ccomp" or verb.head == verb:
        return None
    speech = lex.verbs.get(verb_lemma(verb.head, lex.verbs), ())
    if not any(e.speech for e in speech):
        return None
    aux = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in lex.modality.obligations),
               None)
    if aux is None and verb.lemma_.lower() in lex.modality.obligations and semi_modal_act(verb) is not None:
        aux = verb.lemma_.lower()  # "said Washington needs to act"
    if aux is None:
        return None
    frame = Frame(trigger=verb, entry=lex.modality.obligations[aux], governor=verb.head, constructed=True)
    frame.path.append(f"{verb.head.text} -ccomp-> {verb.text} with '{aux}'")
    frame.sources, _ = subject_of(verb.head, frame.path)
    frame.targets = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return frame


def semi_modal_act(verb: Token) -> Token | None:
    """The act of a semi-modal verb ("needs to act", "ought to stop"): its to-infinitive."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
