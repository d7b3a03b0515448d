"""Ingest throughput: `tieline ingest` at 1 and 2 processes, and the store's overhead.

    python benchmarks/ingest.py [--limit 2225] [--n-process 1,2] [--batch-docs 1,32] [--json]
    python benchmarks/ingest.py --overhead [--limit 300] [--batch-size 64] [--n-process 1] [--repeat 2]

By default: documents per second of a full ingest (`tieline.ingest.ingest`, what `tieline ingest`
runs, with its default coder) of the BBC sample into a fresh store, at each process count (and
each batch size of the supervised workers, `--batch-docs`; 1 is one document per call), each
in a fresh Python process, with CPU seconds and peak resident memory of that process and of its
workers, the ratio to the first run, and whether every run stored the same events.

With --overhead, the storage overhead at one process count:

On the BBC News corpus in ../shared (categories interleaved so --limit keeps them all):

  (a) bare:    tieline.code_many(documents), the texts already in memory, events discarded
  (b) ingest:  tieline.ingest.ingest(files, db=fresh store): read files, hash, check the store,
               code with the same code_many, write documents and events batch by batch
  (c) store:   the same ingest with a coder that returns no events: reading and writing alone

Storage overhead: what keeping everything costs on top of coding (target: at most 10%).
Measured two ways: inside run (b), the ingest's time outside the coder over the time inside
it (the verdict: both parts share whatever load the machine has); and run (b) against run
(a), (time b - time a) / time a, in wall and CPU time, which load from other work skews.
Both runs code the same documents (those the file reader accepts), with
the model loaded and warmed up before timing. The table also gives the store's size on disk
against the raw text. Prints a skip message and exits 0 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import bbc_dir, bbc_files  # noqa: E402

#: Documents coded before timing, so model loading and lazily loaded tables are not timed.
WARMUP_DOCS = 30
#: Default sample: about 115k words, a minute or two per run on one core.
DEFAULT_LIMIT = 300
#: The overhead the store may add to coding.
OVERHEAD_TARGET = 0.10


def _cpu() -> float:
    """CPU seconds of this process and its finished children: unlike wall time, barely
    moved by other work on a shared machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class CoderClock:
    """tieline.code_many, timed from inside an ingest: the seconds spent coding, not counting
    the time the coder waits for ingest to read the next documents. What is left of the
    ingest's time is the store's own cost, measured in the same run, so load from other work
    on the machine slows both parts alike."""

    def __init__(self) -> None:
        self.coding = 0.0

    def __call__(self, documents: Iterable[Any], **kwargs: Any) -> Iterator[tuple[Any, list[Any]]]:
        import tieline

        reading = 0.0

        def pulled() -> Iterator[Any]:
            nonlocal reading
            it = iter(documents)
            while True:
                t = time.perf_counter()
                doc = next(it, None)
                reading += time.perf_counter() - t
                if doc is None:
                    return
                yield doc

        inner = iter(tieline.code_many(pulled(), **kwargs))
        while True:
            t, before = time.perf_counter(), reading
            item = next(inner, None)
            self.coding += (time.perf_counter() - t) - (reading - before)
            if item is None:
                return
            yield item


def no_events(documents: Iterable[Any], **_: Any) -> Iterator[tuple[Any, list[Any]]]:
    """A coder that codes nothing: isolates the cost of reading and storing."""
    for doc in documents:
        yield doc, []


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    corpus = bbc_dir(args.corpus)
    if not corpus.is_dir():
        print(f"skip: BBC corpus not found at {corpus} (pass --corpus or set TIELINE_SHARED)")
        return None
    import tieline
    from tieline.ingest import Item, ReadOptions, ingest, read_paths

    work = Path(tempfile.mkdtemp(prefix="tieline-ingest-bench-"))
    try:
        inputs = work / "bbc"
        for i, f in enumerate(bbc_files(corpus, args.limit)):
            target = inputs / f.parent.name / f"{i:05d}-{f.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
        reads = list(read_paths([inputs], ReadOptions()))
        docs = [r.doc for r in reads if isinstance(r, Item)]
        text_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
        config = tieline.Config()
        for _ in tieline.code_many(docs[:WARMUP_DOCS], batch_size=args.batch_size, config=config):
            pass

        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        in_run: list[float] = []
        results: dict[str, Any] = {}
        events = 0
        for rep in range(args.repeat):
            # Alternate the order so neither run always goes first on a warming machine.
            order = ["bare", "ingest", "store"] if rep % 2 == 0 else ["store", "ingest", "bare"]
            for label in order:
                start, cpu_start = time.perf_counter(), _cpu()
                if label == "bare":
                    events = sum(len(evs) for _, evs in tieline.code_many(
                        docs, n_process=args.n_process, batch_size=args.batch_size, config=config))
                else:
                    db = work / f"{label}-{rep}.duckdb"
                    clock = CoderClock()
                    summary = ingest([inputs], db=db, batch_size=args.batch_size, n_process=args.n_process,
                                     config=config, coder=clock if label == "ingest" else no_events)
                    took = time.perf_counter() - start
                    results[label] = {"docs": summary.stats.docs_new, "events": summary.stats.events,
                                      "quarantined": summary.stats.quarantined, "db_bytes": db.stat().st_size}
                    if label == "ingest":
                        in_run.append((took - clock.coding) / clock.coding)
                best[label] = min(best.get(label, float("inf")), time.perf_counter() - start)
                cpu[label] = min(cpu.get(label, float("inf")), _cpu() - cpu_start)
        n = len(docs)
        out = {
            "corpus": str(corpus), "documents": n, "files": len(reads), "text_bytes": text_bytes,
            "batch_size": args.batch_size, "n_process": args.n_process, "cpus": os.cpu_count(),
            "bare": {"seconds": best["bare"], "docs_per_s": n / best["bare"], "events": events,
                     "events_per_s": events / best["bare"]},
            "ingest": {"seconds": best["ingest"], "docs_per_s": results["ingest"]["docs"] / best["ingest"],
                       "events_per_s": results["ingest"]["events"] / best["ingest"], **results["ingest"]},
            "store_only": {"seconds": best["store"], "docs_per_s": results["store"]["docs"] / best["store"],
                           **results["store"]},
        }
        out["storage_overhead_in_run"] = min(in_run)
        out["storage_overhead"] = (best["ingest"] - best["bare"]) / best["bare"]
        out["cpu_seconds"] = cpu
        out["storage_overhead_cpu"] = (cpu["ingest"] - cpu["bare"]) / cpu["bare"]
        out["overhead_target"] = OVERHEAD_TARGET
        out["store_bytes_per_text_byte"] = results["ingest"]["db_bytes"] / text_bytes
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def show(r: dict[str, Any]) -> None:
    print(f"BBC sample: {r['documents']} documents ({r['text_bytes'] / 1e6:.1f} MB of text) "
          f"from {r['files']} reads; batch {r['batch_size']}, n_process {r['n_process']}, {r['cpus']} CPUs")
    print(f"{'run':<34}{'seconds':>9}{'docs/s':>10}{'events/s':>11}")
    rows = [("(a) bare tieline.code_many", r["bare"]), ("(b) tieline ingest (fresh store)", r["ingest"]),
            ("(c) ingest, coder returns nothing", r["store_only"])]
    for name, m in rows:
        eps = f"{m['events_per_s']:>11.1f}" if "events_per_s" in m else f"{'-':>11}"
        print(f"{name:<34}{m['seconds']:>9.2f}{m['docs_per_s']:>10.1f}{eps}")
    verdict = "within" if r["storage_overhead_in_run"] <= r["overhead_target"] else "OVER"
    print(f"storage overhead within the ingest run (time not coding / time coding): "
          f"{r['storage_overhead_in_run']:+.1%} ({verdict} the {r['overhead_target']:.0%} target)")
    print(f"ingest against the separate bare run: {r['storage_overhead_cpu']:+.1%} in CPU time, "
          f"{r['storage_overhead']:+.1%} in wall time (noisy on a shared machine)")
    print(f"events: bare {r['bare']['events']}, stored {r['ingest']['events']}; store size "
          f"{r['ingest']['db_bytes'] / 1e6:.1f} MB = {r['store_bytes_per_text_byte']:.2f} x the text")


_INGEST_ONE = """
import functools, hashlib, json, resource, sys, time
import duckdb
import tieline.ingest.run as run
from tieline.ingest import ingest
# The supervisor's batch size, for comparing with one document per call (max_docs=1).
run.code_guarded = functools.partial(run.code_guarded, max_docs=int(sys.argv[4]))
start = time.perf_counter()
summary = ingest([sys.argv[1]], db=sys.argv[2], n_process=int(sys.argv[3]))
seconds = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
con = duckdb.connect(sys.argv[2], read_only=True)
rows = con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
print(json.dumps({"seconds": seconds, "docs": summary.stats.docs_coded, "events": summary.stats.events,
                  "quarantined": summary.stats.quarantined,
                  "events_digest": hashlib.sha256(repr(rows).encode()).hexdigest()[:16],
                  "main_cpu_s": me.ru_utime + me.ru_stime, "worker_cpu_s": kids.ru_utime + kids.ru_stime,
                  "main_peak_mb": me.ru_maxrss / 1024, "worker_peak_mb": kids.ru_maxrss / 1024}))
"""


def scaling(limit: int, n_processes: list[int], corpus: Path, batch_docs: list[int]) -> dict[str, Any] | None:
    """A full ingest of `limit` BBC articles at each process count and supervisor batch size,
    each in a fresh process."""
    if not corpus.is_dir():
        print(f"skip: BBC corpus not found at {corpus} (pass --corpus or set TIELINE_SHARED)")
        return None
    work = Path(tempfile.mkdtemp(prefix="tieline-ingest-scaling-"))
    try:
        inputs = work / "bbc"
        for i, f in enumerate(bbc_files(corpus, limit)):
            target = inputs / f.parent.name / f"{i:05d}-{f.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
        rows = []
        load_before = os.getloadavg()[0]
        for b in batch_docs:
            for n in n_processes:
                db = work / f"j{n}-b{b}.duckdb"
                proc = subprocess.run([sys.executable, "-c", _INGEST_ONE, str(inputs), str(db), str(n), str(b)],
                                      capture_output=True, text=True, check=False)
                db.unlink(missing_ok=True)
                if proc.returncode != 0:
                    rows.append({"n_process": n, "batch_docs": b, "error": proc.stderr.strip().splitlines()[-1:]})
                    continue
                row = {"n_process": n, "batch_docs": b, **json.loads(proc.stdout.strip().splitlines()[-1])}
                row["docs_per_s"] = row["docs"] / row["seconds"]
                rows.append(row)
        base = rows[0].get("docs_per_s")
        for row in rows:
            if base and row.get("docs_per_s"):
                row["scaling"] = row["docs_per_s"] / base
        digests = {row["events_digest"] for row in rows if "events_digest" in row}
        return {"documents": limit, "cpus": os.cpu_count(), "load_average_before": load_before,
                "load_average": os.getloadavg()[0], "runs": rows, "same_events": len(digests) == 1}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def show_scaling(r: dict[str, Any]) -> None:
    print(f"tieline ingest of {r['documents']} BBC articles into a fresh store; {r['cpus']} CPUs, "
          f"load average {r['load_average_before']:.1f} before, {r['load_average']:.1f} at the end")
    print(f"{'n_process':>9}{'batch':>6}{'seconds':>9}{'docs/s':>9}{'ratio':>8}{'CPU main':>9}{'workers':>9}"
          f"{'events':>8}{'main MB':>9}{'worker MB':>10}")
    for row in r["runs"]:
        if "error" in row:
            print(f"{row['n_process']:>9}{row['batch_docs']:>6}  failed: {row['error']}")
            continue
        worker = f"{row['worker_peak_mb']:>10.0f}" if row["worker_peak_mb"] else f"{'-':>10}"
        print(f"{row['n_process']:>9}{row['batch_docs']:>6}{row['seconds']:>9.1f}{row['docs_per_s']:>9.1f}"
              f"{row['scaling']:>7.2f}x{row['main_cpu_s']:>9.1f}{row['worker_cpu_s']:>9.1f}{row['events']:>8}"
              f"{row['main_peak_mb']:>9.0f}{worker}")
    print("ratio: documents/s over the first row's; CPU: seconds of the main process and of its workers")
    print("events: identical in every run" if r["same_events"] else "events: the runs stored DIFFERENT events")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--limit", type=int, default=None, help="articles to use (default: 2225, or 300 with --overhead)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--n-process", default="1,2", help="process counts (comma-separated; --overhead uses the first)")
    p.add_argument("--batch-docs", default="32",
                   help="documents per call to a supervised worker, comma-separated (1: one at a time, "
                        "as before batching); scaling runs only")
    p.add_argument("--overhead", action="store_true", help="measure the storage overhead instead")
    p.add_argument("--repeat", type=int, default=2,
                   help="runs per configuration, in alternating order; the fastest counts")
    p.add_argument("--corpus", help="BBC corpus folder (default ../shared/data/corpora/bbc)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    args = p.parse_args(argv)
    counts = [int(n) for n in str(args.n_process).split(",") if n.strip()]
    if not args.overhead:
        sizes = [int(b) for b in str(args.batch_docs).split(",") if b.strip()]
        scaled = scaling(args.limit or 2225, counts, bbc_dir(args.corpus), sizes)
        if scaled is not None and args.json:
            print(json.dumps(scaled, indent=2))
        elif scaled is not None:
            show_scaling(scaled)
        return 0
    args.limit = args.limit or DEFAULT_LIMIT
    args.n_process = counts[0]
    if args.repeat < 1 or args.limit < 1:
        p.error("--repeat and --limit must be at least 1")
    result = run(args)
    if result is None:
        return 0
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
