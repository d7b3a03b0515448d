"""Long fuzz run of `tieline ingest`: generated bad and good documents through the real coder.

    python benchmarks/fuzz.py --n 20000            # about 20,000 documents
    python benchmarks/fuzz.py --n 500 --scale 0.05 # a quick look

Writes a corpus with tests/fuzz/fuzz_inputs.py (every kind of bad input the audit found, with
good documents among them), ingests it in one run into a fresh store, and reports: documents
tried, crashed (the run raised, or a worker died), hung (documents over the per-document budget,
quarantined `timeout`), quarantined by reason, lost (good documents not stored), stored, time and
peak memory of the supervisor and of the largest coding worker.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

from fuzz_inputs import make_corpus  # noqa: E402

import tieline  # noqa: E402
from tieline.ingest import IngestStats, ingest  # noqa: E402
from tieline.records import identity_text  # noqa: E402


def lost_documents(db: Path, good: dict[str, str]) -> set[str]:
    """Good documents whose id is not stored and whose text is in no stored document (a page's
    extraction may add a headline or a byline around it)."""
    with tieline.open(db) as corpus:
        stored = {r[0] for r in corpus.sql("SELECT doc_id FROM documents").fetchall()}
        missing = set(good) - stored
        if not missing:
            return set()
        bodies = [identity_text(r[0]) for r in corpus.sql("SELECT text FROM documents").fetchall()]
    return {i for i in missing if not any(good[i] in b for b in bodies)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000, help="documents to generate (default 20,000)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--scale", type=float, default=1.0, help="scale of the big inputs (1: full size)")
    ap.add_argument("--workers", type=int, default=1, help="coding worker processes")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and store in this folder")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="tieline-fuzz-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        corpus = make_corpus(root / "corpus", args.n, seed=args.seed, scale=args.scale)
        gen_s = time.perf_counter() - t0
        db = root / "fuzz.duckdb"
        crashed_run, status = None, "?"
        t1 = time.perf_counter()
        try:
            last = [time.perf_counter()]

            def report(stats: IngestStats) -> None:  # a line every 30 s, so a long run shows it is alive
                if time.perf_counter() - last[0] >= 30:
                    last[0] = time.perf_counter()
                    print(f"  {stats.elapsed:,.0f} s: {stats.docs_read:,} read, {stats.docs_coded:,} coded, "
                          f"{stats.quarantined:,} quarantined", file=sys.stderr, flush=True)

            summary = ingest([root / "corpus"], db=db, n_process=args.workers, progress=report)
            status = summary.status
        except BaseException as exc:  # a crash of the run itself is what this counts
            crashed_run = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        ingest_s = time.perf_counter() - t1
        self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with tieline.open(db) as c:
            reasons = dict(c.sql("SELECT reason, count(*) FROM quarantine GROUP BY reason ORDER BY 2 DESC").fetchall())
            docs = c.sql("SELECT count(*) FROM documents").fetchall()[0][0]
            events = c.sql("SELECT count(*) FROM events").fetchall()[0][0]
        lost = lost_documents(db, corpus.good)

    crashed = (1 if crashed_run else 0) + reasons.get("crashed", 0)
    rows = [
        ("files generated", f"{corpus.files:,}"),
        ("documents tried", f"{corpus.tried:,}"),
        ("good documents among them", f"{len(corpus.good_ids):,}"),
        ("run status", status if not crashed_run else f"CRASHED: {crashed_run}"),
        ("crashed", f"{crashed:,}"),
        ("hung (over the per-document budget)", f"{reasons.get('timeout', 0):,}"),
        ("quarantined (records)", f"{sum(reasons.values()):,}"),
        ("lost (good documents not stored)", f"{len(lost):,}"),
        ("documents stored (incl. parts)", f"{docs:,}"),
        ("events stored", f"{events:,}"),
        ("generation time", f"{gen_s:,.1f} s"),
        ("ingest time", f"{ingest_s:,.1f} s ({corpus.tried / ingest_s:,.1f} documents/s)"),
        ("peak memory, supervisor", f"{self_kb / 1024:,.0f} MB"),
        ("peak memory, largest worker", f"{child_kb / 1024:,.0f} MB"),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print("quarantine reasons:", ", ".join(f"{k} {v:,}" for k, v in reasons.items()))
    print("documents per kind:", ", ".join(f"{k} {v:,}" for k, v in sorted(corpus.kinds.items())))
    return 1 if crashed or lost or reasons.get("timeout") else 0


if __name__ == "__main__":
    sys.exit(main())
