"""The typer application, the options every command shares, and the one place user errors become
one-line messages.

Command modules register on `app` when imported and import their heavy libraries (spaCy, DuckDB,
pandas) inside the command, so `tieline --help`, `--version` and argument errors answer at once.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperCommand, TyperOption

from tieline.errors import TielineError

__all__ = ["COMMAND_MODULES", "app", "command", "console", "err_console", "log", "main", "user_errors"]

app = typer.Typer(
    name="tieline",
    epilog="Run `tieline COMMAND --help` for a command's options and examples.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain click help: no `<str>`/`<bool>` type labels, and rich is not loaded to print it.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
#: What `-v`/`--log-level` show: the commands' steps (stores opened, inputs read, queries run).
log = logging.getLogger("tieline.cli")
#: Results go to stdout; progress, notes and errors to stderr, so `tieline … > out` holds only results.
console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages name paths: never break them

#: Each module registers its commands on `app` when imported; one module per stage.
COMMAND_MODULES = ("coding", "eval", "store", "analysis", "web", "codes", "query", "spark", "actors")

def _version(value: bool) -> None:
    if value:
        from tieline import __version__

        typer.echo(f"tieline {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                 help="Print tieline's version and exit."),
) -> None:
    """tieline: news text in, coded political events (CAMEO/PLOVER) out, ties over time.

    \b
    Examples:
      tieline code article.txt --date 2018-09-12
      tieline ingest news/ --db news.duckdb && tieline top --db news.duckdb
    """


def _quiet_stdout() -> None:
    """After a reader such as `head` closed the pipe: send what is left to /dev/null, so the exit
    flush cannot raise again (the recipe of Python's signal documentation)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@contextmanager
def user_errors() -> Iterator[None]:
    """Translate library errors into a one-line message and exit status 1 (never a traceback);
    a closed output pipe ends the command quietly with status 0, as `cat` does."""
    try:
        yield
    except TielineError as exc:
        err_console.print(f"[bold red]error[/]: {exc}", highlight=False, soft_wrap=True, markup=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err_console.print("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(0) from None


def _configure_logging(verbose: bool, level: str | None) -> None:
    """tieline's own log lines to stderr at the chosen level; the root logger (libraries, a test
    runner's capture) is left as it is."""
    chosen = (level or ("info" if verbose else "warning")).upper()
    logger = logging.getLogger("tieline")
    for old in [h for h in logger.handlers if getattr(h, "tieline_cli", False)]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.tieline_cli = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(chosen)


def _shared_parameters() -> list[inspect.Parameter]:
    from tieline.cli.options import LogLevel

    kw = inspect.Parameter.KEYWORD_ONLY
    return [
        inspect.Parameter("tieline_verbose", kw, annotation=bool, default=typer.Option(
            False, "--verbose", "-v", help="Log what tieline does (level info) to stderr.")),
        inspect.Parameter("tieline_log_level", kw, annotation=LogLevel | None, default=typer.Option(
            None, "--log-level", help="Log level on stderr [default: warning].")),
    ]


def _guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    """A command with the shared -v/--verbose and --log-level options (unless it has its own
    --log-level, like `serve`), library errors as one line, a closed pipe as success; stdout is
    flushed inside, so a pipe closed early fails here and not at exit."""
    sig = inspect.signature(callback, eval_str=True)
    own = {name for name, p in sig.parameters.items()
           if "--log-level" in (getattr(p.default, "param_decls", None) or ())}
    extra = [p for p in _shared_parameters() if not (own and p.name == "tieline_log_level")]

    @functools.wraps(callback)
    def run(*args: Any, tieline_verbose: bool = False, tieline_log_level: Any = None, **kwargs: Any) -> Any:
        _configure_logging(tieline_verbose, getattr(tieline_log_level, "value", tieline_log_level))
        with user_errors():
            result = callback(*args, **kwargs)
            sys.stdout.flush()
            return result

    run.__signature__ = sig.replace(parameters=[*sig.parameters.values(), *extra])  # type: ignore[attr-defined]
    run.__annotations__ = {**{n: p.annotation for n, p in sig.parameters.items()},
                           **{p.name: p.annotation for p in extra}}
    run._tieline_guarded = True  # type: ignore[attr-defined]
    return run


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (typer would add `<list[str]>`) and, in the usage
    line, as `PATH...` rather than `{PATH}...`."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self._dotted(self.display_name_raw)

    def _usage_display_name(self) -> str:
        return self._dotted(self.display_name_raw if self.required else f"[{self.display_name_raw}]")

    def _dotted(self, name: str) -> str:
        return name + "..." if self.nargs != 1 and "..." not in name else name


def _metavar(param: TyperOption) -> str:
    kind = param.bare_type()
    if kind == "int":
        return "N"
    if kind == "float":
        return "NUMBER"
    return (param.name or "value").upper().removeprefix("TIELINE_")


class _Command(TyperCommand):
    """A command whose parameters show sane metavars: an argument by its name, an option by N,
    NUMBER or its name (typer would print `<str>`, `<int>`, `<list[str]>`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for p in self.params:
            if isinstance(p, TyperArgument):
                if p.metavar is None:
                    p.metavar = (p.name or "arg").upper()
                p.__class__ = _Argument
            elif isinstance(p, TyperOption) and not p.is_flag and p.metavar is None \
                    and not p.type_descriptor.is_choice:
                p.metavar = _metavar(p)


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"tieline.cli.{name}")


def command() -> Any:
    """The click command behind `tieline`: every command registered, given the shared options, the
    error wrapper and sane metavars (after this, typer's CliRunner invokes `app` the same way)."""
    _register()
    _prepare(app)
    return typer.main.get_command(app)


def _prepare(typer_app: typer.Typer) -> None:
    """Every command, in sub-groups too (`tieline spark ingest`): the wrapper and the class."""
    for info in typer_app.registered_commands:
        if info.callback is not None and not getattr(info.callback, "_tieline_guarded", False):
            info.callback = _guarded(info.callback)
        if info.cls in (None, TyperCommand):  # typer's default; a command's own class is left alone
            info.cls = _Command
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _prepare(group.typer_instance)


def main() -> None:
    command().main(prog_name="tieline")
