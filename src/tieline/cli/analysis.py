"""`tieline dyad`, `top`, `partners`, `shifts`: thin wrappers over tieline.analysis."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from tieline.cli.app import app, console, user_errors
from tieline.errors import ConfigError

__all__ = ["dyad_cmd", "partners_cmd", "shifts_cmd", "top_cmd"]

_DB_HELP = "Store file (default: $TIELINE_DB or ./tieline.duckdb)."
_BY_HELP = "Period: day, week, month, quarter or year."
_QUAD_CAPTION = ("VC/MC verbal/material cooperation, VK/MK verbal/material conflict; "
                 "index = (cooperation − conflict) / events")


def _num(value: float | None, fmt: str = "{:+.2f}") -> str:
    return "" if value is None else fmt.format(value)


def _print_json(data: object) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False))


@app.command("dyad")
def dyad_cmd(
    a: str = typer.Argument(..., help="First country (ISO alpha-3, e.g. USA)."),
    b: str = typer.Argument(..., help="Second country (e.g. PAK)."),
    by: str = typer.Option("month", "--by", help=_BY_HELP),
    directed: bool = typer.Option(False, "--directed", help="Only events from A to B."),
    start: str | None = typer.Option(None, "--start", help="First day (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", help="Last day (YYYY-MM-DD)."),
    fill: bool = typer.Option(False, "--fill", help="Show periods without events too."),
    plot: Path | None = typer.Option(None, "--plot", help="Also draw the series to FILE.png or FILE.html."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """A dyad's tie over time: events per quad class, Goldstein and the cooperation–conflict index."""
    with user_errors():
        from tieline.analysis import country_name, dyad_series, open_store

        with open_store(db) as con:
            series = dyad_series(con, a, b, by=by, directed=directed, start=start, end=end, fill=fill)
        if as_json:
            _print_json(series.to_dict())
        else:
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
        if plot is not None:
            from tieline.analysis.plot import plot_series

            console.print(f"chart written to {plot_series(series, plot)}", highlight=False)


@app.command("top")
def top_cmd(
    rank: str = typer.Option("volume", "--rank", help="Rank by 'volume' (events) or 'change' (of index)."),
    start: str | None = typer.Option(None, "--start", help="First day of the window (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", help="Last day of the window (YYYY-MM-DD)."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many dyads."),
    directed: bool = typer.Option(False, "--directed", help="Count A→B and B→A separately."),
    domestic: bool = typer.Option(False, "--domestic", help="Include same-country pairs."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """The busiest dyads, or those whose index changed most against the previous window."""
    with user_errors():
        from tieline.analysis import open_store, top_dyads

        with open_store(db) as con:
            rows = top_dyads(con, by=rank, start=start, end=end, limit=limit, directed=directed,
                             include_domestic=domestic)
        if as_json:
            _print_json([r.to_dict() for r in rows])
            return
        change = rank == "change"
        table = Table(title=f"top dyads by {rank}")
        # Change ranking shows both windows instead of the class split, to fit 80 columns.
        cols = ["dyad", "events", "index", "before", "index before", "Δ index"] if change else [
            "dyad", "events", "coop", "conflict", "Goldstein", "index"]
        for col in cols:
            table.add_column(col, justify="left" if col == "dyad" else "right", no_wrap=True)
        table.add_column("names", min_width=16)
        arrow = "→" if directed else "–"
        for r in rows:
            if change:
                cells = [str(r.n_events), _num(r.index), str(r.prev_n_events), _num(r.prev_index),
                         _num(r.index_change)]
            else:
                cells = [str(r.n_events), str(r.q1 + r.q2), str(r.q3 + r.q4),
                         _num(r.goldstein_mean, "{:.2f}"), _num(r.index)]
            table.add_row(f"{r.a}{arrow}{r.b}", *cells, f"{r.a_name} {arrow} {r.b_name}")
        console.print(table)


@app.command("partners")
def partners_cmd(
    country: str = typer.Argument(..., help="Country (ISO alpha-3, e.g. PAK)."),
    start: str | None = typer.Option(None, "--start", help="First day (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", help="Last day (YYYY-MM-DD)."),
    limit: int = typer.Option(20, "--limit", "-n", help="How many partners."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """A country's partners, ranked by events in either direction."""
    with user_errors():
        from tieline.analysis import country_name, open_store, partners

        with open_store(db) as con:
            rows = partners(con, country, start=start, end=end, limit=limit)
        if as_json:
            _print_json([r.to_dict() for r in rows])
            return
        code = country.strip().upper()
        table = Table(title=f"partners of {country_name(code)}")
        for col in ("partner", "events", "sent", "received", "Goldstein", "index"):
            table.add_column(col, justify="left" if col == "partner" else "right", no_wrap=True)
        table.add_column("name", min_width=16)
        for r in rows:
            table.add_row(r.partner, str(r.n_events), str(r.n_sent), str(r.n_received),
                          _num(r.goldstein_mean, "{:.2f}"), _num(r.index), r.name or "")
        console.print(table)
        if not rows:
            console.print(f"no events between {code} and another country")


@app.command("shifts")
def shifts_cmd(
    since: str | None = typer.Option(None, "--since", help="Only shifts in periods from this day on."),
    until: str | None = typer.Option(None, "--until", help="Only shifts in periods up to this day."),
    by: str = typer.Option("month", "--by", help=_BY_HELP),
    country: str | None = typer.Option(None, "--country", help="Only dyads with this country."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many shifts."),
    events: int = typer.Option(3, "--events", help="Driving events to list per shift."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    db: Path | None = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """The largest shifts: periods where a dyad's index left its own recent baseline, with their events."""
    with user_errors():
        from tieline.analysis import SHIFT_WINDOW, SHIFT_Z, detect_shifts, open_store

        if not 0 <= events <= 20:
            raise ConfigError(f"--events must be between 0 and 20, not {events}")
        with open_store(db) as con:
            found = detect_shifts(con, by=by, since=since, until=until, a=country, limit=limit,
                                  drivers=max(events, 1))
        if as_json:
            _print_json([s.to_dict() for s in found])
            return
        if not found:
            console.print(f"no shifts (|z| ≥ {SHIFT_Z} against the previous {SHIFT_WINDOW} {by}s)")
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
