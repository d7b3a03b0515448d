"""CLI: `dyad`, `top`, `partners`, `shifts` checks and output shapes over the hand-made store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from cli_helpers import invoke


@pytest.mark.parametrize("args", [
    ["dyad", "TUR", "XXX"],
    ["partners", "XXX"],
    ["shifts", "--country", "XXX"],
    ["events", "--country", "QQQ"],
])
def test_unknown_well_formed_codes_are_errors(store_path: Path, args: list[str]) -> None:
    res = invoke(*args, "--db", str(store_path))
    assert res.exit_code == 1, res.output
    assert re.search(r"unknown (second )?country code '(XXX|QQQ)'", res.stderr) and res.stdout == ""


@pytest.mark.parametrize(("plot", "message"), [
    ("out.pdf", "must end in .png, .svg, .html"),
    ("/nonexistent/dir/x.png", "folder /nonexistent/dir does not exist"),
])
def test_plot_path_is_checked_before_the_table(store_path: Path, plot: str, message: str) -> None:
    res = invoke("dyad", "USA", "PAK", "--plot", plot, "--db", str(store_path))
    assert res.exit_code == 1 and message in res.stderr
    assert res.stdout == ""  # nothing printed before the error


def test_plot_suffixes_match_what_the_plot_module_writes() -> None:
    chart = pytest.importorskip("tieline.analysis.chart")
    from tieline.cli.options import PLOT_SUFFIXES

    assert set(PLOT_SUFFIXES) == set(chart.CHART_FORMATS)


def test_igo_codes_are_shown_with_their_names(store_path: Path) -> None:
    res = invoke("top", "--db", str(store_path), env={"COLUMNS": "140"})
    assert res.exit_code == 0, res.output
    assert "United Nations" in res.stdout and "IGOUNO" in res.stdout
    js = invoke("partners", "SYR", "--json", "--db", str(store_path))
    names = {r["partner"]: r["name"] for r in json.loads(js.stdout)}
    assert names["IGOUNO"] == "United Nations"


def test_top_fits_80_columns(store_path: Path) -> None:
    res = invoke("top", "--db", str(store_path), env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in res.stdout and "RUS–SYR" in res.stdout
    assert "IGOUNO United Nations" in res.stdout  # names move to the caption


def test_csv_beside_json(store_path: Path) -> None:
    res = invoke("dyad", "USA", "PAK", "--format", "csv", "--db", str(store_path))
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows[0]["period"] == "2019-01-01" and {"n_events", "q1", "index"} <= set(rows[0])
    top = invoke("top", "-f", "csv", "--db", str(store_path))
    assert top.stdout.splitlines()[0].startswith("a,b,a_name,b_name,n_events")
    shifts = invoke("shifts", "-f", "csv", "--db", str(store_path))
    found = list(csv.DictReader(io.StringIO(shifts.stdout)))
    assert shifts.exit_code == 0 and ("PAK", "USA", "2019-09-01") in {(r["a"], r["b"], r["period"]) for r in found}
    assert "events" not in found[0]  # driving events stay in the JSON form


@pytest.mark.parametrize(("args", "message"), [
    (["dyad", "USA", "PAK", "--by", "fortnight"], "'fortnight' is not one of 'day', 'week', 'month'"),
    (["top", "--rank", "size"], "'size' is not one of 'volume', 'change'"),
    (["shifts", "--events", "50"], "Invalid value for '--events'"),
])
def test_closed_sets_are_click_choices(store_path: Path, args: list[str], message: str) -> None:
    res = invoke(*args, "--db", str(store_path))
    assert res.exit_code == 2 and message in res.output


def test_dates_out_of_range_are_errors(store_path: Path) -> None:
    res = invoke("top", "--start", "0001-01-01", "--db", str(store_path))
    assert res.exit_code == 1 and "outside 1800-2200" in res.stderr


def test_a_chart_without_events_fails_before_the_table(store_path: Path, tmp_path: Path) -> None:
    res = invoke("dyad", "USA", "RUS", "--plot", str(tmp_path / "x.png"), "--db", str(store_path))
    assert res.exit_code == 1 and "nothing to draw" in res.stderr and res.stdout == ""
