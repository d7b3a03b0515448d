"""Helpers the CLI tests import (a module of its own: every test folder has a `conftest`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tieline.cli.app import app, command

command()  # registers every command with the shared options, the error wrapper and sane metavars
_runner = CliRunner()


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # noqa: ANN201
    """Run `tieline ARGS…` in-process, as the console script would."""
    return _runner.invoke(app, list(args), input=input, env=env)


def tieline_exe() -> str:
    """The installed console script next to this interpreter."""
    exe = Path(sys.executable).with_name("tieline")
    if not exe.exists():
        pytest.skip(f"no tieline console script next to {sys.executable}")
    return str(exe)
