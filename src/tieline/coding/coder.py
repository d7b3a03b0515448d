"""The event coder: a parsed document in, coded events out.

For each sentence: find predicate frames (verbs and nominal events from the lexicon),
apply modality (negation, hypotheticals, intent, appeals, demands, refusals, threats),
resolve the argument heads to actors, expand compound and symmetric actors, and build one
`Event` per (source, target, code). Speech verbs are coded only when nothing else is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from spacy.tokens import Doc, Span

from tieline.actors import (
    ARMED_GROUP_SECTORS,
    DESCRIBED_LABEL,
    NAMED_AGAIN_LABEL,
    PLACED_HOME,
    ActorResolver,
    DocumentContext,
    Mention,
    get_resolver,
)
from tieline.coding.anaphora import referred_doers, remember_doers
from tieline.coding.arguments import (
    UNNAMED_SOURCE,
    UNNAMED_TARGET,
    Home,
    codeable,
    coordinated,
    described_person,
    identified_person,
    place_target,
    placed_people,
    protest_target,
    resolve_heads,
)
from tieline.coding.candidates import (
    OPPOSING_PREPS,
    POLICY_DOERS,
    VIOLENT_ROOTS,
    Candidate,
    directed,
    drop_aid_to_enemies,
    drop_measure_violence,
    merge_consequences,
    pairs,
)
from tieline.coding.clauses import misread_finite
from tieline.coding.dates import DateMention, find_dates, resolve_date
from tieline.coding.frames import VISIT_CODES, Frame, verb_frame
from tieline.coding.lexicon import Lexicon, get_lexicon
from tieline.coding.modality import apply_modality, crowd_violence, is_purpose_clause, obligation
from tieline.coding.nominals import noun_frame
from tieline.coding.sides import (
    ARMED_DOER_LABEL,
    VICTIMS_LABEL,
    armed_doer,
    citizenship_sides,
    drop_city_doers,
    drop_own_forces,
    drop_own_ground,
    drop_place_doers,
    home_of,
    legal_accuser,
    main_subject,
    towards_itself,
    unlend_accusers,
    unlend_opponents,
    victims,
    withdrawal_origin,
)
from tieline.coding.speech import REPORTED_MARK, SentenceNames, allegations, reported_wrongdoings, warnings
from tieline.config import Config
from tieline.ontology import cameo, plover_for
from tieline.records import Actor, Document, Event

__all__ = ["Coder", "Explanation"]

#: Confidence of an event coded from a verb entry whose object constraint matched: the
#: most specific evidence the lexicon has.
CONF_CONSTRAINED_VERB = 0.9
#: A verb entry with no object constraint.
CONF_VERB = 0.8
#: A nominal event: the noun can name an event without asserting it happened.
CONF_NOUN = 0.7
#: A speech act coded as a bare statement.
CONF_STATEMENT = 0.5
#: Sectors whose speech is political news: a statement is coded only from a speaker who is a
#: state, an international body, a leader or one of these sectors, not from a sports boss or
#: a film critic.
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "PTY", "SPY", "ELI", "IGO"})
#: Subtracted for an act in a purpose clause ("staged protests to demand reforms"): the
#: clause says why the main act happened, so the main act is the sentence's main event.
CONF_PURPOSE_PENALTY = 0.25
#: Subtracted when an actor came from an in-document reference ("the two countries").
CONF_COREF_PENALTY = 0.1
#: Subtracted when the target is the country of the place acted on ("struck Mosul").
CONF_PLACE_PENALTY = 0.1
#: Subtracted when the target is the unnamed victims taken as the home country's civilians
#: (sides.victims): inferred, so a sentence's act on a named party stays its main event.
CONF_VICTIMS_PENALTY = 0.15


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an event was coded: parse path, lexicon rule, modality and actor resolution."""

    event: Event
    path: tuple[str, ...]
    rule: str
    modality: str | None
    source_resolution: str
    target_resolution: str

    def to_dict(self) -> dict[str, object]:
        return {
            "event_id": self.event.event_id,
            "path": list(self.path),
            "rule": self.rule,
            "modality": self.modality,
            "source_resolution": self.source_resolution,
            "target_resolution": self.target_resolution,
        }


#: Sectors whose arrival somewhere is migration, not a visit (CAMEO 042 is a political visit).
MIGRANT_SECTORS = frozenset({"CVL", "REF"})
#: Sectors that, reporting a killing or strike with no doer named, report their own act.
REPORTING_FORCES = frozenset({"MIL"})


def _political_speaker(actor: Actor) -> bool:
    if actor.sector in POLITICAL_SECTORS or actor.resolution.startswith(("leader", "title-person")):
        return True
    return actor.country is None or (actor.sector is None and not actor.resolution.startswith("modifier"))


class Coder:
    """Codes parsed spaCy documents. One instance per process; stateless between documents."""

    def __init__(
        self,
        config: Config | None = None,
        lexicon: Lexicon | None = None,
        resolver: ActorResolver | None = None,
    ) -> None:
        self.config = config or Config()
        self.lex = lexicon or get_lexicon()
        self._measures = self.lex.classes.get("sanctions", frozenset()) | POLICY_DOERS
        self.resolver = resolver or get_resolver(self.config.actor_files)
        from tieline.coding.enrich import enrich
        from tieline.places import gazetteer

        # Build the place gazetteer now (about a second): worker processes forked after the
        # pipeline is built then share it instead of each building their own.
        gazetteer()
        self._enrich = enrich

    # -- public -----------------------------------------------------------------
    def code(self, doc: Doc, document: Document, *, explain: bool = False) -> tuple[list[Event], list[Explanation]]:
        context = DocumentContext()
        events: list[Event] = []
        explanations: list[Explanation] = []
        when = document.date or self.config.default_date
        for index, sent in enumerate(doc.sents):
            evs, exps = self._code_sentence(sent, index, document, when, context, explain)
            events.extend(evs)
            explanations.extend(exps)
        return events, explanations

    # -- one sentence -----------------------------------------------------------
    def _frames(self, sent: Span) -> list[Frame]:
        lex = self.lex
        frames: list[Frame] = []
        verb_triggers: set[int] = set()
        for tok in sent:
            if tok.dep_ == "amod" and misread_finite(tok) is None:
                continue  # a participle describing a noun ("Russia-backed rebels") is no act here
            # (a copula is a predicate too, auxiliaries are not: its lexicon entries code "are in
            # Kurdish custody", and an obligation frame the speech complement "said the talks
            # must be inclusive")
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and (
                    tok.lemma_ == "have" or (tok.lemma_ == "be" and tok.dep_ not in ("aux", "auxpass")))):
                frame = obligation(tok, lex) or verb_frame(tok, lex)
                if frame is not None:
                    frames.append(frame)
                    if not frame.entry.speech:
                        verb_triggers.add(tok.i)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in lex.nouns:
                frame = noun_frame(tok, lex)
                if frame is None:
                    continue
                if frame.governor is not None and frame.governor.i in verb_triggers and not frame.nominal:
                    continue
                if frame.governor is not None and frame.governor.i in verb_triggers and frame.governor.dep_ != "":
                    # The governing verb is coded by its own entry ("imposed sanctions").
                    gov_entry = next((f.entry for f in frames if f.trigger.i == frame.governor.i), None)
                    if gov_entry is not None and tok.dep_ in ("dobj", "obj"):
                        continue
                frames.append(frame)
        return frames

    def _codeable(self, mentions: list[Mention], home: Home | None) -> list[Mention]:
        return codeable(mentions, home, keep_all=self.config.allow_missing_actors)

    def _resolve(
        self,
        cand: Candidate,
        when: Date | None,
        context: DocumentContext,
        in_sentence: list[Mention],
        home: Home | None,
    ) -> None:
        """Named sources and targets of a candidate: heads, fallbacks, places acted on, protests."""
        frame = cand.frame
        cand.sources = self._codeable(resolve_heads(self.resolver, frame.sources, when, context, in_sentence), home)
        if frame.nominal:
            cand.sources = drop_city_doers(frame.entry.code, frame.trigger, frame.sources, cand.sources)
        cand.sources = drop_place_doers(frame.entry.code, frame.sources, cand.sources)
        own = {m.actor.code for m in cand.sources}
        # Targets: the primary heads, then each fallback; only then look inside phrases.
        options = [frame.targets, *frame.target_fallbacks]
        # (an appeal, demand, refusal or threat goes from the asker to the asked, even when
        # what is asked is a joint act)
        # ("Britain and France joined the fight against Isis": a joint act against a third party)
        # ("Sheinbaum and Trudeau told Trump in phone calls": the party they addressed)
        addressed = bool(frame.targets) and frame.governor is not None and all(
            t.head == frame.governor and t.dep_ in ("dobj", "dative") for t in frame.targets
        )
        joint_subject = (
            frame.entry.symmetric and len(cand.sources) >= 2 and not directed(cand)
            and frame.target_prep not in OPPOSING_PREPS and not (frame.nominal and addressed)
        )
        if joint_subject:
            # "Israel and Hamas held talks in Cairo": the partners are the coordinated
            # subjects; only an explicit with-phrase adds another.
            options = [heads for heads in options if heads and heads[0].head.lower_ in ("with", "between")]
        cand.targets = []
        for search_inside in (False,) if joint_subject else (False, True):
            for heads in options:
                found = self._codeable(
                    resolve_heads(self.resolver, heads, when, context, in_sentence, search_inside), home
                )
                others = [m for m in found if m.actor.code not in own]
                cand.targets = others or (found if frame.entry.symmetric and heads is frame.targets else [])
                if cand.targets:
                    if frame.entry.mutual and heads and heads[0].head.lower_ == "with":
                        frame.joint = True
                    break
            if cand.targets:
                break
        if not cand.targets and not joint_subject:
            # "the chief minister condemned the attack": whoever the document said attacked
            cand.targets = referred_doers(cand.code, frame.targets, self.lex, context, own)
        if not cand.targets and frame.entry.alone_code and len(cand.sources) < 2 and cand.code == frame.entry.code:
            # No partner: "held military exercises in Alaska" is a show of force.
            cand.code, cand.modality = frame.entry.alone_code, "no-partner"
        if not cand.targets and not joint_subject:
            # (coordinated parties of a joint act are each other's partners, not the place's)
            act_code = cand.code if cand.modality == "no-partner" else frame.entry.code
            places = place_target(
                frame, act_code, in_sentence, own_countries={m.actor.country for m in cand.sources},
                any_root=frame.entry.place_is_target,
            )
            cand.targets = [m for m in places if m.actor.code not in own]
        if not cand.targets and frame.entry.code[:2] == "14":
            cand.targets = protest_target(cand.sources)
        if not cand.targets:
            cand.targets = withdrawal_origin(frame.entry.code, frame.trigger, frame.targets, cand.sources, context)
        if not cand.targets and not joint_subject:
            cand.targets = victims(
                cand.code, frame.targets, cand.sources, home,
                lambda tok: self.resolver.resolve(tok, when=when, context=context),
                frame.place_agent or any(m.actor.resolution.endswith(PLACED_HOME) for m in cand.sources),
            )

    def _reporting_forces(
        self, cand: Candidate, when: Date | None, context: DocumentContext, in_sentence: list[Mention],
        home: Home | None,
    ) -> list[Mention]:
        """"The Pakistani military said 33 terrorists were killed", "U.S. Central Command said
        al-Rufay'i was killed in a precision airstrike": armed forces that report a killing or
        strike with no doer named report their own act."""
        trig = cand.frame.governor or cand.frame.trigger
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children)
        if not passive or trig.dep_ != "ccomp" or trig.head.lemma_.lower() not in self.lex.modality.reporting_verbs:
            return []
        speakers = [c for c in trig.head.children if c.dep_ == "nsubj"]
        found = self._codeable(resolve_heads(self.resolver, speakers, when, context, in_sentence), home)
        if found and all(m.actor.sector in REPORTING_FORCES for m in found):
            cand.frame.path.append(f"doer: the forces that report it ({speakers[0].text})")
            return found
        return []

    def _fill_unnamed(self, cand: Candidate) -> bool:
        """Stand-ins for an unnamed actor where the config allows; True when the target is one."""
        frame = cand.frame
        if not cand.sources and cand.targets and self.config.allow_missing_source and not frame.entry.speech:
            cand.sources = [Mention(UNNAMED_SOURCE, -1, -1)]
        unnamed = (
            not cand.targets
            and self.config.allow_missing_target
            and not frame.entry.speech
            and not (frame.entry.symmetric and len(cand.sources) >= 2)
        )
        if unnamed:
            cand.targets = [Mention(UNNAMED_TARGET, -1, -1)]
            if not cand.sources and self.config.allow_missing_source:
                # Neither actor named ("the strike will not end"): kept only when both are allowed.
                cand.sources = [Mention(UNNAMED_SOURCE, -1, -1)]
        return unnamed

    def _delayed_identification(
        self, sent: Span, index: int, when: Date | None, context: DocumentContext, in_sentence: list[Mention]
    ) -> None:
        """A lede's described person ("A former British soldier ...") and the name the next
        sentences give them ("Joe Robinson, 25, ..."): remembered before this sentence's actors
        resolve, so its own "he" and later ones name them (arguments.described_person)."""
        described = described_person(sent, index, in_sentence, self.resolver.gaz.person_nouns)
        if described is not None:
            context.described, context.described_at = described, index
            return
        introduced = identified_person(self.resolver, sent, index, when, context)
        if introduced is not None:
            context.remember_names([introduced])

    def _code_sentence(
        self,
        sent: Span,
        index: int,
        document: Document,
        when: Date | None,
        context: DocumentContext,
        explain: bool,
    ) -> tuple[list[Event], list[Explanation]]:
        text = sent.text
        if not text.strip():
            return [], []
        question = text.rstrip().endswith("?")
        frames = [] if question else self._frames(sent)
        used_controls: set[int] = set()
        candidates: list[Candidate] = []
        for frame in frames:
            applied = apply_modality(frame, self.lex, used_controls)
            if applied is None:
                continue
            code, label = applied
            if frame.phase == "stop":
                # "ceased arming the rebels", "stopped military aid": stopping aid or ties
                # reduces relations (modality.yaml stop_map); other stopped acts are no event.
                stopped = self.lex.modality.lookup("stop", code)
                if stopped is None:
                    continue
                code, label = stopped, "phase:stop"
            candidates.append(Candidate(frame, code, label))
        candidates = drop_measure_violence(candidates, self._measures)
        # A control verb that carried another act ("agreed to train") is not coded itself.
        candidates = [c for c in candidates if c.frame.trigger.i not in used_controls or c.frame.nominal]
        # "met X to discuss Y": a purpose clause restating its main act's kind adds nothing.
        roots_by_trigger = {c.frame.trigger.i: c.code[:2] for c in candidates}
        candidates = [
            c for c in candidates
            if not (
                is_purpose_clause(c.frame.governor or c.frame.trigger)
                and roots_by_trigger.get((c.frame.governor or c.frame.trigger).head.i) == c.code[:2]
            )
        ]
        in_sentence = self.resolver.find_in(sent, when=when)
        self._delayed_identification(sent, index, when, context, in_sentence)
        countries = {m.actor.country for m in in_sentence if m.actor.country}
        home = home_of(countries, context, sent)
        dates = find_dates(text, when) if candidates else []
        events: list[Event] = []
        explanations: list[Explanation] = []
        seen: set[tuple[str, str, str]] = set()
        named: list[tuple[Candidate, Mention, Mention]] = []
        unnamed_pairs: list[tuple[Candidate, Mention, Mention]] = []
        statements: list[tuple[Candidate, Mention, Mention]] = []
        for cand in candidates:
            self._resolve(cand, when, context, in_sentence, home)
            if not cand.sources and cand.targets and cand.code[:2] in VIOLENT_ROOTS:
                cand.sources = self._reporting_forces(cand, when, context, in_sentence, home)
            if not cand.sources and cand.targets:
                # "Four soldiers were killed", "the convoy came under attack" after the group
                frame = cand.frame
                cand.sources = armed_doer(cand.code, frame.trigger, frame.sources, frame.nominal, cand.targets, context)
            if not cand.sources and cand.targets:
                cand.sources, cand.code = legal_accuser(cand.code, cand.frame.trigger, cand.frame.sources,
                                                        cand.targets, context)
            cand.sources, cand.targets = citizenship_sides(
                cand.code, cand.frame.trigger, cand.sources, cand.targets,
                lambda tok: self.resolver.resolve(tok, when=when, context=context),
            )
            unlend_opponents(cand.sources, cand.targets, context)
            unlend_accusers(cand.code, cand.frame.trigger, cand.sources, in_sentence, context)
            cand.targets = drop_own_ground(cand.code, cand.sources, cand.targets)
            cand.targets = drop_own_forces(cand.frame.entry.code, cand.sources, cand.targets)
        candidates = allegations(candidates, self.lex)
        names = SentenceNames(self.resolver, when, context, in_sentence, home, self.config.allow_missing_actors)
        warnings(candidates, self.lex, names)
        reported_wrongdoings(candidates, self.lex, names)
        candidates = drop_aid_to_enemies(merge_consequences(candidates))
        for cand in candidates:
            frame = cand.frame
            unnamed = self._fill_unnamed(cand)
            for s, t in pairs(cand):
                if (s.actor.code == t.actor.code and s.actor is not UNNAMED_SOURCE) or towards_itself(cand.code, s, t):
                    continue
                if frame.entry.code.startswith(VISIT_CODES) and t.actor.sector is None and s.actor.country is not None \
                        and t.actor.country == s.actor.country:
                    continue  # "Syrian troops arrived in Manbij": moving about one's own country is no visit
                if cand.code.startswith(VISIT_CODES) and (
                    s.actor.resolution.startswith(("country-people:", DESCRIBED_LABEL))
                    or s.actor.sector in MIGRANT_SECTORS
                    or (s.actor.sector is None and "coref:" in s.actor.resolution)
                ):
                    # "another wave of Somalis arrived in Kenya": migration is no visit, nor is the
                    # travel of a private person a lede described ("Robinson travelled to Syria"); nor is
                    # "they travelled to London" for a "they" that can only be bare countries
                    continue
                if frame.entry.speech and not (cand.modality or "").startswith(REPORTED_MARK):
                    if _political_speaker(s.actor):
                        statements.append((cand, s, t))
                elif frame.constructed and not _political_speaker(t.actor):
                    continue  # "children should not suffer": an obligation on no political actor
                elif unnamed or s.actor is UNNAMED_SOURCE:
                    unnamed_pairs.append((cand, s, t))
                else:
                    named.append((cand, s, t))
        # Events without a named recipient, then bare statements, are readings of last resort:
        # coded only when the sentence yields nothing more specific.
        for group in (named, unnamed_pairs, statements if self.config.code_statements else []):
            for cand, s, t in group:
                # Violence by or against demonstrators is a riot or repression (CAMEO 145/175).
                crowd_code = crowd_violence(cand.code, s.actor, t.actor, self.lex, cand.frame.trigger.lemma_.lower())
                code = crowd_code or cand.code
                variants = [(code, s, t, "")]
                guest = cand.frame.entry.guest_code
                if guest and code == cand.frame.entry.code and group is named:
                    # "Trump hosted Erdogan at the White House": the guest visited the host
                    variants.append((guest, t, s, f"guest:{guest}"))
                for v_code, v_s, v_t, note in variants:
                    key = (v_s.actor.code, v_t.actor.code, v_code)
                    if key in seen:
                        continue
                    seen.add(key)
                    ev, exp = self._event(cand, v_code, v_s, v_t, sent, index, document, when, dates, explain, note)
                    events.append(ev)
                    if exp is not None:
                        explanations.append(exp)
            if events:
                break
        context.remember(in_sentence)
        subject = main_subject(sent, in_sentence)
        if subject is not None:
            context.remember_subject(subject)
        remember_doers(named, context)
        # Armed groups the sentence named only by a sector noun ("killed 30 terrorists" in a
        # story set in Pakistan): a later agentless attack may be theirs (sides.armed_doer).
        spans = {(m.start, m.end) for m in in_sentence}
        armed = [
            m for c in candidates for m in (*c.sources, *c.targets)
            if m.actor.sector in ARMED_GROUP_SECTORS and m.start >= 0 and (m.start, m.end) not in spans
            and not m.actor.resolution.startswith(("coref", ARMED_DOER_LABEL))
        ]
        for m in armed[:1]:
            context.remember([m])
        # Titled people placed only through the document ("foreign ministry spokesperson Abdul
        # Qahar Balkhi" after "Afghanistan's Ministry"): a later "Balkhi" names them.
        # Naming such a person again ("Robinson said") keeps them the one a later "he" means.
        context.remember_names([m for c in candidates for m in (*c.sources, *c.targets)
                                if m.known_as or NAMED_AGAIN_LABEL in m.actor.resolution])
        context.remember_names(placed_people(self.resolver, sent, when, context, in_sentence))
        for members in coordinated(sent, in_sentence):
            context.remember(members)
        if self.config.min_confidence > 0:
            keep = {e.event_id for e in events if e.confidence >= self.config.min_confidence}
            events = [e for e in events if e.event_id in keep]
            explanations = [x for x in explanations if x.event.event_id in keep]
        return events, explanations

    def _event(
        self,
        cand: Candidate,
        code: str,
        s: Mention,
        t: Mention,
        sent: Span,
        index: int,
        document: Document,
        when: Date | None,
        dates: list[DateMention],
        explain: bool,
        note: str = "",
    ) -> tuple[Event, Explanation | None]:
        frame = cand.frame
        entry = frame.entry
        info = cameo(code)
        plover = plover_for(code)
        # The sentence without the line breaks spaCy keeps as tokens; offsets follow the trim.
        raw = sent.text
        offset = sent.start_char + len(raw) - len(raw.lstrip())
        trig = frame.trigger
        if entry.speech:
            confidence = CONF_STATEMENT
        elif frame.nominal:
            confidence = CONF_NOUN
        else:
            confidence = CONF_CONSTRAINED_VERB if entry.words else CONF_VERB
        if "coref" in s.actor.resolution or "coref" in t.actor.resolution:
            confidence -= CONF_COREF_PENALTY
        if t.actor.resolution.startswith("place:"):
            confidence -= CONF_PLACE_PENALTY
        if t.actor.resolution.startswith(VICTIMS_LABEL):
            confidence -= CONF_VICTIMS_PENALTY
        if is_purpose_clause(frame.governor or trig):
            confidence -= CONF_PURPOSE_PENALTY
        gov = frame.governor or trig
        subtree = (gov.left_edge.idx - offset, gov.right_edge.idx + len(gov.right_edge) - offset)
        dated = resolve_date(dates, trig.idx - offset, trig.idx + len(trig) - offset, subtree)
        rule = entry.rule_id + (f" +{cand.modality}" if cand.modality else "")
        if note:
            rule += f" +{note}"
        elif code != cand.code:
            rule += f" +by-sides:{code}"
        event = Event(
            doc_id=document.doc_id,
            sentence_index=index,
            sentence=raw.strip(),
            source=s.actor,
            target=t.actor,
            source_span=(s.start - offset, s.end - offset) if s.start >= 0 else None,
            target_span=(t.start - offset, t.end - offset) if t.start >= 0 else None,
            trigger=trig.text,
            trigger_span=(trig.idx - offset, trig.idx + len(trig) - offset),
            cameo=info.code,
            cameo_root=info.root,
            cameo_name=info.name,
            plover=plover.type,
            plover_mode=plover.mode,
            plover_context=plover.context,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            date=dated.date if dated else when,
            date_precision=dated.precision if dated else ((document.date_precision or "day") if when else None),
            confidence=round(max(0.05, min(1.0, confidence)), 2),
            rule=rule,
        )
        event = self._enrich(event, sent, trig)
        exp = None
        if explain:
            exp = Explanation(
                event=event,
                path=tuple(frame.path) if frame.predication is None
                else (f"predication {frame.predication.describe()}", *frame.path),
                rule=f"{rule} (group {entry.group}, entry {entry.line})",
                modality=cand.modality,
                source_resolution=f"{s.actor.text!r} -> {s.actor.code} ({s.actor.resolution})",
                target_resolution=f"{t.actor.text!r} -> {t.actor.code} ({t.actor.resolution})",
            )
        return event, exp
