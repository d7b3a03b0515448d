"""`tieline spark ingest` (code on Apache Spark into a Parquet folder) and `tieline import`
(load such a folder into a DuckDB store): thin wrappers over tieline.scale and tieline.store."""

from __future__ import annotations

import logging
from pathlib import Path

import typer
from rich.table import Table

from tieline.cli.app import app, console, err_console, user_errors
from tieline.config import Config
from tieline.errors import ConfigError

__all__ = ["import_cmd", "spark_app", "spark_ingest_cmd"]

spark_app = typer.Typer(name="spark", no_args_is_help=True,
                        help="Run tieline on Apache Spark (needs `pip install \"tieline[spark]\"` and Java 17+).")
app.add_typer(spark_app, name="spark")


def _counts_table(title: str, rows: list[tuple[str, object]]) -> Table:
    table = Table(title=title, show_header=False, box=None)
    for label, value in rows:
        table.add_row(label, f"{value:,}" if isinstance(value, int) else str(value))
    return table


@spark_app.command("ingest")
def spark_ingest_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, folders or URIs (s3a://, hdfs://, file://): .txt .html "
                                       ".csv .tsv .jsonl .json .rss .atom .xml .warc .warc.gz .parquet"),
    out: Path = typer.Option(..., "--out", "-o", help="Parquet folder to append to (created if missing); "
                             "other commands read it with --db DIR."),
    master: str = typer.Option("local[*]", "--master", help="Spark master: local[N], spark://HOST:PORT, yarn …"),
    partitions: int | None = typer.Option(None, "--partitions", "-p",
                                          help="Coding partitions (default: 4 per core)."),
    text_col: str = typer.Option("text", "--text-col", help="CSV/JSON/Parquet field holding the article text."),
    date_col: str = typer.Option("date", "--date-col", help="Field holding the publication date."),
    url_col: str = typer.Option("url", "--url-col", help="Field holding the URL."),
    title_col: str = typer.Option("title", "--title-col", help="Field holding the headline."),
    source_col: str = typer.Option("source", "--source-col", help="Field naming the outlet."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of text, CSV and JSONL files."),
    pipeline: str | None = typer.Option(None, "--pipeline", help="spaCy pipeline to code with."),
    conf: list[str] = typer.Option([], "--conf", help="Spark setting KEY=VALUE (repeatable), e.g. "
                                   "spark.executor.memory=2g or spark.archives=env.tar.gz#environment."),
) -> None:
    """Code news on Spark into a Parquet folder (events by month, documents, quarantine, runs);
    re-running on the same input adds nothing.

    \b
    Examples:
      tieline spark ingest news/ -o events.parquet.d --master 'local[4]'
      tieline spark ingest s3a://bucket/news/ -o s3a://bucket/tieline/ --master yarn
    """
    with user_errors():
        from tieline.ingest import ReadOptions
        from tieline.scale.ingest import spark_ingest

        for name in ("py4j", "pyspark"):
            logging.getLogger(name).setLevel(logging.ERROR)
        config = Config() if pipeline is None else Config(pipeline=pipeline)
        options = ReadOptions(text_col=text_col, date_col=date_col, url_col=url_col, title_col=title_col,
                              source_col=source_col, encoding=encoding, max_chars=config.max_chars)
        settings = {}
        for item in conf:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise ConfigError(f"--conf {item!r} is not KEY=VALUE", hint="e.g. --conf spark.executor.memory=2g")
            settings[key.strip()] = value
        err_console.print(f"tieline: starting Spark ({master})", highlight=False)
        summary = spark_ingest(inputs, out, master=master, partitions=partitions, options=options,
                               config=config, conf=settings)
        c = summary.counts
        console.print(_counts_table(f"run {summary.run_id} → {summary.out}", [
            ("documents read", c.docs_read), ("new documents coded", c.docs_new),
            ("already in the folder (skipped)", c.docs_skipped), ("events written", c.events),
            ("quarantined", c.quarantined), ("seconds", f"{summary.seconds:,.1f}"),
            ("documents/s", f"{summary.docs_per_s:,.2f}"),
        ]))
        if c.quarantined:
            err_console.print(f"see why with: tieline db-info --db {summary.out} --quarantine")


@app.command("import")
def import_cmd(
    folder: Path = typer.Argument(..., help="Parquet folder written by `tieline spark ingest`."),
    db: Path | None = typer.Option(None, "--db", help="Store file (default: $TIELINE_DB or ./tieline.duckdb)."),
) -> None:
    """Load a Parquet folder from `tieline spark ingest` into a DuckDB store (rows it has are kept).

    \b
    Examples:
      tieline import events.parquet.d --db news.duckdb
    """
    with user_errors():
        from tieline.store.parquet import import_parquet

        summary = import_parquet(folder, db)
        c = summary.counts
        console.print(_counts_table(f"run {summary.run_id} → {summary.db}", [
            ("documents in the folder", c.docs_read), ("new documents", c.docs_new),
            ("already in the store", c.docs_skipped), ("new events", c.events),
            ("new quarantine records", c.quarantined),
        ]))
