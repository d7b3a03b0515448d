"""Reading the actor data files: the package's tab-separated tables and users' own files.

Cells are tab-separated, "-" marks an empty one, "|" separates alternatives; comment lines start
with "#". Errors name the file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date as Date
from importlib import resources
from pathlib import Path

from tieline.errors import ConfigError, DataError

__all__ = ["alts", "data_text", "date_cell", "generated_rows", "opt", "tsv_rows", "user_text"]


def user_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"actor file {path!r} does not exist",
                          hint="pass the path of a TSV file in the format of docs/actors.md") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"actor file {path!r} cannot be read: {exc}") from None


def data_text(name: str) -> str:
    """The text of one of the package's actor data files."""
    try:
        return (resources.files("tieline.actors") / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - a broken installation
        raise DataError(f"actor data file {name!r} is missing from the installed package") from exc


def tsv_rows(name: str, ncols: int, text: str | None = None) -> Iterator[tuple[int, list[str]]]:
    text = data_text(name) if text is None else text
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for lineno, row in enumerate(reader, start=1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < ncols:
            raise DataError(f"{name} line {lineno}: expected {ncols} tab-separated columns, got {len(row)}",
                            hint="columns are separated by tabs; '-' marks an empty cell")
        yield lineno, [c.strip() for c in row]


def generated_rows(name: str, ncols: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a generated table (scripts/build_actors.py writes clean tab-separated cells)."""
    for lineno, line in enumerate(data_text(name).splitlines(), start=1):
        if not line or line[0] == "#":
            continue
        row = line.split("\t")
        if len(row) < ncols:
            raise DataError(f"{name} line {lineno}: expected {ncols} tab-separated columns, got {len(row)}",
                            hint="rebuild it with scripts/build_actors.py")
        yield lineno, row


def alts(cell: str) -> list[str]:
    return [] if cell in ("", "-") else [a.strip() for a in cell.split("|") if a.strip()]


def opt(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def date_cell(cell: str, where: str) -> Date | None:
    if cell == "-" or not cell:
        return None
    try:
        return Date.fromisoformat(cell)
    except ValueError as exc:
        raise DataError(f"{where}: bad date {cell!r} (use YYYY-MM-DD)") from exc
