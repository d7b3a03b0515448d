"""`tieline eval`: score the coder against the public gold sets, optionally gate on floors."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tieline.cli.app import app, console, err_console, user_errors
from tieline.config import DEFAULT_PIPELINE, Config
from tieline.errors import GoldDataMissing
from tieline.eval.articles import HALVES, ArticleResult, code_articles, dev_errors, load_articles, score_articles
from tieline.eval.floors import FloorCheck, check_floors, load_floors
from tieline.eval.gold import find_shared, load_gold
from tieline.eval.report import error_report, score_to_dict, worst_errors
from tieline.eval.runner import ARTICLES, code_gold, resolve_sets, set_config
from tieline.eval.scoring import PENTACLASS_NAMES, Outcome, SetScore, score_set, top_confusions

__all__ = ["eval_command"]

#: Sentences shown in full up to this length in tables; longer ones are cut with an ellipsis.
_SENTENCE_WIDTH = 160


@app.command("eval")
def eval_command(
    set_name: str = typer.Option("all", "--set", help="Gold set: plover, petr2, pentaclass, articles or all."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
    errors: int = typer.Option(
        0, "--errors", min=0, help="List the N worst errors of each set (articles: development half only)."
    ),
    report: bool = typer.Option(
        False, "--report", help="Error analysis: errors grouped by kind, with counts and examples."
    ),
    examples: int = typer.Option(3, "--examples", min=0, help="Examples per error kind in --report."),
    shared: Path | None = typer.Option(
        None, "--shared", help="Folder holding data/gold (default: $TIELINE_SHARED, else ../shared)."
    ),
    floors_file: Path | None = typer.Option(
        None,
        "--check-floors",
        help="TOML of metric floors; exit 1 if any metric is below floor - noise_margin "
        "(exit 0 with a message when the gold data is absent).",
    ),
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="Score only the first N sentences of each set (quick runs)."
    ),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Worker processes for the coder."),
    pipeline: str = typer.Option(DEFAULT_PIPELINE, "--pipeline", help="spaCy pipeline to code with."),
) -> None:
    """Measure coding accuracy on the public gold standards (PLOVER GSR, PETR-2 GSR, five-class)
    and on tieline's own article gold (recall and precision per half)."""
    with user_errors():
        sets = resolve_sets(set_name)
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
                result = _code_articles(shared_dir, set_config(name, config), limit)
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
                    "checks": [_check_dict(c) for c in checks],
                }
            typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for score in scores.values():
                if score.set_name == ARTICLES:
                    _print_articles(score, article_errors[:errors])
                else:
                    _print_score(score, errors=errors, report=report, examples=examples)
            if floors is not None:
                _print_checks(checks)
        if any(not c.ok for c in checks):
            raise typer.Exit(1)


def _code_articles(shared_dir: Path, config: Config, limit: int | None) -> ArticleResult | None:
    """Code and score the article gold; None (with a message) where it is absent."""
    try:
        articles = load_articles(shared_dir)[:limit]
    except GoldDataMissing as exc:
        err_console.print(f"skipping the article gold: {exc}", highlight=False, soft_wrap=True)
        return None
    with Progress(
        TextColumn("coding articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True,
    ) as progress:
        task = progress.add_task("articles", total=len(articles))
        coded = []
        for article in articles:
            coded.extend(code_articles([article], config=config))
            progress.advance(task)
    return score_articles(articles, coded)


def _print_articles(score: SetScore, errors: list[dict[str, Any]]) -> None:
    table = Table(title="articles: recall and precision per half")
    for column in ("half", "articles", "gold events", "produced", "recall", "precision", "f1"):
        table.add_column(column, justify="right")
    for half in HALVES:
        m = score.metrics
        if f"{half}_recall" not in m:
            continue
        table.add_row(
            "development" if half == "dev" else "held-out", str(int(m[f"{half}_articles"])),
            str(int(m[f"{half}_gold_events"])), str(int(m[f"{half}_produced_events"])),
            f"{m[f'{half}_recall']:.3f}", f"{m[f'{half}_precision']:.3f}", f"{m[f'{half}_f1']:.3f}",
        )
    console.print(table)
    for note in score.notes:
        console.print(f"  note: {note}", style="dim", highlight=False)
    if errors:
        listing = Table(title=f"articles: {len(errors)} development-half errors", show_lines=True)
        for column in ("kind", "article", "sent", "sentence / quote", "expected", "produced near [rule]"):
            listing.add_column(column, overflow="fold")
        for row in errors:
            listing.add_row(row["kind"], row["article"], str(row["sentence"]), _short(row["quote"]),
                            row["expected"], row["produced"])
        console.print(listing)


def _check_dict(check: FloorCheck) -> dict[str, Any]:
    return {
        "set": check.set_name,
        "metric": check.metric,
        "value": check.value,
        "floor": check.floor,
        "ok": check.ok,
    }


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and value > 1 else f"{value:.3f}"


def _short(text: str) -> str:
    return text if len(text) <= _SENTENCE_WIDTH else text[: _SENTENCE_WIDTH - 1] + "…"


def _produced_text(outcome: Outcome) -> str:
    if not outcome.events:
        return "(no event)"
    return "\n".join(
        f"{'*' if e is outcome.main else ' '}{e.cameo}/{e.plover} {e.source.code}->{e.target.code} [{e.rule}]"
        for e in outcome.events
    )


def _errors_table(title: str, outcomes: list[Outcome]) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("kind", "id", "sentence", "expected", "produced (* main) [rule]"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row(o.kind or "", o.record.record_id, _short(o.record.text), o.expected, _produced_text(o))
    return table


def _print_score(score: SetScore, *, errors: int, report: bool, examples: int) -> None:
    metrics = Table(title=f"{score.set_name}: metrics")
    metrics.add_column("metric")
    metrics.add_column("value", justify="right")
    for key, value in score.metrics.items():
        metrics.add_row(key, _fmt(value))
    for kind, count in score.error_counts().items():
        metrics.add_row(f"errors: {kind}", str(count))
    console.print(metrics)
    for note in score.notes:
        console.print(f"  note: {note}", style="dim", highlight=False)
    if score.per_class:
        _print_pentaclass(score)
    else:
        confusions = Table(title=f"{score.set_name}: top confusions (gold -> produced main event)")
        for column in ("gold", "produced", "count"):
            confusions.add_column(column)
        for gold, produced, count in top_confusions(score.confusion):
            confusions.add_row(gold, produced, str(count))
        console.print(confusions)
    if errors:
        console.print(_errors_table(f"{score.set_name}: {errors} worst errors", worst_errors(score, errors)))
    if report:
        _print_report(score, examples)


def _print_pentaclass(score: SetScore) -> None:
    per_class = Table(title="pentaclass: per class")
    for column in ("class", "name", "precision", "recall", "f1", "support"):
        per_class.add_column(column)
    for label, row in score.per_class.items():
        per_class.add_row(
            label, PENTACLASS_NAMES[int(label)], *(_fmt(row[k]) for k in ("precision", "recall", "f1")),
            str(int(row["support"])),
        )
    console.print(per_class)
    matrix = Table(title="pentaclass: confusion (rows gold, columns produced)")
    matrix.add_column("gold")
    labels = [str(i) for i in range(len(PENTACLASS_NAMES))]
    for label in labels:
        matrix.add_column(label, justify="right")
    for gold in labels:
        cells = score.confusion.get(gold, {})
        matrix.add_row(gold, *(str(cells.get(p, 0)) for p in labels))
    console.print(matrix)


def _print_report(score: SetScore, examples: int) -> None:
    groups = error_report(score, examples)
    summary = Table(title=f"{score.set_name}: error analysis by kind")
    for column in ("kind", "count", "share of sentences"):
        summary.add_column(column)
    for kind, group in groups.items():
        summary.add_row(kind, str(group["count"]), f"{group['share']:.1%}")
    console.print(summary)
    ranked = worst_errors(score, len(score.outcomes))
    for kind, group in groups.items():
        worst = [o for o in ranked if o.kind == kind][:examples]
        if group["count"] and worst:
            console.print(_errors_table(f"{score.set_name}: {kind} ({group['count']}, worst first)", worst))


def _print_checks(checks: list[FloorCheck]) -> None:
    table = Table(title="accuracy floors")
    for column in ("set", "metric", "value", "floor", "status"):
        table.add_column(column)
    for c in checks:
        status = "ok" if c.ok else "[bold red]BELOW[/]"
        table.add_row(c.set_name, c.metric, _fmt(c.value), _fmt(c.floor), status)
    console.print(table)
    failed = [c for c in checks if not c.ok]
    if failed:
        listed = ", ".join(f"{c.set_name}.{c.metric}={c.value:.3f} < {c.floor:.3f}" for c in failed)
        err_console.print(f"below floor (margin {failed[0].margin}): {listed}", highlight=False)
