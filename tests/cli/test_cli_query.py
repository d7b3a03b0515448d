"""CLI: `tieline events` and `tieline sql` over the hand-made store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import invoke


def test_events_dyad_filter_newest_first_as_jsonl(store_path: Path) -> None:
    res = invoke("events", "--dyad", "USA,PAK", "--from", "2019-09-01", "--to", "2019-09-30", "-f", "jsonl",
                 "--limit", "0", "--db", str(store_path))
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 5 and all(r["date"].startswith("2019-09") for r in rows)
    assert {frozenset((r["source_country"], r["target_country"])) for r in rows} == {frozenset(("USA", "PAK"))}
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)


def test_events_table_csv_and_json(store_path: Path, tmp_path: Path) -> None:
    table = invoke("events", "--country", "TUR", "--quad", "4", "--limit", "3", "--db", str(store_path))
    assert table.exit_code == 0, table.output
    assert "TUR" in table.stdout and "attacked" in table.stdout
    out = tmp_path / "e.csv"
    res = invoke("events", "--country", "TUR", "-f", "csv", "-o", str(out), "--db", str(store_path))
    assert res.exit_code == 0 and f"wrote 16 rows to {out}" in res.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 16 and {r["quad_class"] for r in rows} == {"4"}
    js = invoke("events", "--dyad", "IGOUNO,SYR", "-f", "json", "--db", str(store_path))
    assert js.exit_code == 0, js.output
    assert len(json.loads(js.stdout)) == 3


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--dyad", "USA"], 1, "needs two codes"),
    (["--dyad", "USA,XXX"], 1, "unknown country code 'XXX'"),
    (["--country", "XXX"], 1, "unknown country code 'XXX'"),
    (["--from", "2019-13-01"], 1, "invalid date"),
    (["--quad", "7"], 2, "Invalid value"),
    (["--format", "xml"], 2, "'xml' is not one of"),
])
def test_events_errors(store_path: Path, args: list[str], code: int, message: str) -> None:
    res = invoke("events", *args, "--db", str(store_path))
    assert res.exit_code == code and message in res.output and "Traceback" not in res.output


def test_sql_with_parameters_and_formats(store_path: Path) -> None:
    query = ("SELECT source_country AS c, count(*) AS n FROM events WHERE target_country = $t "
             "GROUP BY 1 ORDER BY n DESC, c")
    res = invoke("sql", query, "-p", "t=SYR", "-f", "csv", "--db", str(store_path))
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == "c,n" and "RUS," in res.stdout
    js = invoke("sql", query, "-p", "t=SYR", "-f", "json", "--db", str(store_path))
    assert json.loads(js.stdout)[0] == {"c": "RUS", "n": 36}
    table = invoke("sql", "SELECT 1 AS one", "--db", str(store_path))
    assert table.exit_code == 0 and "one" in table.stdout


def test_sql_row_limit_is_announced(store_path: Path) -> None:
    res = invoke("sql", "SELECT * FROM range(50)", "-n", "10", "-f", "jsonl", "--db", str(store_path))
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 10
    assert "showing the first 10 rows" in res.stderr


@pytest.mark.parametrize(("query", "message"), [
    ("DELETE FROM events", "not allowed"),
    ("CREATE TABLE t (x INT)", "not allowed"),
    ("COPY events TO '/tmp/tieline-leak.csv'", "not allowed"),
    ("SELECT * FROM read_csv('/etc/hostname')", "not allowed"),
    ("SET enable_external_access = true", "not allowed"),
    ("SELEC 1", "SQL error"),
    ("SELECT * FROM nowhere", "SQL error"),
])
def test_sql_is_read_only_and_errors_are_one_line(store_path: Path, query: str, message: str) -> None:
    res = invoke("sql", query, "--db", str(store_path))
    assert res.exit_code == 1, res.output
    assert message in res.stderr and "Traceback" not in res.output
    assert not Path("/tmp/tieline-leak.csv").exists()


def test_sql_time_limit_stops_a_runaway_query(store_path: Path) -> None:
    res = invoke("sql", "SELECT count(*) FROM range(1000000000000) a", "--timeout", "0.5", "--db", str(store_path))
    assert res.exit_code == 1 and "ran longer than 0.5 s" in res.stderr


def test_sql_bad_parameter_and_missing_store(tmp_path: Path) -> None:
    res = invoke("sql", "SELECT 1", "-p", "novalue", "--db", str(tmp_path / "x.duckdb"))
    assert res.exit_code == 1 and "is not NAME=VALUE" in res.stderr
    res = invoke("sql", "SELECT 1", "--db", str(tmp_path / "x.duckdb"))
    assert res.exit_code == 1 and "no store at" in res.stderr
