"""Scoring: pure functions from (gold records, produced events) to metrics and outcomes.

Conventions shared by every set:

* The *main event* of a sentence is the produced event with the highest confidence; ties
  go to the first in the coder's order. No produced event means "no event".
* Dyad tuples compare actors at country level: an actor's key is its ISO country, else the
  first three letters of its code (``IGO`` for ``IGOUNO``, ``---`` for an unknown actor).
  Gold compound actors expand to every (source, target) pair. Where the gold gives no
  source or target, that side matches anything.
* Precision counts produced tuples that match some gold tuple of the same sentence; recall
  counts gold tuples matched by some produced tuple. Both are micro-averaged over sentences.
* Each sentence gets at most one error kind (see `classify`), used for the error report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from tieline.eval.gold import GoldRecord, country_key
from tieline.ontology import PENTACLASS_NAMES
from tieline.records import Actor, Event

__all__ = [
    "ARTICLE_HALVES",
    "ERROR_KINDS",
    "METRIC_NAMES",
    "NO_EVENT",
    "PENTACLASS_NAMES",
    "PLOVER_QUAD",
    "ErrorKind",
    "Half",
    "Outcome",
    "SetScore",
    "actor_key",
    "classify",
    "main_event",
    "match_tuples",
    "pentaclass_of",
    "prf",
    "score_pentaclass",
    "score_petr2",
    "score_plover",
    "score_set",
    "top_confusions",
]

ErrorKind = Literal["wrong_type", "missed", "wrong_source", "wrong_target", "extra"]
#: Error kinds from most to least severe (the order "worst errors" are listed in).
ERROR_KINDS: tuple[ErrorKind, ...] = ("wrong_type", "missed", "wrong_source", "wrong_target", "extra")

#: Label shown for "the coder produced no event" in confusions.
NO_EVENT = "NONE"

#: Quad category of each current PLOVER type (1 verbal coop, 2 material coop, 3 verbal
#: conflict, 4 material conflict), as each type's section of the PLOVER manual states it.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

#: The halves of the article gold (tieline.eval.articles says what each is).
Half = Literal["dev", "heldout", "dev2", "dev3", "heldout3", "dev4", "heldout4"]
ARTICLE_HALVES: tuple[Half, ...] = ("dev", "heldout", "dev2", "dev3", "heldout3", "dev4", "heldout4")

#: Metrics each set reports as numbers (the names a floors file may pin).
METRIC_NAMES: dict[str, tuple[str, ...]] = {
    # The article gold (tieline.eval.articles), per half.
    "articles": tuple(
        f"{half}_{metric}" for half in ARTICLE_HALVES
        for metric in ("recall", "precision", "f1", "gold_events", "produced_events", "articles")
    ),
    "plover": (
        "plover_type_accuracy", "quad_accuracy", "dyad_type_precision", "dyad_type_recall",
        "dyad_type_f1", "no_output_rate",
    ),
    "petr2": (
        "root_accuracy", "root_dyad_precision", "root_dyad_recall", "root_dyad_f1",
        "full_code_precision", "full_code_recall", "full_code_f1",
        "exact_precision", "exact_recall", "exact_f1", "no_event_accuracy",
    ),
    "pentaclass": ("accuracy", "macro_f1"),
}  # fmt: skip

#: One side of a gold tuple: a key, a set of keys (any member matches) or None (anything matches).
GoldSide = str | frozenset[str] | None
#: A gold dyad tuple (source, target, label) and a produced one.
GoldTuple = tuple[GoldSide, GoldSide, str]
Tuple3 = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the coder did on one gold sentence."""

    record: GoldRecord
    events: tuple[Event, ...]
    main: Event | None
    expected: str
    produced: str
    kind: ErrorKind | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SetScore:
    """Metrics, confusion (gold label -> produced label -> count) and per-sentence outcomes."""

    set_name: str
    metrics: dict[str, float]
    confusion: dict[str, dict[str, int]]
    outcomes: tuple[Outcome, ...]
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def error_counts(self) -> dict[str, int]:
        counts = Counter(o.kind for o in self.outcomes if o.kind)
        return {kind: counts.get(kind, 0) for kind in ERROR_KINDS}


# -- building blocks -------------------------------------------------------------------------


def main_event(events: Sequence[Event]) -> Event | None:
    """The highest-confidence event; the first one wins a tie; None when there is none."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def actor_key(actor: Actor) -> str:
    """Country-level key of a produced actor: its ISO country, else its code's first 3 letters."""
    return country_key(actor.country) if actor.country else country_key(actor.code)


def prf(matched_produced: int, n_produced: int, matched_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = matched_produced / n_produced if n_produced else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _side_ok(gold: GoldSide, produced: str) -> bool:
    if gold is None:
        return True
    return gold == produced if isinstance(gold, str) else produced in gold


def _matches(gold: GoldTuple, produced: Tuple3) -> bool:
    return gold[2] == produced[2] and _side_ok(gold[0], produced[0]) and _side_ok(gold[1], produced[1])


def _side_text(side: GoldSide) -> str:
    return "any" if side is None else side if isinstance(side, str) else "|".join(sorted(side))


def match_tuples(gold: Sequence[GoldTuple], produced: Sequence[Tuple3]) -> tuple[int, int]:
    """(produced tuples matching some gold tuple, gold tuples matched by some produced tuple)."""
    gold_set, produced_set = set(gold), set(produced)
    hit_produced = sum(1 for p in produced_set if any(_matches(g, p) for g in gold_set))
    hit_gold = sum(1 for g in gold_set if any(_matches(g, p) for p in produced_set))
    return hit_produced, hit_gold


def classify(
    gold: Sequence[GoldTuple], produced: Sequence[Tuple3], main: Tuple3 | None
) -> tuple[ErrorKind | None, str]:
    """The one error kind of a sentence (None if right) and a short reason.

    In order: gold has no event but the coder has some -> extra; coder has none -> missed;
    main label not among gold labels -> wrong_type; no gold event of that label has the main
    event's source -> wrong_source; nor its (source, target) -> wrong_target; a produced tuple
    matches no gold tuple -> extra; a gold tuple is matched by none -> missed.
    """
    gold_set, produced_set = set(gold), set(produced)
    if not gold_set:
        if produced_set:
            return "extra", f"{len(produced_set)} event(s) where the gold has none"
        return None, ""
    if main is None:
        return "missed", "no event produced"
    same_label = [g for g in gold_set if g[2] == main[2]]
    if not same_label:
        return "wrong_type", f"main event {main[2]} not in gold {sorted({g[2] for g in gold_set})}"
    if not any(_side_ok(g[0], main[0]) for g in same_label):
        return "wrong_source", f"source {main[0]}, gold {sorted({_side_text(g[0]) for g in same_label})}"
    if not any(_matches(g, main) for g in same_label):
        return "wrong_target", f"target {main[1]}, gold {sorted({_side_text(g[1]) for g in same_label})}"
    hit_produced, hit_gold = match_tuples(list(gold_set), list(produced_set))
    if hit_produced < len(produced_set):
        return "extra", f"{len(produced_set) - hit_produced} produced tuple(s) not in gold"
    if hit_gold < len(gold_set):
        return "missed", f"{len(gold_set) - hit_gold} of {len(gold_set)} gold tuple(s) not produced"
    return None, ""


def top_confusions(confusion: dict[str, dict[str, int]], n: int = 10) -> list[tuple[str, str, int]]:
    """The `n` most frequent (gold, produced, count) cells off the diagonal."""
    cells = [
        (gold, produced, count)
        for gold, row in confusion.items()
        for produced, count in row.items()
        if gold != produced and count
    ]
    return sorted(cells, key=lambda c: (-c[2], c[0], c[1]))[:n]


def _confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for gold, produced in pairs:
        row = table.setdefault(gold, {})
        row[produced] = row.get(produced, 0) + 1
    return table


def _check_lengths(records: Sequence[GoldRecord], produced: Sequence[Sequence[Event]]) -> None:
    if len(records) != len(produced):
        raise ValueError(f"{len(records)} gold records but {len(produced)} produced event lists")


def _gold_tuples(record: GoldRecord, *, root: bool = False, full_actor: bool = False) -> list[GoldTuple]:
    tuples: list[GoldTuple] = []
    for ev in record.events:
        label = ev.label[:2] if root else ev.label
        if ev.reciprocal:
            # Actors acting together (a meeting, a joint agreement): one gold tuple that any
            # directed dyad between two of them satisfies, as CAMEO-style coders split it.
            members = frozenset(ev.source_codes if full_actor else ev.sources)
            tuples.append((members, members, label))
            continue
        sources: Sequence[str | None] = (ev.source_codes if full_actor else ev.sources) or (None,)
        targets: Sequence[str | None] = (ev.target_codes if full_actor else ev.targets) or (None,)
        tuples += [(s, t, label) for s in sources for t in targets]
    return tuples


def _gold_summary(record: GoldRecord) -> str:
    """Gold events as 'LABEL SRC->TGT' (compound actors joined by '+', '?' where unstated)."""
    return " ; ".join(
        f"{ev.label} {'<->'.join(ev.source_codes)}" if ev.reciprocal
        else f"{ev.label} {'+'.join(ev.source_codes) or '?'}->{'+'.join(ev.target_codes) or '?'}"
        for ev in record.events
    ) or NO_EVENT


# -- the three sets --------------------------------------------------------------------------


def score_plover(records: Sequence[GoldRecord], produced: Sequence[Sequence[Event]]) -> SetScore:
    """PLOVER GSR: PLOVER type accuracy, quad accuracy, (source, target, type) P/R/F1.

    The gold has no CAMEO codes, so no CAMEO metric is reported for this set.
    """
    _check_lengths(records, produced)
    outcomes, pairs = [], []
    correct = quad_correct = no_output = 0
    hit_p = n_p = hit_g = n_g = 0
    for record, events in zip(records, produced, strict=True):
        main = main_event(events)
        gold = _gold_tuples(record)
        mine = [(actor_key(e.source), actor_key(e.target), e.plover.upper()) for e in events]
        gold_labels = {g[2] for g in gold}
        main_label = main.plover.upper() if main else NO_EVENT
        correct += main_label in gold_labels
        gold_quads = {PLOVER_QUAD.get(g) for g in gold_labels}
        quad_correct += main is not None and PLOVER_QUAD.get(main_label) in gold_quads
        no_output += not events
        hp, hg = match_tuples(gold, mine)
        hit_p, n_p, hit_g, n_g = hit_p + hp, n_p + len(set(mine)), hit_g + hg, n_g + len(set(gold))
        main_tuple = (actor_key(main.source), actor_key(main.target), main_label) if main else None
        kind, detail = classify(gold, mine, main_tuple)
        expected = _gold_summary(record)
        pairs.append((main_label if main_label in gold_labels else sorted(gold_labels)[0], main_label))
        outcomes.append(Outcome(record, tuple(events), main, expected, main_label, kind, detail))
    n = len(records)
    p, r, f = prf(hit_p, n_p, hit_g, n_g)
    metrics = {
        "n_sentences": float(n),
        "plover_type_accuracy": correct / n if n else 0.0,
        "quad_accuracy": quad_correct / n if n else 0.0,
        "dyad_type_precision": p,
        "dyad_type_recall": r,
        "dyad_type_f1": f,
        "no_output_rate": no_output / n if n else 0.0,
    }
    notes = ("no CAMEO metrics: the PLOVER gold codes PLOVER types only",)
    return SetScore("plover", metrics, _confusion(pairs), tuple(outcomes), notes=notes)


def score_petr2(records: Sequence[GoldRecord], produced: Sequence[Sequence[Event]]) -> SetScore:
    """PETR-2 GSR: CAMEO root accuracy, root+dyad, full-code+dyad and exact P/R/F1, no-event accuracy."""
    _check_lengths(records, produced)
    outcomes, pairs = [], []
    root_correct = n_coded = quiet_correct = n_quiet = 0
    counts = {name: [0, 0, 0, 0] for name in ("root_dyad", "full_code", "exact")}
    for record, events in zip(records, produced, strict=True):
        main = main_event(events)
        tuples = {
            "root_dyad": (
                _gold_tuples(record, root=True),
                [(actor_key(e.source), actor_key(e.target), e.cameo_root) for e in events],
            ),
            "full_code": (
                _gold_tuples(record),
                [(actor_key(e.source), actor_key(e.target), e.cameo) for e in events],
            ),
            "exact": (
                _gold_tuples(record, full_actor=True),
                [(e.source.code, e.target.code, e.cameo) for e in events],
            ),
        }
        for name, (gold, mine) in tuples.items():
            hp, hg = match_tuples(gold, mine)
            c = counts[name]
            c[0], c[1], c[2], c[3] = c[0] + hp, c[1] + len(set(mine)), c[2] + hg, c[3] + len(set(gold))
        gold_roots = {ev.label[:2] for ev in record.events}
        main_root = main.cameo_root if main else NO_EVENT
        if record.events:
            n_coded += 1
            root_correct += main_root in gold_roots
        else:
            n_quiet += 1
            quiet_correct += not events
        gold, mine = tuples["root_dyad"]
        main_tuple = (actor_key(main.source), actor_key(main.target), main_root) if main else None
        kind, detail = classify(gold, mine, main_tuple)
        expected = _gold_summary(record)
        gold_row = main_root if main_root in gold_roots else min(gold_roots, default=NO_EVENT)
        pairs.append((gold_row, main_root))
        outcomes.append(Outcome(record, tuple(events), main, expected, main_root, kind, detail))
    metrics: dict[str, float] = {
        "n_sentences": float(len(records)),
        "n_gold_events": float(sum(len(r.events) for r in records)),
        "root_accuracy": root_correct / n_coded if n_coded else 0.0,
    }
    for name, (hp, np_, hg, ng) in counts.items():
        p, r, f = prf(hp, np_, hg, ng)
        metrics |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}
    metrics["no_event_accuracy"] = quiet_correct / n_quiet if n_quiet else 0.0
    notes = (
        "root accuracy over sentences with gold events; a main event matching any gold root is right",
        "dyads at country level (first 3 letters of CAMEO actor codes); exact = full actor and event codes",
    )
    return SetScore("petr2", metrics, _confusion(pairs), tuple(outcomes), notes=notes)


#: Five-way label of each CAMEO root. The set's README calls its labels CAMEO's quad classes
#: plus statements; on the training split (by root of our main event, never by sentence) the
#: labels follow the Phoenix quad table (02-05 verbal cooperation, 06-08 material cooperation,
#: 09-13 verbal conflict, 14-20 material conflict) with two departures that PLOVER makes too:
#: appeals (02) are counted with statements (three in four of our appeals carry label 0), and
#: reducing relations (16: sanctions, expulsions, breaking off talks) is verbal conflict.
PENTACLASS_OF_ROOT: dict[str, int] = {
    "01": 0, "02": 0,
    "03": 1, "04": 1, "05": 1,
    "06": 2, "07": 2, "08": 2,
    "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
    "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4,
}


def pentaclass_of(event: Event | None) -> int:
    """Five-class label of an event's CAMEO root (PENTACLASS_OF_ROOT); 0 for no event."""
    if event is None:
        return 0
    return PENTACLASS_OF_ROOT.get(event.cameo_root, 0)


def score_pentaclass(records: Sequence[GoldRecord], produced: Sequence[Sequence[Event]]) -> SetScore:
    """Five-class sentences: accuracy, per-class P/R/F1 and the 5x5 confusion matrix."""
    _check_lengths(records, produced)
    outcomes, pairs = [], []
    for record, events in zip(records, produced, strict=True):
        if record.label is None:
            raise ValueError(f"pentaclass record {record.record_id} has no label")
        main = main_event(events)
        got = pentaclass_of(main)
        kind: ErrorKind | None = None
        detail = ""
        if got != record.label:
            kind = "missed" if main is None else "wrong_type"
            detail = f"{PENTACLASS_NAMES[got]} for {PENTACLASS_NAMES[record.label]}"
        pairs.append((str(record.label), str(got)))
        outcomes.append(Outcome(record, tuple(events), main, str(record.label), str(got), kind, detail))
    confusion = _confusion(pairs)
    per_class: dict[str, dict[str, float]] = {}
    for label in map(str, range(len(PENTACLASS_NAMES))):
        tp = confusion.get(label, {}).get(label, 0)
        n_pred = sum(row.get(label, 0) for row in confusion.values())
        n_gold = sum(confusion.get(label, {}).values())
        p, r, f = prf(tp, n_pred, tp, n_gold)
        per_class[label] = {"precision": p, "recall": r, "f1": f, "support": float(n_gold)}
    n = len(records)
    metrics = {
        "n_sentences": float(n),
        "accuracy": sum(1 for o in outcomes if o.kind is None) / n if n else 0.0,
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(per_class),
    }
    notes = ("label of the main (highest-confidence) event's CAMEO root; no event counts as 0 (statement)",)
    return SetScore("pentaclass", metrics, confusion, tuple(outcomes), per_class, notes)


_SCORERS = {"plover": score_plover, "petr2": score_petr2, "pentaclass": score_pentaclass}


def score_set(set_name: str, records: Sequence[GoldRecord], produced: Sequence[Sequence[Event]]) -> SetScore:
    """Score one gold set by name."""
    return _SCORERS[set_name](records, produced)
