"""The ingest progress line: bar, counts, rates and time left, legible at 80 columns, counting
documents (with a total) when the inputs are CSV/JSONL files, else files."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn
from rich.table import Column

__all__ = ["COUNT_RECORDS_MAX_BYTES", "count_records", "ingest_progress", "progress_fields"]

#: Largest CSV/JSONL input whose records are counted up front for a per-document total: counting
#: reads the file once more, which costs about a second per 100 MB, small beside coding it.
COUNT_RECORDS_MAX_BYTES = 2 * 1024**3
#: Below this terminal width the rates are abbreviated so the bar and counts keep their room.
WIDE_PROGRESS_COLUMNS = 110
#: Width of the bar: long enough to read, short enough to leave room for counts at 80 columns.
BAR_WIDTH = 16


def count_records(files: list[Path]) -> int | None:
    """How many records CSV/JSONL files hold (the ingest progress total); None when any input is
    of another kind or too big to count cheaply."""
    from tieline.ingest.sources import detect_kind

    total = 0
    for path in files:
        kind = detect_kind(path, sniff=False)
        if kind not in ("csv", "jsonl") or path.stat().st_size > COUNT_RECORDS_MAX_BYTES:
            return None
        if kind == "jsonl":
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                total += max(sum(1 for _ in csv.reader(fh, delimiter=delimiter)) - 1, 0)  # minus the header
    return total


def ingest_progress(console: Console, *, disable: bool = False) -> Progress:
    """The progress display; update it with `progress_fields`."""
    return Progress(
        SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(bar_width=BAR_WIDTH), MofNCompleteColumn(),
        TextColumn("{task.fields[unit]}"), TimeRemainingColumn(compact=True, elapsed_when_finished=True),
        # The rates come last and are the ones cut when the line is too long.
        TextColumn("{task.fields[info]}", table_column=Column(no_wrap=True, overflow="ellipsis", min_width=0)),
        console=console, disable=disable, transient=False,
    )


def progress_fields(stats: Any, doc_total: int | None, width: int) -> dict[str, Any]:
    """completed/total/unit/info for the progress task from a run's live counters."""
    skipped = stats.docs_skipped + stats.docs_duplicate
    if width >= WIDE_PROGRESS_COLUMNS:
        info = (f"{stats.docs_per_s:,.1f} docs/s · {stats.events:,} events · {skipped:,} skipped · "
                f"{stats.quarantined:,} quarantined")
    else:
        info = f"{stats.docs_per_s:,.1f}/s {stats.events:,} ev {skipped:,} skip {stats.quarantined:,} bad"
    if doc_total is not None:
        done = stats.docs_read + stats.quarantined
        return {"completed": done, "total": max(doc_total, done), "unit": "docs", "info": info}
    return {"completed": stats.files_done, "total": stats.files_total or None, "unit": "files", "info": info}
