"""Exports of a store's events: GDELT 2.0 TSV, PLOVER/POLECAT JSONL, Parquet, CSV.

    >>> from tieline.export import export
    >>> export("tieline.duckdb", "events.tsv", "gdelt", start="2018-01-01", dyad="USA,PAK")
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

import duckdb

from tieline.errors import ConfigError, OutputError
from tieline.export.gdelt import GDELT_COLUMNS, GDELT_DTYPES, write_gdelt
from tieline.export.plover import POLECAT_LABELS, write_plover
from tieline.store.corpus import Corpus, EventFilter

__all__ = ["FORMATS", "STDOUT", "GDELT_COLUMNS", "GDELT_DTYPES", "POLECAT_LABELS", "ExportResult", "export"]

FORMATS = ("gdelt", "plover", "parquet", "csv")
#: The output name that means standard output.
STDOUT = "-"

#: Rows fetched from DuckDB at a time while writing GDELT/PLOVER lines.
_FETCH_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    rows: int


def _event_rows(corpus: Corpus, flt: EventFilter, daily: bool) -> Iterator[dict[str, Any]]:
    """Events joined to their documents, with `day` (event date, else publication date)."""
    if daily:
        where, params = flt.where(alias="e", day="e.day")
        query = (
            "SELECT e.*, NULL AS sentence_index, e.first_ingested_at AS ingested_at, NULL AS doc_id "
            f"FROM events_daily e WHERE e.day IS NOT NULL AND {where} ORDER BY e.day, e.event_id"
        )
    else:
        where, params = flt.where()
        query = (
            "SELECT e.*, d.url, d.source AS doc_source, d.published, d.language, d.ingested_at, "
            "coalesce(e.date, d.published, CAST(d.ingested_at AS DATE)) AS day "
            f"FROM events e LEFT JOIN documents d USING (doc_id) WHERE {where} "
            "ORDER BY day, e.event_id"
        )
    cur = corpus.con.cursor()
    cur.execute(query, params)
    names = [d[0] for d in cur.description or ()]
    while rows := cur.fetchmany(_FETCH_ROWS):
        for r in rows:
            yield dict(zip(names, r, strict=True))


def _copy(corpus: Corpus, flt: EventFilter, out: Path, fmt: str, daily: bool) -> int:
    if daily:
        where, params = flt.where(alias="e", day="e.day")
        select = f"SELECT e.* FROM events_daily e WHERE {where} ORDER BY e.day, e.event_id"
    else:
        where, params = flt.where()
        select = (f"SELECT e.* FROM events e LEFT JOIN documents d USING (doc_id) WHERE {where} "
                  "ORDER BY coalesce(e.date, d.published), e.event_id")
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = str(out).replace("'", "''")
    corpus.con.execute(f"COPY ({select}) TO '{target}' ({options})", params)
    row = corpus.con.execute(f"SELECT count(*) FROM ({select})", params).fetchall()[0]
    return int(row[0]) if row else 0


def export(
    db: str | os.PathLike[str] | None,
    out: str | os.PathLike[str],
    fmt: str = "gdelt",
    *,
    start: str | Date | None = None,
    end: str | Date | None = None,
    dyad: str | tuple[str, str] | None = None,
    directed: bool = False,
    daily: bool = False,
) -> ExportResult:
    """Write the store's events (filtered by day range and dyad) to `out` in `fmt`.

    `daily` exports the one-a-day view (one event per day, dyad and code, with
    GDELT-style mention/source/article counts) instead of every raw event; it is not
    available for PLOVER, whose records are single events.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"choose one of {', '.join(FORMATS)}")
    if daily and fmt == "plover":
        raise ConfigError("the daily view has no single events to write as PLOVER records",
                          hint="drop --daily, or export gdelt/parquet/csv")
    flt = EventFilter.make(start, end, dyad, directed)
    to_stdout = str(out) == STDOUT
    path = Path(out).expanduser()
    if not to_stdout:
        _check_target(path)
    from tieline import __version__

    def write(target: Path) -> int:
        if fmt in ("parquet", "csv"):
            return _copy(corpus, flt, target, fmt, daily)
        with target.open("w", encoding="utf-8", newline="\n") as fh:
            rows = _event_rows(corpus, flt, daily)
            if fmt == "gdelt":
                return write_gdelt(rows, fh)
            return write_plover(rows, fh, f"tieline {__version__}")

    with Corpus(db) as corpus:
        n = _to_stdout(write) if to_stdout else _replace(path, write)
    return ExportResult(path=path, format=fmt, rows=n)


def _check_target(path: Path) -> None:
    """An export replaces a regular file or makes a new one; nothing else is overwritten."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(f"{path} is a symbolic link; tieline does not write through links",
                              hint="give the path of the file itself, or a new name")
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{path} is a folder; give a file name to export to")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{path} is not a regular file (a device, FIFO or socket); tieline will not "
                              "replace it", hint=f"write to a file, or to '{STDOUT}' (standard output) and redirect")
    if not path.parent.is_dir():
        raise OutputError(f"folder {path.parent} does not exist")


def _replace(path: Path, write: Callable[[Path], int]) -> int:
    """Write to a temporary file in the target's folder, then rename it over the target: a
    half-written export never sits under the real name, and a full disk is an error."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write in {path.parent}: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        n = write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())  # a full disk may only show here, and before the rename
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"writing {path} failed: {exc.strerror or exc}",
                          hint="is the disk full? nothing was written under that name") from None
    except duckdb.Error as exc:
        raise OutputError(f"writing {path} failed: {str(exc).splitlines()[0]}",
                          hint="is the disk full? nothing was written under that name") from None
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _file_mode(path: Path) -> int:
    """The mode the export gets: the replaced file's, else what the umask gives a new file
    (mkstemp makes it private)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _to_stdout(write: Callable[[Path], int]) -> int:
    """`-`: write the export to a temporary file, then copy it to standard output."""
    with tempfile.TemporaryDirectory(prefix="tieline-export-") as folder:
        tmp = Path(folder) / "export"
        try:
            n = write(tmp)
        except duckdb.Error as exc:
            raise OutputError(f"writing the export failed: {str(exc).splitlines()[0]}") from None
        out = sys.stdout.buffer
        try:
            sys.stdout.flush()
            with tmp.open("rb") as fh:
                shutil.copyfileobj(fh, out)
            out.flush()
        except BrokenPipeError:
            _silence_stdout()  # `tieline export - | head`: the reader stopped, which is not an error
        except OSError as exc:
            _silence_stdout()
            raise OutputError(f"writing to standard output failed: {exc.strerror or exc}",
                              hint="is the disk full?") from None
    return n


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null so the interpreter's final flush of what is left in
    the buffer does not fail again (and print a traceback) on the way out."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
