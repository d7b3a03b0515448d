"""`tieline codes`: browse the CAMEO codes and PLOVER types the coder assigns."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from tieline.cli.app import app, console, user_errors
from tieline.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

    from tieline import ontology

__all__ = ["codes"]


def _plover_table() -> Table:
    from rich.table import Table

    from tieline import ontology

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
    from rich.table import Table

    from tieline import ontology

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
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Browse CAMEO event codes with their Goldstein score, quad class and PLOVER coding.

    \b
    Examples:
      tieline codes 057
      tieline codes protest --json
      tieline codes --plover
    """
    with user_errors():
        from tieline import ontology

        if plover:
            if as_json:
                typer.echo(json.dumps([{"type": k.name, "description": k.description, "modes": list(k.modes),
                                        "contexts": list(k.contexts)} for k in ontology.plover_types()],
                                      indent=2, ensure_ascii=False))
                return
            console.print(_plover_table())
            return
        entries = ontology.search(query)
        if root is not None:
            if root.strip() not in ontology.ROOTS:
                raise InputError(f"--root must be a CAMEO root 01-20, got {root!r}")
            entries = [e for e in entries if e.root == root.strip()]
        if not entries:
            raise InputError(f"no CAMEO code matches {query!r}", hint="try a shorter query or none")
        if as_json:
            typer.echo(json.dumps([_cameo_dict(e) for e in entries], indent=2, ensure_ascii=False))
            return
        console.print(_cameo_table(entries))


def _cameo_dict(entry: ontology.CameoCode) -> dict[str, object]:
    from tieline import ontology

    coding = ontology.plover_for(entry.code)
    return {"code": entry.code, "root": entry.root, "name": entry.name, "goldstein": entry.goldstein,
            "quad_class": entry.quad_class, "plover": coding.type, "plover_mode": coding.mode,
            "plover_context": coding.context}
