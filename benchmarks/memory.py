"""Memory of one coding worker over a long run: resident memory and spaCy's string store.

    python benchmarks/memory.py [--limit 2474] [--every 250]

Codes the BBC and Guardian corpora (interleaved, so new words keep coming) in this process,
as one worker does, and prints resident memory and the number of strings in the vocabulary
every `--every` documents; then the peak and the string store's growth per 1,000 documents over
the second half of the run, and what it comes to at `MAX_DOCS_PER_WORKER`, where a worker is
recycled. Prints a skip
message and exits 0 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import zip_longest

from corpora import bbc_dir, bbc_texts, guardian_file, guardian_rows


def rss_mb() -> float:
    with open("/proc/self/statm", "rb") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=2474, help="documents (default: both corpora)")
    parser.add_argument("--every", type=int, default=250, help="documents between samples")
    args = parser.parse_args(argv)
    if not bbc_dir().is_dir() or not guardian_file().is_file() or not os.path.exists("/proc/self/statm"):
        print("skipping: corpora not found (set TIELINE_SHARED) or no /proc")
        return 0
    from tieline.coding.component import coding_pipeline
    from tieline.coding.workers import MAX_DOCS_PER_WORKER, code_in_process
    from tieline.config import Config
    from tieline.records import Document

    bbc = [Document(text=t) for t in bbc_texts(bbc_dir(), 2225)]
    guardian = [Document(text=t, date=d) for t, d in guardian_rows()]
    docs = [d for pair in zip_longest(guardian, bbc) for d in pair if d is not None][: args.limit]
    nlp = coding_pipeline(Config())
    print(f"after loading: {rss_mb():.0f} MB, {len(nlp.vocab.strings):,} strings")
    print(f"{'documents':>10}{'RSS MB':>9}{'strings':>10}")
    samples = []
    for n, _ in enumerate(code_in_process(nlp, docs, 64), start=1):
        if n % args.every == 0 or n == len(docs):
            samples.append((n, rss_mb(), len(nlp.vocab.strings)))
            print(f"{n:>10}{samples[-1][1]:>9.0f}{samples[-1][2]:>10,}")
    half = [s for s in samples if s[0] >= len(docs) // 2]
    if len(half) >= 2 and half[-1][0] > half[0][0]:
        # Resident memory follows the batch in hand (64 long articles weigh more than 64 short
        # ones), so its peak is reported; what accumulates is the string store.
        strings_per_k = (half[-1][2] - half[0][2]) / (half[-1][0] - half[0][0]) * 1000
        print(f"peak {max(x[1] for x in samples):.0f} MB; string store +{strings_per_k:,.0f} strings per 1,000 "
              f"documents over the second half, about +{strings_per_k * MAX_DOCS_PER_WORKER / 1000:,.0f} "
              f"by {MAX_DOCS_PER_WORKER:,} documents, where a worker is recycled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
