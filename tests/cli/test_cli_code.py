"""CLI: `tieline code` and `tieline demo` in-process, user errors as one-line messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import invoke

PAGE = (b"<!doctype html><html><head><title>Dispute</title><script>var tracker = 1;</script></head><body>"
        b"<nav>Home | World</nav><article><h1>Dispute</h1><p>China condemned Japan on Monday over the islands "
        b"dispute, officials said in a long statement to the press.</p></article></body></html>")


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_code_jsonl_from_stdin() -> None:
    result = invoke("code", "-", "--format", "jsonl", "--date", "2018-09-12",
                    input="Russia and Pakistan held joint military exercises.\n")
    assert result.exit_code == 0, result.output
    rows = _events(result.stdout)
    assert {(r["source"]["code"], r["target"]["code"], r["cameo"]) for r in rows} >= {
        ("RUS", "PAK", "062"), ("PAK", "RUS", "062")}
    assert {r["origin"] for r in rows} == {"-"}


def test_code_csv_and_table_name_the_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("China condemned Japan on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Russia and Pakistan held joint military exercises.", encoding="utf-8")
    csv_out = invoke("code", str(f), "--format", "csv")
    assert csv_out.exit_code == 0, csv_out.output
    header, row = csv_out.stdout.splitlines()[:2]
    assert header.startswith("event_id,doc_id,origin,")
    assert str(f) in row and "CHN" in row
    table = invoke("code", str(tmp_path))
    assert table.exit_code == 0 and "CHN" in table.stdout
    assert "a.txt" in table.stdout and "b.txt" in table.stdout  # a file column for several files


def test_html_page_is_coded_from_its_text_not_its_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    result = invoke("code", str(page), "-f", "jsonl", "--date", "2019-03-06")
    assert result.exit_code == 0, result.output
    rows = _events(result.stdout)
    assert rows and rows[0]["source"]["code"] == "CHN" and rows[0]["cameo"] == "111"
    assert all("<" not in r["sentence"] and "tracker" not in r["sentence"] for r in rows)
    assert rows[0]["origin"] == str(page)


def test_bad_file_in_folder_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Russia and Pakistan held joint military exercises.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke("code", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert f"skipped {tmp_path / 'empty.txt'}: empty" in result.stderr
    assert f"skipped {tmp_path / 'blob.txt'}: binary" in result.stderr
    assert {r["origin"] for r in _events(result.stdout)} == {str(tmp_path / "good.txt")}


def test_output_file_and_progress_stay_off_stdout(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = invoke("code", "-", "-o", str(out), "-f", "jsonl",
                    input="Russia and Pakistan held joint military exercises.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote 2 events to {out}" in result.stderr
    assert len(_events(out.read_text(encoding="utf-8"))) == 2
    missing = invoke("code", "-", "-o", str(tmp_path / "nope" / "x.jsonl"), input="x\n")
    assert missing.exit_code == 1 and "does not exist" in missing.stderr


@pytest.mark.parametrize(("value", "day", "precision"), [
    ("2018-09", "2018-09-01", "month"), ("2018", "2018-01-01", "year"), ("2018-09-12", "2018-09-12", "day")])
def test_date_option_keeps_its_precision(value: str, day: str, precision: str) -> None:
    result = invoke("code", "-", "-f", "jsonl", "--date", value,
                    input="Russia and Pakistan held joint military exercises.\n")
    assert result.exit_code == 0, result.output
    rows = _events(result.stdout)
    assert {(r["date"], r["date_precision"]) for r in rows} == {(day, precision)}


def test_code_explain_shows_rule_path_and_actors() -> None:
    result = invoke("code", "-", "--explain", input="Russia and Pakistan signed a defence agreement.\n")
    assert result.exit_code == 0, result.output
    assert "rule:" in result.stdout and "verbs.yaml" in result.stdout
    assert "path:" in result.stdout and "source:" in result.stdout


@pytest.mark.parametrize(
    ("setup", "args", "code", "message"),
    [
        (None, ["code", "/nonexistent/file.txt"], 1, "no such file"),
        ("binary", ["code", "{path}"], 1, "binary"),
        ("empty", ["code", "{path}"], 1, "empty"),
        ("latin1", ["code", "{path}"], 1, "not utf-8"),
        ("ok", ["code", "{path}", "--date", "12/31/yesterday"], 1, "invalid date"),
        ("ok", ["code", "{path}", "--date", "0001-01-01"], 1, "outside 1800-2200"),
        ("ok", ["code", "{path}", "--format", "xml"], 2, "'xml' is not one of 'table', 'jsonl', 'csv', 'json'"),
    ],
)
def test_user_errors_are_short_without_traceback(
    tmp_path: Path, setup: str | None, args: list[str], code: int, message: str
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
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert len([ln for ln in result.output.splitlines() if ln.strip()]) <= 4


def test_demo_prints_expected_events() -> None:
    result = invoke("demo")
    assert result.exit_code == 0, result.output
    for code in ("RUS", "PAK", "057", "062", "064", "1622", "112"):
        assert code in result.stdout
    assert "Demo article dated" in result.stderr and "Demo article dated" not in result.stdout


def test_allow_missing_target_option_keeps_recipientless_events() -> None:
    text = "Kyrgyzstan's president resigned on Thursday.\n"
    plain = invoke("code", "-", "--format", "jsonl", input=text)
    assert plain.exit_code == 0 and plain.stdout.strip() == ""
    kept = invoke("code", "-", "--format", "jsonl", "--allow-missing-target", input=text)
    rows = _events(kept.stdout)
    assert rows and rows[0]["target"]["code"] == "---" and rows[0]["source"]["country"] == "KGZ"


def test_coding_text_imports_no_database(tmp_path: Path) -> None:
    """`tieline code` reads and codes files without DuckDB or pyarrow: their imports (and the
    frozen actor tables handed back to the collector at exit for them) cost start-up."""
    import subprocess
    import sys

    text = tmp_path / "one.txt"
    text.write_text("Russia attacked Ukraine.", encoding="utf-8")
    probe = (
        "import sys\n"
        f"sys.argv = ['tieline', 'code', {str(text)!r}, '--format', 'jsonl']\n"
        "from tieline.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('loaded:', sorted(m for m in ('duckdb', 'pyarrow') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert '"190"' in out.stdout  # the event was coded
    assert "loaded: []" in out.stdout
