"""Error analysis and the JSON form of scores: worst errors, errors grouped by kind."""

from __future__ import annotations

from typing import Any

from tieline.eval.scoring import ERROR_KINDS, Outcome, SetScore, top_confusions
from tieline.records import Event

__all__ = ["error_report", "event_brief", "outcome_to_dict", "score_to_dict", "worst_errors"]


def _severity(outcome: Outcome) -> tuple[int, float]:
    rank = ERROR_KINDS.index(outcome.kind) if outcome.kind else len(ERROR_KINDS)
    # Within a kind, the most confident mistakes first: they are the ones a user would trust.
    return rank, -(outcome.main.confidence if outcome.main else 0.0)


def worst_errors(score: SetScore, n: int) -> list[Outcome]:
    """The `n` worst wrong sentences: most severe kind first (`ERROR_KINDS` order), then the
    most confident main event, then gold order."""
    wrong = [o for o in score.outcomes if o.kind]
    return sorted(wrong, key=_severity)[: max(n, 0)]


def event_brief(event: Event) -> dict[str, Any]:
    """The fields of a produced event that explain an error."""
    return {
        "cameo": event.cameo,
        "plover": event.plover,
        "source": event.source.code,
        "target": event.target.code,
        "trigger": event.trigger,
        "rule": event.rule,
        "confidence": event.confidence,
    }


def outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.record.record_id,
        "sentence": outcome.record.text,
        "kind": outcome.kind,
        "detail": outcome.detail,
        "expected": outcome.expected,
        "produced_label": outcome.produced,
        "main": event_brief(outcome.main) if outcome.main else None,
        "produced": [event_brief(e) for e in outcome.events],
    }


def error_report(score: SetScore, examples: int = 3) -> dict[str, dict[str, Any]]:
    """Remaining errors grouped by kind: count, share of sentences, the worst `examples` of each."""
    n = len(score.outcomes) or 1
    report: dict[str, dict[str, Any]] = {}
    for kind in ERROR_KINDS:
        group = sorted((o for o in score.outcomes if o.kind == kind), key=_severity)
        report[kind] = {
            "count": len(group),
            "share": len(group) / n,
            "examples": [outcome_to_dict(o) for o in group[:examples]],
        }
    return report


def score_to_dict(
    score: SetScore, *, errors: int = 0, report: bool = False, examples: int = 3, confusions: int = 10
) -> dict[str, Any]:
    """JSON-ready form of one set's score."""
    out: dict[str, Any] = {
        "set": score.set_name,
        "metrics": dict(score.metrics),
        "error_counts": score.error_counts(),
        "top_confusions": [
            {"gold": g, "produced": p, "count": c} for g, p, c in top_confusions(score.confusion, confusions)
        ],
        "confusion": score.confusion,
        "notes": list(score.notes),
    }
    if score.per_class:
        out["per_class"] = score.per_class
    if errors:
        out["errors"] = [outcome_to_dict(o) for o in worst_errors(score, errors)]
    if report:
        out["report"] = error_report(score, examples)
    return out
