"""Scoring, error analysis and floors on small hand-made gold records and events."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.errors import ConfigError, InputError
from tieline.eval.floors import check_floors, load_floors
from tieline.eval.gold import GoldEvent, GoldRecord, country_key
from tieline.eval.report import error_report, score_to_dict, worst_errors
from tieline.eval.scoring import (
    actor_key,
    classify,
    main_event,
    match_tuples,
    pentaclass_of,
    prf,
    score_pentaclass,
    score_petr2,
    score_plover,
    top_confusions,
)
from tieline.ontology import plover_for
from tieline.records import Actor, Event


def ev(cameo: str, src: str, tgt: str, *, plover: str | None = None, confidence: float = 1.0,
       src_country: str | None = "", tgt_country: str | None = "") -> Event:
    """An event with actor codes `src`/`tgt`; country defaults to the code's first 3 letters
    (pass None for an actor without a country, e.g. an IGO)."""
    def actor(code: str, country: str | None) -> Actor:
        return Actor(text=code, code=code, country=code[:3] if country == "" else country)

    return Event(
        doc_id="d", sentence_index=0, sentence="s",
        source=actor(src, src_country), target=actor(tgt, tgt_country),
        cameo=cameo, cameo_root=cameo[:2], cameo_name="x",
        plover=plover or plover_for(cameo).type, quad_class=1, goldstein=0.0,
        rule=f"rule-{cameo}", confidence=confidence,
    )  # fmt: skip


def gold(label: str, sources: tuple[str, ...], targets: tuple[str, ...], i: int, set_name: str = "plover",
         *more: GoldEvent) -> GoldRecord:
    event = GoldEvent(label, tuple(country_key(s) for s in sources), tuple(country_key(t) for t in targets),
                      sources, targets)
    return GoldRecord(set_name, f"r{i}", f"sentence {i}", events=(event, *more))  # type: ignore[arg-type]


# -- building blocks --------------------------------------------------------------------------


def test_main_event_highest_confidence_first_wins_ties() -> None:
    a, b, c = ev("042", "USA", "CHN", confidence=0.5), ev("190", "ISR", "PSE", confidence=0.9), \
        ev("111", "FRA", "USA", confidence=0.9)
    assert main_event([a, b, c]) is b
    assert main_event([c, b, a]) is c
    assert main_event([]) is None


def test_actor_key_prefers_country_then_code_prefix() -> None:
    assert actor_key(Actor("UN", "IGOUNO", None)) == "IGO"
    assert actor_key(Actor("army", "PAKMIL", "PAK")) == "PAK"
    assert actor_key(Actor("Tokyo", "JAP", None)) == "JPN"
    assert actor_key(Actor("?", "---", None)) == "---"
    assert country_key("ITL") == "ITA" and country_key("") == "---"


def test_prf_and_wildcard_matching() -> None:
    assert prf(1, 2, 1, 4) == pytest.approx((0.5, 0.25, 1 / 3))
    assert prf(0, 0, 0, 3) == (0.0, 0.0, 0.0)
    gold_tuples = [("HUN", None, "AGREE"), ("ROU", None, "AGREE")]
    assert match_tuples(gold_tuples, [("HUN", "ROU", "AGREE"), ("HUN", "ROU", "REJECT")]) == (1, 1)
    assert match_tuples([("USA", "IRQ", "ASSAULT")], [("IRQ", "USA", "ASSAULT")]) == (0, 0)


@pytest.mark.parametrize(
    ("gold_tuples", "produced", "main", "kind"),
    [
        ([], [], None, None),
        ([], [("ISR", "PSE", "19")], ("ISR", "PSE", "19"), "extra"),
        ([("USA", "IRQ", "19")], [], None, "missed"),
        ([("USA", "IRQ", "19")], [("USA", "IRQ", "11")], ("USA", "IRQ", "11"), "wrong_type"),
        ([("USA", "IRQ", "19")], [("IRQ", "USA", "19")], ("IRQ", "USA", "19"), "wrong_source"),
        ([("USA", "IRQ", "19")], [("USA", "IRN", "19")], ("USA", "IRN", "19"), "wrong_target"),
        ([("USA", None, "19")], [("USA", "IRN", "19")], ("USA", "IRN", "19"), None),
        ([("USA", "IRQ", "19")], [("USA", "IRQ", "19"), ("USA", "IRQ", "11")], ("USA", "IRQ", "19"), "extra"),
        ([("USA", "IRQ", "19"), ("GBR", "IRQ", "19")], [("USA", "IRQ", "19")], ("USA", "IRQ", "19"),
         "missed"),
        ([(frozenset({"USA", "RUS"}), frozenset({"USA", "RUS"}), "04")], [("RUS", "USA", "04")],
         ("RUS", "USA", "04"), None),
        ([(frozenset({"USA", "RUS"}), frozenset({"USA", "RUS"}), "04")], [("RUS", "CHN", "04")],
         ("RUS", "CHN", "04"), "wrong_target"),
    ],
)
def test_classify_kinds(gold_tuples: list, produced: list, main: tuple | None, kind: str | None) -> None:
    assert classify(gold_tuples, produced, main)[0] == kind


def test_pentaclass_follows_cameo_quads_with_the_sets_departures() -> None:
    assert pentaclass_of(None) == 0
    # CAMEO quad classes plus statements: yielding (080, 0841) is material cooperation,
    # investigations (090) verbal conflict, protests (141) material conflict; the set counts
    # appeals (020) as statements and sanctions (163) as verbal conflict.
    roots = {"010": 0, "020": 0, "057": 1, "061": 2, "080": 2, "0841": 2, "090": 3, "100": 3, "141": 4,
             "150": 4, "163": 3, "190": 4}
    assert {code: pentaclass_of(ev(code, "USA", "CHN")) for code in roots} == roots


# -- the three sets ----------------------------------------------------------------------------


def _plover_case() -> tuple[list[GoldRecord], list[list[Event]]]:
    records = [
        gold("AGREE", ("HUN", "ROU"), (), 1),  # compound source, no target
        gold("ASSAULT", ("USA",), ("IRQ",), 2),
        gold("REQUEST", ("IGO",), ("SRB",), 3),
        gold("REJECT", ("RUS",), ("USA",), 4),
        gold("THREATEN", ("ISR",), ("LBN",), 5),
        gold("ACCUSE", ("FRA",), ("USA",), 6),
        gold("SANCTION", ("ITL",), ("SRB",), 7),  # non-ISO gold code
        gold("AID", ("IGO",), ("SDN",), 8),
        GoldRecord("plover", "r9", "reciprocal", events=(  # "USA and Russia held talks": no recipient
            GoldEvent("CONSULT", ("USA", "RUS"), (), ("USA", "RUS"), (), reciprocal=True),)),
    ]
    produced = [
        [ev("030", "HUNGOV", "ROUGOV", plover="AGREE", confidence=0.9)],
        [ev("112", "USA", "IRQ", confidence=0.5), ev("190", "USAMIL", "IRQ", confidence=0.8)],
        [],
        [ev("120", "USA", "RUS")],
        [ev("140", "ISR", "LBN")],
        [ev("120", "FRA", "USA")],
        [ev("160", "ITAGOV", "SRBMIL", tgt_country=None)],
        [ev("070", "IGOUNO", "ETH", src_country=None)],
        [ev("040", "RUSGOV", "USAGOV")],  # one directed dyad satisfies the reciprocal gold tuple
    ]
    return records, produced


def test_score_plover_metrics_and_kinds() -> None:
    records, produced = _plover_case()
    score = score_plover(records, produced)
    m = score.metrics
    assert m["n_sentences"] == 9
    assert m["plover_type_accuracy"] == pytest.approx(6 / 9)
    assert m["quad_accuracy"] == pytest.approx(7 / 9)  # REJECT for ACCUSE stays verbal conflict
    assert m["dyad_type_precision"] == pytest.approx(4 / 9)
    assert m["dyad_type_recall"] == pytest.approx(4 / 10)
    assert m["dyad_type_f1"] == pytest.approx(2 * (4 / 9) * 0.4 / (4 / 9 + 0.4))
    assert m["no_output_rate"] == pytest.approx(1 / 9)
    kinds = [o.kind for o in score.outcomes]
    assert kinds == [
        "missed", "extra", "missed", "wrong_source", "wrong_type", "wrong_type", None, "wrong_target", None,
    ]
    assert score.error_counts() == {
        "wrong_type": 2, "missed": 2, "wrong_source": 1, "wrong_target": 1, "extra": 1,
    }
    assert score.confusion["THREATEN"] == {"PROTEST": 1}
    assert score.confusion["REQUEST"] == {"NONE": 1}
    assert ("ACCUSE", "REJECT", 1) in top_confusions(score.confusion)
    assert all(g != p for g, p, _ in top_confusions(score.confusion))


def test_score_petr2_metrics() -> None:
    both_ways = GoldEvent("031", ("USA",), ("BRA",), ("USA",), ("BRA",))
    records = [
        gold("042", ("USA",), ("CHN",), 1, "petr2"),
        GoldRecord("petr2", "r2", "quiet"),
        GoldRecord("petr2", "r3", "quiet too"),
        gold("0841", ("RUSGOV",), ("---CVL",), 4, "petr2"),
        gold("031", ("BRA",), ("USA",), 5, "petr2", both_ways),
        gold("173", ("GUYJUD",), ("BRAPPL",), 6, "petr2"),
    ]
    produced = [
        [ev("042", "USAGOV", "CHN")],
        [],
        [ev("190", "ISR", "PSE")],
        [ev("084", "RUSGOV", "---", tgt_country=None)],
        [ev("036", "USA", "BRA")],
        [ev("111", "GUY", "BRA")],
    ]
    score = score_petr2(records, produced)
    m = score.metrics
    assert m["n_gold_events"] == 5
    assert m["root_accuracy"] == pytest.approx(3 / 4)
    assert (m["root_dyad_precision"], m["root_dyad_recall"]) == pytest.approx((3 / 5, 3 / 5))
    assert (m["full_code_precision"], m["full_code_recall"]) == pytest.approx((1 / 5, 1 / 5))
    assert m["exact_f1"] == 0.0  # USAGOV is not the gold's USA
    assert m["no_event_accuracy"] == pytest.approx(1 / 2)
    assert [o.kind for o in score.outcomes] == [None, None, "extra", None, "missed", "wrong_type"]
    assert score.confusion["NONE"] == {"NONE": 1, "19": 1}


def test_score_pentaclass_metrics() -> None:
    records = [GoldRecord("pentaclass", f"p{i}", "t", label=label) for i, label in enumerate([4, 3, 0, 0, 1])]
    produced = [
        [ev("183", "A", "B")],
        [ev("111", "A", "B", confidence=0.2), ev("190", "A", "B", confidence=0.9)],
        [],
        [ev("042", "A", "B")],
        [],
    ]
    score = score_pentaclass(records, produced)
    assert score.metrics["accuracy"] == pytest.approx(2 / 5)
    assert score.per_class["4"] == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "support": 1})
    assert score.per_class["0"]["precision"] == pytest.approx(0.5)
    assert score.per_class["0"]["recall"] == pytest.approx(0.5)
    assert score.metrics["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 5)
    assert [o.kind for o in score.outcomes] == [None, "wrong_type", None, "wrong_type", "missed"]
    assert score.confusion["3"] == {"4": 1}


def test_length_mismatch_is_an_error() -> None:
    records, produced = _plover_case()
    with pytest.raises(ValueError):
        score_plover(records, produced[:-1])


# -- error analysis ----------------------------------------------------------------------------


def test_worst_errors_and_report() -> None:
    records, produced = _plover_case()
    score = score_plover(records, produced)
    worst = worst_errors(score, 3)
    assert [o.kind for o in worst] == ["wrong_type", "wrong_type", "missed"]
    assert all(o.kind for o in worst_errors(score, 100))
    report = error_report(score, examples=1)
    assert list(report) == ["wrong_type", "missed", "wrong_source", "wrong_target", "extra"]
    assert report["missed"]["count"] == 2 and len(report["missed"]["examples"]) == 1
    assert report["extra"]["examples"][0]["id"] == "r2"
    as_dict = score_to_dict(score, errors=2, report=True)
    assert len(as_dict["errors"]) == 2
    assert as_dict["errors"][0]["main"]["rule"].startswith("rule-")
    assert as_dict["error_counts"]["wrong_source"] == 1


# -- floors ------------------------------------------------------------------------------------


def test_floors_margin_and_validation(tmp_path: Path) -> None:
    records, produced = _plover_case()
    score = score_plover(records, produced)  # plover_type_accuracy 6/9 = 0.667
    path = tmp_path / "floors.toml"
    path.write_text("noise_margin = 0.01\n[plover]\nplover_type_accuracy = 0.676\n"
                    "[petr2]\nroot_dyad_f1 = 0.45\n")
    checks = check_floors({"plover": score}, load_floors(path))
    assert [(c.metric, c.ok) for c in checks] == [("plover_type_accuracy", True)]  # petr2 not scored
    path.write_text("noise_margin = 0.01\n[plover]\nplover_type_accuracy = 0.677\n")
    assert not check_floors({"plover": score}, load_floors(path))[0].ok
    path.write_text("[plover]\nplover_type_acuracy = 0.5\n")
    with pytest.raises(ConfigError):
        load_floors(path)
    path.write_text("[plover\n")
    with pytest.raises(InputError):
        load_floors(path)
    with pytest.raises(InputError):
        load_floors(tmp_path / "missing.toml")


def test_repository_floors_file_is_valid() -> None:
    floors = load_floors(Path(__file__).resolve().parents[2] / "eval_floors.toml")
    assert floors.noise_margin == pytest.approx(0.01)
    assert floors.floors["plover"]["plover_type_accuracy"] >= 0.55
    assert floors.floors["petr2"]["root_dyad_f1"] >= 0.45
