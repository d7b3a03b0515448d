"""Throughput: tieline against the bare spaCy pipeline it runs on, side by side in one run.

    python benchmarks/throughput.py [--limit 300] [--batch-size 64] [--n-process 1,2] [--json]

On the BBC News corpus in ../shared (all five categories, interleaved so --limit keeps them
all), at each process count:

  (a) bare full:      spacy.load(model).pipe(texts)
  (b) bare lean:      spacy.load(model, exclude=CODER_DISABLED_COMPONENTS).pipe(texts)
  (c) tieline:        tieline.code_many(texts, config=Config(prefilter=False)), every sentence parsed
  (d) tieline + pf:   tieline.code_many(texts), the default, with the prefilter

Each configuration runs in a fresh Python process, so its peak memory (main process, and the
largest worker) is its own; the model is loaded and warmed up before the clock starts, and
worker start-up is inside the timed run, as it is for a user. Sentences are counted once, from
the parse of run (a) at the first process count, and every rate divides that count by its
run's wall time. CPU seconds of the main process and of the workers are printed too: on a
machine shared with other work, wall-clock ratios move, and the main process's share of the
CPU time is what limits scaling across cores. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from corpora import bbc_dir, bbc_texts

#: Documents coded before timing: loads the model and fills caches so the timed run is steady-state.
WARMUP_DOCS = 10
#: Default corpus sample: about 115k words, a minute or two per configuration on one core.
DEFAULT_LIMIT = 300
KINDS = ("bare_full", "bare_lean", "tieline", "tieline_prefilter")
LABELS = {"bare_full": "(a) bare full", "bare_lean": "(b) bare lean", "tieline": "(c) tieline",
          "tieline_prefilter": "(d) tieline + prefilter"}


def _cpu() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_one(kind: str, texts: list[str], n_process: int, batch_size: int, model: str) -> dict[str, Any]:
    """One configuration, timed in this process (called in a fresh process per configuration)."""
    import spacy

    import tieline
    from tieline.nlp.model import CODER_DISABLED_COMPONENTS, resolve_name

    out: dict[str, Any] = {"kind": kind, "n_process": n_process}
    warm = texts[:WARMUP_DOCS]
    if kind.startswith("bare"):
        exclude = list(CODER_DISABLED_COMPONENTS) if kind == "bare_lean" else []
        nlp = spacy.load(resolve_name(model), exclude=exclude)
        out["components"] = list(nlp.pipe_names)
        for _ in nlp.pipe(warm):
            pass
        cpu0, t0 = _cpu(), time.perf_counter()
        docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
        out["sentences"] = sum(len(list(doc.sents)) for doc in docs) if kind == "bare_full" else None
        if kind != "bare_full":
            for _ in docs:
                pass
    else:
        config = tieline.Config(pipeline=model, prefilter=kind == "tieline_prefilter")
        list(tieline.code_many(warm, n_process=1, batch_size=batch_size, config=config))
        cpu0, t0 = _cpu(), time.perf_counter()
        keys = [
            f"{ev.doc_id}|{ev.sentence}|{ev.source.code}|{ev.target.code}|{ev.cameo}"
            for _, events in tieline.code_many(texts, n_process=n_process, batch_size=batch_size, config=config)
            for ev in events
        ]
        out["events"] = keys
    out["seconds"] = time.perf_counter() - t0
    cpu1 = _cpu()
    out["main_cpu_s"], out["worker_cpu_s"] = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
    # ru_maxrss is in KiB on Linux; for children, the largest one waited for
    out["main_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["worker_peak_mb"] = kids or None
    return out


def measure(limit: int, batch_size: int, n_processes: list[int], model: str, corpus: Path) -> dict[str, Any]:
    runs: list[dict[str, Any]] = []
    for n_process in n_processes:
        for kind in KINDS:
            cmd = [sys.executable, __file__, "--one", kind, "--limit", str(limit), "--batch-size", str(batch_size),
                   "--n-process", str(n_process), "--model", model, "--corpus", str(corpus)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                runs.append({"kind": kind, "n_process": n_process, "error": proc.stderr.strip().splitlines()[-1:]})
                continue
            runs.append(json.loads(proc.stdout))
    texts = bbc_texts(corpus, limit)
    sentences = next((r["sentences"] for r in runs if r.get("sentences")), 0)
    table: dict[int, dict[str, Any]] = {}
    for r in runs:
        row = table.setdefault(r["n_process"], {"n_process": r["n_process"]})
        if "error" in r:
            row[f"{r['kind']}_error"] = r["error"]
            continue
        row[f"{r['kind']}_sps"] = sentences / r["seconds"] if r["seconds"] else None
        for key in ("main_cpu_s", "worker_cpu_s", "main_peak_mb", "worker_peak_mb"):
            row[f"{r['kind']}_{key}"] = r[key]
        if "events" in r:
            row[f"{r['kind']}_events"] = len(r["events"])
            row[f"_{r['kind']}_keys"] = r["events"]
    for row in table.values():
        full, pre = Counter(row.pop("_tieline_keys", [])), Counter(row.pop("_tieline_prefilter_keys", []))
        if full:
            row["retained_share"] = sum((full & pre).values()) / sum(full.values())
        lean = row.get("bare_lean_sps")
        for kind in ("tieline", "tieline_prefilter"):
            if row.get(f"{kind}_sps") and lean:
                row[f"{kind}_vs_lean"] = row[f"{kind}_sps"] / lean
                row[f"{kind}_vs_full"] = row[f"{kind}_sps"] / row["bare_full_sps"]
    rows = [table[n] for n in n_processes]
    if len(rows) > 1:
        for kind in KINDS:
            base = rows[0].get(f"{kind}_sps")
            for row in rows[1:]:
                if base and row.get(f"{kind}_sps"):
                    row[f"{kind}_scaling"] = row[f"{kind}_sps"] / base
    return {
        "model": model, "documents": len(texts), "words": sum(len(t.split()) for t in texts),
        "sentences": sentences, "batch_size": batch_size, "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None, "runs": rows,
    }


def print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    console.print(
        f"{result['documents']} BBC documents, {result['words']:,} words, {result['sentences']:,} sentences; "
        f"model {result['model']}, batch size {result['batch_size']}, {result['cpu_count']} CPUs, "
        f"load average {result['load_average']:.1f} at the end"
    )

    def fmt(value: float | None, kind: str = "n") -> str:
        if value is None:
            return "-"
        return {"x": f"{value:.2f}x", "%": f"{value:.1%}", "mb": f"{value:,.0f}", "s": f"{value:.1f}"}.get(
            kind, f"{value:,.0f}")

    speed = Table(title="sentences per second (higher is better); ratios against bare lean (b) and bare full (a)")
    for column in ("n_process", *(LABELS[k] for k in KINDS), "c / b", "d / b", "d / a", "events c", "events d",
                   "d retains"):
        speed.add_column(column, justify="right")
    for row in result["runs"]:
        speed.add_row(
            str(row["n_process"]),
            *(fmt(row.get(f"{k}_sps")) if f"{k}_error" not in row else "failed" for k in KINDS),
            fmt(row.get("tieline_vs_lean"), "x"), fmt(row.get("tieline_prefilter_vs_lean"), "x"),
            fmt(row.get("tieline_prefilter_vs_full"), "x"),
            fmt(row.get("tieline_events")), fmt(row.get("tieline_prefilter_events")),
            fmt(row.get("retained_share"), "%"),
        )
    console.print(speed)
    if len(result["runs"]) > 1:
        scaling = Table(title="scaling: rate at n_process over the rate at the first")
        scaling.add_column("n_process", justify="right")
        for k in KINDS:
            scaling.add_column(LABELS[k], justify="right")
        for row in result["runs"][1:]:
            scaling.add_row(str(row["n_process"]), *(fmt(row.get(f"{k}_scaling"), "x") for k in KINDS))
        console.print(scaling)
    memory = Table(title="peak resident memory (MB) and CPU seconds: main process / largest worker")
    for column in ("n_process", *(LABELS[k] for k in KINDS)):
        memory.add_column(column, justify="right")
    for row in result["runs"]:
        memory.add_row(str(row["n_process"]), *(
            f"{fmt(row.get(f'{k}_main_peak_mb'), 'mb')} / {fmt(row.get(f'{k}_worker_peak_mb'), 'mb')} MB, "
            f"{fmt(row.get(f'{k}_main_cpu_s'), 's')} / {fmt(row.get(f'{k}_worker_cpu_s'), 's')} s"
            for k in KINDS
        ))
    console.print(memory)
    for row in result["runs"]:
        for k in KINDS:
            if f"{k}_error" in row:
                console.print(f"n_process={row['n_process']} {LABELS[k]} failed: {row[f'{k}_error']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="documents to code (default 300)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (default 64)")
    parser.add_argument("--n-process", default="1,2", help="comma-separated process counts (default 1,2)")
    parser.add_argument("--corpus", help="BBC corpus folder (default ../shared/data/corpora/bbc)")
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy pipeline (default en_core_web_sm)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--one", choices=KINDS, help=argparse.SUPPRESS)  # one configuration, JSON out
    args = parser.parse_args(argv)
    corpus = bbc_dir(args.corpus)
    if not corpus.is_dir():
        print(f"skipping: BBC corpus not found at {corpus} (pass --corpus or set TIELINE_SHARED)")
        return 0
    if args.one:
        texts = bbc_texts(corpus, args.limit)
        print(json.dumps(run_one(args.one, texts, int(args.n_process), args.batch_size, args.model)))
        return 0
    if args.limit <= WARMUP_DOCS:
        print(f"error: need more than {WARMUP_DOCS} documents, got {args.limit}", file=sys.stderr)
        return 2
    n_processes = [int(n) for n in args.n_process.split(",") if n.strip()]
    result = measure(args.limit, args.batch_size, n_processes, args.model, corpus)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
