"""Shared CLI test helpers: the real `tieline` command in-process, and a small store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli.app import app, command

# The analysis tests' hand-made store (written through the store's own writer) serves here too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from analysis_fixtures import build_store  # noqa: E402

command()  # registers every command with the shared options and the error wrapper
_runner = CliRunner()


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # noqa: ANN201
    return _runner.invoke(app, list(args), input=input, env=env)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli-store") / "fixture.duckdb")


def tieline_exe() -> str:
    """The installed console script next to this interpreter."""
    exe = Path(sys.executable).with_name("tieline")
    if not exe.exists():
        pytest.skip(f"no tieline console script next to {sys.executable}")
    return str(exe)
