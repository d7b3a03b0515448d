"""`tieline actors QUERY`: look an actor up and show why it resolves as it does."""

from __future__ import annotations

from datetime import date as Date

import typer
from rich.markup import escape

from tieline.cli.app import app, console, user_errors
from tieline.errors import ConfigError

__all__ = ["actors_command"]


#: What pick_tenure's verdict means for the code shown.
WHY = {
    "fixed": "no dates", "current": "in office on the date", "former": "after the last tenure: ELI",
    "before": "before the first tenure: the country only", "latest": "no date: the latest role",
    "longest": "no date: the longest-held role", "ambiguous": "people of two countries share it: unresolved",
    "unknown": "long before any tenure: unresolved",
}


def _span(start: Date | None, end: Date | None) -> str:
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


@app.command("actors")
def actors_command(
    query: str = typer.Argument(..., help="A name, alias or phrase ('Nawaz Sharif')."),
    date: str | None = typer.Option(None, "--date", help="Date to resolve at (YYYY-MM-DD)."),
    actors: list[str] = typer.Option([], "--actors", help="A user actor dictionary (TSV, docs/actors.md); repeatable."),
    text: bool = typer.Option(True, "--text/--no-text", help="Also parse QUERY as text and resolve it in context."),
) -> None:
    """Look an actor up in the tables: matched alias, entry, tenure chosen by date, source file;
    then the codes QUERY gets as text (titles, possessives, metonyms).

    \b
    Examples:
      tieline actors Sharif --date 1998-05-28
      tieline actors "Pakistan's army chief"
    """
    with user_errors():
        from tieline.actors import get_resolver
        from tieline.actors._lookup import lookup
        from tieline.coding.dates import parse_user_date

        try:
            when = parse_user_date(date)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        resolver = get_resolver(actors)
        rows = lookup(resolver.gaz, query, when)
        at = when.isoformat() if when else "no date"
        if not rows:
            console.print(f"no table entry is named {query!r}", highlight=False, markup=False)
        elif not rows[0].exact:
            console.print(f"no entry is exactly {query!r}; entries containing it:", highlight=False, markup=False)
        for r in rows:
            console.print(f"[bold]{escape(r.phrase)}[/]  {r.kind}: {escape(r.name or '-')}  (case rule: {r.case})",
                          highlight=False)
            console.print(f"  -> {r.code or 'unresolved'}  ({at}: {WHY.get(r.status, r.status)})",
                          highlight=False, markup=False)
            for t in r.tenures:
                mark = "→" if t is r.chosen else " "
                who = f"{t.name}: " if t.name != r.name else ""  # a shared alias: whose tenure
                console.print(f"   {mark} {who}{t.code} {t.sector or '-'} {_span(t.start, t.end)}  "
                              f"{t.source.replace(' line ', ':') or 'package data'}", highlight=False, markup=False)
        if text:
            _in_text(query, when, resolver)


def _in_text(query: str, when: Date | None, resolver: object) -> None:
    from tieline.actors import ActorResolver
    from tieline.nlp import load_pipeline

    assert isinstance(resolver, ActorResolver)
    doc = load_pipeline()(query)
    found = resolver.find_in(doc[:], when=when)
    if not found:
        console.print("as text: no actor", highlight=False, markup=False)
    for m in found:
        console.print(f"as text: {m.actor.text!r} -> {m.actor.code}  ({m.actor.resolution})",
                      highlight=False, markup=False)
