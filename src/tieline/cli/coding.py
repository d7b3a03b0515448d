"""`tieline code`, `tieline demo`: code text files, web pages, CSV/JSONL records or stdin and print
the events, each naming the file it came from."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date as Date
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from tieline.cli.app import app, console, err_console, log, user_errors
from tieline.cli.options import parse_date_option, with_date
from tieline.errors import InputError

if TYPE_CHECKING:
    from rich.progress import Progress

    from tieline.config import Config
    from tieline.records import Document, Event

__all__ = ["CSV_COLUMNS", "CodeFormat", "code_command", "decode_text", "demo_command", "render"]

#: Terminal width from which the table also shows quad class, Goldstein and the sentence.
WIDE_TABLE_COLUMNS = 140

#: Columns of `--format csv`: enough to read an event without the JSON; `origin` names its file.
CSV_COLUMNS = (
    "event_id", "doc_id", "origin", "sentence_index", "date", "date_precision", "source_code", "target_code",
    "cameo", "cameo_name", "plover", "quad_class", "goldstein", "confidence", "trigger", "rule", "sentence",
)

#: The demo article's date: relative expressions ("last month", "on Monday") resolve against it.
DEMO_DATE = Date(2018, 9, 12)


class CodeFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


def decode_text(raw: bytes, name: str) -> str:
    """Text from bytes with the ingest readers' rules (BOM-aware UTF-8/16, binary sniffing)."""
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


def read_documents(paths: list[str], *, encoding: str = "utf-8") -> Iterator[tuple[Document, str] | tuple[None, str]]:
    """(document, origin) for every readable input; (None, message) for each skipped one.

    Files go through the ingest readers (text, HTML with its boilerplate removed, CSV, JSONL,
    feeds, WARC), so an empty or broken file is reported and skipped, not fatal.
    """
    from tieline.ingest.common import Item, ReadOptions
    from tieline.ingest.sources import iter_files, read_path
    from tieline.records import Document

    options = ReadOptions(encoding=encoding)
    for p in paths:
        if p == "-":
            yield Document(text=decode_text(sys.stdin.buffer.read(), "standard input")), "-"
            continue
        for path, named in iter_files([p]):
            for read in read_path(path, options, named=named):
                if isinstance(read, Item):
                    yield read.doc, read.origin
                else:
                    where = f"{read.origin}#{read.locator}" if read.locator else read.origin
                    yield None, f"{where}: {read.reason}" + (f" ({read.detail})" if read.detail else "")


def _flat(ev: Event, origin: str) -> dict[str, object]:
    flat = ev.to_flat()
    flat["origin"] = origin
    return {k: flat.get(k) for k in CSV_COLUMNS}


class _Writer:
    """Events out as they are coded (JSON lines, CSV) or at the end (table, JSON array)."""

    def __init__(self, fmt: CodeFormat, out: IO[str], *, show_file: bool) -> None:
        self.fmt, self.out, self.show_file = fmt, out, show_file
        self.held: list[tuple[Event, str]] = []
        self.n = 0
        self.csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n") if fmt is CodeFormat.csv else None
        if self.csv is not None:
            self.csv.writeheader()

    def add(self, events: Iterable[Event], origin: str) -> None:
        for ev in events:
            self.n += 1
            if self.fmt is CodeFormat.jsonl:
                self.out.write(_json_line(ev, origin) + "\n")
            elif self.csv is not None:
                self.csv.writerow(_flat(ev, origin))
            else:
                self.held.append((ev, origin))

    def close(self) -> None:
        if self.fmt is CodeFormat.json:
            self.out.write("[" + ",".join("\n  " + _json_line(ev, o) for ev, o in self.held) + "\n]\n")
        elif self.fmt is CodeFormat.table:
            _print_table(self.held, Console(file=self.out) if self.out is not sys.stdout else console,
                         show_file=self.show_file)


def _json_line(ev: Event, origin: str) -> str:
    data = json.loads(ev.to_json())
    data["origin"] = origin
    return json.dumps(data, ensure_ascii=False)


def _print_table(rows: list[tuple[Event, str]], out: Console, *, show_file: bool) -> None:
    from rich.table import Table

    # Narrow terminals (and pipes, which rich treats as 80 columns) get the essentials only.
    wide = out.width >= WIDE_TABLE_COLUMNS
    table = Table(title=f"{len(rows)} events", show_lines=False)
    cols = (["file"] if show_file else []) + ["date", "source", "target", "CAMEO", "PLOVER", "trigger"]
    cols += ["quad", "Goldstein", "sentence"] if wide else []
    for col in cols:
        table.add_column(col, overflow="fold")
    for ev, origin in rows:
        row = [Path(origin).name] if show_file else []
        row += [ev.date.isoformat() if ev.date else "", ev.source.code, ev.target.code,
                f"{ev.cameo} {ev.cameo_name}", ev.plover, ev.trigger]
        if wide:
            sentence = ev.sentence if len(ev.sentence) < 160 else ev.sentence[:157] + "..."
            row += [str(ev.quad_class), f"{ev.goldstein:+.1f}", sentence]
        table.add_row(*(escape(c) for c in row))
    out.print(table)


def render(events: list[Event], fmt: str | CodeFormat, origin: str = "") -> None:
    """Print events to stdout in a format (the demo and other callers with events in hand)."""
    writer = _Writer(CodeFormat(fmt), sys.stdout, show_file=False)
    writer.add(events, origin)
    writer.close()


def _explain(doc: Document, config: Config) -> None:
    from tieline.coding import explain

    for exp in explain(doc, config=config):
        ev = exp.event
        console.print(f"[bold]{escape(ev.source.code)} -> {escape(ev.target.code)}  {ev.cameo} "
                      f"{escape(ev.cameo_name)}[/] ({ev.plover})")
        lines = [f"  sentence {ev.sentence_index}: {ev.sentence}", f"  rule:     {exp.rule}"]
        lines += [f"  modality: {exp.modality}"] if exp.modality else []
        lines += [f"  path:     {' ; '.join(exp.path)}", f"  source:   {exp.source_resolution}",
                  f"  target:   {exp.target_resolution}",
                  f"  date:     {ev.date} ({ev.date_precision}); confidence {ev.confidence}"]
        for line in lines:
            console.print(line, highlight=False, markup=False)


def _progress(total: int) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("coding"), BarColumn(bar_width=24), MofNCompleteColumn(), TextColumn("docs"),
                    TimeRemainingColumn(), console=err_console, transient=True,
                    disable=total < 2 or not err_console.is_terminal)


@app.command("code")
def code_command(
    paths: list[str] = typer.Argument(..., metavar="PATH",
                                      help="Files (.txt .html .csv .jsonl .rss .warc …), folders, or - for stdin."),
    fmt: CodeFormat = typer.Option(CodeFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE, not stdout."),
    date: str | None = typer.Option(None, "--date", metavar="DATE",
                                    help="Date of documents that carry none: YYYY-MM-DD, YYYY-MM or YYYY."),
    explain_: bool = typer.Option(False, "--explain", help="Explain each event: parse path, rule, actors."),
    pipeline: str = typer.Option("en_core_web_sm", "--pipeline", metavar="NAME", help="spaCy pipeline to parse with."),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="NAME", help="Encoding of text, CSV and JSONL files."),
    missing_target: bool = typer.Option(
        False, "--allow-missing-target", help="Keep events whose recipient the text does not name (target ---)."
    ),
    missing_source: bool = typer.Option(
        False, "--allow-missing-source", help="Keep events whose actor the text does not name (source ---)."
    ),
    actors: list[Path] = typer.Option([], "--actors", metavar="FILE",
                                      help="A user actor dictionary (TSV, see docs/actors.md); repeatable."),
) -> None:
    """Code news text into CAMEO/PLOVER events. Unreadable inputs (empty, binary, undecodable) are
    reported on stderr with their file name and skipped.

    \b
    Examples:
      tieline code article.txt --date 2018-09-12
      tieline code pages/ --format jsonl -o events.jsonl
      echo "Russia and Pakistan held joint exercises." | tieline code - --explain
    """
    with user_errors():
        when, precision = parse_date_option(date)
        if output is not None and not output.expanduser().parent.is_dir():
            raise InputError(f"cannot write {output}: folder {output.parent} does not exist")
        from tieline.config import Config

        config = Config(pipeline=pipeline, allow_missing_target=missing_target, allow_missing_source=missing_source,
                        actor_files=tuple(str(a) for a in actors))
        docs: list[Document] = []
        origins: dict[str, str] = {}
        skipped = 0
        for doc, origin in read_documents(paths, encoding=encoding):
            if doc is None:
                skipped += 1
                err_console.print(f"skipped {origin}", highlight=False, markup=False, soft_wrap=True)
                continue
            docs.append(with_date(doc, when, precision))
            origins.setdefault(docs[-1].doc_id, origin)
        if not docs:
            raise InputError("nothing to code" + (f": all {skipped} inputs were skipped" if skipped else ""),
                             hint="give text files, web pages, CSV/JSONL records or a folder holding them")
        if explain_:
            for doc in docs:
                _explain(doc, config)
            return
        log.info("read %d documents from %d inputs (%d skipped); pipeline %s, date %s (%s)", len(docs),
                 len(set(origins.values())), skipped, pipeline, when, precision)
        _code(docs, origins, fmt, output, config, show_file=len(set(origins.values())) > 1)


def _code(docs: list[Document], origins: dict[str, str], fmt: CodeFormat, output: Path | None, config: Config,
          *, show_file: bool) -> None:
    from tieline.pipeline import code_many

    out = sys.stdout if output is None else output.expanduser().open("w", encoding="utf-8", newline="")
    try:
        writer = _Writer(fmt, out, show_file=show_file)
        progress = _progress(len(docs))
        with progress:
            task = progress.add_task("coding", total=len(docs))
            for doc, events in code_many(iter(docs), config=config):
                writer.add(events, origins.get(doc.doc_id, ""))
                progress.advance(task)
        writer.close()
    finally:
        if out is not sys.stdout:
            out.close()
    if output is not None:
        err_console.print(f"wrote {writer.n:,} events to {output}", highlight=False)


@app.command("demo")
def demo_command(
    explain_: bool = typer.Option(False, "--explain", help="Explain each event."),
) -> None:
    """Code the bundled demo article (security cooperation among several countries).

    \b
    Examples:
      tieline demo
      tieline demo --explain
    """
    with user_errors():
        from importlib import resources

        from tieline.config import Config
        from tieline.records import Document

        text = resources.files("tieline.demo").joinpath("article.txt").read_text(encoding="utf-8")
        err_console.print(f"[dim]Demo article dated {DEMO_DATE.isoformat()}[/]")
        if explain_:
            _explain(Document(text=text, date=DEMO_DATE), Config())
            return
        from tieline.pipeline import code

        render(code(text, date=DEMO_DATE), CodeFormat.table, "demo")
