"""Benchmark: how fast the command line answers when it has nothing heavy to do.

    python benchmarks/cli_startup.py                # 5 runs of each command, median and best
    python benchmarks/cli_startup.py --repeat 10

Runs the installed `tieline` console script (next to this interpreter) as a user would, each
command in a fresh process: `--help`, `--version`, `ingest --help`, an argument error, and
`code` on an empty file (an input error). Beside them, for scale: a bare `python -c pass` and
`python -c "import spacy"` (what every command paid before imports were made lazy). Prints
wall-clock seconds and each command's ratio to bare Python and to importing spaCy; asserts
nothing (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(argv: list[str], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("tieline")
    if not exe.exists():
        print(f"skipped: no tieline console script next to {sys.executable} (pip install -e .)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.txt"
        empty.write_bytes(b"")
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import spacy'": [sys.executable, "-c", "import spacy"],
            "tieline --help": [str(exe), "--help"],
            "tieline --version": [str(exe), "--version"],
            "tieline ingest --help": [str(exe), "ingest", "--help"],
            "tieline dyad USA (missing B)": [str(exe), "dyad", "USA"],
            "tieline code empty.txt": [str(exe), "code", str(empty)],
        }
        results = {name: _time(argv, args.repeat) for name, argv in cases.items()}
    bare = results["python -c pass"][0]
    spacy = results["python -c 'import spacy'"][0]
    print(f"{'command':32} {'median s':>9} {'best s':>8} {'× python':>9} {'× import spacy':>15}")
    for name, (median, best) in results.items():
        print(f"{name:32} {median:9.3f} {best:8.3f} {median / bare:9.1f} {median / spacy:15.2f}")


if __name__ == "__main__":
    main()
