"""Throughput: tieline.code_many against the bare spaCy pipeline it runs on, in sentences/second.

    python benchmarks/throughput.py [--limit 300] [--batch-size 64] [--n-process 1,2] [--json]

Measures, on the BBC News corpus in ../shared (all five categories, interleaved so --limit
keeps them all):

  (a) bare spaCy, full pipeline:        spacy.load(model).pipe(texts)
  (b) bare spaCy, the coder's components: spacy.load(model, exclude=CODER_DISABLED_COMPONENTS)
  (c) tieline.code_many(texts) with the same batch size and n_process

Sentences are counted once, from the parse of run (a), and every rate divides that count by
the run's wall time. Each pipeline is warmed up on a few documents before it is timed. Worker
start-up is part of the timed run at n_process > 1, as it is for a user. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

#: Documents coded before timing: loads the model and fills caches so the timed run is steady-state.
WARMUP_DOCS = 10
#: Default corpus sample: about 115k words, a minute or two per configuration on one core.
DEFAULT_LIMIT = 300


def find_corpus(explicit: str | None) -> Path | None:
    """The BBC corpus folder: --corpus, else $TIELINE_SHARED, else <repo>/../shared."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TIELINE_SHARED")
    shared = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"
    return shared / "data" / "corpora" / "bbc"


def load_texts(corpus: Path, limit: int) -> list[str]:
    """Up to `limit` articles, taken round-robin from the category folders."""
    categories = sorted(p for p in corpus.iterdir() if p.is_dir())
    files = [sorted(c.glob("*.txt")) for c in categories]
    texts: list[str] = []
    for i in range(max((len(f) for f in files), default=0)):
        for group in files:
            if i < len(group) and len(texts) < limit:
                # The corpus is mostly ASCII with a few Latin-1 bytes (pound signs).
                texts.append(group[i].read_bytes().decode("utf-8", errors="replace").strip())
    return texts


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def consume(items: Iterable[Any]) -> None:
    for _ in items:
        pass


def measure(texts: list[str], *, batch_size: int, n_processes: list[int], model: str) -> dict[str, Any]:
    import spacy

    import tieline
    from tieline.nlp.model import CODER_DISABLED_COMPONENTS, resolve_name

    resolved = resolve_name(model)
    full = spacy.load(resolved)
    lean = spacy.load(resolved, exclude=list(CODER_DISABLED_COMPONENTS))
    warm = texts[:WARMUP_DOCS]
    consume(full.pipe(warm))
    consume(lean.pipe(warm))
    config = tieline.Config(pipeline=model)
    coder_error = None
    try:
        consume(tieline.code_many(warm, batch_size=batch_size, config=config))
    except Exception as exc:  # a failing coder is a result to report, not a crash of the benchmark
        coder_error = f"{type(exc).__name__}: {exc}"

    n_sentences = 0

    def run_full(n_process: int) -> None:
        # Sentences are counted here, from the parse being timed, so no text is parsed twice.
        nonlocal n_sentences
        docs = full.pipe(texts, batch_size=batch_size, n_process=n_process)
        n_sentences = sum(len(list(doc.sents)) for doc in docs)

    def run_lean(n_process: int) -> None:
        consume(lean.pipe(texts, batch_size=batch_size, n_process=n_process))

    def run_tieline(n_process: int) -> None:
        consume(tieline.code_many(texts, n_process=n_process, batch_size=batch_size, config=config))

    rows = []
    for n_process in n_processes:
        row: dict[str, Any] = {"n_process": n_process}
        rows.append(row)
        row["bare_full_s"] = timed(partial(run_full, n_process))
        row["bare_coder_components_s"] = timed(partial(run_lean, n_process))
        if coder_error:
            row["tieline_error"] = coder_error
            continue
        try:
            row["tieline_s"] = timed(partial(run_tieline, n_process))
        except Exception as exc:
            row["tieline_error"] = f"{type(exc).__name__}: {exc}"
    for row in rows:
        for key in ("bare_full", "bare_coder_components", "tieline"):
            seconds = row.get(f"{key}_s")
            row[f"{key}_sps"] = n_sentences / seconds if seconds else None
        if row.get("tieline_sps"):
            row["ratio_vs_bare_coder_components"] = row["tieline_sps"] / row["bare_coder_components_sps"]
            row["ratio_vs_bare_full"] = row["tieline_sps"] / row["bare_full_sps"]
    return {
        "model": resolved,
        "spacy": spacy.__version__,
        "components_full": list(full.pipe_names),
        "components_coder": list(lean.pipe_names),
        "documents": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "sentences": n_sentences,
        "batch_size": batch_size,
        "cpu_count": os.cpu_count(),
        "runs": rows,
    }


def print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"{result['documents']} documents, {result['words']:,} words, {result['sentences']:,} sentences; "
        f"model {result['model']} (spaCy {result['spacy']}), batch size {result['batch_size']}, "
        f"{result['cpu_count']} CPUs"
    )
    console.print(f"(a) bare full pipeline: {', '.join(result['components_full'])}")
    console.print(f"(b) bare lean, the coder's components: {', '.join(result['components_coder'])}")
    console.print("(c) tieline.code_many on the same texts, batch size and n_process")
    table = Table(title="sentences per second (higher is better)")
    for column in ("n_process", "(a) bare full", "(b) bare lean", "(c) tieline", "c / b", "c / a"):
        table.add_column(column, justify="right")

    def fmt(value: float | None, ratio: bool = False) -> str:
        if value is None:
            return "-"
        return f"{value:.2f}x" if ratio else f"{value:,.0f}"

    for row in result["runs"]:
        table.add_row(
            str(row["n_process"]),
            fmt(row["bare_full_sps"]),
            fmt(row["bare_coder_components_sps"]),
            fmt(row["tieline_sps"]) if "tieline_error" not in row else "failed",
            fmt(row.get("ratio_vs_bare_coder_components"), ratio=True),
            fmt(row.get("ratio_vs_bare_full"), ratio=True),
        )
    console.print(table)
    for row in result["runs"]:
        if "tieline_error" in row:
            console.print(f"n_process={row['n_process']}: tieline failed: {row['tieline_error']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="documents to code (default 300)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (default 64)")
    parser.add_argument("--n-process", default="1,2", help="comma-separated process counts (default 1,2)")
    parser.add_argument("--corpus", help="BBC corpus folder (default ../shared/data/corpora/bbc)")
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy pipeline (default en_core_web_sm)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    corpus = find_corpus(args.corpus)
    if corpus is None or not corpus.is_dir():
        print(f"skipping: BBC corpus not found at {corpus} (pass --corpus or set TIELINE_SHARED)")
        return 0
    texts = load_texts(corpus, args.limit)
    if len(texts) <= WARMUP_DOCS:
        print(f"error: need more than {WARMUP_DOCS} documents, got {len(texts)}", file=sys.stderr)
        return 2
    n_processes = [int(n) for n in args.n_process.split(",") if n.strip()]
    result = measure(texts, batch_size=args.batch_size, n_processes=n_processes, model=args.model)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
