"""The event coder: a parsed document in, coded events out.

For each sentence: find predicate frames (verbs and nominal events from the lexicon),
apply modality (negation, hypotheticals, intent, appeals, demands, refusals, threats),
resolve the argument heads to actors, expand compound and symmetric actors, and build one
`Event` per (source, target, code). Speech verbs are coded only when nothing else is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date as Date
from itertools import permutations

from spacy.tokens import Doc, Span, Token

from tieline.actors import ActorResolver, DocumentContext, Mention, compose_code, get_resolver, is_codeable
from tieline.coding.dates import DateMention, find_dates, resolve_date
from tieline.coding.frames import Frame, noun_frame, obligation_frame, subject_of, verb_frame
from tieline.coding.lexicon import Lexicon, get_lexicon
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
#: Largest group an in-document reference ("they", "the two sides") may stand for.
MAX_REFERENCE_GROUP = 3
#: Sectors whose speech is political news: a statement is coded only from a speaker who is a
#: state, an international body, a leader or one of these sectors, not from a sports boss or
#: a film critic.
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "PTY", "SPY", "ELI", "IGO"})
#: Subtracted for an act in a purpose clause ("staged protests to demand reforms"): the
#: clause says why the main act happened, so the main act is the sentence's main event.
CONF_PURPOSE_PENALTY = 0.15
#: Subtracted when an actor came from an in-document reference ("the two countries").
CONF_COREF_PENALTY = 0.1
#: The recipient of an event whose text names none (only with Config.allow_missing_target).
UNNAMED_TARGET = Actor(text="", code="---", resolution="no recipient named")
#: Roots whose negated future ("will not ...") is not a refusal: statements, appeals, intents,
#: and verbal conflict, which a refusal code cannot express.
REFUSAL_EXEMPT_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
#: Subtracted when the target is the country of the place acted on ("struck Mosul").
CONF_PLACE_PENALTY = 0.1
#: CAMEO roots whose acts fall on a place, so the place's country is the target when no actor
#: is named ("shelled Aleppo", "imposed a curfew in Cizre"): protest, force posture, coercion,
#: assault, fighting, mass violence.
PLACE_TARGET_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: A town must be this populous to stand for its country: small GeoNames entries share names
#: with people and common words.
PLACE_MIN_POPULATION = 50_000


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


@dataclass(slots=True)
class _Candidate:
    frame: Frame
    code: str
    modality: str | None
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)


def _negated(tok: Token, lex: Lexicon) -> bool:
    mod = lex.modality
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and child.lower_ in mod.negation_words):
            return True
    head = tok.head
    # "failed to reach", "refrained from attacking"
    return tok.dep_ in ("xcomp", "pcomp") and head.lemma_.lower() in mod.negation_verbs and head is not tok


def _hypothetical(tok: Token, lex: Lexicon) -> bool:
    markers = lex.modality.hypothetical_markers
    node = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in markers for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head is node:
            return False
        node = node.head
    return False


def _coordinated(sent: Span, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by coordination ("Russia and Pakistan"), as groups of two or more, so a
    later "the two countries" refers to them rather than to every actor of the sentence."""
    doc = sent.doc
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        groups.setdefault(tok.i, []).append(m)
    return [g for g in groups.values() if len({m.actor.code for m in g}) >= 2]


def _political_speaker(actor: Actor) -> bool:
    if actor.sector in POLITICAL_SECTORS or actor.resolution.startswith(("leader", "title-person")):
        return True
    return actor.country is None or (actor.sector is None and not actor.resolution.startswith("modifier"))


def _purpose_clause(tok: Token) -> bool:
    """An infinitival adverbial clause of purpose: "... to demand reforms"."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _has_future(tok: Token, lex: Lexicon) -> bool:
    for child in tok.children:
        if child.dep_ == "aux" and child.lower_ in lex.modality.future_aux:
            return True
        if child.dep_ == "aux" and child.lower_ == "to" and tok.dep_ == "xcomp" and tok.head.lemma_ == "go":
            return True
    return False


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
        self.resolver = resolver or get_resolver()
        try:
            from tieline.coding.enrich import enrich
        except ImportError:  # pragma: no cover - enrich ships with the package
            enrich = None  # type: ignore[assignment]
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
            if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ == "have"):
                frame = self._obligation(tok) or verb_frame(tok, lex)
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

    def _obligation(self, tok: Token) -> Frame | None:
        """An obligation frame ("said Y must ..."); when the complement's verb is in the lexicon
        its act is mapped to the matching demand or appeal code ("should release" -> 0253)."""
        frame = obligation_frame(tok, self.lex)
        if frame is None:
            return None
        act = verb_frame(tok, self.lex)
        if act is not None and not act.entry.speech:
            kind = "demand" if frame.entry.code.startswith("10") else "appeal"
            frame.code = self.lex.modality.convert(kind, act.entry.code) or frame.entry.code
            frame.path.append(f"act {act.entry.rule_id}")
        return frame

    def _apply_modality(self, frame: Frame, used_controls: set[int]) -> tuple[str, str | None] | None:
        """The code after modality, and a modality label; None when the act is not asserted."""
        lex = self.lex
        mod = lex.modality
        code = frame.entry.code
        gov = frame.governor or frame.trigger
        if frame.constructed:
            if _hypothetical(gov, lex):
                return None
            return frame.code or code, f"construction:{frame.entry.group}"
        if _negated(gov, lex) or (frame.nominal and _negated(frame.trigger, lex)):
            # "will not accept refugees", "would not release": a refusal, not a non-event.
            if _has_future(gov, lex) and frame.entry.code[:2] not in REFUSAL_EXEMPT_ROOTS:
                refused = mod.convert("refuse", code)
                if refused is not None:
                    return refused, "refuse:negated-future"
            return None
        if _hypothetical(gov, lex):
            return None
        label: str | None = None
        head = gov.head
        if gov.dep_ == "xcomp" and head is not gov and head.pos_ in ("VERB", "AUX"):
            hl = head.lemma_.lower()
            if _negated(head, lex) or _hypothetical(head, lex):
                return None
            for kind, verbs in (
                ("intent", mod.intent_verbs),
                ("threat", mod.threat_verbs),
                ("refuse", mod.refuse_verbs),
                ("appeal", mod.appeal_verbs),
                ("demand", mod.demand_verbs),
            ):
                if hl in verbs:
                    if kind == "intent" and any(c.dep_ in ("dobj", "obj") for c in head.children):
                        kind = "appeal"  # "Obama wants Putin to attack X": X is asked of Putin
                    converted = mod.convert(kind, code)
                    used_controls.add(head.i)
                    label = f"{kind}:{head.text}"
                    if converted is not None:
                        code = converted
                    if kind == "appeal" or kind == "demand":
                        self._addressee_as_target(frame, head)
                    return code, label
        if gov.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_.lower() in mod.intent_adjectives:
            if _negated(head, lex) or _negated(head.head, lex):
                return None
            converted = mod.convert("intent", code)
            return (converted or code), f"intent:{head.text}"
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children)
        if gov.dep_ == "ccomp" and infinitive and head.lemma_.lower() in (mod.appeal_verbs | mod.intent_verbs):
            # "Obama wants Putin to attack X", "urged Pakistan to withdraw": an appeal to the
            # clause's subject (spaCy often parses these as a clausal complement).
            if _negated(head, lex):
                return None
            converted = mod.convert("appeal", code)
            used_controls.add(head.i)
            subj, _ = subject_of(head, frame.path)
            if subj and frame.sources:
                frame.targets, frame.sources = frame.sources, subj
                frame.target_fallbacks = []
            return (converted or code), f"appeal:{head.text}"
        if gov.dep_ == "ccomp" and head.lemma_.lower() in mod.demand_verbs:
            converted = mod.convert("demand", code)
            used_controls.add(head.i)
            if converted:
                subj, _ = subject_of(head, frame.path)
                frame.targets = frame.sources
                frame.sources = subj
                return converted, f"demand:{head.text}"
        if _has_future(gov, lex):
            converted = mod.convert("intent", code)
            if converted is not None:
                return converted, "future"
        return code, label

    @staticmethod
    def _addressee_as_target(frame: Frame, control: Token) -> None:
        """'X urged Y to do Z': the appeal goes from X to the addressee Y."""
        addressees = [c for c in control.children if c.dep_ in ("dobj", "obj")]
        if not addressees:
            for prep in control.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "to", "upon"):
                    addressees = [g for g in prep.children if g.dep_ == "pobj"]
        subjects = [c for c in control.children if c.dep_ == "nsubj"]
        if addressees and subjects:
            frame.path.append(f"appeal {control.text}: {subjects[0].text} -> {addressees[0].text}")
            frame.sources, frame.targets = subjects, addressees

    def _resolve(
        self,
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
        for head in self._list_members(heads):
            ctx = context
            if head.pos_ == "PRON":
                before = [m for m in in_sentence if m.end <= head.idx]
                if before:
                    ctx = DocumentContext(groups=[*context.groups, tuple(before)])
            found = self.resolver.resolve(head, when=when, context=ctx)
            if len(found) > MAX_REFERENCE_GROUP and all("coref" in m.actor.resolution for m in found):
                found = []  # "they" for four actors is too vague to code
            if not found and search_inside and head.pos_ in ("NOUN", "PROPN"):
                lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
                inside = [m for m in in_sentence if lo <= m.start and m.end <= hi]
                found = inside[:1]
            for mention in found:
                if mention.actor.code not in seen:
                    seen.add(mention.actor.code)
                    out.append(mention)
        return out

    def _place_target(self, frame: Frame, code: str) -> list[Mention]:
        """The country of a named town the act falls on: "shelled Aleppo", "a curfew in Cizre"."""
        if code[:2] not in PLACE_TARGET_ROOTS:
            return []
        from tieline.places import gazetteer

        gaz = gazetteer()
        gov = frame.governor or frame.trigger
        heads = [t for t in gov.subtree if t.pos_ == "PROPN" and t.dep_ in ("dobj", "pobj", "compound", "npadvmod")]
        for tok in heads:
            # the longest proper-noun run ending at this token ("Kirkuk", "Gaza Strip")
            start = tok
            while start.i > 0 and start.nbor(-1).pos_ == "PROPN" and start.nbor(-1).head is tok:
                start = start.nbor(-1)
            name = tok.doc[start.i : tok.i + 1].text
            options = gaz.cities.get(name.lower(), ())
            best = next((c for c in options if c.population >= PLACE_MIN_POPULATION), None)
            if best is None:
                continue
            actor = Actor(text=name, code=best.country, country=best.country,
                          resolution=f"place:{name} ({best.country})")
            frame.path.append(f"target: place {name} -> {best.country}")
            return [Mention(actor, start.idx, tok.idx + len(tok))]
        return []

    @staticmethod
    def _list_members(heads: list[Token]) -> list[Token]:
        """"The US, Russia, and Switzerland" is often parsed as an apposition holding a
        coordination; treat such an apposition as more members of the list."""
        out = list(heads)
        for head in heads:
            for child in head.children:
                if child.dep_ == "appos" and any(g.dep_ == "conj" for g in child.children):
                    out.append(child)
        return out

    def _codeable(self, mentions: list[Mention], home: str | None) -> list[Mention]:
        """Keep actors with a country or an international code. A sector-only actor
        ("police", "protesters") belongs to the one country the sentence names, if it names
        exactly one: the domestic reading codebooks apply to such sentences."""
        if self.config.allow_missing_actors:
            return mentions
        out = []
        for m in mentions:
            if is_codeable(m.actor):
                out.append(m)
            elif home is not None and m.actor.sector:
                actor = replace(
                    m.actor,
                    country=home,
                    code=compose_code(home, None, m.actor.sector),
                    resolution=f"{m.actor.resolution}; domestic: sentence names only {home}",
                )
                out.append(replace(m, actor=actor))
        return out

    def _pairs(self, cand: _Candidate) -> list[tuple[Mention, Mention]]:
        frame = cand.frame
        src, tgt = cand.sources, cand.targets
        symmetric = frame.entry.symmetric
        directed = cand.modality is not None and cand.modality.startswith(
            ("refuse", "appeal", "demand", "threat", "construction"))
        if directed:
            return [(s, t) for s in src for t in tgt]
        if frame.target_prep == "between" and not src:
            return [(a, b) for a, b in permutations(tgt, 2)]
        if not tgt and symmetric and len(src) >= 2:
            return [(a, b) for a, b in permutations(src, 2)]
        pairs = [(s, t) for s in src for t in tgt]
        if frame.joint or (symmetric and len(src) >= 2):
            pairs += [(t, s) for s, t in pairs]
        return pairs

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
        candidates: list[_Candidate] = []
        for frame in frames:
            applied = self._apply_modality(frame, used_controls)
            if applied is None:
                continue
            code, label = applied
            candidates.append(_Candidate(frame, code, label))
        # A control verb that carried another act ("agreed to train") is not coded itself.
        candidates = [c for c in candidates if c.frame.trigger.i not in used_controls or c.frame.nominal]
        in_sentence = self.resolver.find_in(sent, when=when)
        countries = {m.actor.country for m in in_sentence if m.actor.country}
        home = next(iter(countries)) if len(countries) == 1 else None
        dates = find_dates(text, when) if candidates else []
        events: list[Event] = []
        explanations: list[Explanation] = []
        seen: set[tuple[str, str, str]] = set()
        named: list[tuple[_Candidate, Mention, Mention]] = []
        unnamed_pairs: list[tuple[_Candidate, Mention, Mention]] = []
        statements: list[tuple[_Candidate, Mention, Mention]] = []
        for cand in candidates:
            frame = cand.frame
            cand.sources = self._codeable(self._resolve(frame.sources, when, context, in_sentence), home)
            own = {m.actor.code for m in cand.sources}
            # Targets: the primary heads, then each fallback; only then look inside phrases.
            options = [frame.targets, *frame.target_fallbacks]
            cand.targets = []
            for search_inside in (False, True):
                for heads in options:
                    found = self._codeable(
                        self._resolve(heads, when, context, in_sentence, search_inside), home
                    )
                    others = [m for m in found if m.actor.code not in own]
                    cand.targets = others or (found if frame.entry.symmetric and heads is frame.targets else [])
                    if cand.targets:
                        if frame.entry.mutual and heads and heads[0].head.lower_ == "with":
                            frame.joint = True
                        break
                if cand.targets:
                    break
            if not cand.targets:
                cand.targets = [m for m in self._place_target(frame, cand.code) if m.actor.code not in own]
            unnamed = (
                not cand.targets
                and self.config.allow_missing_target
                and not frame.entry.speech
                and not (frame.entry.symmetric and len(cand.sources) >= 2)
            )
            if unnamed:
                cand.targets = [Mention(UNNAMED_TARGET, -1, -1)]
            for s, t in self._pairs(cand):
                if s.actor.code == t.actor.code:
                    continue
                if frame.entry.speech:
                    if _political_speaker(s.actor):
                        statements.append((cand, s, t))
                elif unnamed:
                    unnamed_pairs.append((cand, s, t))
                else:
                    named.append((cand, s, t))
        # Events without a named recipient, then bare statements, are readings of last resort:
        # coded only when the sentence yields nothing more specific.
        for group in (named, unnamed_pairs, statements if self.config.code_statements else []):
            for cand, s, t in group:
                key = (s.actor.code, t.actor.code, cand.code)
                if key in seen:
                    continue
                seen.add(key)
                ev, exp = self._event(cand, s, t, sent, index, document, when, dates, explain)
                events.append(ev)
                if exp is not None:
                    explanations.append(exp)
            if events:
                break
        context.remember(in_sentence)
        for group in _coordinated(sent, in_sentence):
            context.remember(group)
        if self.config.min_confidence > 0:
            keep = {e.event_id for e in events if e.confidence >= self.config.min_confidence}
            events = [e for e in events if e.event_id in keep]
            explanations = [x for x in explanations if x.event.event_id in keep]
        return events, explanations

    def _event(
        self,
        cand: _Candidate,
        s: Mention,
        t: Mention,
        sent: Span,
        index: int,
        document: Document,
        when: Date | None,
        dates: list[DateMention],
        explain: bool,
    ) -> tuple[Event, Explanation | None]:
        frame = cand.frame
        entry = frame.entry
        info = cameo(cand.code)
        plover = plover_for(cand.code)
        offset = sent.start_char
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
        if _purpose_clause(frame.governor or trig):
            confidence -= CONF_PURPOSE_PENALTY
        gov = frame.governor or trig
        subtree = (gov.left_edge.idx - offset, gov.right_edge.idx + len(gov.right_edge) - offset)
        dated = resolve_date(dates, trig.idx - offset, trig.idx + len(trig) - offset, subtree)
        rule = entry.rule_id + (f" +{cand.modality}" if cand.modality else "")
        event = Event(
            doc_id=document.doc_id,
            sentence_index=index,
            sentence=sent.text,
            source=s.actor,
            target=t.actor,
            source_span=(s.start - offset, s.end - offset),
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
            date_precision=dated.precision if dated else ("day" if when else None),
            confidence=round(max(0.05, min(1.0, confidence)), 2),
            rule=rule,
        )
        if self._enrich is not None:
            event = self._enrich(event, sent, trig)
        exp = None
        if explain:
            exp = Explanation(
                event=event,
                path=tuple(frame.path),
                rule=f"{rule} (group {entry.group}, entry {entry.line})",
                modality=cand.modality,
                source_resolution=f"{s.actor.text!r} -> {s.actor.code} ({s.actor.resolution})",
                target_resolution=f"{t.actor.text!r} -> {t.actor.code} ({t.actor.resolution})",
            )
        return event, exp


def with_doc(event: Event, doc_id: str) -> Event:
    """The same event attributed to another document id (recomputes event_id)."""
    return replace(event, doc_id=doc_id, event_id="")
