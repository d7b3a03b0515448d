"""Fixtures of the CLI tests: a small store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The analysis tests' hand-made store (written through the store's own writer) serves here too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from analysis_fixtures import build_store  # noqa: E402


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli-store") / "fixture.duckdb")
