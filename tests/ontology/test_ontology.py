"""The ontology tables and lookups: CAMEO codes, Goldstein scores, quad classes, PLOVER codings."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline import ontology
from tieline.errors import DataError

SIXTEEN = [
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
]


def _shared() -> Path:
    env = os.environ.get("TIELINE_SHARED")
    shared = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"
    if not shared.is_dir():
        pytest.skip(f"shared reference data not found at {shared} (set TIELINE_SHARED)")
    return shared


def test_all_312_codes_and_20_roots() -> None:
    codes = [c.code for c in ontology.cameo_codes()]
    assert len(codes) == 312
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    roots = [c for c in codes if len(c) == 2]
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    assert sum(len(c) == 4 for c in codes) > 100


@pytest.mark.parametrize(
    ("code", "goldstein", "name"),
    [
        ("057", 8.0, "Sign formal agreement"),
        ("0874", 10.0, "Retreat or surrender militarily"),
        ("016", -5.0, "Deny responsibility"),
        ("011", -0.1, "Decline comment"),
        ("1823", -10.0, "Kill by physical assault"),
        ("163", -8.0, "Impose embargo, boycott, or sanctions"),
        ("04", 1.0, "Consult"),
    ],
)
def test_known_codes(code: str, goldstein: float, name: str) -> None:
    entry = ontology.cameo(code)
    assert entry.goldstein == goldstein
    assert entry.name == name


def test_leading_zeros_are_kept() -> None:
    entry = ontology.cameo("057")
    assert entry.code == "057"
    assert entry.root == "05"
    assert entry.root_name == "Engage in diplomatic cooperation"
    assert ontology.is_cameo("0874")
    assert not ontology.is_cameo("57")
    assert not ontology.is_cameo(57)  # type: ignore[arg-type]


def test_unknown_code_is_a_clear_data_error() -> None:
    with pytest.raises(DataError, match=r"unknown CAMEO code '57'") as info:
        ontology.cameo("57")
    assert "057" in str(info.value)  # the hint points at the zero-padded code
    with pytest.raises(ontology.UnknownCode):
        ontology.cameo("999")
    with pytest.raises(DataError):
        ontology.plover_for("21")
    with pytest.raises(DataError):
        ontology.quad_class("abc")


def test_every_code_maps_to_one_of_the_16_plover_types() -> None:
    types = {t.name: t for t in ontology.plover_types()}
    assert list(types) == SIXTEEN
    used = set()
    for entry in ontology.cameo_codes():
        coding = ontology.plover_for(entry.code)
        assert coding.type in types, entry.code
        assert coding.mode is None or coding.mode in types[coding.type].modes, entry.code
        assert coding.context is None or coding.context in types[coding.type].contexts, entry.code
        used.add(coding.type)
    # RETREAT comes only from CAMEO 08, MOBILIZE only from 15: every type is reachable
    assert used == set(SIXTEEN)


@pytest.mark.parametrize(
    ("code", "kind", "mode", "context"),
    [
        ("042", "CONSULT", "visit", None),
        ("057", "SUPPORT", None, "diplomatic"),
        ("0841", "RETREAT", "release", "legal"),
        ("082", "CONCEDE", None, "pro_democracy"),  # the table's retired 'democracy' context
        ("1053", "REQUEST", "yield", "legal"),
        ("0253", "REQUEST", "yield", "legal"),  # appeals code like demands
        ("163", "SANCTION", "discontinue", "economic"),
        ("186", "ASSAULT", "targeted", None),
        ("2042", "ASSAULT", "unconventional", "cbrn"),
        ("19", "ASSAULT", None, "military"),  # roots take their X0 coding
    ],
)
def test_plover_codings(code: str, kind: str, mode: str | None, context: str | None) -> None:
    assert ontology.plover_for(code) == ontology.PloverCoding(kind, mode, context)


def test_plover_falls_back_to_nearest_parent() -> None:
    # 1214 (reject intelligence cooperation) is in PLOVER's table but not in the CAMEO code list
    assert not ontology.is_cameo("1214")
    assert ontology.plover_for("1214") == ontology.plover_for("121")
    assert ontology.plover_for("099") == ontology.plover_for("09")


def test_plover_types_carry_modes_and_contexts() -> None:
    consult = ontology.plover_type("consult")
    assert consult.modes == ("visit", "third-party", "multilateral", "phone")
    assert ontology.plover_type("AGREE").modes == ()
    assert "diplomatic" in consult.contexts and "cbrn" in consult.contexts
    assert all(t.description and t.contexts == consult.contexts for t in ontology.plover_types())
    with pytest.raises(DataError, match="unknown PLOVER event type 'DEMAND'"):
        ontology.plover_type("DEMAND")


@pytest.mark.parametrize(
    ("code", "quad", "penta"),
    [
        ("010", 1, 0),
        ("0256", 1, 1),
        ("05", 1, 1),
        ("06", 2, 2),
        ("0874", 2, 2),
        ("10", 3, 3),
        ("145", 3, 3),
        ("15", 4, 4),
        ("2042", 4, 4),
    ],
)
def test_quad_and_pentaclass(code: str, quad: int, penta: int) -> None:
    assert ontology.quad_class(code) == quad
    assert ontology.cameo(code).quad_class == quad
    assert ontology.pentaclass(code) == penta
    assert set(ontology.QUAD_CLASS_NAMES) == {1, 2, 3, 4}


def test_search_by_code_prefix_and_name_words() -> None:
    assert [c.code for c in ontology.search("057")] == ["057"]
    assert [c.code for c in ontology.search("20")][:3] == ["20", "200", "201"]
    hunger = {c.code for c in ontology.search("HUNGER strike")}
    assert hunger == {"142", "1421", "1422", "1423", "1424"}
    assert ontology.search("no such words here") == []
    assert len(ontology.search("")) == 312


def test_codes_and_scores_match_the_cameo_reference() -> None:
    path = _shared() / "data" / "ontology" / "cameo-codes.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        reference = {row["code"]: float(row["goldstein"]) for row in csv.DictReader(handle)}
    ours = {c.code: c.goldstein for c in ontology.cameo_codes()}
    assert ours == reference


def test_mapping_follows_the_conversion_table_types_where_current() -> None:
    path = _shared() / "data" / "ontology" / "CAMEO2PLOVER-2021.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if match:
            table.setdefault(match.group(1), match.group(2))
    # documented departures: legal guilt -> SANCTION convict, international sanctions -> SANCTION;
    # easing curfews and emergencies -> CONCEDE (the manual's text names removing curfews);
    # resignations (0831) -> RETREAT (the manual's RETREAT section)
    departures = {"116", "163", "0813", "0814", "0831"}
    for code, kind in table.items():
        if ontology.is_cameo(code) and code not in departures:
            assert ontology.plover_for(code).type == kind, code


def _argv(*args: str) -> list[str]:
    from tieline.cli.app import app

    # typer runs a lone registered command as the app itself; with other stages it is a subcommand
    lone = len(app.registered_commands) == 1 and app.registered_callback is None and not app.registered_groups
    return list(args[1:]) if lone else list(args)


def test_cli_codes_lists_code_with_plover_coding() -> None:
    from tieline.cli.app import _register, app

    _register()
    runner = CliRunner()
    result = runner.invoke(app, _argv("codes", "057"), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Sign formal agreement" in result.output
    assert "SUPPORT" in result.output and "+8.0" in result.output
    result = runner.invoke(app, _argv("codes", "--plover"), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.output and "heavy-weapons" in result.output
    result = runner.invoke(app, _argv("codes", "--root", "15"), env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "MOBILIZE" in result.output and "ASSAULT" not in result.output
    result = runner.invoke(app, _argv("codes", "zzzz"))
    assert result.exit_code == 1
    assert "no CAMEO code matches" in result.output
