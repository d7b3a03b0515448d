"""Stage: measure coding accuracy against public gold standards.

    >>> from tieline.eval import evaluate
    >>> score = evaluate("plover")            # needs ../shared (or --shared / $TIELINE_SHARED)
    >>> score.metrics["plover_type_accuracy"]

Gold loaders (`gold`), pure scoring over (gold records, produced events) (`scoring`), error
analysis and JSON form (`report`), accuracy floors (`floors`) and the coder run (`runner`).
"""

from tieline.eval.floors import FloorCheck, Floors, check_floors, load_floors
from tieline.eval.gold import (
    SET_NAMES,
    GoldEvent,
    GoldRecord,
    find_shared,
    load_gold,
    load_pentaclass,
    load_petr2,
    load_plover,
)
from tieline.eval.report import error_report, score_to_dict, worst_errors
from tieline.eval.runner import code_gold, evaluate, resolve_sets
from tieline.eval.scoring import (
    ERROR_KINDS,
    METRIC_NAMES,
    Outcome,
    SetScore,
    main_event,
    score_pentaclass,
    score_petr2,
    score_plover,
    score_set,
)

__all__ = [
    "ERROR_KINDS",
    "METRIC_NAMES",
    "SET_NAMES",
    "FloorCheck",
    "Floors",
    "GoldEvent",
    "GoldRecord",
    "Outcome",
    "SetScore",
    "check_floors",
    "code_gold",
    "error_report",
    "evaluate",
    "find_shared",
    "load_floors",
    "load_gold",
    "load_pentaclass",
    "load_petr2",
    "load_plover",
    "main_event",
    "resolve_sets",
    "score_pentaclass",
    "score_petr2",
    "score_plover",
    "score_set",
    "score_to_dict",
    "worst_errors",
]
