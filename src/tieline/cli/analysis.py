"""`tieline dyad`, `top`, `partners`, `shifts`, `brief`: thin wrappers over tieline.analysis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from tieline.cli.app import app, console, user_errors
from tieline.cli.options import (
    Period,
    Rank,
    TableFormat,
    check_day,
    check_known_code,
    check_plot_path,
    db_option,
    write_rows,
)
from tieline.errors import ConfigError

__all__ = ["brief_cmd", "dyad_cmd", "partners_cmd", "shifts_cmd", "top_cmd"]

_BY_HELP = "Period to count events in."
_FORMAT_HELP = "Output: a table, JSON or CSV."
_JSON_HELP = "Print JSON (the same as --format json)."
_QUAD_CAPTION = ("VC/MC verbal/material cooperation, VK/MK verbal/material conflict; "
                 "index = (cooperation − conflict) / events")
#: Below this terminal width `top` and `partners` leave out the names column (the codes stay).
NAMES_MIN_COLUMNS = 100


def _num(value: float | None, fmt: str = "{:+.2f}") -> str:
    return "" if value is None else fmt.format(value)


def _format(fmt: TableFormat, as_json: bool) -> TableFormat:
    return TableFormat.json if as_json else fmt


def _machine(fmt: TableFormat, rows: list[dict[str, Any]], data: object | None = None) -> bool:
    """Print JSON or CSV and say so; False for a table (the caller prints it)."""
    if fmt is TableFormat.json:
        console.print_json(json.dumps(rows if data is None else data, ensure_ascii=False))
        return True
    if fmt is TableFormat.csv:
        columns = list(rows[0]) if rows else []
        write_rows(columns, ([r[c] for c in columns] for r in rows), "csv")
        return True
    return False


@app.command("dyad")
def dyad_cmd(
    a: str = typer.Argument(..., metavar="A", help="First country or IGO (ISO alpha-3, e.g. USA; IGOUNO)."),
    b: str = typer.Argument(..., metavar="B", help="Second country (e.g. PAK)."),
    by: Period = typer.Option(Period.month, "--by", help=_BY_HELP),
    directed: bool = typer.Option(False, "--directed", help="Only events from A to B."),
    start: str | None = typer.Option(None, "--start", metavar="DATE", help="First day (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", metavar="DATE", help="Last day (YYYY-MM-DD)."),
    fill: bool = typer.Option(False, "--fill", help="Show periods without events too."),
    plot: Path | None = typer.Option(None, "--plot", metavar="FILE",
                                     help="Also draw the series to FILE.png, FILE.svg or FILE.html."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help=_FORMAT_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
    db: Path | None = db_option(),
) -> None:
    """A dyad's tie over time: events per quad class, Goldstein and the cooperation–conflict index.

    \b
    Examples:
      tieline dyad USA PAK --by quarter --db news.duckdb
      tieline dyad TUR SYR --plot tur-syr.png --format csv > tur-syr.csv
    """
    with user_errors():
        check_plot_path(plot)
        a, b = check_known_code(a), check_known_code(b, "second country")
        start, end = check_day(start, "--start"), check_day(end, "--end")
        from rich.table import Table

        from tieline.analysis import country_name, dyad_series, open_store

        with open_store(db) as con:
            series = dyad_series(con, a, b, by=by.value, directed=directed, start=start, end=end, fill=fill)
        if plot is not None:  # drawn first, so a chart that cannot be drawn stops before any output
            from tieline.analysis.plot import plot_series
            from tieline.cli.app import err_console

            err_console.print(f"chart written to {plot_series(series, plot)}", highlight=False)
        if not _machine(_format(fmt, as_json), [p.to_dict() for p in series.points], series.to_dict()):
            arrow = "→" if series.directed else "–"
            table = Table(title=f"{country_name(series.a)} {arrow} {country_name(series.b)} per {series.by}",
                          caption=_QUAD_CAPTION)
            for col in ("period", "events", "VC", "MC", "VK", "MK", "Goldstein Σ", "mean", "index"):
                table.add_column(col, justify="left" if col == "period" else "right", no_wrap=True)
            for p in series.points:
                counts = (p.n_events, p.q1, p.q2, p.q3, p.q4)
                table.add_row(p.period.isoformat(), *map(str, counts), f"{p.goldstein_sum:.1f}",
                              _num(p.goldstein_mean, "{:.2f}"), _num(p.index))
            console.print(table)
            if not series.points:
                console.print(f"no dated events between {series.a} and {series.b}")


@app.command("top")
def top_cmd(
    rank: Rank = typer.Option(Rank.volume, "--rank", help="Rank by volume (events) or change (of index)."),
    start: str | None = typer.Option(None, "--start", metavar="DATE", help="First day of the window (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", metavar="DATE", help="Last day of the window (YYYY-MM-DD)."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many dyads."),
    directed: bool = typer.Option(False, "--directed", help="Count A→B and B→A separately."),
    domestic: bool = typer.Option(False, "--domestic", help="Include same-country pairs."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help=_FORMAT_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
    db: Path | None = db_option(),
) -> None:
    """The busiest dyads, or those whose index changed most against the previous window.

    \b
    Examples:
      tieline top --db news.duckdb
      tieline top --rank change --start 2019-09-01 --end 2019-09-30 --format csv
    """
    with user_errors():
        start, end = check_day(start, "--start"), check_day(end, "--end")
        from rich.table import Table

        from tieline.analysis import open_store, top_dyads

        with open_store(db) as con:
            rows = top_dyads(con, by=rank.value, start=start, end=end, limit=limit, directed=directed,
                             include_domestic=domestic)
        if _machine(_format(fmt, as_json), [r.to_dict() for r in rows]):
            return
        change = rank is Rank.change
        table = Table(title=f"top dyads by {rank.value}")
        # Change ranking shows both windows instead of the class split, to fit 80 columns.
        cols = ["dyad", "events", "index", "before", "index before", "Δ index"] if change else [
            "dyad", "events", "coop", "conflict", "Goldstein", "index"]
        for col in cols:
            table.add_column(col, justify="left" if col == "dyad" else "right", no_wrap=True)
        names = console.width >= NAMES_MIN_COLUMNS
        if names:
            table.add_column("names", overflow="fold")
        arrow = "→" if directed else "–"
        for r in rows:
            if change:
                cells = [str(r.n_events), _num(r.index), str(r.prev_n_events), _num(r.prev_index),
                         _num(r.index_change)]
            else:
                cells = [str(r.n_events), str(r.q1 + r.q2), str(r.q3 + r.q4),
                         _num(r.goldstein_mean, "{:.2f}"), _num(r.index)]
            table.add_row(f"{r.a}{arrow}{r.b}", *cells, *([f"{r.a_name} {arrow} {r.b_name}"] if names else []))
        if not names and rows:
            table.caption = "; ".join(sorted({f"{c} {n}" for r in rows for c, n in ((r.a, r.a_name), (r.b, r.b_name))
                                              if n and n != c}))
        console.print(table)


@app.command("partners")
def partners_cmd(
    country: str = typer.Argument(..., metavar="CODE", help="Country or IGO (ISO alpha-3, e.g. PAK; IGOUNO)."),
    start: str | None = typer.Option(None, "--start", metavar="DATE", help="First day (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", metavar="DATE", help="Last day (YYYY-MM-DD)."),
    limit: int = typer.Option(20, "--limit", "-n", help="How many partners."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help=_FORMAT_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
    db: Path | None = db_option(),
) -> None:
    """A country's partners, ranked by events in either direction.

    \b
    Examples:
      tieline partners PAK --db news.duckdb
      tieline partners IGOUNO --start 2019-01-01 --json
    """
    with user_errors():
        code = check_known_code(country)
        start, end = check_day(start, "--start"), check_day(end, "--end")
        from rich.table import Table

        from tieline.analysis import country_name, open_store, partners

        with open_store(db) as con:
            rows = partners(con, code, start=start, end=end, limit=limit)
        if _machine(_format(fmt, as_json), [r.to_dict() for r in rows]):
            return
        table = Table(title=f"partners of {country_name(code)}")
        for col in ("partner", "events", "sent", "received", "Goldstein", "index"):
            table.add_column(col, justify="left" if col == "partner" else "right", no_wrap=True)
        table.add_column("name", overflow="fold")
        for r in rows:
            table.add_row(r.partner, str(r.n_events), str(r.n_sent), str(r.n_received),
                          _num(r.goldstein_mean, "{:.2f}"), _num(r.index), r.name or "")
        console.print(table)
        if not rows:
            console.print(f"no events between {code} and another country")


@app.command("shifts")
def shifts_cmd(
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="Only shifts in periods from this day on."),
    until: str | None = typer.Option(None, "--until", metavar="DATE", help="Only shifts in periods up to this day."),
    by: Period = typer.Option(Period.month, "--by", help=_BY_HELP),
    country: str | None = typer.Option(None, "--country", metavar="CODE", help="Only dyads with this country."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many shifts."),
    events: int = typer.Option(3, "--events", min=0, max=20, help="Driving events to list per shift."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help=_FORMAT_HELP),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
    db: Path | None = db_option(),
) -> None:
    """The largest shifts: periods where a dyad's index left its own recent baseline, with their events.

    \b
    Examples:
      tieline shifts --db news.duckdb
      tieline shifts --since 2019-01-01 --country SYR --events 5
    """
    with user_errors():
        code = check_known_code(country) if country is not None else None
        since, until = check_day(since, "--since"), check_day(until, "--until")
        from tieline.analysis import SHIFT_WINDOW, SHIFT_Z, detect_shifts, open_store

        with open_store(db) as con:
            found = detect_shifts(con, by=by.value, since=since, until=until, a=code, limit=limit,
                                  drivers=max(events, 1))
        fmt = _format(fmt, as_json)
        if fmt is TableFormat.csv:
            # One row per shift; its driving events stay in the JSON form.
            rows = [{k: v for k, v in s.to_dict().items() if k != "events"} for s in found]
            _machine(fmt, rows)
            return
        if _machine(fmt, [s.to_dict() for s in found]):
            return
        if not found:
            console.print(f"no shifts (|z| ≥ {SHIFT_Z} against the previous {SHIFT_WINDOW} {by.value}s)")
            return
        for s in found:
            sd = "" if s.baseline_sd is None else f" ± {s.baseline_sd:.2f}"
            console.print(
                f"[bold]{s.a}–{s.b}[/] ({s.a_name} – {s.b_name}) {s.by} of {s.period}: "
                f"index {s.index:+.2f} against baseline {s.baseline_mean:+.2f}{sd} "
                f"over {s.baseline_periods} {s.by}s, z = {s.z:+.1f}, {s.n_events} events, towards "
                f"[{'green' if s.direction == 'cooperation' else 'red'}]{s.direction}[/]",
                highlight=False,
            )
            for e in s.events[:events]:
                console.print(f"  {e['date']} {e['source_code']} → {e['target_code']} {e['cameo']} "
                              f"{e['cameo_name']} (Goldstein {e['goldstein']:+.1f}): {e['sentence']}",
                              highlight=False, markup=False)




@app.command("brief")
def brief_cmd(
    a: str = typer.Argument(..., metavar="A", help="First country or IGO (ISO alpha-3, e.g. USA; IGOUNO)."),
    b: str = typer.Argument(..., metavar="B", help="Second country (e.g. PAK)."),
    output: Path = typer.Option(..., "--output", "-o", metavar="FILE", help="The HTML page to write."),
    start: str | None = typer.Option(None, "--from", metavar="DATE",
                                     help="First day (default: the corpus' publication span)."),
    end: str | None = typer.Option(None, "--to", metavar="DATE", help="Last day (YYYY-MM-DD)."),
    by: Period = typer.Option(Period.month, "--by", help=_BY_HELP),
    db: Path | None = db_option(),
) -> None:
    """A dyad brief: one self-contained HTML page on a tie (series, shifts and their sentences, event
    types each way, each side's other partners) to send on.

    \b
    Examples:
      tieline brief USA PAK -o usa-pak.html --db news.duckdb
      tieline brief TUR SYR --from 2018-01-01 --to 2018-12-31 --by quarter -o tur-syr.html
    """
    with user_errors():
        a, b = check_known_code(a), check_known_code(b, "second country")
        start, end = check_day(start, "--from"), check_day(end, "--to")
        if output.suffix.lower() not in (".html", ".htm"):
            raise ConfigError(f"cannot write a brief to {output}: the file must end in .html")
        if not output.expanduser().parent.is_dir():
            raise ConfigError(f"cannot write a brief to {output}: folder {output.parent} does not exist")
        from tieline.analysis import open_store
        from tieline.analysis.brief import brief_html

        with open_store(db) as con:
            page = brief_html(con, a, b, start=start, end=end, by=by.value)
        output.expanduser().write_text(page, encoding="utf-8")
        from tieline.cli.app import err_console

        err_console.print(f"brief written to {output}", highlight=False)
