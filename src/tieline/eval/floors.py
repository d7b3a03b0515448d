"""Accuracy floors: a TOML file pins a minimum per (set, metric); a run below it fails.

File shape (see ``eval_floors.toml`` at the repository root)::

    noise_margin = 0.01          # a metric fails only below floor - noise_margin
    [plover]
    plover_type_accuracy = 0.55
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tieline.errors import ConfigError, InputError
from tieline.eval.scoring import METRIC_NAMES, SetScore

__all__ = ["DEFAULT_NOISE_MARGIN", "FloorCheck", "Floors", "check_floors", "load_floors"]

#: Used when the file states no margin: one sentence in a hundred of run-to-run slack.
DEFAULT_NOISE_MARGIN = 0.01


@dataclass(frozen=True, slots=True)
class Floors:
    noise_margin: float
    floors: dict[str, dict[str, float]]


@dataclass(frozen=True, slots=True)
class FloorCheck:
    set_name: str
    metric: str
    value: float
    floor: float
    margin: float

    @property
    def ok(self) -> bool:
        return self.value >= self.floor - self.margin


def load_floors(path: str | os.PathLike[str]) -> Floors:
    """Read and validate a floors file (unknown sets or metrics are errors, to catch typos)."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"floors file not found: {file}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"floors file {file} is not valid TOML: {exc}") from None
    margin = data.pop("noise_margin", DEFAULT_NOISE_MARGIN)
    if not isinstance(margin, int | float) or not 0 <= margin < 1:
        raise ConfigError(f"{file}: noise_margin must be a number in [0, 1), got {margin!r}")
    floors: dict[str, dict[str, float]] = {}
    for set_name, table in data.items():
        if set_name not in METRIC_NAMES or not isinstance(table, dict):
            known = ", ".join(METRIC_NAMES)
            raise ConfigError(f"{file}: unknown gold set [{set_name}]", hint=f"sets: {known}")
        for metric, value in table.items():
            if metric not in METRIC_NAMES[set_name]:
                raise ConfigError(
                    f"{file}: set {set_name} has no metric {metric!r}",
                    hint="metrics: " + ", ".join(METRIC_NAMES[set_name]),
                )
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ConfigError(f"{file}: floor {set_name}.{metric} must be a number, got {value!r}")
            floors.setdefault(set_name, {})[metric] = float(value)
    return Floors(float(margin), floors)


def check_floors(scores: Mapping[str, SetScore], floors: Floors) -> list[FloorCheck]:
    """One check per pinned metric of each set that was scored (unscored sets are skipped)."""
    return [
        FloorCheck(set_name, metric, scores[set_name].metrics[metric], floor, floors.noise_margin)
        for set_name, table in floors.floors.items()
        if set_name in scores
        for metric, floor in table.items()
    ]
