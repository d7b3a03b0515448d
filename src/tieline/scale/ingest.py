"""`tieline spark ingest`: read inputs on Spark, code them, append to a Parquet folder.

The folder (see `tieline.store.parquet`) holds four datasets:

    events/month=YYYY-MM/   the store's flat event columns, by the month of the event's day
    documents/              the store's document columns
    quarantine/             inputs that could not be read, with a reason
    runs/                   one row per run, with its counts

Re-running adds nothing: documents already in the folder are not coded again, and events and
quarantined records are written only where their content-hash id is not there yet, so a run that
died half-written is completed, not doubled, by the next one.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tieline.config import Config
from tieline.errors import InputError
from tieline.ingest.common import ReadOptions
from tieline.ingest.sources import iter_files
from tieline.scale import spark as sp
from tieline.scale import worker
from tieline.store.db import utcnow
from tieline.store.parquet import RUN_COLUMNS
from tieline.store.schema import SCHEMA_VERSION
from tieline.store.writer import RunCounts, arrow_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["MAX_SPARK_FILE_BYTES", "SparkIngestSummary", "is_uri", "spark_ingest"]

#: Largest input file read through Spark's binaryFile source: a file travels as one row,
#: held whole in the JVM and again in Python; Spark refuses rows over 2 GiB. Split bigger dumps.
MAX_SPARK_FILE_BYTES = 1 << 30


@dataclass(frozen=True, slots=True)
class SparkIngestSummary:
    run_id: int
    out: str
    counts: RunCounts
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.counts.docs_new / self.seconds if self.seconds > 0 else 0.0


def is_uri(path: str) -> bool:
    """s3a://bucket/x, hdfs://..., file:///x: read through Spark's file systems, not os."""
    return "://" in path


def _dataset(out: str, name: str) -> str:
    return f"{out.rstrip('/')}/{name}"


def _existing(spark: SparkSession, out: str, name: str, *cols: str) -> DataFrame | None:
    """Columns of a dataset already in the folder, or None where there is none yet."""
    from pyspark.errors import AnalysisException

    path = _dataset(out, name)
    if not is_uri(out) and not any(Path(path).rglob("*.parquet")):
        return None
    try:
        return spark.read.parquet(path).select(*cols)
    except AnalysisException:  # no such folder on object storage yet
        return None


def _local_reads(spark: SparkSession, inputs: Sequence[str], options: ReadOptions) -> DataFrame | None:
    """Local files, listed as `tieline ingest` lists them (same order, same named flags) and read
    in place on the executors; files over the binaryFile limit are not special here."""
    from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

    files = [(str(path), named, i) for i, (path, named) in enumerate(iter_files(inputs))]
    if not files:
        return None
    schema = StructType([StructField("origin", StringType()), StructField("named", BooleanType()),
                         StructField("order", LongType())])
    # One slice per file up to the core count: reading HTML and WARC is not free.
    listing = spark.createDataFrame(files, schema).repartition(
        min(len(files), spark.sparkContext.defaultParallelism * sp.PARTITIONS_PER_CORE))
    fn = _partial(worker.read_local_partition, options)
    return listing.mapInArrow(fn, sp.spark_schema(worker.READ_SCHEMA))


def _partial(fn: Any, options: ReadOptions) -> Any:
    import functools

    return functools.partial(fn, opts=options)


def _uri_reads(spark: SparkSession, uris: Sequence[str], options: ReadOptions) -> list[DataFrame]:
    """Files on object storage or HDFS: Parquet through Spark's reader, everything else as
    binary files read by ingest's readers. Spark's listing skips names starting with _ or ."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    named = F.col("path").isin(list(uris))
    # Object stores list in no fixed order: rank files by a hash of their path instead.
    rank = F.pmod(F.xxhash64("path"), F.lit(1 << 31))
    binary = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(list(uris))
              .where(~F.lower("path").endswith(worker.PARQUET_SUFFIX)))
    too_big = binary.where(F.col("length") > MAX_SPARK_FILE_BYTES)
    size_note = F.format_string(f"%,d bytes; Spark reads files up to {MAX_SPARK_FILE_BYTES:,}: split it", "length")
    big = too_big.select(
        F.col("path").alias("origin"), (rank * F.lit(1 << worker.FILE_ORDER_SHIFT)).alias("order"),
        F.substring(F.sha2(F.concat_ws("|", "path", F.lit(""), F.lit("oversized")), 256), 1, 20).alias(
            "quarantine_id"),
        F.lit("oversized").alias("reason"), size_note.alias("detail"), F.col("length").alias("size_bytes"),
    )
    # The rest of READ_SCHEMA (the document columns) is null for a quarantined file.
    big = big.select(*(F.col(f.name) if f.name in big.columns else F.lit(None).cast(f.dataType).alias(f.name)
                       for f in sp.spark_schema(worker.READ_SCHEMA).fields))
    files = binary.where(F.col("length") <= MAX_SPARK_FILE_BYTES).select(
        F.col("path").alias("origin"), "content", named.alias("named"), rank.alias("order"))
    out = [files.mapInArrow(_partial(worker.read_file_partition, options), sp.spark_schema(worker.READ_SCHEMA)),
           big]
    try:
        table = (spark.read.option("recursiveFileLookup", "true").option("pathGlobFilter", "*.parquet")
                 .parquet(*uris))
    except AnalysisException:  # no Parquet among the inputs
        return out
    cols = {k: getattr(options, f"{k}_col") for k in ("text", "date", "url", "title", "source")}
    rows = table.select(
        *(F.col(f"`{c}`").cast("string").alias(k) if c in table.columns else F.lit(None).cast("string").alias(k)
          for k, c in cols.items()),
        F.lit(None).cast("string").alias("doc_id"),
        F.col("_metadata.file_path").alias("origin"),
        F.concat(F.lit("row="), (F.col("_metadata.row_index") + 1).cast("string")).alias("locator"),
        (F.pmod(F.xxhash64("_metadata.file_path"), F.lit(1 << 31)) * F.lit(1 << worker.FILE_ORDER_SHIFT)
         + F.col("_metadata.row_index")).alias("order"),
    ).select(*worker.INPUT_SCHEMA.names)
    out.append(sp.read_rows(rows, options))
    return out


def _append_new(spark: SparkSession, df: DataFrame, out: str, name: str, key: str,
                layout: Callable[[DataFrame], DataFrame], partition_by: str | None = None) -> int:
    """Append the rows of `df` whose `key` the folder's `name` dataset does not hold yet (a rerun
    adds nothing); the number appended."""
    known = _existing(spark, out, name, key)
    if known is not None:
        df = df.join(known, key, "left_anti")
    df = df.persist()
    n = df.count()
    if n:
        _write(layout(df), out, name, partition_by=partition_by)
    df.unpersist()
    return n


def _write(df: DataFrame, out: str, name: str, partition_by: str | None = None) -> None:
    writer = df.write.mode("append")
    if partition_by:
        writer = writer.partitionBy(partition_by)
    writer.parquet(_dataset(out, name))


def spark_ingest(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    master: str = "local[*]",
    partitions: int | None = None,
    options: ReadOptions | None = None,
    config: Config | None = None,
    spark: SparkSession | None = None,
    conf: dict[str, str] | None = None,
) -> SparkIngestSummary:
    """Read, code and append `inputs` to the Parquet folder `out`; return the run's counts.

    Local paths are listed as `tieline ingest` lists them and read in place on the executors (so
    they must see the same paths: local mode or a shared mount); URIs (s3a://, hdfs://, file://)
    are read through Spark. `spark` reuses a session, else one is started on `master` with the
    Spark settings in `conf` (e.g. spark.archives for a packed environment, see docs/spark.md).
    """
    started = time.perf_counter()
    config = config or Config()
    options = options or ReadOptions(max_chars=config.max_chars)
    raw = [os.fspath(p) for p in inputs]
    if not raw:
        raise InputError("nothing to ingest", hint="name files, folders or URIs")
    local = [str(Path(p).expanduser()) for p in raw if not is_uri(p)]
    for p in local:
        if not Path(p).exists():
            raise InputError(f"no such file or folder: {p}")
    out_s = os.fspath(out)
    if not is_uri(out_s):
        out_path = Path(out_s).expanduser()
        if out_path.exists() and not out_path.is_dir():
            raise InputError(f"--out {out_path} is a file, not a folder")
        out_path.mkdir(parents=True, exist_ok=True)
        out_s = str(out_path.resolve())
    spark = spark or sp.spark_session(master, conf=conf)

    parts = [df for df in [_local_reads(spark, local, options)] if df is not None]
    uris = [p for p in raw if is_uri(p)]
    if uris:
        parts += _uri_reads(spark, uris, options)
    if not parts:
        raise InputError("no files under the inputs", hint="name files, or folders that hold some")
    reads = parts[0]
    for df in parts[1:]:
        reads = reads.unionByName(df)

    runs = _existing(spark, out_s, "runs", "run_id")
    last = runs.agg({"run_id": "max"}).collect()[0][0] if runs is not None else None
    run_id = int(last or 0) + 1
    tables = sp.code_reads(reads, config=config, partitions=partitions, run_id=run_id,
                           skip_doc_ids=_existing(spark, out_s, "documents", "doc_id"))
    try:
        counts = _append(spark, tables, out_s, reads)
    finally:
        tables.unpersist()
        reads.unpersist()
    seconds = time.perf_counter() - started
    _write_run(spark, out_s, run_id, raw, options, config, counts, seconds)
    return SparkIngestSummary(run_id=run_id, out=out_s, counts=counts, seconds=seconds)


def _append(spark: SparkSession, tables: sp.SparkTables, out: str, reads: DataFrame) -> RunCounts:
    """Write what is new, events first and documents last: a document in the folder means its
    events are there, so a run that dies mid-write is finished by the next."""
    from pyspark.sql import functions as F

    documents = tables.documents
    docs_new = documents.count()  # codes the new documents (the result is persisted)
    docs_read = reads.where(F.col("reason").isNull()).count()
    # One shuffle by month: a month's events land in one file per run, not one per partition.
    n_events = _append_new(spark, tables.events, out, "events", "event_id",
                           lambda df: df.repartition("month"), partition_by="month")
    n_quarantined = _append_new(spark, tables.quarantine, out, "quarantine", "quarantine_id",
                                lambda df: df.coalesce(1))
    if docs_new:
        _write(documents, out, "documents")
    return RunCounts(docs_read=docs_read, docs_new=docs_new, docs_skipped=docs_read - docs_new,
                     events=n_events, quarantined=n_quarantined)


def _write_run(spark: SparkSession, out: str, run_id: int, inputs: Sequence[str], options: ReadOptions,
               config: Config, counts: RunCounts, seconds: float) -> None:
    """The run's row in runs/, typed as the store's runs table (plus the folder's schema version)."""
    import pyarrow as pa

    from tieline import __version__
    from tieline.ingest.run import _model_info

    finished = utcnow()
    command = {"spark_ingest": list(inputs), "options": {k: getattr(options, k) for k in options.__slots__}}  # type: ignore[attr-defined]
    row: dict[str, Any] = {
        "run_id": run_id, "started_at": finished - timedelta(seconds=seconds), "finished_at": finished,
        "status": "done", "command": json.dumps(command, default=str), "tieline_version": __version__,
        "model": json.dumps(_model_info(config, None), default=str), **counts.as_dict(), "error": None,
        "schema_version": SCHEMA_VERSION,
    }
    schema = arrow_schema((*RUN_COLUMNS, ("schema_version", "INTEGER")))
    _write(spark.createDataFrame(pa.Table.from_pylist([row], schema=schema)).coalesce(1), out, "runs")
