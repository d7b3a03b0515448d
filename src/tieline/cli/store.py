"""`tieline ingest`, `tieline export` and `tieline db-info`: thin wrappers over tieline.ingest/export."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tieline.cli.app import app, console, err_console, log, user_errors
from tieline.cli.options import ExportFormat, check_day, db_option, jsonable, parse_date_option, with_date
from tieline.config import DEFAULT_BATCH_SIZE
from tieline.errors import ConfigError

if TYPE_CHECKING:
    from tieline.cli.options import Precision
    from tieline.records import Document

__all__ = ["date_setter", "db_info_cmd", "export_cmd", "ingest_cmd"]

def _path_date(pattern: re.Pattern[str], origin: str) -> tuple[Date, Precision] | None:
    """The date a path holds by `pattern`: named groups year/month/day, else its groups in that
    order, else the whole match ("2019-03-14", "20190314", "2019/03")."""
    m = pattern.search(origin)
    if m is None:
        return None
    named = {k: v for k, v in m.groupdict().items() if v}
    if named:
        parts = [named[k] for k in ("year", "month", "day") if k in named]
    else:
        parts = [g for g in m.groups() if g] or [m.group(0)]
    text = "-".join(parts) if len(parts) > 1 else parts[0].replace("/", "-").replace("_", "-")
    try:
        when, precision = parse_date_option(text, "--date-from-path")
    except ConfigError:
        return None
    return (when, precision) if when is not None and precision is not None else None


def date_setter(date: str | None, date_from_path: str | None) -> tuple[Callable[[Document, str], Document] | None,
                                                                          list[str]]:
    """The redate hook of `ingest` for --date and --date-from-path, and a list collecting the
    origins whose path held no date. A document's own date (a CSV column, a page's metadata)
    always wins; a date in its path comes next; --date last."""
    fallback, fallback_precision = parse_date_option(date)
    pattern = None
    if date_from_path is not None:
        try:
            pattern = re.compile(date_from_path)
        except re.error as exc:
            raise ConfigError(f"--date-from-path {date_from_path!r} is not a regular expression: {exc}") from None
    if fallback is None and pattern is None:
        return None, []
    unmatched: list[str] = []

    def redate(doc: Document, origin: str) -> Document:
        if doc.date is not None:
            return doc
        found = _path_date(pattern, origin.split("#", 1)[0]) if pattern is not None else None
        if found is None and pattern is not None:
            unmatched.append(origin)
        when, precision = found or (fallback, fallback_precision)
        return with_date(doc, when, precision)

    return redate, unmatched


@app.command("ingest")
def ingest_cmd(
    paths: list[Path] = typer.Argument(None, metavar="PATH", help="Files and folders (folders recurse): .txt .html "
                                       ".csv .tsv .jsonl .json .rss .atom .xml .warc .warc.gz"),
    db: Path | None = db_option(),
    recode: bool = typer.Option(False, "--recode", help="Code stored documents again (after a lexicon "
                                "change), replacing their events; with no PATH, recode the whole store."),
    date: str | None = typer.Option(None, "--date", metavar="DATE", help="Date of documents that carry none "
                                    "(YYYY-MM-DD, YYYY-MM or YYYY)."),
    date_from_path: str | None = typer.Option(
        None, "--date-from-path", metavar="REGEX", help="Take undated documents' dates from their file path: "
        "named groups year, month, day, or groups in that order, e.g. '(\\d{4})/(\\d{2})/(\\d{2})'."),
    text_col: str = typer.Option("text", "--text-col", metavar="NAME", help="CSV/JSON field holding the article text."),
    date_col: str = typer.Option("date", "--date-col", metavar="NAME",
                                 help="CSV/JSON field holding the publication date."),
    url_col: str = typer.Option("url", "--url-col", metavar="NAME", help="CSV/JSON field holding the URL."),
    title_col: str = typer.Option("title", "--title-col", metavar="NAME", help="CSV/JSON field holding the headline."),
    source_col: str = typer.Option("source", "--source-col", metavar="NAME", help="CSV/JSON field naming the outlet."),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="NAME", help="Encoding of text, CSV and JSONL files."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1, help="Documents per transaction."),
    n_process: int | None = typer.Option(
        None, "--n-process", "-j", min=1, help="Coding worker processes (default: one per core, at most 8)."
    ),
    pipeline: str | None = typer.Option(None, "--pipeline", metavar="NAME", help="spaCy pipeline to code with."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    actors: list[Path] = typer.Option([], "--actors", metavar="FILE",
                                      help="A user actor dictionary (TSV, see docs/actors.md); repeatable."),
) -> None:
    """Read news files into the store: code new documents, skip stored ones, quarantine bad input.

    \b
    Examples:
      tieline ingest articles.csv --db news.duckdb --date-col published
      tieline ingest bbc/politics/ --date 2005 --db bbc.duckdb
      tieline ingest archive/ --date-from-path '(?P<year>\\d{4})/(?P<month>\\d{2})/(?P<day>\\d{2})'
    """
    with user_errors():
        redate, unmatched = date_setter(date, date_from_path)
        from tieline.cli.ingest_progress import count_records, ingest_progress, progress_fields
        from tieline.config import Config
        from tieline.ingest import IngestStats, ReadOptions, ingest, iter_files

        # Extraction libraries log every odd page; quarantine already records what matters.
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.ERROR)

        config = (Config() if pipeline is None else Config(pipeline=pipeline)).with_(
            actor_files=tuple(str(a) for a in actors))
        options = ReadOptions(text_col=text_col, date_col=date_col, url_col=url_col, title_col=title_col,
                              source_col=source_col, encoding=encoding, max_chars=config.max_chars)
        existing = [p for p in paths or [] if p.exists()]
        doc_total = count_records([f for f, _ in iter_files(existing)]) if existing == list(paths or []) and \
            existing else None
        log.info("ingest %s into %s: %s; pipeline %s, %d workers, batches of %d",
                 [str(p) for p in paths or []] or "(the stored documents)", db or "the default store",
                 f"{doc_total:,} records" if doc_total is not None else "counting files", config.pipeline,
                 n_process, batch_size)
        progress = ingest_progress(err_console, disable=quiet)

        def show(stats: IngestStats) -> None:
            progress.update(task, **progress_fields(stats, doc_total, err_console.width))

        with progress:
            task = progress.add_task("ingest", total=doc_total, unit="docs" if doc_total is not None else "files",
                                     info="starting")
            summary = ingest(paths or [], db=db, recode=recode, options=options, batch_size=batch_size,
                             n_process=n_process, config=config, progress=show, redate=redate)
        _print_summary(summary)
        if unmatched:
            err_console.print(f"{len(unmatched):,} documents' paths held no date for --date-from-path, e.g. "
                              f"{unmatched[0]}", highlight=False, markup=False)
        if summary.stats.quarantined:
            err_console.print(f"see why with: tieline db-info --db {summary.db} --quarantine")


def _print_summary(summary: Any) -> None:
    from rich.table import Table

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


@app.command("export")
def export_cmd(
    out: Path = typer.Argument(..., metavar="FILE", help="Output file."),
    fmt: ExportFormat = typer.Option(ExportFormat.gdelt, "--format", "-f", help="gdelt (GDELT 2.0 event TSV), "
                                     "plover (POLECAT-shaped JSONL), parquet or csv (the flat event table)."),
    db: Path | None = db_option(),
    start: str | None = typer.Option(None, "--from", metavar="DATE", help="First day (YYYY-MM-DD), inclusive."),
    end: str | None = typer.Option(None, "--to", metavar="DATE", help="Last day (YYYY-MM-DD), inclusive."),
    dyad: str | None = typer.Option(None, "--dyad", metavar="A,B",
                                    help="Two country codes, e.g. USA,PAK (either direction)."),
    directed: bool = typer.Option(False, "--directed", help="With --dyad: only source=first, target=second."),
    daily: bool = typer.Option(False, "--daily", help="One event per day, dyad and code, with counts "
                               "(GDELT NumMentions/NumSources/NumArticles)."),
) -> None:
    """Write the store's events as GDELT 2.0 TSV, PLOVER JSONL, Parquet or CSV.

    \b
    Examples:
      tieline export events.tsv --format gdelt --db news.duckdb
      tieline export usa-pak.parquet -f parquet --dyad USA,PAK --from 2019-01-01
    """
    with user_errors():
        from tieline.cli.options import check_dyad

        if dyad is not None:
            dyad = ",".join(check_dyad(dyad))
        from tieline.export import export

        result = export(db, out, fmt.value, start=check_day(start, "--from"), end=check_day(end, "--to"),
                        dyad=dyad, directed=directed, daily=daily)
        kind = "daily events" if daily else "events"
        err_console.print(f"wrote {result.rows:,} {kind} to {result.path} ({result.format})", highlight=False)


def _day(value: object) -> str:
    return "-" if value is None else str(value)


@app.command("db-info")
def db_info_cmd(
    db: Path | None = db_option(),
    quarantine: bool = typer.Option(False, "--quarantine", help="List quarantined inputs with reasons."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="Most quarantine rows to list."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Summarise a store: documents, events, date range, quarantine and recent runs.

    \b
    Examples:
      tieline db-info --db news.duckdb
      tieline db-info --db news.duckdb --quarantine --json
    """
    with user_errors():
        from rich.table import Table

        from tieline.store import open_store

        with open_store(db) as corpus:
            info = corpus.info()
            rows = corpus.sql("SELECT origin, locator, reason, detail FROM quarantine "
                              "ORDER BY origin, locator LIMIT ?", [limit]).fetchall() if quarantine else []
        if as_json:
            data = dict(info)
            data["path"] = str(data["path"])
            if quarantine:
                data["quarantine"] = [dict(zip(("origin", "locator", "reason", "detail"), r, strict=True))
                                      for r in rows]
            typer.echo(json.dumps(jsonable(data), indent=2, ensure_ascii=False))
            return
        table = Table(title=str(info["path"]), show_header=False, box=None)
        for key in ("schema_version", "documents", "events", "quarantined"):
            table.add_row(key.replace("_", " "), f"{info[key]:,}")
        # An empty or undated store has no date range: say so instead of printing None.
        span = (f"{info['first_day']} to {info['last_day']}" if info["first_day"] is not None
                else "no dated events")
        table.add_row("dates", span)
        table.add_row("size", f"{info['size_bytes'] / 1e6:,.1f} MB")
        for reason, n in info["quarantine_reasons"].items():
            table.add_row(f"  {reason}", str(n))
        console.print(table)
        runs = Table("run", "started", "status", "new", "skipped", "events", "quarantined", title="recent runs")
        for r in info["runs"]:
            runs.add_row(str(r["run_id"]), str(r["started_at"])[:19], r["status"], str(r["docs_new"]),
                         str(r["docs_skipped"]), str(r["events"]), str(r["quarantined"]))
        console.print(runs)
        if quarantine:
            q = Table("origin", "where", "reason", "detail", title="quarantine")
            for origin, locator, reason, detail in rows:
                q.add_row(origin, locator or "", reason, detail or "")
            console.print(q)
