"""The tables and JSON `tieline eval` prints (imported when the command runs: the eval and coding
packages load spaCy)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tieline.cli.app import console, err_console
from tieline.config import Config
from tieline.errors import GoldDataMissing
from tieline.eval.articles import HALF_LABELS, HALVES, ArticleResult, code_articles, load_articles, score_articles
from tieline.eval.floors import FloorCheck
from tieline.eval.report import error_report, worst_errors
from tieline.eval.scoring import PENTACLASS_NAMES, Outcome, SetScore, top_confusions

#: Sentences shown in full up to this length in tables; longer ones are cut with an ellipsis.
_SENTENCE_WIDTH = 160


def code_articles_set(shared_dir: Path, config: Config, limit: int | None) -> ArticleResult | None:
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


def print_articles(score: SetScore, errors: list[dict[str, Any]]) -> None:
    table = Table(title="articles: recall and precision per half")
    for column in ("half", "articles", "gold events", "produced", "recall", "precision", "f1"):
        table.add_column(column, justify="right", no_wrap=column == "half")
    for half in HALVES:
        m = score.metrics
        if f"{half}_recall" not in m:
            continue
        table.add_row(
            HALF_LABELS[half], str(int(m[f"{half}_articles"])),
            str(int(m[f"{half}_gold_events"])), str(int(m[f"{half}_produced_events"])),
            f"{m[f'{half}_recall']:.3f}", f"{m[f'{half}_precision']:.3f}", f"{m[f'{half}_f1']:.3f}",
        )
    console.print(table)
    for note in score.notes:
        console.print(f"  note: {note}", style="dim", highlight=False)
    if errors:
        listing = Table(title=f"articles: {len(errors)} development-half errors (all rounds)", show_lines=True)
        for column in ("kind", "article", "sent", "sentence / quote", "expected", "produced near [rule]"):
            listing.add_column(column, overflow="fold")
        for row in errors:
            listing.add_row(row["kind"], row["article"], str(row["sentence"]), _short(row["quote"]),
                            row["expected"], row["produced"])
        console.print(listing)


def check_dict(check: FloorCheck) -> dict[str, Any]:
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


def print_score(score: SetScore, *, errors: int, report: bool, examples: int) -> None:
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


def print_checks(checks: list[FloorCheck]) -> None:
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
