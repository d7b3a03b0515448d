from __future__ import annotations

import pytest
from analysis_fixtures import build_store

from tieline.analysis import open_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("store") / "fixture.duckdb")


@pytest.fixture
def con(store_path):
    c = open_store(store_path)
    yield c
    c.close()
