"""tieline on a local Spark (local[2]): the same events, documents and quarantine as `tieline ingest`
on the Guardian sample and the broken-input fixtures; a rerun adds nothing; the DataFrame API keeps
the store's event schema; each Python worker builds the pipeline once; URIs read through Spark."""

from __future__ import annotations

import shutil
from datetime import date as Date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from tieline.config import Config
from tieline.errors import ConfigError
from tieline.ingest import ingest
from tieline.pipeline import code_many
from tieline.records import Document
from tieline.scale import worker
from tieline.scale.ingest import spark_ingest
from tieline.scale.spark import code_dataframe, code_tables, spark_schema
from tieline.store.db import connect

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
_WRITTEN = ("ingested_at", "run_id", "quarantined_at")  # when and in which run, not what


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in ("events", "documents", "quarantine"):
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in _WRITTEN]
        out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()
    return out


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.parquet") if "runs" not in p.parts)


@pytest.fixture(scope="module")
def both(spark: Any, guardian_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The Guardian articles and the fixture folder (bad records of every kind) through
    `tieline ingest` into DuckDB and through `tieline spark ingest` into a Parquet folder."""
    root = tmp_path_factory.mktemp("spark_vs_ingest")
    inputs = [guardian_csv, FIXTURES]
    db = root / "local.duckdb"
    ingest(inputs, db=db)
    out = root / "folder"
    summary = spark_ingest(inputs, out, spark=spark, partitions=4)
    return {"inputs": inputs, "db": db, "out": out, "summary": summary}


def test_spark_gives_the_events_documents_and_quarantine_of_a_local_ingest(both: dict[str, Any]) -> None:
    local = duckdb.connect(str(both["db"]), read_only=True)
    folder = connect(both["out"], read_only=True)
    a, b = _tables(local), _tables(folder)
    assert len(a["events"]) > 50 and len(a["documents"]) > 25  # the comparison has substance
    assert {r[0] for r in a["events"]} == {r[0] for r in b["events"]}  # the same event ids
    assert a["events"] == b["events"]  # and identical rows, column for column
    assert a["documents"] == b["documents"]
    assert a["quarantine"] == b["quarantine"]
    reasons = {r[3] for r in b["quarantine"]}
    assert {"malformed_json", "malformed_csv", "empty", "binary", "undecodable"} <= reasons
    counts = both["summary"].counts
    assert (counts.docs_new, counts.events, counts.quarantined) == (
        len(b["documents"]), len(b["events"]), len(b["quarantine"]))
    # Events are stored by the month of their day, and the folder's columns are the store's.
    months = {p.name for p in (both["out"] / "events").iterdir() if p.is_dir()}
    assert months and all(m.startswith("month=") for m in months)
    assert [r[:2] for r in local.execute("DESCRIBE events").fetchall()] == \
        [r[:2] for r in folder.execute("DESCRIBE events").fetchall()]


def test_a_rerun_adds_nothing(spark: Any, both: dict[str, Any]) -> None:
    before = _data_files(both["out"])
    again = spark_ingest(both["inputs"], both["out"], spark=spark, partitions=4)
    assert (again.counts.docs_new, again.counts.events, again.counts.quarantined) == (0, 0, 0)
    assert again.counts.docs_skipped == both["summary"].counts.docs_read
    assert _data_files(both["out"]) == before
    runs = connect(both["out"], read_only=True).execute("SELECT run_id, docs_new FROM runs ORDER BY 1").fetchall()
    assert runs == [(1, both["summary"].counts.docs_new), (2, 0)]


def test_the_folder_opens_in_top_dyad_and_serve(both: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from tieline.cli.app import app, command
    from tieline.web import create_app

    command()
    runner = CliRunner()
    for args in (["top", "--json"], ["dyad", "SYR", "TUR", "--json"]):
        a = runner.invoke(app, [*args, "--db", str(both["db"])])
        b = runner.invoke(app, [*args, "--db", str(both["out"])])
        assert b.exit_code == 0, b.output
        assert a.stdout == b.stdout
    with TestClient(create_app(both["out"])) as client:
        summary = client.get("/api/summary")
        assert summary.status_code == 200 and summary.json()["n_events"] == both["summary"].counts.events


def test_code_dataframe_has_the_store_schema_and_code_many_events(spark: Any) -> None:
    texts = [("Russia and Pakistan held joint military exercises.", "2018-09-12"),
             ("China condemned Japan on Monday.", "2020-01-01"), ("   ", None),
             ("Russia and Pakistan held joint military exercises.", "2018-09-12")]  # a repeat: coded once
    df = spark.createDataFrame(texts, "body string, day string").repartition(3)
    events = code_dataframe(df, text="body", date="day", partitions=2)
    assert events.schema == spark_schema(worker.EVENT_SCHEMA)
    docs = [Document(text=t, date=Date.fromisoformat(d)) for t, d in texts[:2]]
    expected = sorted((ev.to_flat() for _, evs in code_many(docs) for ev in evs), key=lambda r: r["event_id"])
    got = sorted((r.asDict() for r in events.collect()), key=lambda r: r["event_id"])
    assert got == expected and expected
    tables = code_tables(df, text="body", date="day", partitions=2)
    try:
        assert [(r.reason, r.origin) for r in tables.quarantine.collect()] == [("empty", "dataframe")]
        assert sorted(r.doc_id for r in tables.documents.collect()) == sorted(d.doc_id for d in docs)
        assert tables.events.count() == len(expected)
    finally:
        tables.unpersist()
    with pytest.raises(ConfigError, match="no text column 'text'"):
        code_dataframe(df)
    with pytest.raises(ConfigError, match="not a string"):
        code_dataframe(spark.createDataFrame([(1,)], "text int"))
    with pytest.raises(ConfigError, match="no url column"):
        code_dataframe(df, text="body", url="link")


def test_each_python_worker_builds_the_pipeline_once(spark: Any) -> None:
    texts = [(f"Russia and Pakistan held talks on day {i}.",) for i in range(8)]
    code_dataframe(spark.createDataFrame(texts, "text string"), partitions=8).count()

    def probe(batches: Any) -> Any:
        for _ in batches:
            pass
        yield pa.RecordBatch.from_pylist([worker.worker_state()])

    states = spark.range(8).repartition(8).mapInArrow(
        probe, "pid long, pipelines_built long, peak_rss_bytes long").collect()
    # Eight coding tasks ran on at most two reused worker processes, each building one pipeline.
    assert len({s.pid for s in states}) <= 2
    assert {s.pipelines_built for s in states} == {1}


def test_uris_are_read_through_spark(spark: Any, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("articles.jsonl", "articles.csv", "feed.rss", "broken.rss"):
        shutil.copy(FIXTURES / name, inputs / name)
    db = tmp_path / "local.duckdb"
    ingest([inputs], db=db, config=Config())
    out = tmp_path / "folder"
    spark_ingest([inputs.as_uri()], out, spark=spark, partitions=2)
    a = _tables(duckdb.connect(str(db), read_only=True))
    b = _tables(connect(out, read_only=True))
    assert a["events"] == b["events"] and a["events"]
    # The same records, located by file:// URI instead of by path.
    assert [r[:6] for r in a["documents"]] == [r[:6] for r in b["documents"]]
    assert sorted(r[3:] for r in a["quarantine"]) == sorted(r[3:] for r in b["quarantine"])


def test_cli_spark_ingest(spark: Any, tmp_path: Path) -> None:
    from tieline.cli.app import app, command

    command()
    (tmp_path / "talks.txt").write_text("Talks\n\nIndia and China held talks in Delhi on Monday.\n")
    result = CliRunner().invoke(app, ["spark", "ingest", str(tmp_path / "talks.txt"), "--out",
                                      str(tmp_path / "out"), "--master", "local[2]", "--partitions", "2"])
    assert result.exit_code == 0, result.output
    assert "new documents coded" in result.stdout
    missing = CliRunner().invoke(app, ["spark", "ingest", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert missing.exit_code == 1 and "no such file" in missing.output
    bad_conf = CliRunner().invoke(app, ["spark", "ingest", str(tmp_path / "talks.txt"), "--out", str(tmp_path / "o"),
                                        "--conf", "spark.executor.memory"])
    assert bad_conf.exit_code == 1 and "not KEY=VALUE" in bad_conf.output
