"""The analysis commands: tables, JSON, plots, and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import tieline.cli.analysis  # noqa: F401  (registers the commands)
from tieline.cli.app import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_dyad_table_and_json(store_path):
    res = _run("dyad", "USA", "PAK", "--db", str(store_path))
    assert res.exit_code == 0, res.output
    assert "2019-09-01" in res.output and "-1.00" in res.output and "United States" in res.output
    res = _run("dyad", "usa", "pak", "--by", "quarter", "--directed", "--json", "--db", str(store_path))
    data = json.loads(res.output)
    assert data["directed"] is True and [p["period"] for p in data["points"]] == [
        "2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"
    ]


@pytest.mark.parametrize("suffix", ["png", "html"])
def test_dyad_plot(store_path, tmp_path, suffix):
    out = tmp_path / f"chart.{suffix}"
    res = _run("dyad", "RUS", "SYR", "--plot", str(out), "--db", str(store_path))
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    else:
        text = data.decode()
        assert "<svg" in text and "<script" not in text and "http://" not in text.split("<svg", 1)[0]
        assert text.count("<tr>") == 12 + 1  # header + one row per month


def test_top_partners_shifts(store_path):
    res = _run("top", "--db", str(store_path))
    assert res.exit_code == 0 and res.output.index("RUS–SYR") < res.output.index("PAK–USA")
    res = _run("top", "--rank", "change", "--start", "2019-09-01", "--end", "2019-09-30", "--json",
               "--db", str(store_path))
    assert json.loads(res.output)[0]["index_change"] == -2.0
    res = _run("partners", "SYR", "--db", str(store_path))
    assert res.exit_code == 0 and "RUS" in res.output and "TUR" in res.output
    res = _run("shifts", "--db", str(store_path))
    assert res.exit_code == 0
    assert "PAK–USA" in res.output and "2019-09-01" in res.output and "conflict" in res.output
    assert "attacked" in res.output  # a driving event's sentence
    res = _run("shifts", "--since", "2019-10-01", "--db", str(store_path))
    assert res.exit_code == 0 and "no shifts" in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["dyad", "USA", "Pakistan"],
        ["dyad", "USA", "PAK", "--start", "last week"],
        ["dyad", "USA", "PAK", "--plot", "chart.pdf"],
        ["top", "--limit", "0"],
        ["shifts", "--since", "2019-02-30"],
        ["partners", "XX"],
    ],
)
def test_user_errors_are_one_line(store_path, args):
    res = _run(*args, "--db", str(store_path))
    assert res.exit_code == 1
    assert "error" in res.output and "Traceback" not in res.output


def test_missing_store(tmp_path):
    res = _run("dyad", "USA", "PAK", "--db", str(tmp_path / "none.duckdb"))
    assert res.exit_code == 1 and "no store" in res.output
