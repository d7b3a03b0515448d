"""A local Spark session for the scale tests (skipped with a message where PySpark or Java is
missing), the shared ingest fixtures on the import path, and the Guardian sample when present."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))
REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TIELINE_SHARED") or REPO / ".." / "shared")
GUARDIAN = SHARED / "data" / "corpora" / "guardian_sdf" / "Guardian_SDF_sample.csv"
#: Guardian articles in the Spark-against-ingest test: enough for several months and dozens of
#: events, few enough that coding them twice stays within a minute on two cores.
GUARDIAN_DOCS = 30


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from tieline.errors import ConfigError
    from tieline.scale.spark import require_spark, spark_session

    try:
        require_spark()
    except ConfigError as exc:
        pytest.skip(f"Spark tests need PySpark and Java: {exc}")
    session = spark_session("local[2]", conf={"spark.sql.shuffle.partitions": "4"})
    yield session
    session.stop()


@pytest.fixture(scope="session")
def guardian_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first GUARDIAN_DOCS articles of the Guardian sample, as a CSV file of their own."""
    import csv

    if not GUARDIAN.exists():
        pytest.skip(f"the Guardian sample is not at {GUARDIAN} (../shared absent)")
    csv.field_size_limit(1 << 30)
    with GUARDIAN.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        rows = [next(reader)] + [row for _, row in zip(range(GUARDIAN_DOCS), reader, strict=False)]
    out = tmp_path_factory.mktemp("guardian") / "guardian.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return out
