"""tieline on Apache Spark: a DataFrame of texts in, the store's tables out.

    >>> from tieline.scale.spark import code_dataframe, spark_session
    >>> spark = spark_session("local[2]")
    >>> news = spark.read.parquet("s3a://bucket/news/")
    >>> events = code_dataframe(news, text="body", date="published")   # the store's event columns
    >>> events.write.partitionBy("cameo_root").parquet("s3a://bucket/events/")

`code_dataframe` returns only events; `code_tables` returns events, documents and quarantine
from one coding pass. Rows are checked as `tieline ingest` checks a CSV or JSONL record (empty,
undecodable or oversized text is quarantined with a reason), documents are deduplicated by
their content-hash id across partitions, and each Python worker loads the pipeline once.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tieline.config import Config
from tieline.errors import ConfigError
from tieline.ingest.common import ReadOptions
from tieline.scale import worker
from tieline.store.db import utcnow

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import Column, DataFrame, SparkSession
    from pyspark.sql.types import StructType

__all__ = [
    "PARTITIONS_PER_CORE",
    "SparkTables",
    "code_dataframe",
    "code_reads",
    "code_tables",
    "require_spark",
    "spark_schema",
    "spark_session",
]

#: Coding partitions per core when none are asked for: documents differ in length tenfold, so
#: a few partitions per core let a core that drew short ones take another instead of idling.
PARTITIONS_PER_CORE = 4
#: Where documents come from when a DataFrame (not a file) is coded: the quarantine's origin.
DATAFRAME_ORIGIN = "dataframe"
_QUARANTINE_COLUMNS = ("quarantine_id", "origin", "locator", "reason", "detail", "size_bytes")


def require_spark() -> None:
    """Fail with an actionable error where PySpark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise ConfigError("PySpark is not installed", hint='pip install "tieline[spark]"') from None
    java_home = os.environ.get("JAVA_HOME")
    java = shutil.which("java") or (java_home and shutil.which("java", path=os.path.join(java_home, "bin")))
    if not java:
        raise ConfigError("Spark needs Java 17 or newer and none was found",
                          hint="install it (Debian: apt-get install default-jre-headless) or set JAVA_HOME")


def spark_session(master: str = "local[*]", *, app_name: str = "tieline",
                  conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (PYSPARK_PYTHON) and are reused
    between tasks, so each loads the coding pipeline once.

    On a cluster, PYSPARK_PYTHON set beforehand (the packed environment's python, see
    docs/spark.md) is kept; in local mode the workers always run this interpreter.
    """
    require_spark()
    from pyspark.sql import SparkSession

    local = master.startswith("local")
    if local or not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.python.worker.reuse", "true")
               # Store timestamps are naive UTC; dates must not shift with the machine's zone.
               .config("spark.sql.session.timeZone", "UTC"))
    if local:
        builder = builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start: py4j and Spark raise several kinds
        raise ConfigError(f"Spark could not start ({master}): {str(exc).splitlines()[0][:300]}",
                          hint="check Java 17+ (java -version) and the --master URL") from None


def spark_schema(schema: pa.Schema) -> StructType:
    """The Spark schema of an Arrow schema (naive timestamps stay naive)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema, prefer_timestamp_ntz=True)


@dataclass(frozen=True)
class SparkTables:
    """The three tables of one coding pass; `events` has the store's flat event columns plus
    `month` (YYYY-MM of the event's day, or 'undated'), which partitions it on disk."""

    events: DataFrame
    documents: DataFrame
    quarantine: DataFrame

    def unpersist(self) -> None:
        for df in (self.events, self.documents, self.quarantine):
            df.unpersist()


def _column(df: DataFrame, name: str | None, what: str, *, required: bool) -> Column:
    from pyspark.sql import functions as F

    if name is None:
        return F.lit(None).cast("string")
    if name not in df.columns:
        if required:
            raise ConfigError(f"the DataFrame has no {what} column {name!r} (columns: {', '.join(df.columns[:12])})",
                              hint=f"name the {what} column with {what}=...")
        return F.lit(None).cast("string")
    return F.col(f"`{name}`").cast("string")


def _input_rows(df: DataFrame, *, text: str, date: str | None, doc_id: str | None, url: str | None,
                title: str | None, source: str | None) -> DataFrame:
    """A DataFrame's columns renamed to worker.INPUT_SCHEMA, each row with a stable locator."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    if text not in df.columns:
        raise ConfigError(f"the DataFrame has no text column {text!r} (columns: {', '.join(df.columns[:12])})",
                          hint="name the text column with text=...")
    if not isinstance(df.schema[text].dataType, StringType):
        raise ConfigError(f"text column {text!r} is {df.schema[text].dataType.simpleString()}, not a string")
    cols = {
        "text": F.col(f"`{text}`"),
        # The default date column may be absent (undated texts); a named one must exist.
        "date": _column(df, date, "date", required=date != "date"),
        "doc_id": _column(df, doc_id, "doc_id", required=True),
        "url": _column(df, url, "url", required=True),
        "title": _column(df, title, "title", required=True),
        "source": _column(df, source, "source", required=True),
    }
    rows = df.select(*(c.alias(n) for n, c in cols.items()))
    # A row is located by a hash of what it holds, so a rerun quarantines it under the same id.
    digest = F.sha2(F.concat_ws("\x1f", *(F.coalesce(F.col(n), F.lit("\x00")) for n in cols)), 256)
    return rows.select(
        *cols, F.lit(DATAFRAME_ORIGIN).alias("origin"),
        F.concat(F.lit("row="), F.substring(digest, 1, 16)).alias("locator"),
        F.monotonically_increasing_id().alias("order"),
    )


def read_rows(rows: DataFrame, options: ReadOptions) -> DataFrame:
    """INPUT_SCHEMA rows -> READ_SCHEMA rows (documents and quarantined records)."""
    fn = functools.partial(worker.read_row_partition, opts=options)
    return rows.mapInArrow(fn, spark_schema(worker.READ_SCHEMA))


def _partitions(spark: SparkSession, partitions: int | None) -> int:
    if partitions is None:
        return max(1, spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE)
    if partitions < 1:
        raise ConfigError(f"partitions must be at least 1, not {partitions}")
    return partitions


def first_documents(reads: DataFrame, partitions: int) -> DataFrame:
    """One row per doc_id, the first read (lowest order) as `tieline ingest` keeps it, hash
    partitioned by doc_id so that duplicates in different partitions meet."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    docs = reads.where(F.col("reason").isNull()).select(*worker.DOC_COLUMNS, "order")
    docs = docs.repartition(partitions, "doc_id")
    rank = F.row_number().over(Window.partitionBy("doc_id").orderBy("order"))
    return docs.withColumn("_rank", rank).where("_rank = 1").drop("_rank", "order")


def quarantined(reads: DataFrame) -> DataFrame:
    """The quarantined records of READ_SCHEMA rows, one per quarantine_id."""
    from pyspark.sql import functions as F

    return reads.where(F.col("reason").isNotNull()).select(*_QUARANTINE_COLUMNS).dropDuplicates(
        ["quarantine_id"])


def _coder(config: Config, *, nested: bool) -> Any:
    return functools.partial(worker.code_partition, config=config, nested=nested)


def code_reads(reads: DataFrame, *, config: Config, partitions: int | None = None, run_id: int | None = None,
               skip_doc_ids: DataFrame | None = None) -> SparkTables:
    """Code READ_SCHEMA rows into the three tables in one pass (the coded documents are
    persisted, so events and documents are derived without coding twice). `skip_doc_ids`
    (a one-column DataFrame of doc_id) names documents already coded, which are left out."""
    from pyspark.sql import functions as F

    spark = reads.sparkSession
    n = _partitions(spark, partitions)
    reads = reads.persist()
    docs = first_documents(reads, n)
    if skip_doc_ids is not None:
        docs = docs.join(skip_doc_ids.select("doc_id"), "doc_id", "left_anti")
    coded = docs.mapInArrow(_coder(config, nested=True), spark_schema(worker.CODED_SCHEMA)).persist()
    now = utcnow().isoformat(sep=" ")
    failed = coded.where(F.col("reason").isNotNull())
    coded = coded.where(F.col("reason").isNull())
    documents = coded.drop("events").select(
        *(F.col(c) for c in ("doc_id", "source", "url", "title", "published", "language", "text")),
        F.lit(now).cast("timestamp_ntz").alias("ingested_at"), F.col("origin"),
        F.lit(run_id).cast("int").alias("run_id"))
    month = F.coalesce(F.date_format(F.coalesce(F.col("e.date"), F.col("published")), "yyyy-MM"),
                       F.lit("undated"))
    events = coded.select(F.explode("events").alias("e"), "published").select("e.*", month.alias("month"))
    # Unreadable inputs, and documents whose coding failed (coding_error, timeout, crashed).
    q = quarantined(reads).unionByName(failed.select(*_QUARANTINE_COLUMNS)).select(
        *_QUARANTINE_COLUMNS, F.lit(run_id).cast("int").alias("run_id"),
        F.lit(now).cast("timestamp_ntz").alias("quarantined_at"))
    return SparkTables(events=events, documents=documents, quarantine=q)


def code_tables(df: DataFrame, *, text: str = "text", date: str | None = "date", doc_id: str | None = None,
                url: str | None = None, title: str | None = None, source: str | None = None,
                config: Config | None = None, partitions: int | None = None) -> SparkTables:
    """Events, documents and quarantine of a DataFrame of texts, from one coding pass.

    Column arguments name the DataFrame's columns (None: not present). Rows whose text is empty,
    undecodable or over `config.max_chars` go to `quarantine` with a reason, located by a hash
    of the row. Call `.unpersist()` on the result when done with it.
    """
    config = config or Config()
    rows = _input_rows(df, text=text, date=date, doc_id=doc_id, url=url, title=title, source=source)
    reads = read_rows(rows, ReadOptions(max_chars=config.max_chars))
    return code_reads(reads, config=config, partitions=partitions)


def code_dataframe(df: DataFrame, *, text: str = "text", date: str | None = "date", doc_id: str | None = None,
                   url: str | None = None, title: str | None = None, source: str | None = None,
                   config: Config | None = None, partitions: int | None = None) -> DataFrame:
    """The events of a DataFrame of texts, with exactly the store's flat event columns and types.

    Each row is one document: `text` (a string column), `date` (publication date: a date,
    timestamp or string column; relative dates in the text are read against it), optional
    `doc_id` (else the content hash `tieline ingest` uses), `url`, `title`, `source`. Rows
    `tieline ingest` would quarantine, and documents whose coding fails (raises, runs past the
    per-document budget, kills its process), are left out (`code_tables` returns them with
    reasons); repeated texts are coded once.
    """
    config = config or Config()
    rows = _input_rows(df, text=text, date=date, doc_id=doc_id, url=url, title=title, source=source)
    reads = read_rows(rows, ReadOptions(max_chars=config.max_chars))
    docs = first_documents(reads, _partitions(df.sparkSession, partitions))
    return docs.mapInArrow(_coder(config, nested=False), spark_schema(worker.EVENT_SCHEMA))
