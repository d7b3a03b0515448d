"""`tieline codes`: browse the CAMEO codes and PLOVER types the coder assigns."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tieline import ontology
from tieline.cli.app import app, console, user_errors
from tieline.errors import InputError

__all__ = ["codes"]


def _plover_table() -> Table:
    table = Table(title="PLOVER event types", show_lines=True)
    table.add_column("type", style="bold")
    table.add_column("description")
    table.add_column("modes")
    for kind in ontology.plover_types():
        table.add_row(kind.name, kind.description, ", ".join(kind.modes) or "-")
    contexts = ontology.plover_types()[0].contexts
    table.caption = "contexts (any type): " + ", ".join(contexts)
    return table


def _cameo_table(entries: list[ontology.CameoCode]) -> Table:
    table = Table(title=f"CAMEO event codes ({len(entries)})")
    table.add_column("code", style="bold")
    table.add_column("name")
    table.add_column("Goldstein", justify="right")
    table.add_column("quad")
    table.add_column("PLOVER")
    table.add_column("mode")
    table.add_column("context")
    for entry in entries:
        coding = ontology.plover_for(entry.code)
        table.add_row(
            entry.code,
            entry.name,
            f"{entry.goldstein:+.1f}",
            f"{entry.quad_class} {ontology.QUAD_CLASS_NAMES[entry.quad_class]}",
            coding.type,
            coding.mode or "",
            coding.context or "",
        )
    return table


@app.command()
def codes(
    query: Annotated[str, typer.Argument(help="Code prefix (e.g. 05, 057) or words of a code's name.")] = "",
    plover: Annotated[bool, typer.Option("--plover", help="List the PLOVER types instead.")] = False,
    root: Annotated[
        str | None, typer.Option("--root", metavar="RR", help="Only codes under root RR.")
    ] = None,
) -> None:
    """Browse CAMEO event codes with their Goldstein score, quad class and PLOVER coding."""
    with user_errors():
        if plover:
            console.print(_plover_table())
            return
        entries = ontology.search(query)
        if root is not None:
            if root.strip() not in ontology.ROOTS:
                raise InputError(f"--root must be a CAMEO root 01-20, got {root!r}")
            entries = [e for e in entries if e.root == root.strip()]
        if not entries:
            raise InputError(f"no CAMEO code matches {query!r}", hint="try a shorter query or none")
        console.print(_cameo_table(entries))
