from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The fixture store is shared with the analysis tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))

from analysis_fixtures import build_store  # noqa: E402


@pytest.fixture(scope="session")
def web_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("webstore") / "fixture.duckdb")
