"""The argument-structure layer: from a dependency parse to predications.

For every verb and every event noun of a sentence, a `Predication` names the trigger and the
head tokens of its agent (the doer), patient (what is acted on) and recipient (who receives
something), with the path of rules that found them. General rules do this once for all
predicates: active and passive clauses (with and without a by-agent), relative clauses with
subject and object gaps, reduced relatives, participial and infinitival complements, control
and raising, coordination of verbs and of arguments, gerunds under prepositions, possessors,
compounds and of/by/from/on phrases of nominals, measure nouns, governing nouns and
adjectives, light (support) verbs and phase verbs.

Nothing here knows what act a word names: the lexicon (`tieline.coding.lexicon`) says that.
The rules read the parse only through `tieline.coding.relations`, so another language's parser
with Universal Dependencies labels can be plugged in without rewriting them.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from tieline.coding.clauses import (
    RELATIVE_ADVERBS,
    coordinated_clause,
    expletive,
    misread_finite,
    nationality_modifier,
    shared_subject_of_passive,
    temporal,
    under_condition,
)
from tieline.coding.relations import Rel, children, preps, rel, scheme_of

__all__ = [
    "Predication", "SyntaxClasses", "names_only", "predicate_of", "predications", "small_clause_subjects",
    "syntax_classes",
]

#: How far role inheritance may climb (xcomp of xcomp of conj ...): deeper chains in news
#: prose are parse errors more often than real control chains.
MAX_CLIMB = 4
#: Prepositions that introduce the patient of an event noun ("strikes on Aleppo", "sanctions
#: against Iran", "the invasion of Iraq").
NOUN_PATIENT_PREPS = ("of", "on", "against", "at", "into", "upon")
#: The same from a light or phase verb's own phrases ("imposed sanctions on Iran"); a verb's
#: of-phrase is no patient of its noun.
SUPPORT_PATIENT_PREPS = NOUN_PATIENT_PREPS[1:]
#: Prepositions that introduce a recipient: of a verb ("supplied weapons to Iraq") and of a
#: noun ("aid to Cairo", "support for Assad").
VERB_RECIPIENT_PREPS = ("to",)
NOUN_RECIPIENT_PREPS = ("to", "for")
#: Prepositions whose gerund is an act of the governing verb's subject that happened: the
#: means ("by sending troops"), the purpose of spending ("on equipping police"), what came
#: after or during. Not "before", "for", "instead of", "without": those acts may not happen.
ASSERTED_GERUND_PREPS = frozenset({"by", "on", "in", "through", "after", "while", "upon", "as", "since"})
#: Prepositions whose object can be an event noun's agent when it has no possessor ("airstrikes
#: from Russian jets", "the killing of protesters by police").
NOUN_AGENT_PREPS = ("by", "from")


@dataclass(frozen=True, slots=True)
class Predication:
    """One predicate and its arguments, as head tokens."""

    trigger: Token
    kind: str  # "verb" or "noun"
    agent: tuple[Token, ...] = ()
    patient: tuple[Token, ...] = ()
    recipient: tuple[Token, ...] = ()
    passive: bool = False
    #: The word whose modality governs the act: a light, phase or control verb, or None.
    governor: Token | None = None
    #: "stop", "resume" or "continue" when a phase verb governs the act.
    phase: str | None = None
    #: The light (support) verb that carries an event noun.
    support: Token | None = None
    #: "unrealised" when the syntax says the act has not happened ("before leaving", "a plan to
    #: strike", "without consulting"); None otherwise. Other modality is the coder's.
    mood: str | None = None
    path: tuple[str, ...] = ()

    def describe(self) -> str:
        def heads(tokens: tuple[Token, ...]) -> str:
            return ",".join(t.text for t in tokens) or "-"

        extra = f" phase={self.phase}" if self.phase else ""
        return (f"{self.trigger.text}/{self.kind}{' (passive)' if self.passive else ''}: agent={heads(self.agent)} "
                f"patient={heads(self.patient)} recipient={heads(self.recipient)}{extra}")


@dataclass(frozen=True, slots=True)
class SyntaxClasses:
    """The word classes of ``data/syntax.yaml``."""

    support_verbs: frozenset[str]
    phase_verbs: dict[str, str]  # lemma -> phase
    measure_nouns: frozenset[str]
    governing_nouns: frozenset[str]
    agentive_adjectives: frozenset[str]
    agentive_nouns: frozenset[str]
    owning_verbs: frozenset[str]
    role_nouns: frozenset[str]
    share_verbs: frozenset[str]
    relative_pronouns: frozenset[str]
    small_clause_verbs: frozenset[str]
    means_nouns: frozenset[str]
    proposal_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    undergoer_verbs: frozenset[str]
    undergoer_nouns: frozenset[str]
    involvement_verbs: frozenset[str]
    speech_setting_verbs: frozenset[str]
    speech_setting_preps: frozenset[str]


@lru_cache(maxsize=1)
def syntax_classes() -> SyntaxClasses:
    text = resources.files("tieline.coding").joinpath("data", "syntax.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    phases = {lemma: phase for phase in ("stop", "resume", "continue") for lemma in data["phase_verbs"][phase]}
    return SyntaxClasses(
        support_verbs=frozenset(data["support_verbs"]["lemmas"]),
        phase_verbs=phases,
        measure_nouns=frozenset(data["measure_nouns"]["lemmas"]),
        governing_nouns=frozenset(data["governing_nouns"]["lemmas"]),
        agentive_adjectives=frozenset(data["agentive_adjectives"]["lemmas"]),
        agentive_nouns=frozenset(data["agentive_nouns"]["lemmas"]),
        owning_verbs=frozenset(data["agentive_nouns"]["owning_verbs"]),
        role_nouns=frozenset(data["role_nouns"]["lemmas"]),
        share_verbs=frozenset(data["role_nouns"]["share_verbs"]),
        relative_pronouns=frozenset(data["relative_pronouns"]["lemmas"]),
        small_clause_verbs=frozenset(data["small_clause_verbs"]["lemmas"]),
        means_nouns=frozenset(data["means_nouns"]["lemmas"]),
        proposal_nouns=frozenset(data["proposal_nouns"]["lemmas"]),
        naming_verbs=frozenset(data["naming_verbs"]["lemmas"]),
        undergoer_verbs=frozenset(data["undergoer_verbs"]["lemmas"]),
        undergoer_nouns=frozenset(data["undergoer_nouns"]["lemmas"]),
        involvement_verbs=frozenset(data["involvement_verbs"]["lemmas"]),
        speech_setting_verbs=frozenset(data["speech_setting_verbs"]["lemmas"]),
        speech_setting_preps=frozenset(data["speech_setting_verbs"]["preps"]),
    )


def predications(sent: Span, nouns: Container[str] = ()) -> list[Predication]:
    """Every verb of the sentence, and every noun whose lemma is in `nouns`, as predications."""
    scheme = scheme_of(sent)
    out: list[Predication] = []
    for tok in sent:
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass", "aux:pass")) \
                or (tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in nouns):
            out.append(predicate_of(tok, scheme))
    return out


def predicate_of(tok: Token, scheme: str = "clear") -> Predication:
    """The predication of one trigger token (verb, or noun treated as an event)."""
    builder = _Builder(scheme)
    pred = builder.noun(tok) if tok.pos_ in ("NOUN", "PROPN") else builder.verb(tok)
    if pred.mood is None and under_condition(tok, scheme):
        pred = replace(pred, mood="conditional", path=(*pred.path, "inside a condition"))
    return pred


def small_clause_subjects(tok: Token, scheme: str = "clear") -> list[Token]:
    """The "subject" of a passive small clause, which is its patient ("her citizenship" in
    "ordered her citizenship revoked"); [] when `tok` heads none."""
    builder = _Builder(scheme)
    return builder.kids(tok, Rel.SUBJ) if builder.small_clause(tok) else []


class _Builder:
    def __init__(self, scheme: str) -> None:
        self.scheme = scheme
        self.classes = syntax_classes()
        self._cache: dict[int, Predication] = {}

    # -- helpers ------------------------------------------------------------------------------
    def rel(self, tok: Token) -> Rel:
        return rel(tok, self.scheme)

    def kids(self, tok: Token, *rels: Rel) -> list[Token]:
        return children(tok, *rels, scheme=self.scheme)

    def pp(self, tok: Token, *words: str) -> list[Token]:
        """Objects of the token's prepositional phrases with any of `words`, first word first."""
        found = preps(tok, self.scheme)
        means = syntax_classes().means_nouns
        for word in words:
            # "by phone", "by air" name a means, never a doer
            # ("attack on Tuesday": a time dates the act, it takes no part in it)
            heads = [h for p, h in found
                     if p == word and not (p == "by" and h.lemma_.lower() in means) and not temporal(h)]
            if heads:
                return heads
        return []

    def small_clause(self, tok: Token) -> bool:
        """A bare past participle with its own subject under a verb of syntax.yaml
        small_clause_verbs: a passive small clause ("ordered her citizenship revoked")."""
        return (
            tok.tag_ == "VBN" and self.rel(tok) in (Rel.CCOMP, Rel.XCOMP) and tok.head != tok
            and tok.head.lemma_.lower() in self.classes.small_clause_verbs
            and not any(self.rel(c) in (Rel.AUX, Rel.AUX_PASS, Rel.MARK) for c in tok.children)
        )

    def hands_of(self, tok: Token) -> list[Token]:
        """The doer "at the hands of" names, as a by-phrase would ("was killed at the hands of
        Houthi rebels", "torture at the hands of his captors")."""
        for word, head in preps(tok, self.scheme):
            if word == "at" and head.lower_ == "hands":
                return self.pp(head, "of")
        return []

    def group(self, heads: list[Token]) -> tuple[Token, ...]:
        """Argument heads with their conjuncts ("Russia and Syria") and coordinated appositions."""
        out: list[Token] = []
        for head in heads:
            stack = [head]
            while stack:
                tok = stack.pop(0)
                if tok in out:
                    continue
                out.append(tok)
                stack.extend(c for c in tok.children if self.rel(c) == Rel.CONJ and c.pos_ in ("NOUN", "PROPN", "PRON"))
                stack.extend(
                    c for c in tok.children
                    if self.rel(c) == Rel.APPOS and any(self.rel(g) == Rel.CONJ for g in c.children)
                )
        return tuple(sorted(out, key=lambda t: t.i))

    def is_relpron(self, tok: Token) -> bool:
        return tok.lower_ in self.classes.relative_pronouns and tok.tag_ in ("WDT", "WP", "WP$", "IN", "DT")

    # -- verbs --------------------------------------------------------------------------------
    def verb(self, tok: Token, depth: int = 0) -> Predication:
        cached = self._cache.get(tok.i)
        if cached is not None:
            return cached
        path: list[str] = [f"verb {tok.text}"]
        subj = [c for c in self.kids(tok, Rel.SUBJ) if not expletive(c)]
        psubj = self.kids(tok, Rel.PASS_SUBJ)
        if subj and self.small_clause(tok):
            # "ordered her citizenship revoked": the participle's "subject" is its patient
            subj, psubj = [], subj
            path.append(f"passive small clause of {tok.head.text}")
        by = self.pp(tok, "by") if any(self.rel(c) == Rel.AGENT for c in tok.children) or psubj else []
        if not by and psubj:
            # "were held hostage by militants": the parser hangs the by-agent on the predicate
            by = next((found for c in self.kids(tok, Rel.OPRD) if (found := self.pp(c, "by"))), [])
        if not by and (psubj or any(self.rel(c) == Rel.AUX_PASS for c in tok.children)):
            by = self.hands_of(tok)
        if not by and not subj and tok.tag_ == "VBG":
            # "weeks of shelling by Israeli artillery": a nominal gerund's by-phrase is its doer.
            by = self.pp(tok, "by")
        objects = [c for c in self.kids(tok, Rel.OBJ) if c.tag_ != "VBG" or c.pos_ != "VERB"]
        agent: list[Token] = []
        recipient_subj: list[Token] = []
        patient: list[Token] = list(objects)
        passive = bool(psubj) or any(self.rel(c) == Rel.AUX_PASS for c in tok.children)
        governor: Token | None = None
        phase: str | None = None
        mood: str | None = None
        if psubj and objects:
            # "Ukraine was given tanks": the passive subject received the object.
            recipient_subj = psubj
            patient, agent = objects, by
            path.append("passive with object: subject is recipient")
        elif psubj:
            patient, agent = psubj, by
            path.append("passive: subject is patient" + (", by-phrase agent" if by else ""))
        elif subj and by and not self.kids(tok, Rel.AUX) and tok.tag_ in ("VBN", "VBD"):
            # "A drone shot down by Kurdish forces crashed": a reduced relative the parser
            # flattened into a clause; the by-agent shows it is passive.
            patient, agent, passive = subj, by, True
            path.append("by-agent without auxiliary: subject is patient")
        elif subj:
            agent = subj
            path.append("active: subject is agent")
        elif by and tok.tag_ == "VBG":
            agent = by
            path.append("gerund: by-phrase is agent")
        if passive and not psubj and not agent:
            agent = by
        misread = misread_finite(tok, self.scheme)
        if misread is not None:
            agent = [misread[0]]
            patient = [misread[1]] if misread[1] is not None else patient
            path.append(f"misread name: {tok.text} is the verb, {misread[0].text} its subject")
        # Gaps: roles the clause shares with the words it hangs from.
        if not agent and self.rel(tok) == Rel.MOD and tok.tag_ == "VBG" and tok.i > 0 \
                and tok.doc[tok.i - 1].text == "," and depth < MAX_CLIMB:
            # "pounded the city, damaging power stations": a participle after a comma that the
            # parser made an adjective of the next noun is an adjunct of the clause before it.
            clause = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if clause is not None:
                agent, patient = list(self.verb(clause, depth + 1).agent), [tok.head]
                path.append(f"participle after a comma: {clause.text}'s subject acts")
        if depth < MAX_CLIMB and tok.head != tok and self.rel(tok) != Rel.MOD:
            agent, patient, governor, phase, passive, mood = self._gap(
                tok, agent, patient, passive, path, depth
            )
        if passive and not agent:
            agent = by or self._low_by(tok, objects)
        # Relative pronouns stand for the relativised noun; their own role was filled by the gap.
        agent = [a for a in agent if not self.is_relpron(a)]
        patient = [p for p in patient if not self.is_relpron(p)]
        recipient = self.kids(tok, Rel.IOBJ) if self.scheme == "ud" else [
            c for c in self.kids(tok, Rel.IOBJ) if c.pos_ != "ADP"
        ]
        if not recipient:
            recipient = recipient_subj or self.pp(tok, *VERB_RECIPIENT_PREPS)
        if not recipient:
            recipient = self._folded_recipient(objects, path)
        if not recipient:
            # "supplied weapons to Iraq" where the parser hangs the to-phrase on the object.
            for obj in objects:
                recipient = self.pp(obj, *VERB_RECIPIENT_PREPS)
                if recipient:
                    break
        if recipient and self.kids(tok, Rel.IOBJ):
            path.append("indirect object is recipient")
        pred = Predication(
            trigger=tok, kind="verb", agent=self.group(agent), patient=self.group(patient),
            recipient=self.group(recipient), passive=passive, governor=governor,
            phase=phase, mood=mood, path=tuple(path),
        )
        self._cache[tok.i] = pred
        return pred

    def _folded_recipient(self, objects: list[Token], path: list[str]) -> list[Token]:
        """"sold Islamabad 36 fighter jets": a name before a number inside the object phrase is an
        indirect object the parser folded into the phrase."""
        for obj in objects:
            numbers = [c.i for c in obj.children if c.dep_ == "nummod" or c.like_num]
            for child in obj.children:
                own = [g.i for g in child.children if g.dep_ == "nummod" and g.i > child.i]
                if child.pos_ == "PROPN" and self.rel(child) == Rel.COMPOUND and (
                    own or (numbers and child.i < min(numbers))
                ):
                    path.append(f"name before a number in the object: {child.text} is recipient")
                    return [child]
        return []

    def _low_by(self, tok: Token, objects: list[Token]) -> list[Token]:
        """A passive's by-phrase the parser hung on a noun of the clause ("a loan by the IMF",
        "imposed on Myanmar's generals by Britain"): the clause's agent all the same."""
        nouns = list(objects) + [h for _, h in preps(tok, self.scheme) if h.pos_ in ("NOUN", "PROPN")]
        for noun in nouns:
            found = self.pp(noun, "by")
            if found:
                return found
        return []

    def _gap(
        self, tok: Token, agent: list[Token], patient: list[Token], passive: bool, path: list[str], depth: int
    ) -> tuple[list[Token], list[Token], Token | None, str | None, bool, str | None]:
        head, r = tok.head, self.rel(tok)
        governor: Token | None = None
        phase: str | None = None
        mood: str | None = None
        relpron_subj = [a for a in agent if self.is_relpron(a)]
        relpron_pat = [p for p in patient if self.is_relpron(p)]
        if r == Rel.RELCL and any(c.lower_ in RELATIVE_ADVERBS for c in tok.children if c.i < tok.i):
            # "Syria, where he is accused of ...", "the day when troops arrived": the noun says
            # where or when the clause's act happened; it plays no part in it
            path.append(f"relative adverb: {head.text} is no participant")
        elif r == Rel.RELCL:
            if relpron_pat and passive:
                patient = [head]
                path.append(f"passive relative: {head.text} is patient")
            elif relpron_subj:
                agent = [head]
                path.append(f"subject-gap relative: {head.text} is agent")
            elif relpron_pat or (agent and not patient):
                patient = [head]
                path.append(f"object-gap relative: {head.text} is patient")
            elif not agent:
                agent = [head]
                path.append(f"relative without subject: {head.text} is agent")
        elif r == Rel.ACL and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if any(self.rel(c) == Rel.AUX and c.lower_ == "to" for c in tok.children):
                if not agent:
                    agent = list(self._noun_agent_only(head, depth))
                    path.append(f"infinitive under noun {head.text}: its agent acts")
                if head.lemma_.lower() not in self.classes.governing_nouns:
                    mood = "unrealised"  # "a plan to", "a refusal to": the act has not happened
                governor = head
            elif tok.tag_ == "VBN" or passive:
                if not patient:
                    patient = [head]
                passive = True
                path.append(f"reduced passive relative: {head.text} is patient")
            elif not agent:
                agent = [head]
                path.append(f"reduced relative: {head.text} is agent")
        elif head.pos_ in ("VERB", "AUX") and (
            r == Rel.XCOMP or (r == Rel.OBJ and tok.tag_ == "VBG" and head.lemma_.lower() in self.classes.phase_verbs)
        ):
            governor = head
            phase = self.classes.phase_verbs.get(head.lemma_.lower())
            if phase:
                path.append(f"phase verb {head.text}: {phase}")
            if not agent:
                outer = self.verb(head, depth + 1)
                head_objects = [c for c in self.kids(head, Rel.OBJ) if c.pos_ in ("PROPN", "NOUN", "PRON")]
                if head_objects and r == Rel.XCOMP and not phase:
                    agent = head_objects
                    path.append(f"object control: {head.text}'s object acts")
                elif outer.passive and outer.patient:
                    agent = list(outer.patient)
                    path.append(f"raising: {head.text}'s passive subject acts")
                else:
                    agent = list(outer.agent)
                    path.append(f"subject control: {head.text}'s subject acts")
        elif r == Rel.XCOMP and head.pos_ == "ADJ" and head.head != head:
            # "Ankara is willing to withdraw", "responsible for ..."
            governor = head
            if not agent:
                outer = self.verb(head.head, depth + 1)
                agent = list(outer.agent or outer.patient)
                path.append(f"adjective control: {head.text}'s subject acts")
        elif r == Rel.CONJ and head.pos_ in ("VERB", "AUX"):
            outer = self.verb(head, depth + 1)
            if passive and not patient and not outer.passive and coordinated_clause(tok):
                # "He travelled to Syria and is now being held", "joined the march and were
                # arrested by police": a passive conjunct without a subject of its own shares
                # the clause's grammatical subject as patient
                patient = list(outer.agent)
                path.append(f"passive conjunct of {head.text}: its subject is patient")
            elif not agent and not (passive and patient):
                if outer.passive and tok.tag_ == "VBN" and not patient:
                    # "detained and later deported by Belarusian authorities": its own by-phrase first.
                    patient, passive = list(outer.patient), True
                    agent = self.pp(tok, "by") or list(outer.agent)
                else:
                    agent = list(outer.agent)
                path.append(f"coordinated with {head.text}: shares its subject")
            phase = outer.phase
        elif r == Rel.ADVCL and head.pos_ in ("VERB", "AUX") and not agent:
            mark = next((c.lower_ for c in tok.children if self.rel(c) == Rel.MARK), None)
            if mark is not None and mark not in ASSERTED_GERUND_PREPS:
                mood = "unrealised"
            outer = self.verb(head, depth + 1)
            # "..., killing 30", "to press for talks", "Having rejected the proposal, Hamas fired":
            # a clause with no subject of its own shares the main clause's.
            agent = list(outer.agent)
            path.append(f"subjectless adverbial clause of {head.text}: its subject acts")
            if tok.tag_ == "VBN" and not self.kids(tok, Rel.AUX):
                passive = True  # "Arrested in May, ...": an adverbial past participle is passive
            if passive and outer.passive:
                # "Arrested in May, he was released": the shared subject is the main clause's
                # grammatical subject, a passive's patient
                agent = list(outer.patient)
            agent, patient = shared_subject_of_passive(agent, patient, passive, path)
        elif r == Rel.PCOMP and head.lower_ == "for" and head.head != head and self._agentive(head.head) \
                and head.head.head != head.head and head.head.head.pos_ in ("VERB", "AUX") and not agent:
            # "took credit for attacking a convoy", "was responsible for shelling the town"
            owner = head.head
            agent = list(self.verb(owner.head, depth + 1).agent)
            path.append(f"{owner.text} for: its subject acts")
        elif r == Rel.PCOMP and head.lower_ == "in" and not agent and self._share(head.head):
            # "played a key role in defeating Islamic State", "took part in storming the embassy"
            owner = head.head
            agent = list(self.verb(owner.head, depth + 1).agent)
            path.append(f"{owner.head.text} {owner.text} in: its subject acts")
        elif r == Rel.PCOMP and head.head != head and head.head.pos_ in ("VERB", "AUX") and (
            not agent or (passive and not patient)
        ):
            # "spent $30 million on equipping Iraqi police", "by sending troops"; a passive one
            # ("after being detained by police") shares the subject as its patient
            outer_head = head.head
            shared = list(self.verb(outer_head, depth + 1).agent)
            path.append(f"gerund under '{head.text}': {outer_head.text}'s agent acts")
            if agent:
                patient = shared
                path.append("the clause is passive: the shared subject is patient")
            else:
                agent, patient = shared_subject_of_passive(shared, patient, passive, path)
            owned = head.lower_ == "for" and outer_head.lemma_.lower() in self.classes.owning_verbs and any(
                o.lemma_.lower() in self.classes.agentive_nouns for o in self.kids(outer_head, Rel.OBJ))
            if owned:
                # "took credit for attacking", the parser hanging the for-phrase on the verb
                path.append(f"{outer_head.text} credit for: its subject did it")
            elif head.lower_ not in ASSERTED_GERUND_PREPS:
                mood = "unrealised"  # "before leaving", "without consulting"
        return agent, patient, governor, phase, passive, mood

    def _agentive(self, tok: Token) -> bool:
        """"responsible for", "credit for": the for-phrase is an act of the word's owner."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN"):
            return lemma in self.classes.agentive_nouns and self.rel(tok) == Rel.OBJ \
                and tok.head.lemma_.lower() in self.classes.owning_verbs
        return lemma in self.classes.agentive_adjectives

    def _share(self, tok: Token) -> bool:
        """"a key role", "part", "the lead" as the object of a verb of having a share in an act."""
        return tok.pos_ == "NOUN" and tok.lemma_.lower() in self.classes.role_nouns and self.rel(tok) == Rel.OBJ \
            and tok.head != tok and tok.head.lemma_.lower() in self.classes.share_verbs

    # -- nouns --------------------------------------------------------------------------------
    def _noun_agent_only(self, noun: Token, depth: int) -> tuple[Token, ...]:
        """The agent of a governing noun ("Washington's move to ...", "the decision by Turkey")."""
        if depth >= MAX_CLIMB:
            return ()
        return self.noun(noun, depth + 1).agent

    def noun(self, tok: Token, depth: int = 0) -> Predication:
        path: list[str] = [f"noun {tok.text}"]
        agent: list[Token] = []
        patient: list[Token] = []
        recipient: list[Token] = []
        governor: Token | None = None
        support: Token | None = None
        phase: str | None = None
        owners = self.kids(tok, Rel.POSS)
        befell = bool(owners) and tok.lemma_.lower() in self.classes.undergoer_nouns and not self.pp(tok, "of")
        if befell:
            path.append("possessor is patient")  # "his arrest in Zambia"
        elif owners:
            agent = owners
            path.append("possessor is agent")
        if not agent:
            agent = self.pp(tok, *NOUN_AGENT_PREPS) or self.hands_of(tok)
            if agent:
                path.append("by/from-phrase is agent")
        if not agent:
            agent = nationality_modifier(tok, self.scheme)
            if agent:
                path.append(f"modifier {agent[0].text} is agent")
        patient = owners if befell else self.pp(tok, *NOUN_PATIENT_PREPS)
        recipient = self.pp(tok, *NOUN_RECIPIENT_PREPS)
        # Where the noun stands: under a measure noun, a light or phase verb, a governing adjective.
        site = tok
        head = tok.head
        if self.rel(tok) == Rel.POBJ and head.lower_ == "of" and head.head.lemma_.lower() in self.classes.measure_nouns:
            measure = head.head
            path.append(f"measured by {measure.text}")
            if not agent:
                agent = self.pp(measure, *NOUN_AGENT_PREPS) or list(self.kids(measure, Rel.POSS))
            site, head = measure, measure.head
        r = self.rel(site)
        if r in (Rel.OBJ, Rel.PASS_SUBJ, Rel.ATTR) and head.pos_ in ("VERB", "AUX") and head != site:
            lemma = head.lemma_.lower()
            outer = self.verb(head, depth + 1) if depth < MAX_CLIMB else None
            if lemma in self.classes.phase_verbs:
                phase = self.classes.phase_verbs[lemma]
                governor = head
                path.append(f"phase verb {head.text}: {phase}")
            elif lemma in self.classes.support_verbs:
                support = governor = head
                path.append(f"light verb {head.text}")
            if governor is not None and outer is not None:
                if agent and all(a.pos_ == "PRON" for a in agent) and outer.agent:
                    # "Washington gave its backing to ...": the pronoun is the verb's subject.
                    agent = []
                if not agent:
                    agent = list(outer.agent)
                    path.append(f"{head.text}'s agent acts")
                if not recipient:
                    recipient = list(outer.recipient)
                if not patient:
                    patient = self.pp(head, *SUPPORT_PATIENT_PREPS)
        elif r == Rel.POBJ and head.head != head:
            adjective = head.head
            if self._agentive(adjective) and head.lower_ in ("for", "of") and adjective.head != adjective and not agent:
                governor = adjective
                outer = self.verb(adjective.head, depth + 1) if adjective.head.pos_ in ("VERB", "AUX") else None
                if outer is not None:
                    agent = list(outer.agent)
                    path.append(f"{adjective.text} for: its subject acts")
        if governor is None and depth < MAX_CLIMB:
            # "the sanctions Washington has imposed on Moscow", "the aid that Cairo received":
            # a light verb in an object-gap relative clause on the noun supports it.
            for clause in self.kids(tok, Rel.RELCL):
                if clause.lemma_.lower() not in self.classes.support_verbs:
                    continue
                inner = self.verb(clause, depth + 1)
                if tok not in inner.patient or not inner.agent:
                    continue
                support = governor = clause
                path.append(f"light verb {clause.text} in object-gap relative")
                if not agent or all(a.pos_ == "PRON" for a in agent):
                    agent = list(inner.agent)
                recipient = recipient or list(inner.recipient)
                patient = patient or self.pp(clause, *SUPPORT_PATIENT_PREPS)
                break
        return Predication(
            trigger=tok, kind="noun", agent=self.group(agent), patient=self.group(patient),
            recipient=self.group(recipient), governor=governor, phase=phase, support=support, path=tuple(path),
        )


def names_only(verb: Token) -> bool:
    """"what it called resistance workers", "called Israel a terrorist state": a naming verb
    with an object predicate describes, it does not act (syntax.yaml naming_verbs)."""
    if verb.lemma_.lower() not in syntax_classes().naming_verbs:
        return False
    rels = [rel(c) for c in verb.children]
    # (the small parser often reads the name given as a second object: "what it called
    # [resistance workers]")
    return Rel.OPRD in rels or rels.count(Rel.OBJ) >= 2

