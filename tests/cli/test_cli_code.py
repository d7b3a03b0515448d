"""CLI: `tieline code` and `tieline demo` in-process, user errors as one-line messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli.app import _register, app

_register()
runner = CliRunner()
README = Path(__file__).resolve().parents[2] / "README.md"


def invoke(*args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=input)


def test_code_jsonl_from_stdin() -> None:
    result = invoke("code", "-", "--format", "jsonl", "--date", "2018-09-12",
                    input="Russia and Pakistan held joint military exercises.\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {(r["source"]["code"], r["target"]["code"], r["cameo"]) for r in rows} >= {
        ("RUS", "PAK", "062"), ("PAK", "RUS", "062")}


def test_code_csv_and_table(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("China condemned Japan on Monday.", encoding="utf-8")
    csv_out = invoke("code", str(f), "--format", "csv")
    assert csv_out.exit_code == 0, csv_out.output
    assert csv_out.stdout.splitlines()[0].startswith("event_id,doc_id")
    assert "CHN" in csv_out.stdout
    table = invoke("code", str(tmp_path))
    assert table.exit_code == 0 and "CHN" in table.stdout


def test_code_explain_shows_rule_path_and_actors() -> None:
    result = invoke("code", "-", "--explain", input="Russia and Pakistan signed a defence agreement.\n")
    assert result.exit_code == 0, result.output
    assert "rule:" in result.stdout and "verbs.yaml" in result.stdout
    assert "path:" in result.stdout and "source:" in result.stdout


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["code", "/nonexistent/file.txt"], "no such file"),
        ("binary", ["code", "{path}"], "binary"),
        ("empty", ["code", "{path}"], "empty"),
        ("latin1", ["code", "{path}"], "UTF-8"),
        ("ok", ["code", "{path}", "--date", "12/31/yesterday"], "invalid date"),
        ("ok", ["code", "{path}", "--format", "xml"], "unknown format"),
    ],
)
def test_user_errors_are_one_line_without_traceback(
    tmp_path: Path, setup: str | None, args: list[str], message: str
) -> None:
    path = tmp_path / "input.txt"
    if setup == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif setup == "empty":
        path.write_bytes(b"  \n")
    elif setup == "latin1":
        path.write_bytes("Caf\xe9 in S\xe3o Paulo".encode("latin-1"))
    elif setup == "ok":
        path.write_text("China condemned Japan.", encoding="utf-8")
    result = invoke(*[a.replace("{path}", str(path)) for a in args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert len([ln for ln in result.output.splitlines() if ln.strip()]) <= 2


def test_demo_prints_expected_events() -> None:
    result = invoke("demo")
    assert result.exit_code == 0, result.output
    for code in ("RUS", "PAK", "057", "062", "064", "1622", "112"):
        assert code in result.stdout


def test_every_command_is_documented_in_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    names = sorted({c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands})
    missing = [n for n in names if not re.search(rf"tieline {re.escape(n)}\b", readme)]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_allow_missing_target_option_keeps_recipientless_events() -> None:
    text = "Kyrgyzstan's president resigned on Thursday.\n"
    plain = invoke("code", "-", "--format", "jsonl", input=text)
    assert plain.exit_code == 0 and plain.stdout.strip() == ""
    kept = invoke("code", "-", "--format", "jsonl", "--allow-missing-target", input=text)
    rows = [json.loads(line) for line in kept.stdout.splitlines() if line.strip()]
    assert rows and rows[0]["target"]["code"] == "---" and rows[0]["source"]["country"] == "KGZ"
