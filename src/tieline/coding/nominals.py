"""Nominal events: a frame for every event noun of the lexicon ("the US invasion of Iraq",
"Russian airstrikes on Aleppo", "talks between Israel and Hamas").

The noun's own phrase names its participants (possessor, nationality modifier, of/by/from/on
phrases, a hyphenated pair); a light verb it is the object of ("imposed sanctions", "held
talks") or a measure noun it stands under ("a month of airstrikes") lends its subject. The verb
side and the helpers both sides share are in `tieline.coding.frames`.
"""

from __future__ import annotations

from spacy.tokens import Token

from tieline.coding.agentless import JURISDICTION_CODES, modifier_owner, place_of
from tieline.coding.clauses import TIME_NOUNS, hyphen_pair
from tieline.coding.frames import (
    DEFAULT_TARGET_PREPS,
    OBJ_DEPS,
    Frame,
    agent_of,
    choose_entry,
    complement_words,
    phrase_lemmas,
    prep_targets,
    subject_of,
    used_predication,
    verb_lemma,
)
from tieline.coding.lexicon import NO_EVENT, Lexicon
from tieline.coding.predication import predicate_of, syntax_classes

__all__ = ["EVENT_CARRIERS", "MEASURE_NOUNS", "STANDING_CODES", "noun_frame"]

#: Acts whose noun names a standing state once done: "in our mutual defence treaty between the
#: United States and the Philippines" mentions a treaty, it signs none. Only a verb that makes
#: the agreement happen ("signed", "reached", "agreed") codes it.
STANDING_CODES = ("057",)
#: The same for ties of cooperation: "the two countries' cooperation is constructive" describes
#: a relationship; "stepped up cooperation", "launched a partnership" make it happen.
#: A war or an insurgency merely named ("the war in Syria", "the Kurdish insurgency") is a
#: state, not an act of force.
STANDING_NOUNS = frozenset({"cooperation", "partnership", "alliance", "war", "insurgency"})


def _standing(noun: Token, code: str) -> bool:
    return code.startswith(STANDING_CODES) or noun.lemma_.lower() in STANDING_NOUNS


def _noun_governor(noun: Token) -> Token | None:
    """The light verb whose object this noun is ("held talks", "imposed sanctions")."""
    head = noun.head
    if noun.dep_ in OBJ_DEPS | {"nsubjpass", "attr"} and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" and head.lower_ in ("in", "on"):
        return head.head  # "took part in exercises", "agreed on a deal"
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() in syntax_classes().undergoer_verbs:
        return head.head  # "came under attack"
    if _speech_setting(noun):
        return head.head  # "said in a phone call with Putin"
    if noun.dep_ == "conj":
        return _noun_governor(head)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in MEASURE_NOUNS:
        return _noun_governor(head.head)  # "launched 10 days of war games", "held a round of talks"
    return None


#: The root of consultations (CAMEO 04): a speech verb's setting can be one.
CONSULT_ROOT = "04"


def _speech_setting(noun: Token) -> bool:
    """Whether the noun is the consultation a speech verb's words were said in (syntax.yaml
    speech_setting_verbs)."""
    head = noun.head
    classes = syntax_classes()
    return (
        noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in classes.speech_setting_preps
        and head.head.lemma_.lower() in classes.speech_setting_verbs
    )


#: Nouns that measure out an event named in their of-phrase, standing where the event would.
MEASURE_NOUNS = frozenset({
    "day", "week", "month", "hour", "year", "series", "wave", "round", "spate", "string", "number",
    "couple", "flurry", "barrage", "volley", "salvo", "day-long", "week-long",
})


#: Nouns that carry a nominal event named by their compound modifier: "a mediation effort",
#: "a sanctions campaign", "a peace mission"; the carrier stands where the event would.
EVENT_CARRIERS = frozenset({"effort", "mission", "campaign", "bid", "attempt", "initiative", "operation", "drive",
                            "process", "plan", "programme", "program"})


def _standalone_noun(frame: Frame, noun: Token, preps: tuple[str, ...]) -> None:
    """Arguments of a nominal event read off the noun phrase alone: a nationality adjective or
    compound as source ("Israeli air strikes"), prepositional phrases as target."""
    if not frame.sources:
        # "the killing of four people by Indian troops"
        frame.sources, _ = prep_targets(noun, ("by",), frame.path)
    if not frame.sources:
        modifiers = modifier_owner(noun)
        if modifiers:
            frame.sources = modifiers[:1]
            frame.path.append(f"{noun.text}-{modifiers[0].dep_}->{modifiers[0].text}")
    frame.targets, frame.target_prep = prep_targets(noun, preps, frame.path)


def noun_frame(noun: Token, lex: Lexicon) -> Frame | None:
    """A frame for a nominal event (noun lexicon), or None."""
    entries = lex.nouns.get(noun.lemma_.lower())
    if not entries:
        return None
    if noun.is_title and noun.lower_ in TIME_NOUNS and noun.i != noun.sent.start:
        return None  # "his arrest in March 2002": a capitalised month inside a sentence is a date
    words = phrase_lemmas(noun)
    # what a fight is against tells a fight from fighting ("the fight against corruption"),
    # what a duty is on a tariff from a duty to act ("a duty on Chinese exports")
    words.update(g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                 for g in c.children if g.dep_ == "pobj")
    carrier = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in EVENT_CARRIERS else None
    governor = _noun_governor(carrier or noun)
    if governor is not None:
        words |= complement_words(governor)
    entry = choose_entry(entries, words, set())
    if entry is None or entry.code == NO_EVENT:
        return None
    frame = Frame(trigger=noun, entry=entry, nominal=True)
    frame.path.append(f"noun {noun.text}/{noun.lemma_} ({noun.dep_})")
    preps = entry.target_preps or DEFAULT_TARGET_PREPS
    # Source: possessor ("Russia's attack"), then a light verb's subject, then a nationality
    # adjective or compound ("Israeli air strikes").
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    pred = frame.predication = predicate_of(noun)
    if possessors and all(p in pred.patient for p in possessors):
        # "his arrest in Zambia": the possessor underwent the act (syntax.yaml undergoer_nouns);
        # only an authority arrests or tries, so the place's authority is the doer
        frame.targets = possessors
        frame.path.append(f"{noun.text}-poss->{possessors[0].text} (underwent it)")
        if pred.agent:  # "his killing at the hands of Houthi rebels"
            frame.sources = list(pred.agent)
            frame.path.append(used_predication(pred))
        elif entry.code.startswith(JURISDICTION_CODES):
            frame.sources = place_of(noun)
            if frame.sources:
                frame.place_agent = True
                frame.path.append(f"{noun.text}: agent is the authority of the place, {frame.sources[0].text}")
        return frame
    if possessors:
        frame.sources = possessors
        frame.path.append(f"{noun.text}-poss->{possessors[0].text}")
    frame.phase = pred.phase
    if pred.phase:
        frame.path.append(f"phase: {pred.phase}")
    # (the speaker took part in the consultation their words were said in: a light verb for it)
    said_in = governor is not None and entry.code.startswith(CONSULT_ROOT) and _speech_setting(carrier or noun)
    if governor is not None and not said_in and verb_lemma(governor, lex.light_verbs) not in lex.light_verbs \
            and not frame.sources:
        # Not a light verb's object ("killed in Israeli shelling"): read the noun on its own,
        # and let a passive governor's subject be what the act fell on. (A standing tie a phase
        # verb suspends or resumes is an act on it: "is to suspend cooperation with the US".)
        if _standing(noun, entry.code) and not pred.phase:
            return None
        frame.governor = governor
        _standalone_noun(frame, noun, preps)
        if not frame.targets and any(c.dep_ == "nsubjpass" for c in governor.children):
            frame.targets = [c for c in governor.children if c.dep_ == "nsubjpass"]
            frame.path.append(f"target: {governor.text}-nsubjpass->{frame.targets[0].text}")
        undergoer = governor.lemma_.lower() in syntax_classes().undergoer_verbs
        if undergoer:
            # "passengers died in the attack by the BLA": the subject underwent the act
            if not frame.targets:
                frame.targets = [c for c in governor.children if c.dep_ == "nsubj"]
                if frame.targets:
                    frame.path.append(f"target: {governor.text}-nsubj->{frame.targets[0].text} (undergoer)")
            if not frame.sources:
                frame.sources, _ = prep_targets(governor, ("by", "from"), frame.path)
        if not frame.sources and (pred.phase or pred.support is not None) and pred.agent:
            # "the US stopped military aid to Pakistan": the phase verb's subject acts.
            frame.sources = list(pred.agent)
            frame.path.append(used_predication(pred))
            if not frame.targets:
                frame.targets = list(pred.recipient or pred.patient)
            if not frame.targets:
                # "is to suspend cooperation with the US": the with-phrase hangs on the verb
                frame.targets, frame.target_prep = prep_targets(governor, preps, frame.path)
        if not frame.sources and not (undergoer and frame.targets) and frame.target_prep != "between":
            # (an act some party underwent stays, its doer unnamed: the coder may know it from
            # the sentences before, sides.armed_doer; "prompting negotiations between the UK
            # and the US" names both parties in its between-phrase)
            return None
    elif governor is not None:
        frame.governor = governor
        if not frame.sources:
            frame.path.append(f"{noun.text}<-{noun.dep_}-{governor.text}")
            subjects, passive = subject_of(governor, frame.path)
            involved = governor.lemma_.lower() in syntax_classes().involvement_verbs and not agent_of(governor)
            if passive and not involved:
                frame.sources = agent_of(governor)
            else:
                # ("was engaged in a war with": the subject takes part, syntax.yaml involvement_verbs)
                frame.sources = subjects
        frame.targets, frame.target_prep = prep_targets(noun, preps, frame.path)
        if not frame.targets and carrier is not None:
            frame.targets, frame.target_prep = prep_targets(carrier, preps, frame.path)
        if not frame.targets:
            frame.targets, frame.target_prep = prep_targets(governor, preps, frame.path)
        if not frame.targets:
            datives = [c for c in governor.children if c.dep_ == "dative" or (said_in and c.dep_ in OBJ_DEPS)]
            if datives:
                frame.targets = datives
    else:
        if _standing(noun, entry.code):
            return None
        frame.governor = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
        _standalone_noun(frame, noun, preps)
    if not frame.sources and pred.agent and pred.mood is None:
        # Agents through measure nouns, governing adjectives and light verbs the frame's own
        # search does not climb ("a month of airstrikes from Russian jets", "responsible for
        # the bombing of schools").
        frame.sources = list(pred.agent)
        frame.path.append(used_predication(pred))
        if frame.governor is None and pred.governor is not None and pred.governor.pos_ == "ADJ":
            # "ready for talks": the adjective's modality governs the act (an intent)
            frame.governor = pred.governor
    if not frame.targets and (pred.recipient or pred.patient):
        frame.target_fallbacks.append(list(pred.recipient or pred.patient))
    pair = hyphen_pair(noun) if entry.symmetric and not possessors else []
    if pair:
        # "Israel-Hamas talks", "U.S.-China trade deal": the hyphenated pair are the parties.
        frame.targets, frame.target_prep = pair, "between"
        frame.path.append(f"hyphenated pair {pair[0].text}-{pair[1].text}")
    if frame.target_prep == "between" and entry.third_party:
        # "mediation between A and B": the mediator acts on both parties.
        frame.joint = False
    elif frame.target_prep == "between":
        # "talks between A and B": both sides are in the between-phrase.
        frame.sources = []
        frame.joint = True
    else:
        frame.joint = entry.mutual and frame.target_prep == "with"
    return frame
