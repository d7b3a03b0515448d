"""What several commands share: closed value sets (so `--help` lists them and click rejects bad
values), date and code checks, and writing rows as a table, JSON lines, CSV or JSON.

Nothing heavy is imported here: `tieline --help` imports this module for every command.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date as Date
from datetime import datetime
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import typer

from tieline.errors import ConfigError

if TYPE_CHECKING:
    from tieline.records import Document

__all__ = [
    "DB_HELP",
    "MAX_YEAR",
    "MIN_YEAR",
    "EvalSet",
    "ExportFormat",
    "LogLevel",
    "Period",
    "Rank",
    "RowFormat",
    "TableFormat",
    "check_dyad",
    "check_known_code",
    "check_plot_path",
    "db_option",
    "jsonable",
    "parse_date_option",
    "with_date",
    "write_rows",
]

DB_HELP = "Store file (default: $TIELINE_DB or ./tieline.duckdb)."

#: Dates users may give: the range the web API accepts too; a year like 0001 is a typo, not news.
MIN_YEAR = 1800
MAX_YEAR = 2200

#: Plot files `--plot` can write (tieline.analysis.plot): a chart image or a self-contained page.
PLOT_SUFFIXES = (".png", ".svg", ".html", ".htm")


class RowFormat(StrEnum):
    """Output of commands that print rows (events, sql): every format a script may want."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


class TableFormat(StrEnum):
    """Output of the analysis commands: a table for people, JSON or CSV for programs."""

    table = "table"
    json = "json"
    csv = "csv"


class Period(StrEnum):
    """Calendar periods a series is counted in (tieline.analysis.PERIODS)."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


class Rank(StrEnum):
    volume = "volume"
    change = "change"


class ExportFormat(StrEnum):
    """tieline.export.FORMATS."""

    gdelt = "gdelt"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"


class EvalSet(StrEnum):
    """Gold sets of `tieline eval` (tieline.eval.runner)."""

    plover = "plover"
    petr2 = "petr2"
    pentaclass = "pentaclass"
    articles = "articles"
    all = "all"


class LogLevel(StrEnum):
    critical = "critical"
    error = "error"
    warning = "warning"
    info = "info"
    debug = "debug"


def db_option() -> Any:
    return typer.Option(None, "--db", metavar="FILE", help=DB_HELP)


Precision = Literal["day", "month", "year"]
_DATE_FORMATS: tuple[tuple[str, Precision], ...] = (
    ("%Y-%m-%d", "day"), ("%Y%m%d", "day"), ("%Y-%m", "month"), ("%Y", "year"),
)


def parse_date_option(value: str | None, option: str = "--date") -> tuple[Date | None, Precision | None]:
    """A user's date and how precise it is: 2018-09-12 (day), 2018-09 (month), 2018 (year),
    between MIN_YEAR and MAX_YEAR; a ConfigError naming the option otherwise."""
    if value is None:
        return None, None
    text = value.strip()
    for fmt, precision in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise ConfigError(f"{option} {value!r} is outside {MIN_YEAR}-{MAX_YEAR}",
                              hint="news dates lie between those years; check for a typo")
        return parsed, precision
    raise ConfigError(f"invalid date {value!r} for {option}", hint="use YYYY-MM-DD, YYYY-MM or YYYY")


def with_date(doc: Document, when: Date | None, precision: Precision | None) -> Document:
    """The document with a user's date where it has none of its own (a page's or a record's date
    wins), at the precision the user gave (2018-09 is a month)."""
    if when is None or doc.date is not None:
        return doc
    return replace(doc, date=when, date_precision=precision)


def check_day(value: str | None, option: str) -> str | None:
    """A filter bound (--from, --start ...): a full day in range, returned as ISO text."""
    when, precision = parse_date_option(value, option)
    if when is not None and precision != "day":
        raise ConfigError(f"{option} needs a full day, not {value!r}", hint="use YYYY-MM-DD")
    return when.isoformat() if when else None


def check_known_code(code: str, what: str = "country") -> str:
    """A country or IGO code that exists (not only well-formed): unknown codes would silently give
    empty tables, so they are errors that say so."""
    from tieline.analysis.common import check_code, known_code

    norm = check_code(code, what)
    if not known_code(norm):
        raise ConfigError(f"unknown {what} code {norm!r}",
                          hint="use an ISO 3166 alpha-3 code (USA, PAK) or an IGO code (IGOUNO); "
                               "`tieline top` lists the codes in a store")
    return norm


def check_dyad(value: str) -> tuple[str, str]:
    """`--dyad A,B`: two known codes."""
    parts = [p for p in value.split(",") if p.strip()]
    if len(parts) != 2:
        raise ConfigError(f"--dyad {value!r} needs two codes", hint="e.g. --dyad USA,PAK")
    return check_known_code(parts[0]), check_known_code(parts[1])


def check_plot_path(path: Path | None) -> None:
    """Fail before any work is done, not after the table is printed."""
    if path is None:
        return
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise ConfigError(f"cannot draw a chart to {path}: the file must end in {', '.join(PLOT_SUFFIXES)}")
    parent = path.expanduser().parent
    if not parent.is_dir():
        raise ConfigError(f"cannot draw a chart to {path}: folder {parent} does not exist")


def jsonable(value: Any) -> Any:
    """A DuckDB or record value as JSON can hold it."""
    if isinstance(value, Date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict | list | tuple):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return str(jsonable(value))


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: RowFormat | TableFormat | str,
               out: IO[str] | None = None, *, title: str | None = None) -> int:
    """Write rows (streamed, except the table) in a format; returns how many were written."""
    out = out if out is not None else sys.stdout
    fmt = fmt.value if isinstance(fmt, Enum) else fmt
    n = 0
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
            n += 1
        Console(file=out).print(table)
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else jsonable(v) for v in row])
            n += 1
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(jsonable(dict(zip(columns, row, strict=True))), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n  " +
                      json.dumps(jsonable(dict(zip(columns, row, strict=True))), ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    else:  # pragma: no cover - the Enums above keep other values out
        raise ConfigError(f"unknown format {fmt!r}")
    return n
