"""Scale-out: tieline on Apache Spark, with the same events as a local run.

`tieline.scale.spark` holds the DataFrame API (`code_dataframe`, `code_tables`) and the
session helper; `tieline.scale.ingest` the `tieline spark ingest` pipeline that writes a
Parquet folder (events by month, documents, quarantine, runs). `tieline.scale.worker`
is the executor side and imports no Spark, so it is tested without a JVM.

PySpark is an optional dependency: ``pip install "tieline[spark]"`` (Java 17+ from the system).
"""
