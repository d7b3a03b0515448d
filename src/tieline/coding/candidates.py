"""Rules over a sentence's candidate events as a whole: an attack's toll is not a second attack,
a measure's reach is not violence, aid is not given to the enemy one fights. Each rule is a
function of the candidate list, so the coder applies them in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import permutations

from tieline.actors import Mention
from tieline.coding.frames import Frame

__all__ = [
    "DIRECTED_MODALITIES", "OPPOSING_PREPS", "POLICY_DOERS", "VIOLENT_ROOTS", "Candidate", "directed",
    "drop_aid_to_enemies", "drop_measure_violence", "merge_consequences", "pairs",
]

#: Roots of violent acts: a participle clause of one such act naming another ("shelled the
#: city, killing eight") reports the first act's toll.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
#: Roots of acts that can be such a toll: deaths and wounds (19, 20). An assault of its own
#: kind in the participle clause ("attacked a train, taking many hostages") is a second act.
TOLL_ROOTS = frozenset({"19", "20"})
#: Roots of aid (CAMEO 07).
AID_ROOT = "07"


@dataclass(slots=True)
class Candidate:
    """A frame on its way to events: its code and modality so far, and its resolved sides."""

    frame: Frame
    code: str
    modality: str | None
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)




def merge_consequences(candidates: list[Candidate]) -> list[Candidate]:
    """"Shelled the city, killing eight" and "the airstrikes killed eight": the deaths are the
    attack's toll, not a second attack. The toll's victims become the attack's target when it
    only had a place or their bare country ("attacked a base in Afghanistan, killing 17 Afghan
    soldiers"), and its actor the attack's when the attack names none."""
    violent = {c.frame.trigger.i: c for c in candidates if c.code[:2] in VIOLENT_ROOTS}
    parent: dict[int, Candidate] = {}
    for cand in candidates:
        if cand.code[:2] not in TOLL_ROOTS or cand.frame.nominal:
            continue
        trig = cand.frame.trigger
        main = None
        if trig.dep_ in ("advcl", "conj") and trig.tag_ == "VBG" and trig.head.i != trig.i:
            main = violent.get(trig.head.i)  # "shelled the city, killing eight"
            main = main if main is not None and not main.frame.nominal else None
        if main is None and cand.frame.sources:
            main = violent.get(cand.frame.sources[0].i)  # "the strikes killed eight"
        if main is not None and main is not cand:
            parent[id(cand)] = main
    for cand in candidates:
        if id(cand) not in parent:
            continue
        main, hops = parent[id(cand)], 0
        while id(main) in parent and hops < len(candidates):  # "strikes hit the town, killing 32"
            main, hops = parent[id(main)], hops + 1
        if _vaguer(main.targets, cand.targets):
            main.targets = cand.targets
        # (the toll's subject may be the attack itself, "the bombing of a French base that
        # killed ...": what its phrase names is its target, not a doer)
        struck = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in main.frame.targets]
        toll_of_attack = bool(cand.frame.sources) and cand.frame.sources[0].i == main.frame.trigger.i and any(
            lo <= m.start < hi for m in cand.sources for lo, hi in struck
        )
        if _vaguer(main.sources, cand.sources) and not toll_of_attack:
            main.sources = cand.sources
    return [c for c in candidates if id(c) not in parent]


#: Modalities that make an act a directed one (the asker to the asked), whatever the act;
#: stopping a mutual tie is one side's act ("is to suspend cooperation with the US").
DIRECTED_MODALITIES = ("refuse", "appeal", "demand", "threat", "construction", "phase:stop")


#: Doers that are policies, not forces: "Britain's open door approach is hitting low-wage
#: workers", "the new law targets migrants", "the White House effort targeting fentanyl".
POLICY_DOERS = frozenset({"policy", "approach", "law", "plan", "measure", "decision", "tax", "rule", "reform",
                          "budget", "cut", "regulation", "legislation", "bill", "programme", "program",
                          "effort", "initiative", "strategy", "order", "ban"})


def drop_measure_violence(candidates: list[Candidate], measures: frozenset[str]) -> list[Candidate]:
    """"Tariffs targeting Canada", "sanctions hit Russia's banks": a violent verb whose doer is a
    non-violent measure (`measures`: the lexicon's `sanctions` class and POLICY_DOERS) is that
    measure's reach, not an attack."""
    return [
        c for c in candidates
        if not (c.code[:2] in VIOLENT_ROOTS and not c.frame.nominal and c.frame.sources
                and all(s.lemma_.lower() in measures for s in c.frame.sources))
    ]


def directed(cand: Candidate) -> bool:
    return cand.modality is not None and cand.modality.startswith(DIRECTED_MODALITIES)


#: Prepositions that name the side a joint act is against: its partners are then not each other.
OPPOSING_PREPS = ("against", "on")


def pairs(cand: Candidate) -> list[tuple[Mention, Mention]]:
    """The (source, target) pairs a candidate's sides make: directed acts one way; a symmetric
    act's coordinated doers with each other, or with a partner both ways, but not when the
    act is against a third party ("Britain and France joined the fight against Isis")."""
    frame = cand.frame
    src, tgt = cand.sources, cand.targets
    symmetric = frame.entry.symmetric
    if directed(cand):
        return [(s, t) for s in src for t in tgt]
    if frame.target_prep == "between" and not src:
        return [(a, b) for a, b in permutations(tgt, 2)]
    if not tgt and symmetric and len(src) >= 2:
        return [(a, b) for a, b in permutations(src, 2)]
    out = [(s, t) for s in src for t in tgt]
    if frame.joint or (symmetric and len(src) >= 2 and frame.target_prep not in OPPOSING_PREPS):
        out += [(t, s) for s, t in out]
    return out


def _vaguer(mentions: list[Mention], other: list[Mention]) -> bool:
    """True when `other` says more: `mentions` is empty, or only places and bare countries that
    `other` names with a sector ("Syria" against "the Syrian regime")."""
    countries = {m.actor.country for m in other}
    return bool(other) and all(
        m.actor.resolution.startswith("place:") or (m.actor.sector is None and m.actor.country in countries)
        for m in mentions
    )


def drop_aid_to_enemies(candidates: list[Candidate]) -> list[Candidate]:
    """"Turkey sent troops to fight Isis": the troops are sent against Isis, not as aid to it. Aid
    whose targets the same sources attack in the same sentence is dropped."""
    attacked = {
        (s.actor.code, t.actor.code)
        for c in candidates if c.code[:2] in VIOLENT_ROOTS for s in c.sources for t in c.targets
    }
    out = []
    for c in candidates:
        if c.code[:2] == AID_ROOT and c.sources and c.targets and all(
            (s.actor.code, t.actor.code) in attacked for s in c.sources for t in c.targets
        ):
            continue
        out.append(c)
    return out
