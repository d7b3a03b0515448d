"""`tieline eval`: score the coder against the public gold sets, optionally gate on floors."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tieline.cli.app import app, err_console, user_errors
from tieline.cli.options import EvalSet
from tieline.config import DEFAULT_PIPELINE, Config
from tieline.errors import GoldDataMissing

if TYPE_CHECKING:
    from tieline.eval.scoring import SetScore

__all__ = ["eval_command"]


@app.command("eval")
def eval_command(
    set_name: EvalSet = typer.Option(EvalSet.all, "--set", help="Gold set (all: every one)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    errors: int = typer.Option(
        0, "--errors", min=0, help="List the N worst errors of each set (articles: development halves only)."
    ),
    report: bool = typer.Option(
        False, "--report", help="Error analysis: errors grouped by kind, with counts and examples."
    ),
    examples: int = typer.Option(3, "--examples", min=0, help="Examples per error kind in --report."),
    shared: Path | None = typer.Option(
        None, "--shared", metavar="DIR", help="Folder holding data/gold (default: $TIELINE_SHARED, else ../shared)."
    ),
    floors_file: Path | None = typer.Option(
        None,
        "--check-floors",
        metavar="FILE",
        help="TOML of metric floors; exit 1 if any metric is below floor - noise_margin "
        "(exit 0 with a message when the gold data is absent).",
    ),
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="Score only the first N sentences of each set (quick runs)."
    ),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Worker processes for the coder."),
    pipeline: str = typer.Option(DEFAULT_PIPELINE, "--pipeline", metavar="NAME", help="spaCy pipeline to code with."),
) -> None:
    """Measure coding accuracy on the public gold standards (PLOVER GSR, PETR-2 GSR, five-class)
    and on tieline's own article gold (recall and precision per half).

    \b
    Examples:
      tieline eval --set plover --errors 10
      tieline eval --set all --check-floors eval_floors.toml
    """
    with user_errors():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from tieline.cli.eval_output import check_dict, code_articles_set, print_articles, print_checks, print_score
        from tieline.eval.articles import dev_errors
        from tieline.eval.floors import check_floors, load_floors
        from tieline.eval.gold import find_shared, load_gold
        from tieline.eval.report import score_to_dict
        from tieline.eval.runner import ARTICLES, code_gold, resolve_sets, set_config
        from tieline.eval.scoring import score_set

        sets = resolve_sets(set_name.value)
        floors = load_floors(floors_file) if floors_file is not None else None
        try:
            shared_dir = find_shared(shared)
        except GoldDataMissing as exc:
            if floors is None:
                raise
            err_console.print(f"skipping the accuracy floor check: {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(0) from None
        if floors is not None and limit is not None:
            err_console.print("warning: --limit scores a subset; floors are meant for full sets")
        config = Config(pipeline=pipeline)
        scores: dict[str, SetScore] = {}
        article_errors: list[dict[str, Any]] = []
        for name in sets:
            if name == ARTICLES:
                result = code_articles_set(shared_dir, set_config(name, config), limit)
                if result is not None:
                    scores[name] = result.score
                    article_errors = dev_errors(result)
                continue
            records = list(load_gold(name, shared_dir))[:limit]
            with Progress(
                TextColumn(f"coding {name}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            ) as progress:
                task = progress.add_task(name, total=len(records))
                produced = code_gold(
                    records, config=set_config(name, config), n_process=n_process,
                    on_record=partial(progress.advance, task)
                )
            scores[name] = score_set(name, records, produced)
        checks = check_floors(scores, floors) if floors is not None else []
        if as_json:
            payload: dict[str, Any] = {
                "shared": str(shared_dir),
                "limit": limit,
                "pipeline": pipeline,
                "sets": {n: score_to_dict(s, errors=errors, report=report, examples=examples)
                         for n, s in scores.items()},
            }
            if ARTICLES in scores and errors:
                payload["sets"][ARTICLES]["errors"] = article_errors[:errors]
            if floors is not None:
                payload["floors"] = {
                    "noise_margin": floors.noise_margin,
                    "passed": all(c.ok for c in checks),
                    "checks": [check_dict(c) for c in checks],
                }
            typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for score in scores.values():
                if score.set_name == ARTICLES:
                    print_articles(score, article_errors[:errors])
                else:
                    print_score(score, errors=errors, report=report, examples=examples)
            if floors is not None:
                print_checks(checks)
        if any(not c.ok for c in checks):
            raise typer.Exit(1)


