"""Events per article on the BBC corpus, by category: the false-positive check.

Sport, entertainment and tech articles should yield almost no political events (target
<= 0.10 per article); politics and business show what the coder finds where events exist.

    python benchmarks/false_positives.py [--limit 100] [--corpus PATH] [--examples 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

CATEGORIES = ("sport", "entertainment", "tech", "politics", "business")
#: Categories expected to be (almost) event-free, and the per-article ceiling for them.
NON_POLITICAL = ("sport", "entertainment", "tech")
TARGET_PER_ARTICLE = 0.10


def default_corpus() -> Path:
    shared = os.environ.get("TIELINE_SHARED")
    base = Path(shared) if shared else Path(__file__).resolve().parents[1] / ".." / "shared"
    return base / "data" / "corpora" / "bbc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles per category (default 100)")
    parser.add_argument("--corpus", type=Path, default=None, help="BBC corpus folder")
    parser.add_argument("--examples", type=int, default=0, help="events to show per non-political category")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    corpus = args.corpus or default_corpus()
    if not corpus.is_dir():
        print(f"skipping: BBC corpus not found at {corpus} (pass --corpus or set TIELINE_SHARED)")
        return 0

    import tieline

    result: dict[str, dict[str, object]] = {}
    for category in CATEGORIES:
        files = sorted((corpus / category).glob("*.txt"))[: args.limit]
        texts = [f.read_text(encoding="latin-1") for f in files]
        events = [ev for _, evs in tieline.code_many(texts) for ev in evs]
        per_article = len(events) / len(files) if files else 0.0
        result[category] = {
            "articles": len(files),
            "events": len(events),
            "events_per_article": round(per_article, 3),
            "within_target": per_article <= TARGET_PER_ARTICLE if category in NON_POLITICAL else None,
            "examples": [
                f"{e.source.code} -> {e.target.code} {e.cameo} ({e.trigger}): {e.sentence[:100]}"
                for e in events[: args.examples]
            ] if category in NON_POLITICAL else [],
        }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'category':<15}{'articles':>9}{'events':>8}{'per article':>13}  target")
    for category, row in result.items():
        verdict = {True: "ok", False: f"over {TARGET_PER_ARTICLE}", None: "-"}[row["within_target"]]  # type: ignore[index]
        print(f"{category:<15}{row['articles']:>9}{row['events']:>8}{row['events_per_article']:>13}  {verdict}")
        for line in row["examples"]:  # type: ignore[attr-defined]
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
