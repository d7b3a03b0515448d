"""Modality: whether a coded act is asserted, and what it becomes under negation, intent,
appeals, demands, refusals, threats and obligations (CAMEO 1.1b3 coding rules; the maps are in
data/modality.yaml)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tieline.coding.frames import Frame, agent_of, obligation_frame, particles, semi_modal_act, subject_of, verb_frame
from tieline.coding.lexicon import Lexicon, Modality
from tieline.coding.predication import predicate_of, small_clause_subjects
from tieline.records import Actor

__all__ = [
    "REFUSAL_EXEMPT_ROOTS", "apply_modality", "crowd_violence", "has_future", "is_purpose_clause", "obligation",
    "is_crowd", "reported_wrongdoing",
]

#: Roots whose negated future ("will not ...") is not a refusal: statements, appeals, intents,
#: and verbal conflict, which a refusal code cannot express.
REFUSAL_EXEMPT_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})


def _alleged(tok: Token, lex: Lexicon) -> bool:
    """The content clause of an accusation or report noun ("denied reports that its troops
    shelled the town"): a relative clause whose pronoun fills a role is no content clause."""
    head = tok.head
    if head == tok or head.lemma_.lower() not in lex.modality.allegation_nouns \
            or tok.lemma_.lower() in lex.modality.allegation_verbs:
        return False  # "a report alleging that ...": the allegation itself is coded as such
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
    if tok.dep_ == "acl":
        return subject  # a reduced relative ("a report called for sanctions") is no content clause
    return tok.dep_ == "relcl" and subject and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.tag_ in ("WDT", "WP") or c.lower_ == "that")
        for c in tok.children
    )


def _appeals(verb: Token, lex: Lexicon) -> bool:
    """An appeal verb, with its particle where it needs one ("called on X to", not "called X to
    discuss")."""
    mod = lex.modality
    lemma = verb.lemma_.lower()
    if lemma not in mod.appeal_verbs:
        return False
    needed = mod.appeal_particles.get(lemma)
    return needed is None or bool(particles(verb) & needed)


#: Subordinators whose clause is asserted whatever the clause it hangs from says.
ASSERTING_MARKS = frozenset({"although", "though", "because", "while", "whereas", "since", "after", "as"})


def _negated(tok: Token, lex: Lexicon) -> bool:
    mod = lex.modality
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and child.lower_ in mod.negation_words):
            return True
        if child.dep_ in ("dobj", "obj", "nsubj", "nsubjpass") and any(
            g.dep_ == "det" and g.lower_ in ("no", "neither") for g in child.children
        ):
            return True  # "offers no clue", "signed no agreement", "no other country had offered"
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none", "no-one", "noone"):
            return True  # "none of the parties attended"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head != tok \
            and _negated(head.head, lex):
        return True  # "barely a word of protest", "no sign of talks": a negated quantity of the act
    if tok.dep_ == "pcomp" and head.lower_ in mod.negation_words:
        return True  # "without Europe or America protesting": a gerund under "without" did not happen
    if head != tok and (
        tok.dep_ in ("dobj", "obj") and mod.preventing_verbs & {head.lemma_.lower(), head.lower_}
        or tok.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in mod.preventing_verbs
    ):
        return True  # "was spared an assault", "prevented them from attacking"
    # "failed to reach", "refrained from attacking"
    return tok.dep_ in ("xcomp", "pcomp") and head.lemma_.lower() in mod.negation_verbs and head != tok


def _in_prospect(tok: Token, prospect_nouns: frozenset[str]) -> bool:
    """An indefinite act noun in the of/for-phrase of a prospect noun, or of the verb whose object
    that noun is ("the risk of a war", "set the scene for a clash", "raised fears of a war")."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "for"):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return False
    holder = tok.head.head
    nouns = [holder] if holder.pos_ in ("NOUN", "PROPN") else [c for c in holder.children if c.dep_ == "dobj"]
    return any(n.lemma_.lower() in prospect_nouns for n in nouns)


def _hypothetical(tok: Token, lex: Lexicon) -> bool:
    mod = lex.modality
    markers = mod.hypothetical_markers
    if any(c.dep_ == "aux" and c.lower_ in mod.speculation_aux for c in tok.children) \
            and not _conditional(tok, ("if", "unless")):
        return True  # "the failure could destroy their understanding": a possibility, no act
    if any(c.dep_ == "advmod" and c.lower_ in mod.speculation_adverbs for c in tok.children):
        return True  # "cooperation will likely develop slowly": a forecast
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in mod.speculation_verbs:
        return True  # "to assume they have been talking": a supposition
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in mod.necessity_verbs:
        return True  # "first need to capture the hospital": not done yet
    if tok.dep_ == "pobj" and tok.head.lower_ in ("about", "on", "over") \
            and tok.head.head.lemma_.lower() in mod.topic_nouns:
        return True  # "a debate about the targeting of recruits": a topic
    if _in_prospect(tok, mod.prospect_nouns):
        return True  # "setting the scene for a direct clash": an act in prospect
    if tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "would" for c in tok.children):
        return True  # "assistance from Russia, which would violate sanctions": a consequence foreseen
    if _alleged(tok, lex):
        return True
    node = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in markers for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head == node:
            return False
        node = node.head
    return False


def _asking_noun(gov: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """The demand or appeal noun whose that-clause an act stands in: "its demand that Israel
    ease" (parsed either as the noun's clause or as the clause of the verb governing it)."""
    if gov.dep_ not in ("ccomp", "acl") or not any(c.dep_ == "mark" and c.lower_ == "that" for c in gov.children):
        return None
    nouns = lex.modality.asking_nouns
    head = gov.head
    if head.pos_ == "NOUN" and head.lemma_.lower() in nouns:
        return head, nouns[head.lemma_.lower()]
    for obj in head.children:
        if obj.dep_ in ("dobj", "obj") and obj.pos_ == "NOUN" and obj.lemma_.lower() in nouns:
            return obj, nouns[obj.lemma_.lower()]
    return None


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a token: the clause a nominal event stands in."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _conditional(tok: Token, markers: tuple[str, ...] = ("unless",)) -> bool:
    """The act has an "unless" clause (what follows is the price of not acting), or another
    conditional clause when `markers` says so."""
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in markers for g in c.children)
        for c in tok.children
    )


#: Roots whose conditional future ("may halt mediation if ...", "will strike if ...") is a threat.
CONDITIONAL_THREAT_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})


def is_purpose_clause(tok: Token) -> bool:
    """An infinitival adverbial clause of purpose: "... to demand reforms"."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _controlled(tok: Token, lex: Lexicon) -> bool:
    """An act under a verb of intent, appeal, demand, threat, refusal, consideration or attempt
    ("urged Nato to act"): it is only wanted, asked, threatened or tried."""
    return tok.dep_ in ("xcomp", "ccomp") and tok.head != tok and tok.head.lemma_.lower() in lex.modality.control_verbs


def has_future(tok: Token, lex: Lexicon) -> bool:
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in lex.modality.future_aux:
            return True
        if child.dep_ == "aux" and child.lower_ == "to" and tok.dep_ == "xcomp" and tok.head.lemma_ == "go":
            return True
    return False


def obligation(tok: Token, lex: Lexicon) -> Frame | None:
    """An obligation frame ("said Y must ..."); when the complement's verb is in the lexicon
    its act is mapped to the matching demand or appeal code ("should release" -> 0253)."""
    frame = obligation_frame(tok, lex)
    if frame is None:
        return None
    act = verb_frame(semi_modal_act(tok) or tok, lex)
    if act is not None and not act.entry.speech:
        kind = "demand" if frame.entry.code.startswith("10") else "appeal"
        frame.code = lex.modality.convert(kind, act.entry.code) or frame.entry.code
        frame.path.append(f"act {act.entry.rule_id}")
    return frame

def apply_modality(frame: Frame, lex: Lexicon, used_controls: set[int]) -> tuple[str, str | None] | None:
    """The code after modality, and a modality label; None when the act is not asserted."""
    lex = lex
    mod = lex.modality
    code = frame.entry.code
    gov = frame.governor or frame.trigger
    if frame.constructed:
        if _hypothetical(gov, lex):
            return None
        return frame.code or code, f"construction:{frame.entry.group}"
    if frame.nominal and frame.governor is None:
        clause = _clause_verb(frame.trigger)
        if clause is not None and (_negated(clause, lex) or _hypothetical(clause, lex)):
            return None  # "failed to reach agreement on a deal": the deal is not made either
    if frame.nominal and frame.trigger.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "aux" and c.lower_ in mod.speculation_aux for c in frame.trigger.head.children
    ):
        return None  # "a ceasefire could take place if ...": a possibility, even under a condition
    if _negated(gov, lex) or (frame.nominal and _negated(frame.trigger, lex)):
        # "will not accept refugees", "would not release": a refusal, not a non-event.
        if has_future(gov, lex) and frame.entry.code[:2] not in REFUSAL_EXEMPT_ROOTS:
            refused = mod.convert("refuse", code)
            if refused is not None:
                return refused, "refuse:negated-future"
        return None
    if _hypothetical(gov, lex):
        return None
    label: str | None = None
    head = gov.head
    if gov.dep_ == "xcomp" and head.lemma_.lower() in mod.hypothetical_adjectives:
        return None  # "are unlikely to attack": speculation, not an act
    if gov.dep_ in ("xcomp", "advcl", "ccomp") and head.lemma_ == "be" and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "this", "that") for c in head.children
    ) and not (gov.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ASSERTING_MARKS for c in gov.children)):
        # "it is legal to kill them", "it is important that they talk": a judgement, no act;
        # but "it is hard to say, although X and Y spoke" asserts the although-clause
        return None
    if gov.dep_ == "ccomp" and head != gov and _negated(head, lex):
        return None  # "did not intend that the Kurds should execute them", "never said that ..."
    purpose = is_purpose_clause(gov) and head != gov
    if purpose and (_negated(head, lex) or _hypothetical(head, lex) or has_future(head, lex) or _controlled(head, lex)):
        # "would not give permission to Russia to help Israel": nothing was done; "urged Nato to
        # act to protect its borders": the purpose of an act only asked for is not done either
        return None
    if (gov.dep_ == "ccomp" or small_clause_subjects(gov)) and head.lemma_.lower() in mod.command_verbs \
            and code[:2] in mod.command_roots and not frame.sources and not _negated(head, lex):
        # "ordered that her citizenship be revoked", "ordered her citizenship revoked": the one
        # who ordered it did it
        orderer, _ = subject_of(head, frame.path)
        if orderer:
            used_controls.add(head.i)
            frame.sources = orderer
            return code, f"command:{head.text}"
    # "urged Pakistan to withdraw": the purpose is what is asked; but in "called a meeting to
    # discuss Iran" the object is an event, and the purpose is that event's.
    event_object = any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lex.nouns for c in head.children)
    if purpose and code[:2] == "04" and (
        head.lemma_.lower() in mod.reporting_verbs | {"speak", "talk"}
        or (event_object and head.lemma_.lower() in mod.appeal_verbs)
    ):
        # "spoke on condition of anonymity to discuss relations with Turkey": a topic, no
        # meeting; "called a meeting to discuss Iran": the meeting asked for is the event
        return None
    controlled = purpose and (_appeals(head, lex) or head.lemma_.lower() in mod.demand_verbs) and not event_object
    if (gov.dep_ == "xcomp" or controlled) and head != gov and head.pos_ in ("VERB", "AUX"):
        hl = head.lemma_.lower()
        if _negated(head, lex) or _hypothetical(head, lex):
            return None
        for kind, verbs in (
            ("intent", mod.intent_verbs),
            ("consider", mod.consider_verbs),
            ("attempt", mod.attempt_verbs),
            ("threat", mod.threat_verbs),
            ("refuse", mod.refuse_verbs),
            ("appeal", mod.appeal_verbs),
            ("demand", mod.demand_verbs),
        ):
            if hl in verbs and (kind != "appeal" or _appeals(head, lex)):
                if kind == "intent" and any(c.dep_ in ("dobj", "obj") for c in head.children):
                    if hl in mod.prediction_verbs:
                        return None  # "expects North Korea to launch": a prediction
                    kind = "appeal"  # "Obama wants Putin to attack X": X is asked of Putin
                converted = mod.convert(kind, code)
                used_controls.add(head.i)
                label = f"{kind}:{head.text}"
                if converted is not None:
                    code = converted
                if kind == "appeal" or kind == "demand":
                    _addressee_as_target(frame, head)
                return code, label
    if frame.nominal and gov.pos_ == "ADJ" and gov.lemma_.lower() in mod.intent_adjectives:
        # "Iran is ready for talks with the US": an intent to meet
        if _negated(gov, lex) or _negated(gov.head, lex):
            return None
        converted = mod.convert("intent", code)
        return (converted or code), f"intent:{gov.text}"
    if gov.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_.lower() in mod.intent_adjectives:
        if _negated(head, lex) or _negated(head.head, lex):
            return None
        converted = mod.convert("intent", code)
        return (converted or code), f"intent:{head.text}"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children)
    if gov.dep_ == "ccomp" and infinitive and (_appeals(head, lex) or head.lemma_.lower() in mod.intent_verbs):
        # "Obama wants Putin to attack X", "urged Pakistan to withdraw": an appeal to the
        # clause's subject (spaCy often parses these as a clausal complement).
        if _negated(head, lex) or head.lemma_.lower() in mod.prediction_verbs:
            return None  # ("expects North Korea to launch": a prediction)
        converted = mod.convert("appeal", code)
        used_controls.add(head.i)
        subj, _ = subject_of(head, frame.path)
        if subj and frame.sources:
            frame.targets, frame.sources = frame.sources, subj
            frame.target_fallbacks = []
        return (converted or code), f"appeal:{head.text}"
    asked = _asking_noun(gov, lex)
    if asked is not None:
        noun, kind = asked
        converted = mod.convert(kind, code)
        asker = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON")]
        if not asker and noun.head != noun and noun.head.pos_ in ("VERB", "AUX"):
            asker, _ = subject_of(noun.head, frame.path)
        frame.targets, frame.sources, frame.target_fallbacks = frame.sources, asker, []
        frame.path.append(f"asked for in a {noun.text}-clause")
        return (converted or code), f"{kind}:{noun.text}"
    if gov.dep_ == "ccomp" and head.lemma_.lower() in mod.demand_verbs:
        converted = mod.convert("demand", code)
        used_controls.add(head.i)
        if converted:
            subj, _ = subject_of(head, frame.path)
            frame.targets = frame.sources
            frame.sources = subj
            return converted, f"demand:{head.text}"
    speculated = any(c.dep_ == "aux" and c.lower_ in mod.speculation_aux for c in gov.children)
    # "the trip will include meeting Modi", "the visit will include talks": a gerund or a
    # meeting noun as object shares its verb's future
    future_gerund = (gov.tag_ == "VBG" or (frame.nominal and code[:2] == "04")) \
        and gov.dep_ in ("dobj", "obj", "xcomp") and has_future(head, lex)
    if has_future(gov, lex) or speculated or future_gerund:
        if _conditional(gov) or (code[:2] in CONDITIONAL_THREAT_ROOTS and _conditional(gov, ("if",))):
            # "will withdraw its force unless the president agrees", "may halt mediation if
            # cooperation founders": the price of not complying is a threat.
            return mod.convert("threat", code) or "130", "threat:conditional"
        converted = mod.convert("intent", code)
        if converted is not None:
            return converted, "future"
    return code, label

def _addressee_as_target(frame: Frame, control: Token) -> None:
    """'X urged Y to do Z': the appeal goes from X to the addressee Y."""
    addressees = [c for c in control.children if c.dep_ in ("dobj", "obj")]
    subjects = [c for c in control.children if c.dep_ == "nsubj"]
    agents = agent_of(control)
    if agents:
        # "Obama is being pressured by Congress to help Iran": the agent asks the subject.
        subjects, addressees = agents, [c for c in control.children if c.dep_ == "nsubjpass"]
    if not addressees:
        for prep in control.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "to", "upon"):
                addressees = [g for g in prep.children if g.dep_ == "pobj"]
    if not addressees and control.dep_ == "acl":
        # "a meeting of the Council requested by the US to discuss ...": a reduced relative's
        # roles come from the argument layer (by-agent asks the noun it hangs from).
        pred = predicate_of(control)
        if pred.agent and pred.patient:
            subjects, addressees = list(pred.agent[:1]), list(pred.patient[:1])
    if addressees and subjects:
        frame.path.append(f"appeal {control.text}: {subjects[0].text} -> {addressees[0].text}")
        frame.sources, frame.targets = subjects, addressees


_SECTOR_WORD = re.compile(r"sector(?:-only)?:([\w -]+)->CVL")


def is_crowd(actor: Actor, lex: Lexicon) -> bool:
    """A crowd of demonstrators (modality.yaml crowd_words): "protesters", "the mob"."""
    return _is_crowd(actor, lex.modality)


def _is_crowd(actor: Actor, mod: Modality) -> bool:
    # The resolver records the sector word it matched ("sector:rioter->CVL", "sector-only:...").
    match = _SECTOR_WORD.search(actor.resolution) if actor.sector == "CVL" else None
    if match is None:
        return False
    word = match.group(1).lower()
    return word in mod.crowd_words or word.removesuffix("s") in mod.crowd_words


def crowd_violence(code: str, source: Actor, target: Actor, lex: Lexicon, lemma: str = "") -> str | None:
    """The riot (145) or repression (175) code for violence by or against demonstrators, the
    criticism code for a clash between unarmed political sides (modality.yaml `verbal_clash`),
    military aid for backing by armed forces (`armed_backing`), else None."""
    mod = lex.modality
    verbs, backing_acts, backing_code, backing_sectors = mod.armed_backing
    if lemma in verbs and code.startswith(backing_acts) and source.sector in backing_sectors:
        return backing_code
    verbal_code, clash_acts = mod.verbal_clash
    fight_verbs, political = mod.feud
    if lemma in fight_verbs and code.startswith("19") and source.sector in political and target.sector in political:
        return verbal_code
    if code.startswith(clash_acts) and not ({source.sector, target.sector} & mod.armed_sectors) \
            and not (_is_crowd(source, mod) or _is_crowd(target, mod)):
        return verbal_code
    riot_code, riot_acts = mod.riot
    if code.startswith(riot_acts) and _is_crowd(source, mod):
        return riot_code
    repression_code, repression_acts = mod.repression
    if code.startswith(repression_acts) and source.sector in mod.repression_sectors and _is_crowd(target, mod):
        return repression_code
    return None


def reported_wrongdoing(trigger: Token, lex: Lexicon) -> tuple[Token, str, list[Token], list[Token]] | None:
    """For a speech verb whose clausal complement reports another's failure or wrongdoing
    ("said Kabul was failing to rein in the separatists"): the clause verb, the accusation
    code, the accused heads (the clause's subject; a passive's by-agent: "the attack was
    orchestrated by ringleaders in Afghanistan") and, for an accused that names no one, the
    partners its with-phrase names ("the attackers collaborated with partners in Afghanistan")
    (modality.yaml `reported_wrongdoing`)."""
    mod = lex.modality
    lemma = trigger.lemma_.lower()
    # a warning reports wrongdoing only as a condemnation ("warned that the cooperation is illegal")
    warning = lemma in mod.warning_verbs
    if lemma not in mod.reporting_verbs and not warning:
        return None
    clauses = [c for c in trigger.children if c.dep_ == "ccomp"]
    clauses += [g for c in trigger.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in mod.claim_nouns
                for g in c.children if g.dep_ in ("acl", "ccomp") and g.pos_ in ("VERB", "AUX")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
    for clause in clauses:
        # the clause verb, its coordinated verbs, and an act it reaches for ("seeks to weaponize")
        verbs = [clause, *(c for c in clause.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB")]
        for verb in verbs:
            code = _condemning_copula(verb, lex) if warning else (
                mod.wrongdoing.get(verb.lemma_.lower()) or _condemning_copula(verb, lex))
            if code is None or any(c.dep_ == "neg" for c in verb.children):
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and code == mod.condemnation_code:
                subjects = _condemned_parties(verb)
            if not subjects and verb is not clause:
                subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
                subjects = agents  # what was orchestrated is no party; who orchestrated it is
            partners = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"]
            # ("partners in Afghanistan": a relational noun names no one, the place it is in does)
            partners += [g for p in partners for c in p.children if c.dep_ == "prep" and c.lower_ in ("in", "from")
                         for g in c.children if g.dep_ == "pobj"]
            # ("ringleaders operating from Afghanistan": where an accused no one can name acts from)
            partners += [g for s in subjects for a in s.children if a.dep_ == "acl" for c in a.children
                         if c.dep_ == "prep" and c.lower_ in ("in", "from") for g in c.children if g.dep_ == "pobj"]
            if subjects and not any(s.pos_ == "PRON" and s.lower_ in ("i", "we") for s in subjects):
                return verb, code, subjects, partners
    return None


def _condemning_copula(verb: Token, lex: Lexicon) -> str | None:
    """The condemnation code for "X is/has become hypocritical", "the charges were baseless", "it
    is an illegal act": a copula whose predicate, or its modifier, condemns the subject."""
    mod = lex.modality
    if verb.lemma_.lower() not in mod.copulas:
        return None
    words = lex.classes.get("condemnation", frozenset())
    for pred in (c for c in verb.children if c.dep_ in ("acomp", "attr")):
        if pred.lemma_.lower() in words or any(
            m.dep_ in ("amod", "compound") and m.lemma_.lower() in words for m in pred.children
        ):
            return mod.condemnation_code
    return None


def _condemned_parties(copula: Token) -> list[Token]:
    """Who a condemned clausal subject is about: "that expanding military cooperation between
    Russia and North Korea is illegal" condemns the parties of its between-phrase (not a
    gerund's object: in "arming the rebels was illegal" the rebels are not condemned)."""
    out: list[Token] = []
    for csubj in (c for c in copula.children if c.dep_ == "csubj"):
        for obj in (c for c in csubj.children if c.dep_ in ("dobj", "obj")):
            parties = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "between"
                       for g in p.children if g.dep_ == "pobj"]
            parties += [c for g in parties for c in g.children if c.dep_ == "conj"]
            out += parties
    return out
