"""The typer application and the one place user errors become one-line messages."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from tieline.errors import TielineError

__all__ = ["COMMAND_MODULES", "app", "err_console", "console", "main", "user_errors"]

app = typer.Typer(
    name="tieline",
    help="tieline: news text in, coded political events (CAMEO/PLOVER) out, ties over time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """tieline: news text in, coded political events (CAMEO/PLOVER) out, ties over time."""

#: Each module registers its commands on `app` when imported; one module per stage.
COMMAND_MODULES = ("coding", "eval", "store", "analysis", "web", "codes")


@contextmanager
def user_errors() -> Iterator[None]:
    """Translate library errors into a one-line message and exit status 1 (never a traceback)."""
    try:
        yield
    except TielineError as exc:
        err_console.print(f"[bold red]error[/]: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err_console.print("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"tieline.cli.{name}")


def main() -> None:
    _register()
    app()
