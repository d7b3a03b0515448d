"""`tieline events` and `tieline sql`: read stored events from the command line, as sqlite-utils and
Datasette users expect, in table, JSON lines, CSV or JSON."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import typer

from tieline.cli.app import app, err_console, log, user_errors
from tieline.cli.options import RowFormat, check_day, check_dyad, check_known_code, db_option, write_rows
from tieline.errors import ConfigError, StoreError

__all__ = ["events_cmd", "sql_cmd"]

#: Rows fetched from DuckDB at a time: output streams instead of the result sitting in memory.
FETCH_ROWS = 2048
#: Default row limits: a screenful of events; enough SQL rows for any table a person reads.
DEFAULT_EVENT_LIMIT = 100
DEFAULT_SQL_LIMIT = 1000
#: Default time limit of one SQL query: an accidental cross join should not run for an hour.
DEFAULT_SQL_TIMEOUT_S = 30.0

#: Columns the event table shows; the other formats carry every stored event column.
TABLE_COLUMNS = ("date", "source_code", "target_code", "cameo", "cameo_name", "plover", "goldstein", "sentence")


def _rows(cursor: Any, limit: int) -> Iterator[Sequence[Any]]:
    left = limit or None
    while left is None or left > 0:
        chunk = cursor.fetchmany(FETCH_ROWS if left is None else min(FETCH_ROWS, left))
        if not chunk:
            return
        yield from chunk
        if left is not None:
            left -= len(chunk)


def _open_output(output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    if not output.expanduser().parent.is_dir():
        raise ConfigError(f"cannot write {output}: folder {output.parent} does not exist")
    return output.expanduser().open("w", encoding="utf-8", newline="")


def _connect(db: Path | None) -> Any:
    """A read-only connection that also cannot touch other files (COPY TO, read_csv, ATTACH), with
    that setting locked so a query cannot switch it back."""
    from tieline.store.db import connect, resolve_db

    path = resolve_db(db)
    con = connect(path, read_only=True)
    log.info("opened %s read-only, external access off", path)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _emit(columns: Sequence[str], rows: Iterator[Sequence[Any]], fmt: RowFormat, output: Path | None,
          title: str | None) -> int:
    out = _open_output(output)
    try:
        n = write_rows(columns, rows, fmt, out, title=title)
    finally:
        if out is not sys.stdout:
            out.close()
    if output is not None:
        err_console.print(f"wrote {n:,} rows to {output}", highlight=False)
    return n


@app.command("events")
def events_cmd(
    dyad: str | None = typer.Option(None, "--dyad", metavar="A,B",
                                    help="Events between two countries or IGOs, e.g. USA,PAK (either direction)."),
    country: str | None = typer.Option(None, "--country", metavar="CODE", help="Events involving this country."),
    directed: bool = typer.Option(False, "--directed", help="With --dyad: only from the first to the second."),
    start: str | None = typer.Option(None, "--from", metavar="DATE", help="First day (YYYY-MM-DD), inclusive."),
    end: str | None = typer.Option(None, "--to", metavar="DATE", help="Last day (YYYY-MM-DD), inclusive."),
    root: str | None = typer.Option(None, "--cameo-root", metavar="RR", help="Only this CAMEO root (01-20)."),
    quad: int | None = typer.Option(None, "--quad", min=0, max=4, metavar="Q",
                                    help="Only this quad class (1 verbal coop. … 4 material conflict)."),
    text: str | None = typer.Option(None, "--text", metavar="WORDS", help="Only sentences containing WORDS."),
    doc_id: str | None = typer.Option(None, "--doc-id", metavar="ID", help="Only events of this document."),
    limit: int = typer.Option(DEFAULT_EVENT_LIMIT, "--limit", "-n", min=0, metavar="N",
                              help="Most events to print, newest first (0: all)."),
    fmt: RowFormat = typer.Option(RowFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE, not stdout."),
    db: Path | None = db_option(),
) -> None:
    """Stored events matching filters, newest first.

    \b
    Examples:
      tieline events --dyad USA,PAK --from 2019-01-01 --format table
      tieline events --country TUR --quad 4 --format jsonl > tur-conflict.jsonl
    """
    with user_errors():
        from tieline.analysis.events import EVENT_COLUMNS, EventQuery

        a = b = None
        if dyad is not None:
            a, b = check_dyad(dyad)
            if country is not None:
                raise ConfigError("give --dyad or --country, not both")
        elif country is not None:
            a = check_known_code(country)
        query = EventQuery(a=a, b=b, directed=directed, start=check_day(start, "--from"),
                           end=check_day(end, "--to"), quad_class=quad, cameo_root=root, doc_id=doc_id, text=text)
        where, params = query.where()
        columns = list(TABLE_COLUMNS) if fmt is RowFormat.table else [c.strip() for c in EVENT_COLUMNS.split(",")]
        con = _connect(db)
        try:
            sql = (f"SELECT {', '.join(columns)} FROM events WHERE {where} "
                   "ORDER BY date DESC NULLS LAST, doc_id, sentence_index, event_id")
            if limit:
                sql += f" LIMIT {int(limit)}"
            log.info("events query: %s with %s", sql, params)
            cursor = con.execute(sql, params)
            n = _emit(columns, _rows(cursor, limit), fmt, output, title="events")
        finally:
            con.close()
        if n == 0:
            err_console.print("no events match", highlight=False)


def _params(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ConfigError(f"--param {item!r} is not NAME=VALUE", hint="e.g. -p c=USA for $c in the query")
        out[name.strip()] = value
    return out


@app.command("sql")
def sql_cmd(
    query: str = typer.Argument(..., metavar="QUERY", help="One SQL query, or - to read it from stdin."),
    param: list[str] = typer.Option([], "--param", "-p", metavar="NAME=VALUE",
                                    help="Bind $NAME in the query to VALUE (repeatable)."),
    limit: int = typer.Option(DEFAULT_SQL_LIMIT, "--limit", "-n", min=0, metavar="N",
                              help="Most rows to print (0: all)."),
    timeout: float = typer.Option(DEFAULT_SQL_TIMEOUT_S, "--timeout", min=0.1, metavar="SECONDS",
                                  help="Stop the query after this long."),
    fmt: RowFormat = typer.Option(RowFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE, not stdout."),
    db: Path | None = db_option(),
) -> None:
    """Run a read-only SQL query (DuckDB) over a store's tables: events, documents, quarantine, runs.

    Values come in as parameters, never pasted into the query. The store is opened read-only
    and the query cannot read or write other files.

    \b
    Examples:
      tieline sql "SELECT cameo_root, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"
      tieline sql 'SELECT date, sentence FROM events WHERE source_country = $c' -p c=PAK -f csv
    """
    with user_errors():
        import duckdb

        text = sys.stdin.read() if query == "-" else query
        if not text.strip():
            raise ConfigError("the SQL query is empty")
        bound = _params(param)
        con = _connect(db)
        timer = threading.Timer(timeout, con.interrupt)
        timer.start()
        try:
            log.info("sql: %s with %s (limit %s rows, %s s)", text.strip(), bound, limit or "none", timeout)
            cursor = con.execute(text, bound or None)
            if cursor.description is None:
                raise ConfigError("the statement returned no rows", hint="tieline sql runs SELECT queries")
            columns = [d[0] for d in cursor.description]
            more: list[bool] = []

            def capped() -> Iterator[Sequence[Any]]:
                for i, row in enumerate(_rows(cursor, limit + 1 if limit else 0)):
                    if limit and i == limit:
                        more.append(True)  # one row past the limit says the result was cut
                        return
                    yield row

            _emit(columns, capped(), fmt, output, title=None)
            if more:
                err_console.print(f"showing the first {limit:,} rows; --limit 0 prints all", highlight=False)
        except duckdb.InterruptException:
            raise ConfigError(f"the query ran longer than {timeout:g} s and was stopped",
                              hint="narrow it or raise --timeout") from None
        except (duckdb.PermissionException, duckdb.InvalidInputException) as exc:
            raise StoreError(f"not allowed: {str(exc).splitlines()[0]}",
                             hint="tieline sql only reads the store") from None
        except duckdb.Error as exc:
            raise ConfigError(f"SQL error: {str(exc).splitlines()[0]}") from None
        finally:
            timer.cancel()
            con.close()
