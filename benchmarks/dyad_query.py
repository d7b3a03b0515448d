"""Benchmark: the dyad series query over a synthetic store of 10 million events.

    python benchmarks/dyad_query.py                 # 10M events in a temporary store
    python benchmarks/dyad_query.py --events 2000000 --db /tmp/bench.duckdb --keep

The store is made with the store's own schema (tieline.store migrations) and filled in one DuckDB
INSERT ... SELECT over range(N): 60 countries with a skewed (squared-uniform) choice of source and
target, so a few dyads are busy as in real news, CAMEO roots 01-20 with their quad class and a
Goldstein score, and dates spread over ten years (2015-2024). Rows are deterministic (hashes of the
row number, not random()). Then the dyad query (`tieline.analysis.dyad_series`, the same call the
CLI and the API make) is timed on a read-only connection: one warm-up, then the median and best of
--repeat runs. Other analysis queries are timed once for reference. Prints the figures; asserts
nothing (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tieline.analysis import detect_shifts, dyad_series, open_store, partners, top_dyads  # noqa: E402
from tieline.store.db import connect, migrate  # noqa: E402
from tieline.store.schema import EVENT_COLUMNS  # noqa: E402

#: The busiest countries come first: the squared-uniform draw picks early codes most often.
_CODES_TEXT = (
    "USA RUS CHN GBR FRA DEU PAK IND IRN ISR SYR TUR UKR IRQ AFG SAU EGY JPN KOR PRK "
    "CAN AUS BRA MEX NGA ZAF KEN ETH SDN LBY YEM QAT ARE JOR LBN PSE ITA ESP POL NLD "
    "BEL SWE NOR GRC SRB AZE ARM GEO BLR KAZ UZB IDN PHL VNM THA MMR BGD LKA NPL VEN"
)
CODES = tuple(_CODES_TEXT.split())


def _generated_columns() -> dict[str, str]:
    """SQL per event column over `g` (row i, root r 1-20, day offset d) joined to codes `s` and `t`."""
    src, tgt = "s.code", "t.code"
    quad = "CASE WHEN r <= 5 THEN 1 WHEN r <= 9 THEN 2 WHEN r <= 14 THEN 3 ELSE 4 END"
    return {
        "event_id": "printf('%020x', i)",
        "doc_id": "printf('%016x', i // 4)",
        "sentence_index": "(i % 4)::INTEGER",
        "sentence": "'Synthetic event sentence for the benchmark.'",
        "source_text": src,
        "source_code": src,
        "source_country": src,
        "target_text": tgt,
        "target_code": tgt,
        "target_country": tgt,
        "trigger": "'acted'",
        "cameo": "lpad(r::VARCHAR, 2, '0') || '0'",
        "cameo_root": "lpad(r::VARCHAR, 2, '0')",
        "cameo_name": "'synthetic'",
        "plover": "'SYNTHETIC'",
        "quad_class": quad,
        # Goldstein falls from +7 (root 01) to -10 (root 20), as CAMEO's scale does.
        "goldstein": "round(7.0 - (r - 1) * 17.0 / 19.0, 1)",
        "date": "DATE '2015-01-01' + d::INTEGER",
        "date_precision": "'day'",
        "confidence": "0.8",
        "rule": "'benchmark'",
    }


def build(path: Path, n_events: int) -> float:
    """Create the store at `path` with `n_events` synthetic events; return seconds taken."""
    t0 = time.perf_counter()
    con = connect(path, read_only=False)
    migrate(con)
    gen = _generated_columns()
    names = [name for name, _ in EVENT_COLUMNS]
    select = ",\n".join(f"{gen.get(name, 'NULL')} AS \"{name}\"" for name in names)
    n = len(CODES)
    con.execute("CREATE TEMP TABLE codes (k INTEGER, code VARCHAR)")
    con.executemany("INSERT INTO codes VALUES (?, ?)", list(enumerate(CODES)))
    # A squared uniform picks low k (the busy countries) most often.
    con.execute(f"""
        INSERT INTO events ({', '.join(f'"{n}"' for n in names)})
        WITH g AS (
            SELECT i,
                   floor(pow((hash(i) % 1000003) / 1000003.0, 2) * {n})::INTEGER AS si,
                   floor(pow((hash(i + 9000000000) % 1000003) / 1000003.0, 2) * {n})::INTEGER AS ti,
                   1 + (hash(i * 3 + 1) % 20) AS r,
                   hash(i * 5 + 2) % 3653 AS d
            FROM range(?) t(i)
        )
        SELECT {select} FROM g JOIN codes s ON s.k = g.si JOIN codes t ON t.k = g.ti
    """, [n_events])
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    fn()  # warm-up: the first call reads the columns from disk
    times = []
    result: object = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000, help="events to generate (default 10M)")
    ap.add_argument("--db", type=Path, help="store file (default: a temporary file, removed afterwards)")
    ap.add_argument("--keep", action="store_true", help="keep the store file")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query (default 5)")
    ap.add_argument("--dyad", default="USA,PAK", help="dyad to query (default USA,PAK)")
    args = ap.parse_args()
    a, b = args.dyad.split(",")
    tmp = None
    if args.db is None:
        tmp = Path(tempfile.mkdtemp(prefix="tieline-bench-"))
        path = tmp / "bench.duckdb"
    else:
        path = args.db
    try:
        if path.exists() and not args.keep:
            raise SystemExit(f"{path} exists; remove it or pass --keep to reuse it")
        if not path.exists():
            secs = build(path, args.events)
            size = path.stat().st_size / 1e6
            print(f"built {args.events:,} events in {secs:.1f} s ({size:,.0f} MB) at {path}")
        con = open_store(path)
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]  # type: ignore[index]
        print(f"store: {total:,} events; DuckDB threads: {threads}; CPUs: {os.cpu_count()}")
        med, best, series = timed(lambda: dyad_series(con, a, b, by="month"), args.repeat)
        n = series.n_events  # type: ignore[attr-defined]
        periods = len(series.points)  # type: ignore[attr-defined]
        print(f"dyad query {a}-{b} by month (undirected): median {med * 1000:,.0f} ms, "
              f"best {best * 1000:,.0f} ms over {args.repeat} runs -> {periods} periods, {n:,} events")
        for label, fn in (
            (f"dyad {a}->{b} by week (directed)", lambda: dyad_series(con, a, b, by="week", directed=True)),
            ("top dyads by volume", lambda: top_dyads(con, limit=10)),
            ("top dyads by change", lambda: top_dyads(con, by="change", limit=10)),
            (f"partners of {a}", lambda: partners(con, a)),
            ("shifts (all dyads, monthly)", lambda: detect_shifts(con, limit=10)),
        ):
            med, best, _ = timed(fn, 1)
            print(f"{label}: {med * 1000:,.0f} ms")
        con.close()
    finally:
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
