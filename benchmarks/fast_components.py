"""Exactness check: tieline's fast attribute ruler and lemmatizer against spaCy's own.

    python benchmarks/fast_components.py [--bbc-limit 2225] [--guardian-limit 0]
                                         [--corpus bbc,guardian] [--mode parse,coding] [--json]

Loads the pipeline twice in one process, with the stock components (`fast_components=False`)
and with `tieline.nlp.fast`'s, and runs both on the same texts, batch by batch:

  parse:  `build_pipeline()` (every sentence parsed, as `Config(prefilter=False)` parses);
  coding: the default coding pipeline (the prefilter's condensed Docs, with their whitespace
          placeholders, then the coder), whose events are compared too.

For every token it compares (text, tag, pos, morph, lemma, dep, head, sentence start) and prints the tokens
compared, the mismatches (with the first few), and the CPU seconds each pipeline spent.
Exits 1 on any mismatch; prints a skip message and exits 0 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from corpora import bbc_dir, bbc_texts, guardian_file, guardian_rows

#: Texts per `nlp.pipe` call; both pipelines get the same batches.
BATCH = 32
#: Mismatches printed per corpus and mode.
SHOW = 5

Row = tuple[str, str, str, str, str, str, int, bool | None]


def _rows(doc: Any) -> list[Row]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc]


def _pipelines(mode: str) -> tuple[Any, Any]:
    """(stock, fast) pipelines for `mode`, each built fresh (not from the loaders' caches)."""
    from tieline.nlp.fast import STOCK_ENV
    from tieline.nlp.model import build_pipeline

    if mode == "parse":
        return build_pipeline(fast_components=False), build_pipeline(fast_components=True)
    from tieline.coding.component import coding_pipeline
    from tieline.config import Config

    saved = os.environ.get(STOCK_ENV)
    os.environ[STOCK_ENV] = "1"  # the coding pipeline builds its parser with the default
    try:
        stock = coding_pipeline.__wrapped__(Config())
    finally:
        if saved is None:
            del os.environ[STOCK_ENV]
        else:
            os.environ[STOCK_ENV] = saved
    fast = coding_pipeline.__wrapped__(Config())
    return stock, fast


def compare(name: str, mode: str, texts: list[str]) -> dict[str, Any]:
    from tieline.coding.component import EVENTS_KEY

    stock, fast = _pipelines(mode)
    kinds = {n: type(p).__name__ for n, p in fast.components if n in ("attribute_ruler", "lemmatizer")}
    cpu = {"stock": 0.0, "fast": 0.0}
    tokens = mismatches = docs_differing = events = event_mismatches = 0
    examples: list[str] = []
    for start in range(0, len(texts), BATCH):
        batch = texts[start:start + BATCH]
        t0 = time.process_time()
        a = list(stock.pipe(batch))
        t1 = time.process_time()
        b = list(fast.pipe(batch))
        cpu["stock"] += t1 - t0
        cpu["fast"] += time.process_time() - t1
        for k, (da, db) in enumerate(zip(a, b, strict=True)):
            ra, rb = _rows(da), _rows(db)
            tokens += len(ra)
            # strict=False: a length difference is counted on the next line
            bad = [(i, x, y) for i, (x, y) in enumerate(zip(ra, rb, strict=False)) if x != y]
            bad += [(len(rb), None, None)] * abs(len(ra) - len(rb))
            mismatches += len(bad)
            docs_differing += bool(bad)
            for i, x, y in bad[:max(0, SHOW - len(examples))]:
                examples.append(f"doc {start + k} token {i}: stock {x} fast {y}")
            if mode == "coding":
                ea, eb = da.user_data.get(EVENTS_KEY, []), db.user_data.get(EVENTS_KEY, [])
                events += len(ea)
                event_mismatches += ea != eb
    return {
        "corpus": name, "mode": mode, "documents": len(texts), "tokens": tokens,
        "mismatches": mismatches, "documents_differing": docs_differing, "examples": examples,
        "events": events if mode == "coding" else None,
        "documents_with_other_events": event_mismatches if mode == "coding" else None,
        "cpu_s": {k: round(v, 2) for k, v in cpu.items()}, "components": kinds,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bbc-limit", type=int, default=2225)
    ap.add_argument("--guardian-limit", type=int, default=0, help="0: every article of the sample")
    ap.add_argument("--corpus", default="bbc,guardian", help="comma-separated: bbc, guardian")
    ap.add_argument("--mode", default="parse,coding", help="comma-separated: parse, coding")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    corpora: list[tuple[str, list[str]]] = []
    wanted = {c.strip() for c in args.corpus.split(",") if c.strip()}
    if "bbc" in wanted:
        if bbc_dir().is_dir():
            corpora.append(("bbc", bbc_texts(bbc_dir(), args.bbc_limit)))
        else:
            print(f"skip bbc: corpus not found at {bbc_dir()}")
    if "guardian" in wanted:
        if guardian_file().is_file():
            corpora.append(("guardian", [t for t, _ in guardian_rows(args.guardian_limit or None)]))
        else:
            print(f"skip guardian: sample not found at {guardian_file()}")
    if not corpora:
        print("skip: no corpus found (set TIELINE_SHARED or put ../shared next to the repository)")
        return 0
    results = [compare(name, mode.strip(), texts) for name, texts in corpora
               for mode in args.mode.split(",") if mode.strip()]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            extra = (f", events {r['events']}, documents with other events {r['documents_with_other_events']}"
                     if r["mode"] == "coding" else "")
            print(f"{r['corpus']} {r['mode']}: {r['documents']} documents, {r['tokens']:,} tokens compared, "
                  f"{r['mismatches']} mismatches in {r['documents_differing']} documents{extra}; "
                  f"CPU s stock {r['cpu_s']['stock']} / fast {r['cpu_s']['fast']} ({r['components']})")
            for line in r["examples"]:
                print("   ", line)
    bad = any(r["mismatches"] or r["documents_with_other_events"] for r in results)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
