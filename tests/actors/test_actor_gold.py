"""The actor gold (tests/actors/data/actor_gold.yaml): actor codes found in short sentences by date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from actor_helpers import found_codes
from spacy.language import Language

from tieline.actors import ActorResolver

GOLD = Path(__file__).parent / "data" / "actor_gold.yaml"
KINDS = {"history", "current", "title", "group", "org", "metonym", "shared", "none"}
#: The gold's promised size: actor mentions (expected codes) over all cases.
MIN_MENTIONS = 300


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["cases"]
    return cases


def _when(case: dict[str, Any]) -> date | None:
    d = case.get("d")
    return d if isinstance(d, date) or d is None else date.fromisoformat(str(d))


def _param(i: int, case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=f"{case['k']}-{i:03d}", marks=marks)


def test_the_gold_is_well_formed_and_big_enough() -> None:
    cases = _cases()
    assert all(set(c) <= {"k", "d", "t", "e", "xfail"} and c["k"] in KINDS for c in cases)
    assert all(isinstance(c["e"], list) and (c["k"] == "none") <= (c["e"] == []) for c in cases)
    assert len({c["t"] + str(c["d"]) for c in cases}) == len(cases)  # no case twice
    assert sum(len(c["e"]) for c in cases) >= MIN_MENTIONS
    xfails = [c for c in cases if c.get("xfail")]
    assert len(xfails) <= len(cases) // 20  # known failures stay few


@pytest.mark.parametrize("case", [_param(i, c) for i, c in enumerate(_cases())])
def test_actor_gold(case: dict[str, Any], nlp: Language, resolver: ActorResolver) -> None:
    assert found_codes(nlp, resolver, case["t"], _when(case)) == case["e"], case["t"]
