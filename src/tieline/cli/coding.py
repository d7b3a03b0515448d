"""`tieline code`, `tieline demo`: code text files or stdin and print the events."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from datetime import date as Date
from importlib import resources
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tieline.cli.app import app, console, user_errors
from tieline.coding import explain, make_document
from tieline.coding.dates import parse_user_date
from tieline.config import Config
from tieline.errors import ConfigError, InputError
from tieline.pipeline import code_many
from tieline.records import Document, Event

FORMATS = ("table", "jsonl", "csv")

#: Terminal width from which the table also shows quad class, Goldstein and the sentence.
WIDE_TABLE_COLUMNS = 140

#: Columns of `--format csv` and the table: enough to read an event without the JSON.
CSV_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "date", "date_precision", "source_code", "target_code",
    "cameo", "cameo_name", "plover", "quad_class", "goldstein", "confidence", "trigger", "rule", "sentence",
)


def read_text(path: Path) -> str:
    """Read a UTF-8 (or UTF-8 with BOM / UTF-16 with BOM) news text; clear errors otherwise."""
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory")
    raw = path.read_bytes()
    return decode_text(raw, str(path))


def decode_text(raw: bytes, name: str) -> str:
    """Text from a file's bytes with the ingest readers' rules (BOM-aware UTF-8/16, binary
    sniffing); a clear InputError otherwise."""
    from tieline.ingest.common import decode_text as decode
    from tieline.ingest.common import is_binary

    if not raw.strip():
        raise InputError(f"{name} is empty")
    if is_binary(raw):
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        return decode(raw)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not valid UTF-8 text (byte {exc.start})", hint="convert it to UTF-8") from None


def _expand(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*.txt")))
        else:
            out.append(p)
    return out


def _documents(paths: list[str], when: Date | None, progress: Progress | None) -> Iterator[Document]:
    task = progress.add_task("coding", total=len(paths)) if progress else None
    for p in paths:
        if p == "-":
            text = decode_text(sys.stdin.buffer.read(), "standard input")
            doc_id = None
        else:
            text = read_text(Path(p))
            doc_id = None
        yield make_document(text, date=when, doc_id=doc_id)
        if progress is not None and task is not None:
            progress.advance(task)


def _row(ev: Event) -> dict[str, object]:
    flat = ev.to_flat()
    return {k: flat.get(k) for k in CSV_COLUMNS}


def render(events: list[Event], fmt: str) -> None:
    if fmt == "jsonl":
        for ev in events:
            sys.stdout.write(ev.to_json() + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for ev in events:
            writer.writerow(_row(ev))
        sys.stdout.write(buf.getvalue())
    else:
        # Narrow terminals (and pipes, which rich treats as 80 columns) get the essentials only.
        wide = console.width >= WIDE_TABLE_COLUMNS
        table = Table(title=f"{len(events)} events", show_lines=False)
        cols = ["date", "source", "target", "CAMEO", "PLOVER", "trigger"]
        cols += ["quad", "Goldstein", "sentence"] if wide else []
        for col in cols:
            table.add_column(col, overflow="fold")
        for ev in events:
            row = [
                ev.date.isoformat() if ev.date else "",
                ev.source.code,
                ev.target.code,
                f"{ev.cameo} {ev.cameo_name}",
                ev.plover,
                ev.trigger,
            ]
            if wide:
                sentence = ev.sentence if len(ev.sentence) < 160 else ev.sentence[:157] + "..."
                row += [str(ev.quad_class), f"{ev.goldstein:+.1f}", sentence]
            table.add_row(*row)
        console.print(table)


def _explain(text: str, when: Date | None, config: Config) -> None:
    for exp in explain(make_document(text, date=when), config=config):
        ev = exp.event
        console.print(f"[bold]{escape(ev.source.code)} -> {escape(ev.target.code)}  {ev.cameo} "
                      f"{escape(ev.cameo_name)}[/] ({ev.plover})")
        console.print(f"  sentence {ev.sentence_index}: {ev.sentence}", highlight=False, markup=False)
        console.print(f"  rule:     {exp.rule}", highlight=False, markup=False)
        if exp.modality:
            console.print(f"  modality: {exp.modality}", highlight=False, markup=False)
        console.print(f"  path:     {' ; '.join(exp.path)}", highlight=False, markup=False)
        console.print(f"  source:   {exp.source_resolution}", highlight=False, markup=False)
        console.print(f"  target:   {exp.target_resolution}", highlight=False, markup=False)
        console.print(
            f"  date:     {ev.date} ({ev.date_precision}); confidence {ev.confidence}", highlight=False, markup=False
        )


@app.command("code")
def code_command(
    paths: list[str] = typer.Argument(..., help="Text files, folders of .txt files, or - for standard input."),
    fmt: str = typer.Option("table", "--format", "-f", help="Output format: table, jsonl or csv."),
    date: str | None = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) for relative dates and leaders."),
    explain_: bool = typer.Option(False, "--explain", help="Explain each event: parse path, rule, actors."),
    pipeline: str = typer.Option("en_core_web_sm", "--pipeline", help="spaCy pipeline to parse with."),
    missing_target: bool = typer.Option(
        False, "--allow-missing-target", help="Keep events whose recipient the text does not name (target ---)."
    ),
    missing_source: bool = typer.Option(
        False, "--allow-missing-source", help="Keep events whose actor the text does not name (source ---)."
    ),
) -> None:
    """Code news text into CAMEO/PLOVER events."""
    with user_errors():
        if fmt not in FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        try:
            when = parse_user_date(date)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        config = Config(
            pipeline=pipeline, allow_missing_target=missing_target, allow_missing_source=missing_source
        )
        files = _expand(paths)
        if not files:
            raise InputError("no .txt files found in the given folders")
        if explain_:
            for p in files:
                text = decode_text(sys.stdin.buffer.read(), "standard input") if p == "-" else read_text(Path(p))
                _explain(text, when, config)
            return
        events: list[Event] = []
        show_progress = len(files) > 1 and sys.stderr.isatty()
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=console, transient=True, disable=not show_progress,
        )
        with progress:
            for _, evs in code_many(_documents(files, when, progress), config=config):
                events.extend(evs)
        render(events, fmt)


@app.command("demo")
def demo_command(
    explain_: bool = typer.Option(False, "--explain", help="Explain each event."),
) -> None:
    """Code the bundled demo article (security cooperation among several countries)."""
    with user_errors():
        text = resources.files("tieline.demo").joinpath("article.txt").read_text(encoding="utf-8")
        when = DEMO_DATE
        console.print(f"[dim]Demo article dated {when.isoformat()}[/]")
        if explain_:
            _explain(text, when, Config())
            return
        from tieline.pipeline import code

        render(code(text, date=when), "table")


#: The demo article's date: relative expressions ("last month", "on Monday") resolve against it.
DEMO_DATE = parse_user_date("2018-09-12") or Date(2018, 9, 12)
