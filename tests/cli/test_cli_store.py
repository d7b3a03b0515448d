"""CLI: `tieline ingest` dates and progress, `db-info`, `export` choices."""

from __future__ import annotations

import json
from datetime import date as Date
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from cli_helpers import invoke
from rich.console import Console

from tieline.cli.ingest_progress import count_records, ingest_progress, progress_fields
from tieline.cli.store import date_setter
from tieline.records import Document

TEXT = "Russia and Pakistan held joint military exercises."


@pytest.mark.parametrize("jobs", ["0", "-3"])
def test_ingest_rejects_bad_worker_counts_before_any_work(tmp_path: Path, jobs: str) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    res = invoke("ingest", str(src), "-j", jobs, "--db", str(tmp_path / "s.duckdb"))
    assert res.exit_code == 2 and "Invalid value for '--n-process' / '-j'" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "s.duckdb").exists()


def test_ingest_dates_from_path_then_date_option(tmp_path: Path) -> None:
    (tmp_path / "news" / "2019" / "03" / "14").mkdir(parents=True)
    (tmp_path / "news" / "misc").mkdir()
    (tmp_path / "news" / "2019" / "03" / "14" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news" / "misc" / "b.txt").write_text("China condemned Japan over the islands.", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = invoke("ingest", str(tmp_path / "news"), "--db", str(db), "-q", "--date", "2018-09",
                 "--date-from-path", r"(\d{4})/(\d{2})/(\d{2})")
    assert res.exit_code == 0, res.output
    assert "1 documents' paths held no date" in res.stderr
    got = invoke("sql", "SELECT DISTINCT source_country, date, date_precision FROM events ORDER BY 1",
                 "-f", "json", "--db", str(db))
    rows = {r["source_country"]: (r["date"], r["date_precision"]) for r in json.loads(got.stdout)}
    assert rows["RUS"] == ("2019-03-14", "day") and rows["CHN"] == ("2018-09-01", "month")
    info = invoke("db-info", "--db", str(db), "--json")
    data = json.loads(info.stdout)
    assert data["documents"] == 2 and data["first_day"] == "2018-09-01" and data["last_day"] == "2019-03-14"


def test_date_setter_rules() -> None:
    redate, unmatched = date_setter(None, r"(?P<year>\d{4})-(?P<month>\d{2})")
    assert redate is not None
    doc = redate(Document(text="x"), "/a/2020-05/x.txt")
    assert (doc.date.isoformat(), doc.date_precision) == ("2020-05-01", "month")  # type: ignore[union-attr]
    own = Document(text="y", date=Date(2001, 2, 3))
    assert redate(own, "/b/x.txt") is own and unmatched == []  # a document's own date wins
    assert redate(Document(text="z"), "/b/x.txt").date is None and unmatched == ["/b/x.txt"]
    assert date_setter(None, None) == (None, [])


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "2018-13"], "invalid date"),
    (["--date", "0001-01-01"], "outside 1800-2200"),
    (["--date-from-path", "(unclosed"], "is not a regular expression"),
])
def test_ingest_date_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    res = invoke("ingest", str(tmp_path / "a.txt"), *args, "--db", str(tmp_path / "s.duckdb"))
    assert res.exit_code == 1 and message in res.stderr and "Traceback" not in res.output


def test_record_counts_give_a_per_document_total(tmp_path: Path) -> None:
    jl = tmp_path / "a.jsonl"
    jl.write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    cs = tmp_path / "b.csv"
    cs.write_text('text,date\n"one\nline two",2019-01-01\nthree,2019-01-02\n', encoding="utf-8")
    assert count_records([jl]) == 3 and count_records([cs]) == 2 and count_records([jl, cs]) == 5
    txt = tmp_path / "c.txt"
    txt.write_text("x", encoding="utf-8")
    assert count_records([jl, txt]) is None


@pytest.mark.parametrize("width", [80, 160])
def test_progress_line_keeps_bar_counts_and_eta(width: int) -> None:
    out = StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system=None)
    stats = SimpleNamespace(docs_skipped=3, docs_duplicate=0, quarantined=2, events=1234, docs_per_s=12.5,
                            docs_read=400, files_done=0, files_total=1)
    progress = ingest_progress(console)
    task = progress.add_task("ingest", total=1000, unit="docs", info="")
    progress.update(task, **progress_fields(stats, 1000, width))
    console.print(progress.make_tasks_table(progress.tasks))
    line = out.getvalue().splitlines()[0]
    assert "402/1000 docs" in line and "━" in line and len(line) <= width
    assert "-:--:--" in line or ":" in line  # the time-left column
    assert ("1,234" in line) if width > 100 else True
    fields = progress_fields(stats, None, width)
    assert fields["unit"] == "files" and fields["total"] == 1


def test_db_info_shows_a_date_range_or_says_there_is_none(store_path: Path, tmp_path: Path) -> None:
    res = invoke("db-info", "--db", str(store_path))
    assert res.exit_code == 0, res.output
    assert "2019-01-" in res.stdout and "None" not in res.stdout
    from tieline.store.writer import StoreWriter

    empty = tmp_path / "empty.duckdb"
    with StoreWriter(empty):
        pass
    res = invoke("db-info", "--db", str(empty))
    assert res.exit_code == 0 and "no dated events" in res.stdout and "None" not in res.stdout
    data = json.loads(invoke("db-info", "--db", str(empty), "--json").stdout)
    assert data["events"] == 0 and data["first_day"] is None


def test_export_format_is_a_choice(store_path: Path, tmp_path: Path) -> None:
    res = invoke("export", str(tmp_path / "x.xml"), "--format", "xml", "--db", str(store_path))
    assert res.exit_code == 2 and "'xml' is not one of 'gdelt', 'plover', 'parquet', 'csv'" in res.output
    out = tmp_path / "x.csv"
    res = invoke("export", str(out), "-f", "csv", "--dyad", "USA,PAK", "--db", str(store_path))
    assert res.exit_code == 0 and f"to {out}" in res.stderr and res.stdout == ""
