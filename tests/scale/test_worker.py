"""The executor side without Spark: rows and file bytes read as `tieline ingest` reads them,
coding through the per-process pipeline, Arrow batches with the store's event schema."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tieline.config import Config
from tieline.ingest.common import Item, ReadOptions
from tieline.ingest.sources import read_path
from tieline.pipeline import code_many
from tieline.records import Document
from tieline.scale import worker
from tieline.store.writer import QuarantineRecord

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
OPTS = ReadOptions()


def _row(text: object, **extra: object) -> dict[str, object]:
    return {"text": text, "date": None, "doc_id": None, "url": None, "title": None, "source": None,
            "origin": "dataframe", "locator": "row=abc", "order": 0, **extra}


@pytest.mark.parametrize(("text", "reason"), [(None, "empty"), ("   ", "empty"), ("bad \udcff byte", "undecodable")])
def test_bad_rows_are_quarantined_with_a_reason(text: object, reason: str) -> None:
    (read,) = worker.read_row(_row(text), OPTS)
    assert isinstance(read, QuarantineRecord)
    assert (read.reason, read.origin, read.locator) == (reason, "dataframe", "row=abc")


def test_oversized_row_is_quarantined() -> None:
    (read,) = worker.read_row(_row("x" * 50), OPTS.with_(max_chars=10))
    assert isinstance(read, QuarantineRecord) and read.reason == "oversized"


def test_row_becomes_the_document_ingest_makes() -> None:
    (read,) = worker.read_row(_row("  Russia and Pakistan held talks.\r\n", date="2018-09-12", title=" Talks "), OPTS)
    assert isinstance(read, Item)
    assert read.doc == Document(text="Russia and Pakistan held talks.", date=Date(2018, 9, 12), title="Talks")
    assert read.origin == "dataframe#row=abc"
    (own,) = worker.read_row(_row("Russia and Pakistan held talks.", doc_id="wire-1"), OPTS)
    assert isinstance(own, Item) and own.doc.doc_id == "wire-1"


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.csv", "feed.rss", "broken.rss", "empty.html"])
def test_file_bytes_read_exactly_as_ingest_reads_the_file(name: str) -> None:
    path = FIXTURES / name
    origin = "s3a://bucket/news/" + name
    expected = list(read_path(path, OPTS, named=True))
    got = worker.read_file(origin, path.read_bytes(), OPTS, named=True)
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        if isinstance(e, Item):
            assert isinstance(g, Item) and g.doc == e.doc
            assert g.origin == origin + e.origin[len(str(path)):]
        else:
            assert isinstance(g, QuarantineRecord) and g.origin == origin
            assert (g.reason, g.locator, g.detail) == (e.reason, e.locator, e.detail)


def test_parquet_file_rows_and_their_problems(tmp_path: Path) -> None:
    good = tmp_path / "news.parquet"
    pq.write_table(pa.table({"body": ["India and China met in Delhi.", "", None],
                             "date": [Date(2020, 5, 1), None, None]}), good)
    reads = list(worker.read_parquet_file(good, OPTS.with_(text_col="body")))
    assert isinstance(reads[0], Item) and reads[0].doc.date == Date(2020, 5, 1)
    assert reads[0].origin == f"{good}#row=1"
    assert [(r.reason, r.locator) for r in reads[1:] if isinstance(r, QuarantineRecord)] == [
        ("empty", "row=2"), ("empty", "row=3")]
    (missing,) = worker.read_parquet_file(good, OPTS)
    assert isinstance(missing, QuarantineRecord) and "no column 'text'" in missing.detail
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    (bad,) = worker.read_parquet_file(broken, OPTS)
    assert isinstance(bad, QuarantineRecord) and bad.reason == "unreadable"


def _doc_batch(docs: list[Document]) -> pa.RecordBatch:
    rows = [{"doc_id": d.doc_id, "source": None, "url": None, "title": None, "published": d.date,
             "language": "en", "text": d.text, "origin": "x"} for d in docs]
    return pa.RecordBatch.from_pylist(rows, schema=pa.schema([f for f in worker.READ_SCHEMA
                                                              if f.name in worker.DOC_COLUMNS]))


def test_code_partition_gives_code_many_events_and_builds_the_pipeline_once() -> None:
    docs = [Document(text="Russia and Pakistan held joint military exercises.", date=Date(2018, 9, 12)),
            Document(text="China condemned Japan on Monday.", date=Date(2020, 1, 1))]
    expected = [ev.to_flat() for _, evs in code_many(docs) for ev in evs]
    before = worker.worker_state()["pipelines_built"]
    flat = [b for b in worker.code_partition(iter([_doc_batch(docs)]), Config(), nested=False)]
    nested = list(worker.code_partition(iter([_doc_batch(docs)]), Config(), nested=True))
    assert before >= 1 and worker.worker_state()["pipelines_built"] == before  # cached per process
    assert all(b.schema.equals(worker.EVENT_SCHEMA) for b in flat)
    assert [r for b in flat for r in b.to_pylist()] == expected and expected
    coded = [r for b in nested for r in b.to_pylist()]
    assert [r["doc_id"] for r in coded] == [d.doc_id for d in docs]
    assert [e for r in coded for e in r["events"]] == expected


def test_a_document_whose_coding_fails_is_quarantined_as_ingest_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import tieline.pipeline

    real = tieline.pipeline.code_many

    def flaky(documents, **kw):  # noqa: ANN001, ANN202
        docs = list(documents)
        if any("BOOM" in d.text for d in docs):
            raise ValueError("the parser fell over")
        return real(docs, **kw)

    monkeypatch.setattr(tieline.pipeline, "code_many", flaky)
    good = Document(text="China condemned Japan on Monday.", date=Date(2020, 1, 1))
    bad = Document(text="BOOM goes the parser.")
    batch = _doc_batch([good, bad])
    rows = [r for b in worker.code_partition(iter([batch.set_column(
        batch.schema.get_field_index("origin"), "origin", pa.array(["a.csv#row=1", "a.csv#row=2"]))]),
        Config(), nested=True) for r in b.to_pylist()]
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id[good.doc_id]["reason"] is None and by_id[good.doc_id]["events"]
    failed = by_id[bad.doc_id]
    expected = QuarantineRecord(origin="a.csv", reason="coding_error", detail="ValueError: the parser fell over",
                                locator="row=2", size_bytes=len(bad.text))
    assert (failed["origin"], failed["locator"], failed["reason"], failed["detail"], failed["quarantine_id"]) == (
        expected.origin, expected.locator, expected.reason, expected.detail, expected.quarantine_id)
    assert failed["events"] == []
    # The events-only form leaves the failed document out and keeps the rest.
    flat = [r for b in worker.code_partition(iter([batch]), Config(), nested=False) for r in b.to_pylist()]
    assert flat and {r["doc_id"] for r in flat} == {good.doc_id}
