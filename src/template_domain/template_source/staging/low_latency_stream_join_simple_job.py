"""Low-latency inner stream-stream join (PySpark Structured Streaming, micro-batch).

Joins two event streams (orders and payments) on `order_id`, with a watermark on both sides and an
event-time range condition so join state stays bounded, and appends the pairs to a sink that skips
pairs it already holds, so a reset on a new checkpoint can re-read some input without duplicates.

On Databricks this file is the bundle's `spark_python_task`: `main()` takes the cluster's Spark
session, whose settings come from the job cluster's `spark_conf` in the bundle spec, and reads and
writes Unity Catalog tables. Locally, `local_runner.py` beside this file builds an embedded session
from the same spec and calls `run(spark, config)` on JSON folders or a synthetic rate source.

Run `python low_latency_stream_join_simple_job.py --help` for the parameters. The runbook in
docs/low-latency-streaming-cluster-config.md governs this job.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

EVENT_SCHEMA = "order_id LONG, event_time TIMESTAMP, amount DOUBLE"
# A joined pair is identified by these columns; the sink writes a pair only if it is not there yet.
PAIR_KEY = ("order_id", "order_time", "payment_time")
# The cluster settings this job relies on; logged at start so operators can compare with the runbook.
GOVERNED_SPARK_KEYS = (
    "spark.sql.shuffle.partitions",
    "spark.sql.streaming.noDataMicroBatches.enabled",
    "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled",
)

log = logging.getLogger("stream_join")


class JobError(Exception):
    """A configuration problem reported as one line, without a stack trace."""


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def parameter(default: Any, help: str, *flags: str, **argparse_options: Any) -> Any:
    """A job parameter, declared once: its default, command-line flags and help live together."""
    return field(default=default, metadata={"flags": flags, "help": help, **argparse_options})


@dataclass(frozen=True)
class JobConfig:
    source: str = parameter(
        "table",
        "input kind: 'table' (Unity Catalog tables, Delta sink), 'json' (landing folders) or 'rate' "
        "(synthetic generator); file and rate inputs write Parquet",
        "--source",
        choices=("table", "json", "rate"),
    )
    left: str = parameter("", "orders input: table name or JSON folder", "--left-table", "--left-path")
    right: str = parameter("", "payments input: table name or JSON folder", "--right-table", "--right-path")
    output: str = parameter("", "sink: Delta table name or Parquet folder", "--output-table", "--output-path")
    checkpoint_location: str = parameter(
        "", "checkpoint folder; keep it for restarts, use a new one for a new query", "--checkpoint-location"
    )
    query_name: str = parameter("low_latency_stream_join_simple", "query name shown in the Spark UI", "--query-name")
    trigger_interval: str = parameter(
        "500 milliseconds",
        "processing-time trigger, e.g. '500 milliseconds'; 'default' runs batches back to back; "
        "'available-now' processes what is there and stops",
        "--trigger-interval",
    )
    rows_per_second: int = parameter(
        50, "synthetic rate per stream (rate source)", "--rows-per-second", type=positive_int
    )
    watermark_delay: str = parameter("10 seconds", "watermark delay on both inputs", "--watermark-delay")
    join_range_seconds: int = parameter(
        5,
        "payments match orders whose event time is within +/- this many seconds",
        "--join-range-seconds",
        type=positive_int,
    )
    latency_budget_ms: int = parameter(
        1000, "warn when a micro-batch's triggerExecution exceeds this", "--latency-budget-ms", type=positive_int
    )
    behind_ratio: float = parameter(
        0.9, "warn when processedRowsPerSecond < ratio x inputRowsPerSecond", "--behind-ratio", type=float
    )
    run_seconds: float = parameter(
        0.0, "stop after this many seconds (0: run until stopped)", "--run-seconds", type=float
    )
    max_files_per_trigger: int = parameter(
        0, "json source: files read per micro-batch per input (0: all new files)", "--max-files-per-trigger", type=int
    )
    # Where a query on a NEW checkpoint starts reading; an existing checkpoint's offsets take precedence.
    left_starting_version: str = parameter(
        "", "table source, new checkpoint only: Delta startingVersion of the orders table", "--left-starting-version"
    )
    right_starting_version: str = parameter(
        "", "table source, new checkpoint only: Delta startingVersion of the payments table", "--right-starting-version"
    )
    left_starting_timestamp: str = parameter(
        "",
        "new checkpoint only: read orders committed (table) or files modified (json) at or after this timestamp",
        "--left-starting-timestamp",
    )
    right_starting_timestamp: str = parameter(
        "",
        "new checkpoint only: read payments committed (table) or files modified (json) at or after this timestamp",
        "--right-starting-timestamp",
    )

    def validate(self) -> None:
        if not (self.output and self.checkpoint_location):
            raise JobError("--output-table/--output-path and --checkpoint-location are required")
        if self.source in ("table", "json") and not (self.left and self.right):
            raise JobError(f"--source {self.source} needs both inputs (--left-table/--left-path, --right-...)")
        for side in ("left", "right"):
            version, timestamp = self.starting_point(side)
            if version and timestamp:
                raise JobError(f"--{side}-starting-version and --{side}-starting-timestamp exclude each other")
            if version and self.source != "table":
                raise JobError(f"--{side}-starting-version needs --source table (a Delta table version)")
            if timestamp and self.source == "rate":
                raise JobError(f"--{side}-starting-timestamp needs --source table or json")

    def starting_point(self, side: str) -> tuple[str, str]:
        """(Delta startingVersion, startingTimestamp) for 'left' or 'right'; empty when not set."""
        return getattr(self, f"{side}_starting_version"), getattr(self, f"{side}_starting_timestamp")


class OneLineErrorParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage too; operators want one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def add_job_arguments(parser: argparse.ArgumentParser) -> None:
    """One argument per JobConfig field, from the field's own declaration."""
    for item in fields(JobConfig):
        options = {key: value for key, value in item.metadata.items() if key != "flags"}
        options.setdefault("type", type(item.default))
        options["help"] = f"{options['help']} (default: {item.default!r})"
        parser.add_argument(*item.metadata["flags"], dest=item.name, default=item.default, **options)


def config_from_arguments(arguments: argparse.Namespace) -> JobConfig:
    config = JobConfig(**{item.name: getattr(arguments, item.name) for item in fields(JobConfig)})
    config.validate()
    return config


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="low_latency_stream_join_simple_job",
        description="Low-latency inner stream-stream join of orders and payments on order_id.",
    )
    add_job_arguments(parser)
    return parser


# ---------------------------------------------------------------------------------------------
# The query: pure functions from a config, importable by tests and benchmarks
# ---------------------------------------------------------------------------------------------
def read_sources(spark, config: JobConfig):
    """(orders, payments) streaming DataFrames with columns order_id, event_time, amount."""
    from pyspark.sql import functions as F

    if config.source == "table":

        def delta_table(name: str, side: str):
            version, timestamp = config.starting_point(side)
            options = {"startingVersion": version} if version else {"startingTimestamp": timestamp} if timestamp else {}
            return spark.readStream.options(**options).table(name)

        return delta_table(config.left, "left"), delta_table(config.right, "right")
    if config.source == "json":

        def landing(folder: str, side: str):
            reader = spark.readStream.schema(EVENT_SCHEMA)
            if config.max_files_per_trigger:
                reader = reader.option("maxFilesPerTrigger", config.max_files_per_trigger)
            events = reader.json(folder)
            _, timestamp = config.starting_point(side)
            if timestamp:  # the local stand-in for Delta's startingTimestamp: a file's write time
                modified = F.col("_metadata.file_modification_time")
                events = events.where(modified >= F.lit(timestamp).cast("timestamp")).select(*events.columns)
            return events

        return landing(config.left, "left"), landing(config.right, "right")

    # Synthetic generator: row n of each stream is order n, so every order has one payment.
    def generated(amount_scale: float):
        return (
            spark.readStream.format("rate")
            .option("rowsPerSecond", config.rows_per_second)
            .load()
            .select(
                F.col("value").alias("order_id"),
                F.col("timestamp").alias("event_time"),
                (F.col("value") % 100 * amount_scale).alias("amount"),
            )
        )

    return generated(1.0), generated(1.1)


def join_streams(orders, payments, config: JobConfig):
    """Inner join on order_id; watermarks on both sides and an event-time range bound the state."""
    from pyspark.sql import functions as F

    left = orders.select(
        F.col("order_id").alias("order_id"),
        F.col("event_time").alias("order_time"),
        F.col("amount").alias("order_amount"),
    ).withWatermark("order_time", config.watermark_delay)
    right = payments.select(
        F.col("order_id").alias("payment_order_id"),
        F.col("event_time").alias("payment_time"),
        F.col("amount").alias("payment_amount"),
    ).withWatermark("payment_time", config.watermark_delay)
    window = f"INTERVAL {config.join_range_seconds} SECONDS"
    condition = F.expr(
        f"order_id = payment_order_id AND payment_time >= order_time - {window} "
        f"AND payment_time <= order_time + {window}"
    )
    return left.join(right, condition, "inner").select(
        "order_id", "order_time", "payment_time", "order_amount", "payment_amount"
    )


def written_pairs(spark, config: JobConfig):
    """The sink's current content, or None before its first write."""
    if config.source == "table":
        return spark.read.table(config.output) if spark.catalog.tableExists(config.output) else None
    output = Path(config.output)
    return spark.read.parquet(config.output) if any(output.glob("*.parquet")) else None


def may_hold_earlier_pairs(earliest_us: int, written_before_start_us: int | None) -> bool:
    """Whether a batch can hold a pair the output had before this query started: only when the batch's
    earliest `order_time` is at or before the latest one the output held then (None: it held nothing).

    The check is only needed for what an earlier query wrote: within one query every pair comes out in
    one batch only (the join emits a pair in the batch where its later row arrives). An earlier query
    is the same checkpoint's last run, whose unfinished batch reruns first, or the old checkpoint of a
    reset, whose overlap this query reads again. Both hold pairs no later than the output's latest
    `order_time` at this query's start, so once the batches are past it the read-back is skipped.
    """
    return written_before_start_us is not None and earliest_us <= written_before_start_us


def append_new_pairs(config: JobConfig):
    """foreachBatch sink that writes only pairs not yet in the output, so a rerun batch or a new
    checkpoint that reads some input again cannot write a pair twice (an insert-only merge).

    The output is read back only while a batch can overlap what was written before this query
    started (`may_hold_earlier_pairs`): after a restart or a reset, not in steady state, so batch time
    does not grow with the output.
    """
    from pyspark.sql import functions as F

    started: dict[str, int | None] = {}  # the output's latest order_time (microseconds) at this query's start

    def write(batch, batch_id: int) -> None:
        batch.persist()  # read twice below; without it the batch's join would run twice
        try:
            first = batch.agg(F.min("order_time"), F.min(F.unix_micros("order_time"))).first()
            earliest, earliest_us = first[0], first[1]
            if earliest is None:
                return
            if "latest_us" not in started:  # the first batch with pairs: nothing of this query written yet
                existing = written_pairs(batch.sparkSession, config)
                latest = existing.agg(F.max(F.unix_micros("order_time"))).first()[0] if existing is not None else None
                started["latest_us"] = latest
            if may_hold_earlier_pairs(earliest_us, started["latest_us"]):
                existing = written_pairs(batch.sparkSession, config)
                # Only pairs as recent as this batch can collide; the bound lets storage skip older files.
                recent = existing.where(F.col("order_time") >= F.lit(earliest)).select(*PAIR_KEY)
                batch = batch.join(recent, list(PAIR_KEY), "left_anti")
            if config.source == "table":
                batch.write.mode("append").saveAsTable(config.output)
            else:
                batch.write.mode("append").parquet(config.output)
        finally:
            batch.unpersist()

    return write


def start_query(joined, config: JobConfig):
    writer = (
        joined.writeStream.queryName(config.query_name)
        .outputMode("append")
        .option("checkpointLocation", config.checkpoint_location)
    )
    if config.trigger_interval == "available-now":
        writer = writer.trigger(availableNow=True)
    elif config.trigger_interval != "default":
        writer = writer.trigger(processingTime=config.trigger_interval)
    return writer.foreachBatch(append_new_pairs(config)).start()


# ---------------------------------------------------------------------------------------------
# Monitoring: one structured line per progress event, warnings when behind or over budget
# ---------------------------------------------------------------------------------------------
def progress_record(progress: dict[str, Any]) -> dict[str, Any]:
    """The fields the runbook's post-deploy checks point to, from a StreamingQueryProgress dict."""
    state = progress.get("stateOperators") or []
    return {
        "query": progress.get("name"),
        "batchId": progress.get("batchId"),
        "numInputRows": progress.get("numInputRows"),
        "inputRowsPerSecond": round(float(progress.get("inputRowsPerSecond") or 0.0), 2),
        "processedRowsPerSecond": round(float(progress.get("processedRowsPerSecond") or 0.0), 2),
        "triggerExecutionMs": (progress.get("durationMs") or {}).get("triggerExecution"),
        "watermark": (progress.get("eventTime") or {}).get("watermark"),
        "stateRowsTotal": sum(int(op.get("numRowsTotal") or 0) for op in state),
        "stateMemoryUsedBytes": sum(int(op.get("memoryUsedBytes") or 0) for op in state),
        "stateRowsDroppedByWatermark": sum(int(op.get("numRowsDroppedByWatermark") or 0) for op in state),
    }


def progress_warnings(record: dict[str, Any], latency_budget_ms: int, behind_ratio: float) -> list[str]:
    warnings = []
    if record["numInputRows"] and record["processedRowsPerSecond"] < behind_ratio * record["inputRowsPerSecond"]:
        warnings.append(
            f"stream_falling_behind processedRowsPerSecond={record['processedRowsPerSecond']} "
            f"< {behind_ratio} x inputRowsPerSecond={record['inputRowsPerSecond']} (batch {record['batchId']})"
        )
    if (record["triggerExecutionMs"] or 0) > latency_budget_ms:
        warnings.append(
            f"stream_latency_budget_exceeded triggerExecutionMs={record['triggerExecutionMs']} "
            f"> budget {latency_budget_ms} (batch {record['batchId']})"
        )
    return warnings


def make_progress_listener(latency_budget_ms: int, behind_ratio: float):
    """A StreamingQueryListener kept light: listener latency slows the query itself."""
    from pyspark.sql.streaming import StreamingQueryListener

    class ProgressLogger(StreamingQueryListener):
        def onQueryStarted(self, event) -> None:
            log.info("stream_started %s", json.dumps({"id": str(event.id), "name": event.name}))

        def onQueryProgress(self, event) -> None:
            record = progress_record(json.loads(event.progress.json))
            log.info("stream_progress %s", json.dumps(record, sort_keys=True))
            for message in progress_warnings(record, latency_budget_ms, behind_ratio):
                log.warning(message)

        def onQueryIdle(self, event) -> None:
            pass

        def onQueryTerminated(self, event) -> None:
            log.info("stream_terminated %s", json.dumps({"id": str(event.id), "exception": event.exception}))

    return ProgressLogger()


def run(spark, config: JobConfig) -> None:
    """Start the join on `spark`, log progress, and wait until it ends (or `run_seconds` pass)."""
    listener = make_progress_listener(config.latency_budget_ms, config.behind_ratio)
    spark.streams.addListener(listener)
    try:
        orders, payments = read_sources(spark, config)
        query = start_query(join_streams(orders, payments, config), config)
        if config.trigger_interval == "available-now" or config.run_seconds <= 0:
            query.awaitTermination()
        else:
            query.awaitTermination(config.run_seconds)
            query.stop()
    finally:
        # Detach before shutdown so no event is sent to a closing Python process.
        spark.streams.removeListener(listener)


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stdout)
    logging.getLogger("py4j").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Databricks entry point: the cluster's session, configured by the bundle's job cluster."""
    configure_logging()
    try:
        config = config_from_arguments(build_parser().parse_args(sys.argv[1:] if argv is None else argv))
    except JobError as error:
        print(f"low_latency_stream_join_simple_job: error: {error}", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    log.info("cluster spark_conf: %s", json.dumps({key: spark.conf.get(key, None) for key in GOVERNED_SPARK_KEYS}))
    run(spark, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
