from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# The fixture store is shared with the analysis tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))

from analysis_fixtures import build_store  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TIELINE_SHARED") or REPO / ".." / "shared")
GUARDIAN = SHARED / "data" / "corpora" / "guardian_sdf" / "Guardian_SDF_sample.csv"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("webstore") / "fixture.duckdb")


@pytest.fixture(scope="session")
def guardian_store(tmp_path_factory):
    """The Guardian sample ingested once per test session (about three minutes on two cores)."""
    if not GUARDIAN.exists():
        pytest.skip(f"shared corpora absent ({GUARDIAN}); the Guardian checks are skipped")
    from tieline.ingest import ingest

    db = tmp_path_factory.mktemp("guardian") / "guardian.duckdb"
    ingest([GUARDIAN], db=db)
    return db
