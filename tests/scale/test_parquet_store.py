"""A Parquet folder as a store, without Spark: the analysis, db-info, the dashboard and the CLI read
it as they read the DuckDB store it was copied from; writing to it is refused; `tieline import`
loads it, and importing twice adds nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tieline.analysis import dyad_series, open_store, top_dyads
from tieline.errors import InputError, StoreError
from tieline.store import open_store as open_corpus
from tieline.store.parquet import connect_parquet, import_parquet, is_parquet_store
from tieline.store.writer import StoreWriter
from tieline.web import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from analysis_fixtures import build_store  # noqa: E402


def invoke(*args: str):  # noqa: ANN201
    from tieline.cli.app import app, command

    command()  # registers every command with the shared options and the error wrapper
    return CliRunner().invoke(app, list(args))


def _as_folder(db: Path, out: Path) -> Path:
    """The store's tables as `tieline spark ingest` lays them out: events by month, the rest flat."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        (out / "events").mkdir(parents=True)
        con.execute(f"COPY (SELECT *, coalesce(strftime(date, '%Y-%m'), 'undated') AS month FROM events) "
                    f"TO '{out / 'events'}' (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE)")
        for table in ("documents", "runs"):
            (out / table).mkdir()
            con.execute(f"COPY {table} TO '{out / table / 'part-0.parquet'}' (FORMAT parquet)")
    finally:
        con.close()
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("parquet_store")
    db = build_store(root / "fixture.duckdb")
    return db, _as_folder(db, root / "folder")


def _rounded(value: object) -> object:
    """Floats to 9 places: sums over Parquet files add in another order than over the store."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if hasattr(value, "to_dict"):
        return _rounded(value.to_dict())
    return value


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[object, ...]]:
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_the_folder_has_the_stores_tables_types_and_views(stores: tuple[Path, Path]) -> None:
    db, folder = stores
    assert is_parquet_store(folder) and not is_parquet_store(folder / "events" / "missing")
    a, b = duckdb.connect(str(db), read_only=True), connect_parquet(folder)
    for table in ("events", "documents", "runs", "events_daily"):
        assert [r[:2] for r in a.execute(f"DESCRIBE {table}").fetchall()] == \
            [r[:2] for r in b.execute(f"DESCRIBE {table}").fetchall()], table
        assert _rounded(_rows(a, table)) == _rounded(_rows(b, table)), table
    # Nothing quarantined yet: an empty table of the store's shape, not an error.
    assert b.execute("SELECT count(*) FROM quarantine").fetchall() == [(0,)]


def test_analysis_and_db_info_read_the_folder_like_the_store(stores: tuple[Path, Path]) -> None:
    db, folder = stores
    with open_store(db) as a, open_store(folder) as b:
        assert _rounded(top_dyads(a, limit=5)) == _rounded(top_dyads(b, limit=5)) and top_dyads(b, limit=5)
        assert _rounded(dyad_series(a, "USA", "PAK")) == _rounded(dyad_series(b, "USA", "PAK"))
    with open_corpus(folder) as corpus:
        info = corpus.info()
        assert (info["events"], info["documents"]) == (93, 93)


def test_cli_and_dashboard_open_the_folder(stores: tuple[Path, Path]) -> None:
    db, folder = stores
    for args in (["top", "--json"], ["dyad", "USA", "PAK", "--json"]):
        a = invoke(*args, "--db", str(db))
        b = invoke(*args, "--db", str(folder))
        assert a.exit_code == 0 and b.exit_code == 0, b.output
        assert a.stdout == b.stdout
    with TestClient(create_app(db)) as ca, TestClient(create_app(folder)) as cb:
        for url in ("/api/summary", "/api/top", "/api/dyad/USA/PAK/series"):
            ra, rb = ca.get(url), cb.get(url)
            assert rb.status_code == 200 and _rounded(ra.json()) == _rounded(rb.json()), url


def test_spark_temporary_files_are_not_data(stores: tuple[Path, Path], tmp_path: Path) -> None:
    _, folder = stores
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(folder, copy)
    dead = copy / "events" / "_temporary" / "0"
    dead.mkdir(parents=True)
    shutil.copy(next((copy / "events").rglob("*.parquet")), dead / "part-9.parquet")
    con = connect_parquet(copy)
    assert con.execute("SELECT count(*) FROM events").fetchall() == [(93,)]


def test_writing_to_a_folder_is_refused_with_a_hint(stores: tuple[Path, Path], tmp_path: Path) -> None:
    _, folder = stores
    with pytest.raises(StoreError, match="tieline import"):
        StoreWriter(folder)
    (tmp_path / "plain").mkdir()
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path / "plain")


def test_import_loads_the_folder_and_a_second_import_adds_nothing(stores: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    db, folder = stores
    target = tmp_path / "imported.duckdb"
    first = import_parquet(folder, target)
    assert (first.counts.docs_new, first.counts.events) == (93, 93)
    again = import_parquet(folder, target)
    assert (again.counts.docs_new, again.counts.events, again.counts.docs_skipped) == (0, 0, 93)
    a, b = duckdb.connect(str(db), read_only=True), duckdb.connect(str(target), read_only=True)
    assert _rows(a, "events") == _rows(b, "events")
    with pytest.raises(InputError, match="not a tieline Parquet folder"):
        import_parquet(tmp_path, tmp_path / "x.duckdb")


def test_cli_import(stores: tuple[Path, Path], tmp_path: Path) -> None:
    _, folder = stores
    result = invoke("import", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 0, result.output
    assert "new events" in result.stdout and "93" in result.stdout
    missing = invoke("import", str(tmp_path / "nope"), "--db", str(tmp_path / "t.duckdb"))
    assert missing.exit_code == 1 and "no such folder" in missing.output
