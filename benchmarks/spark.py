"""tieline on local Spark against `tieline.code_many`, on the same BBC texts.

    python benchmarks/spark.py                      # 200 BBC articles, local[1], local[2] vs n_process 1, 2
    python benchmarks/spark.py --limit 400 --cores 1,2 --json

Prints documents/s and events/s for `code_many(n_process=N)` and for `code_dataframe` on
`local[N]`, their ratios side by side (Spark / code_many at the same core count, and each
Spark run against local[1]), CPU seconds per document (Spark's split into the JVM, Spark's own
Python work and the coding children), and the peak memory of each Spark executor: its JVM and its
Python workers. Needs PySpark and Java (`pip install "tieline[spark]"`) and the BBC corpus in
../shared; without them it prints why and exits 0.

How: code_many's pipeline is loaded before timing (as in throughput.py); for Spark the session is
started and every Python worker has loaded the pipeline (a warm-up job, timed apart) before the
timed job, whose input DataFrame is already cached, so the timed run is coding plus Spark's own
costs (Arrow transfer, scheduling, shuffle by doc_id). Wall-clock, machine-dependent: compare ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import bbc_dir, bbc_texts  # noqa: E402

#: Documents in the warm-up job per partition: enough to load the pipeline in each worker.
_WARMUP_DOCS_PER_PARTITION = 2


def _process_table() -> dict[int, tuple[int, float, float, bool]]:
    """pid -> (parent pid, its own CPU seconds, its reaped children's, whether it runs
    pyspark.daemon) of every process."""
    table: dict[int, tuple[int, float, float, bool]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            rest = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            daemon = b"pyspark.daemon" in (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        # After the command name: state, ppid, ... utime, stime, cutime, cstime (fields 14-17).
        own, reaped = (int(rest[11]) + int(rest[12])) / tick, (int(rest[13]) + int(rest[14])) / tick
        table[int(entry.name)] = (int(rest[1]), own, reaped, daemon)
    return table


def tree_cpu_seconds() -> float:
    """CPU seconds used by this process and all its descendants (the JVM, Spark's Python workers,
    a worker pool), living or reaped: on a machine shared with other work, wall-clock rates move
    with the load but the CPU a run costs does not."""
    procs = _process_table()
    total, me = 0.0, os.getpid()
    for pid, (_, own, reaped, _) in procs.items():
        p = pid
        while p and p != me and p in procs:
            p = procs[p][0]
        if p == me:
            total += own + reaped
    return total


def coding_children_cpu() -> dict[int, float]:
    """CPU seconds of each living process forked by a Spark Python worker (the guard's coding
    child): how much of the Python side's CPU is coding and how much Spark's own work."""
    table = _process_table()
    out = {}
    for pid, (ppid, cpu, _, _) in table.items():
        parent = table.get(ppid)
        # daemon -> Python worker (forked from the daemon) -> coding child (forked from the worker)
        if parent and parent[3] and table.get(parent[0], (0, 0.0, 0.0, False))[3]:
            out[pid] = cpu
    return out


def run_code_many(texts: list[str], n_process: int) -> dict[str, Any]:
    import tieline

    list(tieline.code_many(texts[:10], n_process=1))  # load and warm the pipeline
    started, cpu = time.perf_counter(), tree_cpu_seconds()
    events = sum(len(evs) for _, evs in tieline.code_many(texts, n_process=n_process))
    seconds = time.perf_counter() - started
    return {"kind": "code_many", "cores": n_process, "seconds": seconds, "docs": len(texts), "events": events,
            "cpu_s": tree_cpu_seconds() - cpu}


def _jvm_pid(spark: Any) -> int:
    return int(spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())


def _process_cpu_seconds(pid: int) -> float:
    """CPU seconds of one process (without its children): for the JVM's share of a Spark run."""
    rest = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")


def _jvm_peak_bytes(spark: Any) -> int | None:
    pid = _jvm_pid(spark)
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run_spark(texts: list[str], cores: int) -> dict[str, Any]:
    import pyarrow as pa

    from tieline.scale import worker
    from tieline.scale.spark import PARTITIONS_PER_CORE, code_dataframe, spark_session

    t0 = time.perf_counter()
    spark = spark_session(f"local[{cores}]", conf={"spark.sql.shuffle.partitions": str(cores * PARTITIONS_PER_CORE)})
    spark.sparkContext.setLogLevel("ERROR")
    start_s = time.perf_counter() - t0
    try:
        n = cores * PARTITIONS_PER_CORE
        t1 = time.perf_counter()
        warm = spark.createDataFrame([(t,) for t in texts[: n * _WARMUP_DOCS_PER_PARTITION]], "text string")
        code_dataframe(warm, partitions=n).write.format("noop").mode("overwrite").save()
        warm_s = time.perf_counter() - t1
        df = spark.createDataFrame([(t,) for t in texts], "text string").repartition(n).persist()
        df.count()
        children = coding_children_cpu()
        started, cpu, jvm_cpu = time.perf_counter(), tree_cpu_seconds(), _process_cpu_seconds(_jvm_pid(spark))
        events = code_dataframe(df, partitions=n).persist()
        n_events = events.count()
        seconds = time.perf_counter() - started
        cpu, jvm_cpu = tree_cpu_seconds() - cpu, _process_cpu_seconds(_jvm_pid(spark)) - jvm_cpu
        coding_cpu = sum(c - children.get(pid, 0.0) for pid, c in coding_children_cpu().items())

        def probe(batches: Any) -> Any:
            for _ in batches:
                pass
            yield pa.RecordBatch.from_pylist([worker.worker_state()])

        states = spark.range(n).repartition(n).mapInArrow(
            probe, "pid long, pipelines_built long, peak_rss_bytes long").collect()
        python_peak = {s.pid: s.peak_rss_bytes for s in states}
        return {"kind": "spark", "cores": cores, "seconds": seconds, "docs": len(texts), "events": n_events,
                "cpu_s": cpu, "jvm_cpu_s": jvm_cpu, "coding_cpu_s": coding_cpu,
                "parallelism": spark.sparkContext.defaultParallelism,
                "pipelines_built": sum({s.pid: s.pipelines_built for s in states}.values()),
                "session_start_s": start_s, "warmup_s": warm_s, "jvm_peak_bytes": _jvm_peak_bytes(spark),
                "python_workers": len(python_peak), "python_worker_peak_bytes": max(python_peak.values()),
                "executor_peak_bytes": (_jvm_peak_bytes(spark) or 0) + sum(python_peak.values())}
    finally:
        spark.stop()


def _gb(value: int | None) -> str:
    return "?" if value is None else f"{value / 2**30:.2f} GB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="BBC articles (round-robin over categories)")
    parser.add_argument("--cores", default="1,2", help="core counts: local[N] and n_process=N")
    parser.add_argument("--corpus", help="BBC corpus folder (default ../shared/data/corpora/bbc)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    corpus = bbc_dir(args.corpus)
    if not corpus.is_dir():
        print(f"skip: no BBC corpus at {corpus}")
        return 0
    from tieline.errors import ConfigError
    from tieline.scale.spark import require_spark

    try:
        require_spark()
    except ConfigError as exc:
        print(f"skip: {exc}")
        return 0
    cores = [int(c) for c in args.cores.split(",")]
    texts = bbc_texts(corpus, args.limit)
    results = []
    for c in cores:
        results.append(run_code_many(texts, c))
        results.append(run_spark(texts, c))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rate = {(r["kind"], r["cores"]): r["events"] / r["seconds"] for r in results}
    docs_rate = {(r["kind"], r["cores"]): r["docs"] / r["seconds"] for r in results}
    cpu = {(r["kind"], r["cores"]): r["cpu_s"] / r["docs"] for r in results}
    print(f"{len(texts)} BBC articles, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          "events/s (docs/s), wall clock")
    print(f"{'cores':>5} | {'code_many':>16} | {'spark local[N]':>16} | {'spark/code_many':>15} | "
          f"{'spark/local[1]':>14}")
    for c in cores:
        m, s = ("code_many", c), ("spark", c)
        vs_one = rate[s] / rate[("spark", 1)] if ("spark", 1) in rate else float("nan")
        print(f"{c:>5} | {rate[m]:>7.1f} ({docs_rate[m]:>5.2f}) | {rate[s]:>7.1f} ({docs_rate[s]:>5.2f}) | "
              f"{rate[s] / rate[m]:>14.2f}x | {vs_one:>13.2f}x")
    print("CPU seconds per document (all processes: JVM, Python workers, pool), which load does not move:")
    for c in cores:
        m, s = ("code_many", c), ("spark", c)
        run = next(r for r in results if (r["kind"], r["cores"]) == s)
        jvm, coding = run["jvm_cpu_s"] / len(texts), run["coding_cpu_s"] / len(texts)
        print(f"{c:>5} | code_many {cpu[m]:.3f} | spark {cpu[s]:.3f} (JVM {jvm:.3f}, Python {cpu[s] - jvm:.3f}: "
              f"coding {coding:.3f}, Spark's Python workers {cpu[s] - jvm - coding:.3f}) | "
              f"code_many/spark {cpu[m] / cpu[s]:.2f}x")
    for r in results:
        if r["kind"] == "spark":
            print(f"local[{r['cores']}] (parallelism {r['parallelism']}, pipelines built "
                  f"{r['pipelines_built']}): session start {r['session_start_s']:.1f} s, worker warm-up "
                  f"{r['warmup_s']:.1f} s; peak memory: JVM {_gb(r['jvm_peak_bytes'])}, "
                  f"{r['python_workers']} Python worker(s) up to {_gb(r['python_worker_peak_bytes'])} each, "
                  f"executor total {_gb(r['executor_peak_bytes'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
