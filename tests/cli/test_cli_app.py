"""CLI conventions: --version, help with examples and sane metavars, shell completion, a closed
pipe, and every command and option documented (Datasette's habit)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from cli_helpers import invoke, tieline_exe

from tieline import __version__
from tieline.cli.app import command

ROOT = Path(__file__).resolve().parents[2]
#: Options every command takes, documented once in docs/cli.md.
SHARED_OPTIONS = {"--verbose", "-v", "--log-level", "--help", "-h"}


def _commands() -> dict[str, object]:
    """Every command by its full name ("code", "spark ingest"), groups opened."""
    found: dict[str, object] = {}

    def walk(prefix: str, group: object) -> None:
        for name, cmd in group.commands.items():  # type: ignore[attr-defined]
            if hasattr(cmd, "commands"):
                walk(f"{prefix}{name} ", cmd)
            else:
                found[prefix + name] = cmd

    walk("", command())
    return found


def _docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_version() -> None:
    for flag in ("--version", "-V"):
        res = invoke(flag)
        assert res.exit_code == 0 and res.stdout.strip() == f"tieline {__version__}"


def test_no_arguments_shows_help() -> None:
    res = invoke()
    assert "Usage: tieline" in res.output and "Commands:" in res.output


@pytest.mark.parametrize("name", sorted(_commands()))
def test_help_has_examples_and_sane_metavars(name: str) -> None:
    res = invoke(*name.split(), "--help")
    assert res.exit_code == 0, res.output
    assert "Examples:" in res.stdout and f"tieline {name}" in res.stdout.split("Examples:", 1)[1]
    odd = re.findall(r"<(?:str|bool|int|float|path|Path|list\[[^>]*\]|int range)>", res.stdout)
    assert not odd, f"odd metavars in `tieline {name} --help`: {odd}"
    assert "--verbose" in res.stdout


def test_help_lists_choices() -> None:
    assert "<table|jsonl|csv|json>" in invoke("code", "--help").stdout
    assert "<day|week|month|quarter|year>" in invoke("dyad", "--help").stdout
    assert "<volume|change>" in invoke("top", "--help").stdout
    assert "<gdelt|plover|parquet|csv>" in invoke("export", "--help").stdout
    assert "<plover|petr2|pentaclass|articles|all>" in invoke("eval", "--help").stdout


def test_argument_errors_are_click_messages() -> None:
    res = invoke("dyad", "USA")
    assert res.exit_code == 2 and "Missing argument 'B'" in res.output
    res = invoke("nonsense")
    assert res.exit_code == 2 and "No such command 'nonsense'" in res.output


def _heading(section: str) -> str:
    """The command a docs/cli.md section is about: "spark ingest" from "spark ingest PATH`"."""
    name: list[str] = []
    for word in section.splitlines()[0].replace("`", " ").split():
        if not (word.islower() and word.replace("-", "").isalpha()):
            break
        name.append(word)
    return " ".join(name)


def test_every_command_and_option_is_documented() -> None:
    docs = _docs()
    lines = docs.splitlines()
    sections = re.split(r"^#+ `?tieline ", (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), flags=re.M)
    by_command = {_heading(s): s for s in sections[1:] if s.strip()}
    missing: list[str] = []
    for name, cmd in _commands().items():
        if not re.search(rf"tieline {re.escape(name)}\b", docs):
            missing.append(f"command {name}")
        used = [ln for ln in lines if f"tieline {name}" in ln]
        for param in cmd.params:  # type: ignore[attr-defined]
            for opt in getattr(param, "opts", []):
                if not opt.startswith("-") or opt in SHARED_OPTIONS:
                    continue
                word = rf"(?<![\w-]){re.escape(opt)}(?![\w-])"
                if not (re.search(word, by_command.get(name, "")) or any(re.search(word, ln) for ln in used)):
                    missing.append(f"tieline {name} {opt}")
    for opt in sorted(SHARED_OPTIONS | {"--version", "--install-completion"}):
        if opt not in docs:
            missing.append(opt)
    assert not missing, f"not documented in README.md or docs/: {missing}"


def test_shell_completion_answers() -> None:
    env = {**os.environ, "_TIELINE_COMPLETE": "complete_bash", "COMP_WORDS": "tieline dy", "COMP_CWORD": "1"}
    res = subprocess.run([tieline_exe()], env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stdout.split() == ["dyad"]
    env.update(COMP_WORDS="tieline code --format ", COMP_CWORD="3")
    res = subprocess.run([tieline_exe()], env=env, capture_output=True, text=True, timeout=60)
    assert res.stdout.split() == ["table", "jsonl", "csv", "json"]


def test_closed_pipe_exits_zero(store_path: Path) -> None:
    # Enough output to fill the pipe, read by a consumer that stops after one line (`| head -1`).
    proc = subprocess.Popen([tieline_exe(), "sql", "SELECT range AS n FROM range(300000)", "-n", "0", "-f", "csv",
                             "--db", str(store_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"n\n"
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err and b"Exception ignored" not in err and b"Broken pipe" not in err


def test_readme_python_snippets_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "README.md has no Python snippet"
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102


def test_verbose_and_log_level_log_to_stderr(store_path: Path) -> None:
    quiet = invoke("sql", "SELECT 1 AS one", "-f", "csv", "--db", str(store_path))
    assert "INFO" not in quiet.stderr
    loud = invoke("sql", "SELECT 1 AS one", "-f", "csv", "--db", str(store_path), "-v")
    assert loud.exit_code == 0 and loud.stdout == "one\n1\n"
    assert "INFO tieline.cli: opened" in loud.stderr and "sql: SELECT 1 AS one" in loud.stderr
    chosen = invoke("events", "--country", "PAK", "-n", "1", "-f", "jsonl", "--log-level", "info",
                    "--db", str(store_path))
    assert "INFO tieline.cli: events query" in chosen.stderr and chosen.stdout.count("\n") == 1
    bad = invoke("sql", "SELECT 1", "--log-level", "chatty")
    assert bad.exit_code == 2 and "'chatty' is not one of" in bad.output
