"""`tieline ingest`, `tieline export` and `tieline db-info`: thin wrappers over tieline.ingest/export."""

from __future__ import annotations

import logging
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from tieline.cli.app import app, console, err_console, user_errors
from tieline.config import DEFAULT_BATCH_SIZE, Config

__all__ = ["db_info_cmd", "export_cmd", "ingest_cmd"]

_DB_HELP = "Store file (default: $TIELINE_DB or ./tieline.duckdb)."


@app.command("ingest")
def ingest_cmd(
    paths: list[Path] = typer.Argument(None, help="Files and folders (folders recurse): .txt .html .csv "
                                                  ".tsv .jsonl .json .rss .atom .xml .warc .warc.gz"),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    recode: bool = typer.Option(False, "--recode", help="Code stored documents again (after a lexicon "
                                "change), replacing their events; with no PATH, recode the whole store."),
    text_col: str = typer.Option("text", "--text-col", help="CSV/JSON field holding the article text."),
    date_col: str = typer.Option("date", "--date-col", help="CSV/JSON field holding the publication date."),
    url_col: str = typer.Option("url", "--url-col", help="CSV/JSON field holding the URL."),
    title_col: str = typer.Option("title", "--title-col", help="CSV/JSON field holding the headline."),
    source_col: str = typer.Option("source", "--source-col", help="CSV/JSON field naming the outlet."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of text, CSV and JSONL files."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", help="Documents per transaction."),
    n_process: int = typer.Option(1, "--n-process", "-j", help="Coding worker processes."),
    pipeline: str | None = typer.Option(None, "--pipeline", help="spaCy pipeline to code with."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read news files into the store: code new documents, skip stored ones, quarantine bad input."""
    with user_errors():
        from tieline.ingest import IngestStats, ReadOptions, ingest

        # Extraction libraries log every odd page; quarantine already records what matters.
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.ERROR)

        config = Config() if pipeline is None else Config(pipeline=pipeline)
        options = ReadOptions(text_col=text_col, date_col=date_col, url_col=url_col, title_col=title_col,
                              source_col=source_col, encoding=encoding, max_chars=config.max_chars)
        progress = Progress(
            SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("files"), TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
            console=err_console, disable=quiet, transient=False,
        )

        def show(stats: IngestStats) -> None:
            info = (f"{stats.docs_coded:,} docs ({stats.docs_per_s:,.1f}/s) · {stats.events:,} events "
                    f"({stats.events_per_s:,.1f}/s) · "
                    f"{stats.docs_skipped + stats.docs_duplicate:,} skipped · "
                    f"{stats.quarantined:,} quarantined")
            progress.update(task, completed=stats.files_done, total=stats.files_total or None, info=info)

        with progress:
            task = progress.add_task("ingest", total=None, info="starting")
            summary = ingest(paths or [], db=db, recode=recode, options=options, batch_size=batch_size,
                             n_process=n_process, config=config, progress=show)
        s = summary.stats
        table = Table(title=f"run {summary.run_id} → {summary.db}", show_header=False, box=None)
        for label, value in (
            ("files", s.files_total), ("documents read", s.docs_read), ("new documents coded", s.docs_new),
            ("documents recoded", s.docs_recoded), ("already stored (skipped)", s.docs_skipped),
            ("duplicates in input", s.docs_duplicate), ("events stored", s.events),
            ("quarantined", s.quarantined),
        ):
            table.add_row(label, f"{value:,}")
        for reason, n in sorted(s.reasons.items()):
            table.add_row(f"  {reason}", f"{n:,}")
        rates = f"{s.docs_per_s:,.1f} docs/s, {s.events_per_s:,.1f} events/s"
        table.add_row("time", f"{s.elapsed:,.1f} s ({rates})")
        console.print(table)
        if s.quarantined:
            err_console.print(f"see why with: tieline db-info --db {summary.db} --quarantine")


@app.command("export")
def export_cmd(
    out: Path = typer.Argument(..., help="Output file."),
    fmt: str = typer.Option("gdelt", "--format", "-f", help="gdelt (GDELT 2.0 event TSV), plover "
                            "(POLECAT-shaped JSONL), parquet or csv (the flat event table)."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    start: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD), inclusive."),
    end: str | None = typer.Option(None, "--to", help="Last day (YYYY-MM-DD), inclusive."),
    dyad: str | None = typer.Option(None, "--dyad",
                                    help="Two country codes, e.g. USA,PAK (either direction)."),
    directed: bool = typer.Option(False, "--directed", help="With --dyad: only source=first, target=second."),
    daily: bool = typer.Option(False, "--daily", help="One event per day, dyad and code, with counts "
                               "(GDELT NumMentions/NumSources/NumArticles)."),
) -> None:
    """Write the store's events as GDELT 2.0 TSV, PLOVER JSONL, Parquet or CSV."""
    with user_errors():
        from tieline.export import export

        result = export(db, out, fmt, start=start, end=end, dyad=dyad, directed=directed, daily=daily)
        kind = "daily events" if daily else "events"
        console.print(f"wrote {result.rows:,} {kind} to {result.path} ({result.format})")


@app.command("db-info")
def db_info_cmd(
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
    quarantine: bool = typer.Option(False, "--quarantine", help="List quarantined inputs with reasons."),
    limit: int = typer.Option(50, "--limit", help="Most quarantine rows to list."),
) -> None:
    """Summarise a store: documents, events, date range, quarantine and recent runs."""
    with user_errors():
        from tieline.store import open_store

        with open_store(db) as corpus:
            info = corpus.info()
            table = Table(title=str(info["path"]), show_header=False, box=None)
            for key in ("schema_version", "documents", "events", "quarantined", "first_day", "last_day"):
                table.add_row(key.replace("_", " "), str(info[key]))
            table.add_row("size", f"{info['size_bytes'] / 1e6:,.1f} MB")
            for reason, n in info["quarantine_reasons"].items():
                table.add_row(f"  {reason}", str(n))
            console.print(table)
            runs = Table("run", "started", "status", "new", "skipped", "events", "quarantined",
                         title="recent runs")
            for r in info["runs"]:
                runs.add_row(str(r["run_id"]), str(r["started_at"])[:19], r["status"], str(r["docs_new"]),
                             str(r["docs_skipped"]), str(r["events"]), str(r["quarantined"]))
            console.print(runs)
            if quarantine:
                q = Table("origin", "where", "reason", "detail", title="quarantine")
                rows = corpus.sql("SELECT origin, locator, reason, detail FROM quarantine "
                                  "ORDER BY origin, locator LIMIT ?", [limit]).fetchall()
                for origin, locator, reason, detail in rows:
                    q.add_row(origin, locator or "", reason, detail or "")
                console.print(q)
