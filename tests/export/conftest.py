"""The shared ingest fixtures (fake coder, WARC maker) on the import path, and a small store."""

import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))


import pytest  # noqa: E402
from tieline_fakes import build_export_store  # noqa: E402


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return build_export_store(tmp_path / "s.duckdb")
