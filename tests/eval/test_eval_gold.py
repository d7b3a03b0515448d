"""Gold loaders against the real files in ../shared (skipped where ../shared is absent)."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tieline.errors import GoldDataMissing
from tieline.eval.gold import find_shared, load_gold, load_pentaclass, load_petr2, load_plover
from tieline.eval.scoring import PLOVER_QUAD


def _shared() -> Path:
    env = os.environ.get("TIELINE_SHARED")
    shared = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"
    if not (shared / "data" / "gold").is_dir():
        pytest.skip(f"gold data not found at {shared} (set TIELINE_SHARED)")
    return shared


def test_plover_gold() -> None:
    records = load_plover(_shared())
    assert len(records) == 322
    assert all(len(r.events) == 1 and r.text and r.date == date(2000, 1, 1) for r in records)
    labels = Counter(r.events[0].label for r in records)
    assert set(labels) <= set(PLOVER_QUAD)  # every 0.5b1 name mapped onto the current 16
    assert labels["ASSAULT"] == 32  # 17 FIGHT + 15 ASSAULT
    assert labels["ACCUSE"] == 25  # 16 DISAPPROVE + 9 INVESTIGATE
    assert labels["REQUEST"] == 34  # DEMAND
    by_id = {r.record_id: r for r in records}
    reciprocal = by_id["PLOVER-GSR01-AGREE-0001"].events[0]  # "(SRC/TAR: Hungarian) and (SRC/TAR: ...)"
    assert reciprocal.sources == ("HUN", "ROU") and reciprocal.targets == () and reciprocal.reciprocal
    assert sum(r.events[0].reciprocal for r in records) == 18
    assert not by_id["PLOVER-GSR01-AGREE-0002"].events[0].reciprocal
    tokyo = by_id["PLOVER-GSR01-AGREE-0002"].events[0]
    assert tokyo.sources == ("IGO",) and tokyo.targets == ("JPN",)  # JAP -> JPN
    assert by_id["PLOVER-GSR01-ASSAULT-0009"].events[0].sources == ()
    assert sum(1 for r in records if not r.events[0].targets) == 34


def test_petr2_gold() -> None:
    records = load_petr2(_shared())
    assert len(records) == 78
    assert sum(len(r.events) for r in records) == 80
    assert sum(1 for r in records if not r.events) == 12
    assert all(r.text and "<" not in r.text and r.date for r in records)
    first = records[0]
    assert (first.record_id, first.date) == ("AFP0808020625_4", date(2008, 8, 4))
    assert first.events[0].label == "042"
    assert (first.events[0].sources, first.events[0].targets) == (("USA",), ("CHN",))
    codes = {c for r in records for e in r.events for c in e.source_codes + e.target_codes}
    assert {"---REB", "IGOCOPITP"} <= codes
    assert len({r.record_id for r in records}) == 78
    rebuilt = next(r for r in records if r.record_id == "abc12_3")  # empty <Text>, rebuilt from the parse
    assert rebuilt.text.startswith("Boko Haram has launched") and rebuilt.text.endswith("Nigeria.")


def test_pentaclass_gold() -> None:
    records = load_pentaclass(_shared())
    assert len(records) == 1349
    assert Counter(r.label for r in records) == {0: 240, 1: 248, 2: 303, 3: 337, 4: 221}
    assert all(r.text and "\r" not in r.text and "\t" not in r.text for r in records)


def test_load_gold_by_name_and_unknown_set() -> None:
    shared = _shared()
    assert len(load_gold("petr2", shared)) == 78
    with pytest.raises(Exception, match="unknown gold set"):
        load_gold("nope", shared)


def test_missing_shared_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GoldDataMissing, match="gold data not found") as info:
        find_shared(tmp_path / "nowhere")
    assert "--shared" in str(info.value)
    (tmp_path / "data" / "gold").mkdir(parents=True)
    assert find_shared(tmp_path) == tmp_path.resolve()
    with pytest.raises(GoldDataMissing, match="plover"):
        load_plover(tmp_path)  # folder present, file missing
