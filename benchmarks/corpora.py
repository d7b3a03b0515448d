"""The benchmark corpora in ../shared: BBC News (folders of .txt) and the Guardian sample (CSV).

Imported by the benchmark scripts (run from the repository root as `python benchmarks/X.py`).
"""

from __future__ import annotations

import csv
import os
import sys
from datetime import date as Date
from pathlib import Path


def shared_dir() -> Path:
    """$TIELINE_SHARED, else the `shared` folder next to the repository."""
    env = os.environ.get("TIELINE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def bbc_dir(explicit: str | None = None) -> Path:
    return Path(explicit) if explicit else shared_dir() / "data" / "corpora" / "bbc"


def guardian_file() -> Path:
    return shared_dir() / "data" / "corpora" / "guardian_sdf" / "Guardian_SDF_sample.csv"


def bbc_files(corpus: Path, limit: int) -> list[Path]:
    """Up to `limit` article files, round-robin over the category folders, so a small limit
    still mixes business, entertainment, politics, sport and tech."""
    groups = [sorted(c.glob("*.txt")) for c in sorted(p for p in corpus.iterdir() if p.is_dir())]
    files: list[Path] = []
    for i in range(max((len(g) for g in groups), default=0)):
        for g in groups:
            if i < len(g) and len(files) < limit:
                files.append(g[i])
    return files


def bbc_texts(corpus: Path, limit: int) -> list[str]:
    # The corpus is mostly ASCII with a few Latin-1 bytes (pound signs).
    return [f.read_bytes().decode("utf-8", errors="replace").strip() for f in bbc_files(corpus, limit)]


def guardian_rows(limit: int | None = None) -> list[tuple[str, Date | None]]:
    """(text, date) of the Guardian sample's articles."""
    csv.field_size_limit(sys.maxsize)
    out: list[tuple[str, Date | None]] = []
    with guardian_file().open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (row.get("text") or "").strip()
            if not text:
                continue
            try:
                when = Date.fromisoformat(row.get("date") or "")
            except ValueError:
                when = None
            out.append((text, when))
            if limit is not None and len(out) >= limit:
                break
    return out
