"""Load the verb, noun and modality lexicons (package data YAML) into lookup tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tieline.errors import DataError
from tieline.ontology import is_cameo

__all__ = ["NO_EVENT", "Entry", "Lexicon", "Modality", "get_lexicon"]


#: The code of an entry whose sense is no event: being the most specific match, it keeps the
#: bare lemma's code from these objects ("defended the border" is no verbal defence, 052).
NO_EVENT = "-"


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon line: a predicate lemma (plus particle), optional object words, a CAMEO code."""

    lemma: str
    code: str
    group: str
    line: int
    kind: str  # "verb" or "noun"
    particle: str | None = None
    words: frozenset[str] = frozenset()
    symmetric: bool = False
    mutual: bool = False
    reverse: bool = False
    #: A third party's act on the parties named in a between-phrase (mediation).
    third_party: bool = False
    speech: bool = False
    object_is_target: bool = True
    target_preps: tuple[str, ...] = ()
    #: Code of the act when no partner is named ("held military exercises in Alaska" is a show
    #: of force, "held joint exercises with Pakistan" cooperation).
    alone_code: str | None = None
    #: The place an act is about is its target whatever the act's root ("condolences for the
    #: shootings in Texas").
    place_is_target: bool = False
    #: The sense needs the verb without a direct object ("protesters demonstrated", not
    #: "demonstrated its clout").
    intransitive: bool = False
    #: The sense needs a direct object ("returned the land to Syria", not "returned to Syria").
    transitive: bool = False
    #: The object is a topic ("discussed China's role"): neither it nor its owner is a partner.
    topic: bool = False
    #: The to-phrase is where people are sent ("deported them to Turkey"), never the target.
    destination: bool = False
    #: the subject underwent the act, as a passive's does ("spent four months in jail")
    undergoer: bool = False
    #: Code of the guest's act when the entry is a host's ("hosted Erdogan": Erdogan visited, 042).
    guest_code: str | None = None
    #: The data file the entry comes from; defaults to the kind's lexicon file.
    file: str = ""
    #: The object constraint as written when it names a word class ("@condemnation"): rule ids
    #: name the class rather than list its words.
    words_label: str = ""

    @property
    def rule_id(self) -> str:
        head = f"{self.lemma} {self.particle}" if self.particle else self.lemma
        cond = f"[{self.words_label or '|'.join(sorted(self.words))}]" if self.words else ""
        return f"{self.file or self.kind + 's.yaml'}:{self.group}:{head}{cond}->{self.code}"


@dataclass(frozen=True, slots=True)
class Modality:
    negation_words: frozenset[str]
    negation_verbs: frozenset[str]
    hypothetical_markers: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    future_aux: frozenset[str]
    speculation_aux: frozenset[str]
    intent_verbs: frozenset[str]
    consider_verbs: frozenset[str]
    attempt_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    threat_verbs: frozenset[str]
    refuse_verbs: frozenset[str]
    appeal_verbs: frozenset[str]
    #: Appeal verbs that appeal only with one of these particles ("call on").
    appeal_particles: dict[str, frozenset[str]]
    demand_verbs: frozenset[str]
    #: An authority's order that a coercive act be done is the act: verbs and act roots.
    command_verbs: frozenset[str] = frozenset()
    command_roots: frozenset[str] = frozenset()
    #: Nouns whose that-clause is asked for, by kind ("demand", "appeal").
    asking_nouns: dict[str, str] = field(default_factory=dict)
    #: Modal auxiliary -> entry coding "X said Y must/should do Z" as a demand/appeal on Y.
    obligations: dict[str, Entry] = field(default_factory=dict)
    maps: dict[str, dict[str, str | None]] = field(default_factory=dict)
    #: Crowd violence: words naming a crowd of demonstrators, and for riots (crowd as source)
    #: and repression (security sectors against a crowd) the code and the act prefixes it replaces.
    crowd_words: frozenset[str] = frozenset()
    riot: tuple[str, tuple[str, ...]] = ("145", ())
    repression: tuple[str, tuple[str, ...]] = ("175", ())
    repression_sectors: frozenset[str] = frozenset()
    #: Allegation verbs, and the code of a claim of one's own act of a conflict root.
    allegation_verbs: frozenset[str] = frozenset()
    allegation_nouns: frozenset[str] = frozenset()
    speculation_adverbs: frozenset[str] = frozenset()
    speculation_verbs: frozenset[str] = frozenset()
    necessity_verbs: frozenset[str] = frozenset()
    prediction_verbs: frozenset[str] = frozenset()
    #: Every verb that controls an act it does not assert (intent, appeal, demand, threat,
    #: refusal, consideration, attempt): derived once from those lists when the lexicon loads.
    control_verbs: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    prospect_nouns: frozenset[str] = frozenset()
    preventing_verbs: frozenset[str] = frozenset()
    #: Verbs of warning, and the code of a warning that threatens nothing of the speaker's side.
    warning_verbs: frozenset[str] = frozenset()
    warning_comment: str = "012"
    #: Predicates announcing an act as coming, and the code of a warning of force so announced.
    imminent: frozenset[str] = frozenset()
    warning_force: str = "138"
    #: Words of a warning's clause that say the warned side will pay for it (a threat).
    consequences: frozenset[str] = frozenset()
    own_act: tuple[str, frozenset[str]] = ("015", frozenset())
    #: Verbal clash: the fighting codes it replaces, its code, and the sectors that make a clash a fight.
    verbal_clash: tuple[str, tuple[str, ...]] = ("111", ())
    #: Fight verbs and the sectors between which their fighting is a feud (verbal_clash).
    feud: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: Support verbs, the acts they code, the military-aid code and the armed source sectors.
    armed_backing: tuple[frozenset[str], tuple[str, ...], str, frozenset[str]] = (frozenset(), (), "072", frozenset())
    armed_sectors: frozenset[str] = frozenset()
    #: Reported wrongdoing: speech verbs, and clause verb lemma -> accusation code.
    reporting_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    wrongdoing: dict[str, str] = field(default_factory=dict)
    #: Reported condemnation: copulas, and the code of a clause whose predicate condemns.
    copulas: frozenset[str] = frozenset()
    condemnation_code: str = "111"

    def lookup(self, kind: str, code: str) -> str | None:
        """Longest-prefix lookup where a missing or null entry means the act has no such
        variant (the stop map: a stopped attack is no event)."""
        table = self.maps[kind]
        for n in range(len(code), -1, -1):
            if code[:n] in table:
                return table[code[:n]]
        return None

    def convert(self, kind: str, code: str) -> str | None:
        """Longest-prefix lookup of an act's modal variant; None means keep the act's code."""
        table = self.maps[kind]
        for n in range(len(code), -1, -1):
            if code[:n] in table:
                return table[code[:n]]
        return None


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    light_verbs: frozenset[str]
    modality: Modality
    classes: dict[str, frozenset[str]]

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


def _check_words(node: object, where: str) -> None:
    """YAML reads a bare no, yes, on or off in a word list as a boolean ("no" became False and
    stopped negating): every list item must be text or a nested structure."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_words(value, f"{where}.{key}")
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, bool) or item is None:
                raise DataError(f"{where}: list item {item!r} is not a word; quote it ('no', 'on')")
            _check_words(item, where)


def _read(name: str) -> dict[str, Any]:
    text = resources.files("tieline.coding").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    _check_words(data, name)
    if not isinstance(data, dict):
        raise DataError(f"lexicon file {name} is not a mapping")
    return data


def _parse_line(
    raw: str, *, kind: str, group: str, line: int, classes: dict[str, frozenset[str]]
) -> Entry:
    parts = [p.strip() for p in raw.split("|")]
    if len(parts) == 2:
        head, code, words_s, flags_s = parts[0], parts[1], "", ""
    elif len(parts) == 3:
        # "lemma | code | flags" or "lemma | words | code"
        if parts[1].isdigit() and not parts[2].isdigit():
            head, code, words_s, flags_s = parts[0], parts[1], "", parts[2]
        else:
            head, words_s, code, flags_s = parts[0], parts[1], parts[2], ""
    elif len(parts) == 4:
        head, words_s, code, flags_s = parts
    else:
        raise DataError(f"{kind}s.yaml group {group}: cannot parse entry {raw!r}")
    if code != NO_EVENT and not is_cameo(code):
        raise DataError(f"{kind}s.yaml group {group}: unknown CAMEO code {code!r} in {raw!r}")
    words: set[str] = set()
    for w in words_s.split():
        if w == "-":
            continue
        if w.startswith("@"):
            if w[1:] not in classes:
                raise DataError(f"{kind}s.yaml: unknown word class {w!r} in {raw!r}")
            words |= classes[w[1:]]
        else:
            words.add(w.lower())
    lemma, _, particle = head.lower().partition(" ")
    flags = flags_s.split()
    preps: tuple[str, ...] = ()
    alone: str | None = None
    guest: str | None = None
    for f in flags:
        if f.startswith("tprep="):
            preps = tuple(f.removeprefix("tprep=").split(","))
        elif f.startswith("guest="):
            guest = f.removeprefix("guest=")
            if not is_cameo(guest):
                raise DataError(f"{kind}s.yaml group {group}: unknown CAMEO code {guest!r} in {raw!r}")
        elif f.startswith("alone="):
            alone = f.removeprefix("alone=")
            if not is_cameo(alone):
                raise DataError(f"{kind}s.yaml group {group}: unknown CAMEO code {alone!r} in {raw!r}")
    return Entry(
        lemma=lemma,
        code=code,
        group=group,
        line=line,
        kind=kind,
        particle=particle or None,
        words=frozenset(words),
        symmetric="sym" in flags,
        mutual="mutual" in flags,
        reverse="rev" in flags,
        third_party="third" in flags,
        speech="say" in flags,
        object_is_target="noobj" not in flags,
        target_preps=preps,
        alone_code=alone,
        place_is_target="tplace" in flags,
        intransitive="intrans" in flags,
        transitive="trans" in flags,
        topic="topic" in flags,
        destination="dest" in flags,
        undergoer="undergo" in flags,
        guest_code=guest,
        words_label="|".join(words_s.split()) if "@" in words_s else "",
    )


def _entries(data: dict[str, Any], key: str, kind: str, classes: dict[str, frozenset[str]]) -> dict[
    str, tuple[Entry, ...]
]:
    table: dict[str, list[Entry]] = {}
    n = 0
    for group, body in (data.get("groups") or {}).items():
        if not body.get("reason"):
            raise DataError(f"{kind}s.yaml group {group} has no reason")
        for raw in body.get(key) or ():
            n += 1
            entry = _parse_line(str(raw), kind=kind, group=group, line=n, classes=classes)
            table.setdefault(entry.lemma, []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


@cache
def get_lexicon() -> Lexicon:
    """The packaged lexicon, parsed and validated once per process."""
    verbs_data = _read("verbs.yaml")
    nouns_data = _read("nouns.yaml")
    mod = _read("modality.yaml")
    classes = {k: frozenset(w.lower() for w in v) for k, v in (verbs_data.get("classes") or {}).items()}
    maps = {
        kind: {str(k): (str(v) if v is not None else None) for k, v in (mod.get(f"{kind}_map") or {}).items()}
        for kind in ("intent", "consider", "attempt", "appeal", "demand", "refuse", "threat", "stop")
    }
    for kind, table in maps.items():
        for prefix, target in table.items():
            if target is not None and not is_cameo(target):
                raise DataError(f"modality.yaml {kind}_map: unknown CAMEO code {target!r} for {prefix!r}")
    crowd = mod["crowd_violence"]
    for part in ("riot", "repression"):
        if not is_cameo(str(crowd[part]["code"])):
            raise DataError(f"modality.yaml crowd_violence: unknown CAMEO code {crowd[part]['code']!r}")
    reported = mod["reported_wrongdoing"]
    wrongdoing = {
        str(verb): str(reported[f"{kind}_code"])
        for kind in ("failure", "wrongdoing") for verb in reported[f"{kind}_verbs"]
    }
    for code in {*wrongdoing.values(), str(reported["condemnation_code"])}:
        if not is_cameo(code):
            raise DataError(f"modality.yaml reported_wrongdoing: unknown CAMEO code {code!r}")
    if not is_cameo(str(mod["armed_backing"]["code"])):
        raise DataError(f"modality.yaml armed_backing: unknown CAMEO code {mod['armed_backing']['code']!r}")
    if not is_cameo(str(mod["verbal_clash"]["code"])):
        raise DataError(f"modality.yaml verbal_clash: unknown CAMEO code {mod['verbal_clash']['code']!r}")
    if not is_cameo(str(mod["warning"]["comment_code"])):
        raise DataError(f"modality.yaml warning: unknown CAMEO code {mod['warning']['comment_code']!r}")
    modality = Modality(
        negation_words=frozenset(mod["negation"]["words"]),
        negation_verbs=frozenset(mod["negation"]["verbs"]),
        hypothetical_markers=frozenset(mod["hypothetical"]["markers"]),
        hypothetical_adjectives=frozenset(mod["hypothetical"].get("adjectives") or ()),
        future_aux=frozenset(mod["future"]["aux"]),
        speculation_aux=frozenset(mod["hypothetical"].get("speculation_aux") or ()),
        intent_verbs=frozenset(mod["intent_verbs"]["lemmas"]),
        consider_verbs=frozenset(mod["consider_verbs"]["lemmas"]),
        attempt_verbs=frozenset(mod["attempt_verbs"]["lemmas"]),
        intent_adjectives=frozenset(mod["intent_adjectives"]["lemmas"]),
        threat_verbs=frozenset(mod["threat_verbs"]["lemmas"]),
        refuse_verbs=frozenset(mod["refuse_verbs"]["lemmas"]),
        appeal_verbs=frozenset(mod["appeal_verbs"]["lemmas"]),
        appeal_particles={
            str(k): frozenset(str(p) for p in v)
            for k, v in (mod["appeal_verbs"].get("only_with_particle") or {}).items()
        },
        demand_verbs=frozenset(mod["demand_verbs"]["lemmas"]),
        command_verbs=frozenset(mod["command_verbs"]["lemmas"]),
        command_roots=frozenset(str(r) for r in mod["command_verbs"]["roots"]),
        asking_nouns={str(n): kind for kind in ("demand", "appeal") for n in mod["demand_nouns"][kind]},
        obligations={
            str(aux): Entry(lemma=str(aux), code=str(code), group="obligation", line=0, kind="verb",
                            file="modality.yaml")
            for aux, code in (mod["obligation"]["aux"] or {}).items()
        },
        maps=maps,
        crowd_words=frozenset(crowd["crowd_words"]),
        riot=(str(crowd["riot"]["code"]), tuple(str(a) for a in crowd["riot"]["acts"])),
        repression=(str(crowd["repression"]["code"]), tuple(str(a) for a in crowd["repression"]["acts"])),
        repression_sectors=frozenset(crowd["repression"]["sectors"]),
        allegation_verbs=frozenset(mod["allegation"]["verbs"]),
        allegation_nouns=frozenset(mod["allegation"]["nouns"]),
        speculation_adverbs=frozenset(mod["hypothetical"]["speculation_adverbs"]),
        speculation_verbs=frozenset(mod["hypothetical"]["speculation_verbs"]),
        necessity_verbs=frozenset(mod["hypothetical"]["necessity_verbs"]),
        prediction_verbs=frozenset(mod["intent_verbs"].get("prediction") or ()),
        topic_nouns=frozenset(mod["hypothetical"]["topic_nouns"]),
        prospect_nouns=frozenset(mod["hypothetical"]["prospect_nouns"]),
        preventing_verbs=frozenset(mod["negation"]["preventing_verbs"]),
        warning_verbs=frozenset(mod["warning"]["verbs"]),
        warning_comment=str(mod["warning"]["comment_code"]),
        imminent=frozenset(mod["warning"]["imminent"]),
        warning_force=str(mod["warning"]["force_code"]),
        consequences=frozenset(mod["warning"].get("consequences", ())),
        own_act=(str(mod["allegation"]["own_act_code"]), frozenset(str(r) for r in mod["allegation"]["own_act_roots"])),
        verbal_clash=(str(mod["verbal_clash"]["code"]), tuple(str(a) for a in mod["verbal_clash"]["acts"])),
        feud=(frozenset(mod["verbal_clash"]["fight_verbs"]), frozenset(mod["verbal_clash"]["political_sectors"])),
        armed_backing=(
            frozenset(mod["armed_backing"]["verbs"]), tuple(str(a) for a in mod["armed_backing"]["acts"]),
            str(mod["armed_backing"]["code"]), frozenset(mod["armed_backing"]["sectors"]),
        ),
        armed_sectors=frozenset(mod["verbal_clash"]["armed_sectors"]),
        reporting_verbs=frozenset(reported["speech_verbs"]),
        claim_nouns=frozenset(reported["claim_nouns"]),
        wrongdoing=wrongdoing,
        copulas=frozenset(reported["copulas"]),
        condemnation_code=str(reported["condemnation_code"]),
    )
    modality = replace(modality, control_verbs=(
        modality.intent_verbs | modality.appeal_verbs | modality.demand_verbs | modality.threat_verbs
        | modality.refuse_verbs | modality.consider_verbs | modality.attempt_verbs
    ))
    return Lexicon(
        verbs=_entries(verbs_data, "verbs", "verb", classes),
        nouns=_entries(nouns_data, "nouns", "noun", classes),
        light_verbs=frozenset(nouns_data["light_verbs"]["lemmas"]),
        modality=modality,
        classes=classes,
    )
