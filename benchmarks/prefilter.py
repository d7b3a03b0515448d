"""Prefilter: events found with it against a full parse, on the BBC and Guardian corpora.

    python benchmarks/prefilter.py [--bbc-limit 2225] [--guardian-limit 249] [--check] [--json]

For each corpus, codes the same documents twice in one process, with `Config(prefilter=False)`
(every sentence parsed) and `Config(prefilter=True)`, and prints:

  - the share of sentences and tokens the prefilter sends to the parser;
  - events of the full parse, events retained with the prefilter (same document, sentence text,
    source, target and CAMEO code) and events the prefilter run adds;
  - the share of event ids unchanged (ids hash the sentence number, which for a skipped stretch
    comes from the splitter, not the parser);
  - wall time and CPU time of both runs and their ratios (CPU time is what a shared machine
    moves least).

The prefilter is kept only while it retains at least 99% of events on both corpora; `--check`
exits 1 below that. Prints a skip message and exits 0 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from typing import Any

from corpora import bbc_dir, bbc_texts, guardian_file, guardian_rows

#: The share of a full parse's events the prefilter must keep (issue 12).
MIN_RETAINED = 0.99


def _key(ev: Any) -> tuple[str, str, str, str, str]:
    return (ev.doc_id, ev.sentence, ev.source.code, ev.target.code, ev.cameo)


def _selection_shares(documents: list[Any]) -> tuple[float, float]:
    """Shares of splitter sentences and of tokens the prefilter parses."""
    from tieline.coding.component import PREFILTER, coding_pipeline
    from tieline.config import Config

    nlp = coding_pipeline(Config(prefilter=True))
    prefilter = nlp.get_pipe(PREFILTER).prefilter
    sents = kept = tokens = parsed = 0
    for document in documents:
        doc = nlp.make_doc(document.text)
        selection = prefilter.select(doc)
        sents += len(selection.bounds)
        kept += sum(selection.parsed)
        tokens += len(doc)
        parsed += sum(b - a for (a, b), p in zip(selection.bounds, selection.parsed, strict=True) if p)
    return kept / max(sents, 1), parsed / max(tokens, 1)


def compare(name: str, documents: list[Any]) -> dict[str, Any]:
    from tieline.coding import code_documents
    from tieline.config import Config

    runs: dict[bool, tuple[float, float, list[Any]]] = {}
    for on in (False, True):
        config = Config(prefilter=on)
        list(code_documents(documents[:5], config=config, n_process=1))  # load and warm up outside the timing
        start, cpu = time.perf_counter(), time.process_time()
        events = [ev for _, evs in code_documents(documents, config=config, n_process=1) for ev in evs]
        runs[on] = (time.perf_counter() - start, time.process_time() - cpu, events)
    (t_off, cpu_off, off), (t_on, cpu_on, on_events) = runs[False], runs[True]
    full, pre = Counter(map(_key, off)), Counter(map(_key, on_events))
    retained = sum((full & pre).values())
    ids_off = {e.event_id for e in off}
    sent_share, token_share = _selection_shares(documents)
    return {
        "corpus": name,
        "documents": len(documents),
        "sentences_parsed": sent_share,
        "tokens_parsed": token_share,
        "events_full": len(off),
        "events_prefilter": len(on_events),
        "retained": retained,
        "retained_share": retained / len(off) if off else 1.0,
        "added": sum((pre - full).values()),
        "ids_unchanged": len(ids_off & {e.event_id for e in on_events}) / len(ids_off) if ids_off else 1.0,
        "seconds_full": t_off,
        "seconds_prefilter": t_on,
        "speedup": t_off / t_on if t_on else None,
        "cpu_seconds_full": cpu_off,
        "cpu_seconds_prefilter": cpu_on,
        "cpu_speedup": cpu_off / cpu_on if cpu_on else None,
        "missed_examples": [list(k) for k in list((full - pre).elements())[:5]],
    }


def print_table(results: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="prefilter against a full parse (one process)")
    for column in ("corpus", "docs", "sentences parsed", "tokens parsed", "events full", "retained",
                   "added", "ids unchanged", "full s", "prefilter s", "speed-up", "CPU speed-up"):
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            r["corpus"], str(r["documents"]), f"{r['sentences_parsed']:.1%}", f"{r['tokens_parsed']:.1%}",
            str(r["events_full"]), f"{r['retained']} ({r['retained_share']:.2%})", str(r["added"]),
            f"{r['ids_unchanged']:.1%}", f"{r['seconds_full']:.1f}", f"{r['seconds_prefilter']:.1f}",
            f"{r['speedup']:.2f}x" if r["speedup"] else "-",
            f"{r['cpu_speedup']:.2f}x" if r["cpu_speedup"] else "-",
        )
    console = Console()
    console.print(table)
    for r in results:
        for example in r["missed_examples"]:
            console.print(f"missed in {r['corpus']}: {example}", highlight=False, markup=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--bbc-limit", type=int, default=2225, help="BBC articles (default: all 2,225)")
    parser.add_argument("--guardian-limit", type=int, default=None, help="Guardian articles (default: all)")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if under {MIN_RETAINED:.0%} retained")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not bbc_dir().is_dir() or not guardian_file().is_file():
        print(f"skipping: corpora not found ({bbc_dir()}, {guardian_file()}); set TIELINE_SHARED")
        return 0
    from tieline.records import Document

    corpora = {
        "bbc": [Document(text=t) for t in bbc_texts(bbc_dir(), args.bbc_limit)],
        "guardian": [Document(text=t, date=d) for t, d in guardian_rows(args.guardian_limit)],
    }
    results = [compare(name, docs) for name, docs in corpora.items() if docs]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    if args.check and any(r["retained_share"] < MIN_RETAINED for r in results):
        print(f"prefilter retains under {MIN_RETAINED:.0%} of events", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
