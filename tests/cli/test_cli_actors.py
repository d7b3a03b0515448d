"""CLI: `tieline actors QUERY` shows the entry, the tenure chosen by date and where it comes from."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import invoke


def test_actors_shows_the_tenure_chosen_by_date() -> None:
    result = invoke("actors", "Nawaz Sharif", "--date", "1998-05-28", "--no-text")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "-> PAKGOV  (1998-05-28: in office on the date)" in out
    assert "→ PAK GOV 1997-02-17 – 1999-10-12  leaders.tsv:" in out
    assert "  PAK OPP 2007-11-25" in out  # every tenure, the chosen one marked


def test_actors_shows_a_shared_alias_unresolved_without_a_date() -> None:
    result = invoke("actors", "McConnell", "--no-text")
    assert result.exit_code == 0, result.output
    assert "unresolved" in result.stdout and "Jack McConnell: GBR GOV" in result.stdout


def test_actors_resolves_a_title_as_text() -> None:
    result = invoke("actors", "Pakistan's army chief")
    assert result.exit_code == 0, result.output
    assert "as text: \"Pakistan's army chief\" -> PAKMIL" in result.stdout.replace("'Pakistan", '"Pakistan')


def test_actors_with_a_user_dictionary(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("group\tFree Hill Front|FHF\tSYR\tREB\t-\t-\n", encoding="utf-8")
    result = invoke("actors", "Free Hill Front", "--actors", str(mine), "--no-text")
    assert result.exit_code == 0, result.output
    assert "-> SYRREB" in result.stdout and "mine.tsv:1" in result.stdout


def test_actors_errors_are_one_line() -> None:
    result = invoke("actors", "Sharif", "--date", "1998-13-45")
    assert result.exit_code == 1
    assert "error" in result.output and "Traceback" not in result.output
    missing = invoke("actors", "Sharif", "--actors", "/nonexistent/actors.tsv")
    assert missing.exit_code == 1 and "does not exist" in missing.output
