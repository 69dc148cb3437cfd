"""Low-latency inner stream-stream join (PySpark Structured Streaming, micro-batch).

Joins two event streams (orders and payments) on `order_id`, with a watermark on both sides and an
event-time range condition so join state stays bounded, and appends the pairs to a sink that skips
pairs it already holds, so a reset on a new checkpoint can re-read some input without duplicates.

On Databricks this file is the bundle's `spark_python_task`: `main()` takes the cluster's Spark
session, whose settings come from the job cluster's `spark_conf` in the bundle spec, and reads and
writes Unity Catalog tables. Locally, `local_runner.py` beside this file builds an embedded session
from the same spec and calls `run(spark, config)` on JSON folders or a synthetic rate source.

With `--progress-table` (a Unity Catalog table; `--progress-path`, a Parquet folder, for local runs) the
progress listener also buffers one row per micro-batch, and per start, idle spell and end; a daemon
thread appends the buffer every PROGRESS_FLUSH_SECONDS (30 s) and at stop, so a row reaches the table
up to 30 s after its event. Operators who may not read the driver log query that table.

Run `python low_latency_stream_join_simple_job.py --help` for the parameters. The runbook in
docs/low-latency-streaming-cluster-config.md governs this job. For a reset on a new checkpoint,
`--print-reset-starting-point --checkpoint-location <old checkpoint>` prints where the new one starts
(reads the old checkpoint's files only; no Spark).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

EVENT_SCHEMA = "order_id LONG, event_time TIMESTAMP, amount DOUBLE"
# A joined pair is identified by these columns; the sink writes a pair only if it is not there yet.
PAIR_KEY = ("order_id", "order_time", "payment_time")
# The cluster settings this job relies on; logged at start so operators can compare with the runbook.
GOVERNED_SPARK_KEYS = (
    "spark.sql.shuffle.partitions",
    "spark.sql.streaming.noDataMicroBatches.enabled",
    "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled",
)

# Route B (new checkpoint): how much earlier than the computed point the reset starts, to absorb clock
# skew between event times and commit (or file write) times; the sink skips what is read twice.
RESET_MARGIN_SECONDS = 60

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
    progress_table: str = parameter(
        "",
        "progress records, one row per micro-batch plus start, idle and end rows: a Unity Catalog table "
        "(table source, Delta) or a Parquet folder (json and rate sources); empty: not recorded",
        "--progress-table",
        "--progress-path",
    )
    progress_retention_days: int = parameter(
        14, "delete progress rows older than this many days", "--progress-retention-days", type=positive_int
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


def config_from_arguments(arguments: argparse.Namespace, validate: bool = True) -> JobConfig:
    config = JobConfig(**{item.name: getattr(arguments, item.name) for item in fields(JobConfig)})
    if validate:
        config.validate()
    return config


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="low_latency_stream_join_simple_job",
        description="Low-latency inner stream-stream join of orders and payments on order_id.",
    )
    add_job_arguments(parser)
    # An action, not a job parameter: it reads the old checkpoint, prints and exits without Spark.
    parser.add_argument(
        "--print-reset-starting-point",
        action="store_true",
        help="route B: print the starting timestamp for a new checkpoint, read from the OLD query's "
        "--checkpoint-location with this --watermark-delay and --join-range-seconds, and exit",
    )
    return parser


# ---------------------------------------------------------------------------------------------
# Route B: the starting point of a new checkpoint, from the old checkpoint (pure, no Spark)
# ---------------------------------------------------------------------------------------------
INTERVAL_UNIT_SECONDS = {
    "millisecond": 0.001,
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
}


def interval_seconds(text: str) -> float:
    """Seconds in a watermark delay such as '10 seconds', '500 milliseconds' or '1 minute 30 seconds'."""
    parts = text.strip().lower().removeprefix("interval").split()
    if not parts or len(parts) % 2:
        raise JobError(f"cannot read the interval '{text}': expected '<number> <unit>' pairs")
    total = 0.0
    for number, unit in zip(parts[::2], parts[1::2], strict=True):
        scale = INTERVAL_UNIT_SECONDS.get(unit.removesuffix("s"))
        if scale is None or not re.fullmatch(r"\d+(\.\d+)?", number):
            raise JobError(f"cannot read the interval '{text}': unit '{unit}' or number '{number}'")
        total += float(number) * scale
    return total


def checkpoint_log_entry(path: Path) -> dict[str, Any]:
    """The metadata of a checkpoint log file: a version line ('v1') then one JSON object line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) < 2 or not re.fullmatch(r"v\d+", lines[0]):
        raise JobError(f"{path} is not a checkpoint log file (expected a 'v<N>' line, then JSON)")
    return json.loads(lines[1])


def committed_watermark_ms(checkpoint_location: str) -> tuple[int, int]:
    """(nextBatchWatermarkMs, batchTimestampMs) of the last committed batch N of a checkpoint.

    Spark writes `commits/<N>` when batch N's output is committed ('v1' then
    {"nextBatchWatermarkMs": ...}, the watermark that the next batch would use, 0 while any input
    has no data) and `offsets/<N>` when it plans batch N ('v1', then {"batchWatermarkMs": ...,
    "batchTimestampMs": ..., "conf": ...}, then one offset line per source). A local path or,
    on Databricks, a FUSE path such as /Volumes/...; a dbfs: or cloud URI is refused.
    """
    location = checkpoint_location.removeprefix("file:")
    if re.match(r"^[a-z][a-z0-9+.-]*:", location):
        raise JobError(f"read the checkpoint through a mounted path (/Volumes/...), not '{checkpoint_location}'")
    commits = Path(location) / "commits"
    batches = [int(path.name) for path in commits.iterdir() if path.name.isdigit()] if commits.is_dir() else []
    if not batches:
        raise JobError(f"no committed batch in {commits}: is '{checkpoint_location}' the old query's checkpoint?")
    last = max(batches)
    offsets = Path(location) / "offsets" / str(last)
    if not offsets.is_file():
        raise JobError(f"{offsets} is missing: the checkpoint has commit {last} but not its offsets")
    watermark_ms = int(checkpoint_log_entry(commits / str(last)).get("nextBatchWatermarkMs", 0))
    return watermark_ms, int(checkpoint_log_entry(offsets)["batchTimestampMs"])


def utc_timestamp_text(epoch_ms: int) -> str:
    """'2026-12-01T03:12:45.000Z': the form of Delta's startingTimestamp example, read as UTC by
    Spark's timestamp cast (and so by Delta, which casts the option) whatever the session time zone."""
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=epoch_ms)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def reset_starting_point(
    watermark_ms: int,
    last_batch_timestamp_ms: int,
    watermark_delay: str,
    join_range_seconds: int,
    margin_seconds: float = RESET_MARGIN_SECONDS,
) -> str | None:
    """The starting timestamp for both inputs of a new checkpoint, or None: read from the beginning.

    The old query's state holds every row that may still find a partner: with the global watermark W
    (the `min` policy: the slowest input's max event time minus the delay), a row leaves the state
    only once its event time is below W minus the join range, since no future row of the other
    input can then match it. The new checkpoint starts with empty state, so it must read again every
    row still held, i.e. every row with event time >= W - range. A row is committed (or its file
    written) after its event time, so reading from W - range - margin re-reads them all, the margin
    absorbing clock skew. The result is the EARLIER of that and the old rule (last batch time minus
    delay plus range, minus margin), which covers the case of event times ahead of processing time.

    Earlier is safe: the re-read rows re-join pairs the old query already wrote, and the sink skips
    those. Later loses pairs: when one input has been quiet, W stalls with it while the busy input's
    rows wait in the old state, possibly since long before the last batch; a start after them never
    reads them again, and when the quiet input resumes its rows find no partner. With W = 0 (an input
    never had data, so nothing was ever evicted) the state may hold rows from the very start of the
    old query's input: return None, meaning no starting point (the sink skips duplicates).
    """
    if watermark_ms <= 0:
        return None
    range_ms = join_range_seconds * 1000
    margin_ms = round(margin_seconds * 1000)
    from_watermark = watermark_ms - range_ms - margin_ms
    from_last_batch = last_batch_timestamp_ms - round(interval_seconds(watermark_delay) * 1000) - range_ms - margin_ms
    return utc_timestamp_text(min(from_watermark, from_last_batch))


NO_STARTING_POINT = (
    "no starting point: the old query's watermark was never set (an input never had data), so its state may "
    "hold rows from its very start; start the new checkpoint without --left/right-starting-timestamp, the "
    "sink skips pairs it already holds"
)


def print_reset_starting_point(config: JobConfig) -> int:
    """Print the route B starting timestamp on stdout (or, with none, the reason on stderr)."""
    if not config.checkpoint_location:
        raise JobError("--print-reset-starting-point needs --checkpoint-location: the OLD query's checkpoint")
    watermark_ms, last_batch_ms = committed_watermark_ms(config.checkpoint_location)
    start = reset_starting_point(watermark_ms, last_batch_ms, config.watermark_delay, config.join_range_seconds)
    if start is None:
        print(NO_STARTING_POINT, file=sys.stderr)
    else:
        print(start)
    return 0


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


def start_query(joined, config: JobConfig, sink=None):
    """Start the query; `sink` (a foreachBatch function) replaces the job's own only in benchmarks."""
    writer = (
        joined.writeStream.queryName(config.query_name)
        .outputMode("append")
        .option("checkpointLocation", config.checkpoint_location)
    )
    if config.trigger_interval == "available-now":
        writer = writer.trigger(availableNow=True)
    elif config.trigger_interval != "default":
        writer = writer.trigger(processingTime=config.trigger_interval)
    return writer.foreachBatch(sink or append_new_pairs(config)).start()


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
        "stateRowsTotal": state_total(state, "numRowsTotal"),
        "stateMemoryUsedBytes": state_total(state, "memoryUsedBytes"),
        "stateRowsDroppedByWatermark": state_total(state, "numRowsDroppedByWatermark"),
    }


def state_total(state_operators: list[dict[str, Any]], key: str) -> int:
    """A state operator metric summed over the query's state operators (the join has one)."""
    return sum(int(op.get(key) or 0) for op in state_operators)


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


def make_progress_listener(latency_budget_ms: int, behind_ratio: float, recorder: ProgressRecorder | None = None):
    """A StreamingQueryListener kept light: listener latency slows the query itself. With a recorder,
    each event is also appended, as a plain dict, to the recorder's in-memory buffer; nothing is written here."""
    from pyspark.sql.streaming import StreamingQueryListener

    def keep(event_kind: str, query_id: Any, run_id: Any, **details: Any) -> None:
        if recorder is not None:
            recorder.add(
                {
                    "event": event_kind,
                    "recorded_at": utc_now(),
                    "query_id": str(query_id),
                    "run_id": str(run_id),
                    **details,
                }
            )

    class ProgressLogger(StreamingQueryListener):
        def onQueryStarted(self, event) -> None:
            log.info("stream_started %s", json.dumps({"id": str(event.id), "name": event.name}))
            keep("started", event.id, event.runId)

        def onQueryProgress(self, event) -> None:
            progress = json.loads(event.progress.json)
            record = progress_record(progress)
            log.info("stream_progress %s", json.dumps(record, sort_keys=True))
            for message in progress_warnings(record, latency_budget_ms, behind_ratio):
                log.warning(message)
            keep("progress", progress.get("id"), progress.get("runId"), progress=progress)

        def onQueryIdle(self, event) -> None:
            keep("idle", event.id, event.runId)

        def onQueryTerminated(self, event) -> None:
            log.info("stream_terminated %s", json.dumps({"id": str(event.id), "exception": event.exception}))
            keep("terminated", event.id, event.runId, exception=event.exception)
            if recorder is not None:
                recorder.terminated.set()

    return ProgressLogger()


# ---------------------------------------------------------------------------------------------
# Progress table: the listener's events as rows an operator can query with SQL
# ---------------------------------------------------------------------------------------------
# Rows reach the table up to PROGRESS_FLUSH_SECONDS after their event (one small append per flush).
PROGRESS_FLUSH_SECONDS = 30.0
PROGRESS_RETENTION_EVERY_SECONDS = 3600.0
# Rows kept while flushes fail; the oldest go first beyond it (about 80 minutes at two batches a second).
PROGRESS_BUFFER_LIMIT = 10_000
# After stop, how long to wait for the 'terminated' event, which arrives on the listener bus.
PROGRESS_TERMINATED_WAIT_SECONDS = 10.0
INPUTS = ("orders", "payments")  # the join's left and right inputs, in plan order
# durationMs parts with a column of their own; every part, these and any other, is also in duration_ms.
DURATION_COLUMNS = {
    "triggerExecution": "trigger_execution_ms",
    "addBatch": "add_batch_ms",
    "getBatch": "get_batch_ms",
    "latestOffset": "latest_offset_ms",
    "queryPlanning": "query_planning_ms",
    "walCommit": "wal_commit_ms",
    "commitOffsets": "commit_offsets_ms",
}
PROGRESS_COLUMNS = (
    ("recorded_at", "TIMESTAMP"),  # when the listener received the event (UTC)
    ("event", "STRING"),  # started, progress, idle or terminated
    ("query_name", "STRING"),
    ("query_id", "STRING"),
    ("run_id", "STRING"),
    ("batch_id", "BIGINT"),
    ("batch_timestamp", "TIMESTAMP"),
    ("num_input_rows", "BIGINT"),
    ("input_rows_per_second", "DOUBLE"),
    ("processed_rows_per_second", "DOUBLE"),
    *((column, "BIGINT") for column in DURATION_COLUMNS.values()),
    ("duration_ms", "MAP<STRING, BIGINT>"),
    ("watermark", "TIMESTAMP"),
    *((f"{name}_input_rows", "BIGINT") for name in INPUTS),
    *((f"{name}_end_offset", "STRING") for name in INPUTS),
    *((f"{name}_metrics", "MAP<STRING, STRING>") for name in INPUTS),
    ("state_rows_total", "BIGINT"),
    ("state_memory_used_bytes", "BIGINT"),
    ("state_commit_ms", "BIGINT"),
    ("state_rows_dropped_by_watermark", "BIGINT"),
    ("state_custom_metrics", "MAP<STRING, BIGINT>"),
    ("latency_budget_ms", "BIGINT"),
    ("trigger_interval", "STRING"),
    ("exception", "STRING"),  # terminated rows: the query's exception, if it failed
    ("config_json", "STRING"),  # started rows: every job parameter
)
PROGRESS_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in PROGRESS_COLUMNS)
PARTITION_COLUMN = "progress_date"  # Parquet folders only: the UTC date of recorded_at


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_timestamp(text: str | None) -> datetime | None:
    """A progress timestamp ('2026-01-01T12:00:00.000Z') as a UTC datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def input_match_keys(config: JobConfig, locations: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Per input, the texts that identify it in a progress source's description: its table name or
    folder (absolute too: file sources show absolute paths), plus a table's storage location if known."""
    keys: dict[str, list[str]] = {}
    for name, value in zip(INPUTS, (config.left, config.right), strict=True):
        texts = [value] if value else []
        if value and config.source == "json":
            texts.append(Path(value).resolve().as_posix())
        if (locations or {}).get(name):
            texts.append(locations[name])
        keys[name] = [text.rstrip("/") for text in texts]
    return keys


def source_inputs(descriptions: list[str], keys: dict[str, list[str]]) -> list[str]:
    """The input (orders or payments) of each progress source: the one whose name or path its
    description contains, as a whole name. When that does not pair each source with a different input
    (rate sources show no name), index order: the join's left input (orders) comes first."""

    def named(description: str) -> list[str]:
        return [
            name
            for name, texts in keys.items()
            if any(re.search(re.escape(text) + r"(?![\w.-])", description) for text in texts)
        ]

    matched = [named(description) for description in descriptions]
    if all(len(names) == 1 for names in matched) and len({names[0] for names in matched}) == len(matched):
        return [names[0] for names in matched]
    return list(INPUTS[: len(descriptions)])


def progress_columns(progress: dict[str, Any], keys: dict[str, list[str]]) -> dict[str, Any]:
    """The columns a StreamingQueryProgress dict fills."""
    durations = {part: int(ms) for part, ms in (progress.get("durationMs") or {}).items()}
    state = progress.get("stateOperators") or []
    custom: dict[str, int] = {}
    for operator in state:
        for metric, value in (operator.get("customMetrics") or {}).items():
            custom[metric] = custom.get(metric, 0) + int(value)
    rate = progress.get("inputRowsPerSecond"), progress.get("processedRowsPerSecond")
    columns = {
        "batch_id": progress.get("batchId"),
        "batch_timestamp": parse_timestamp(progress.get("timestamp")),
        "num_input_rows": progress.get("numInputRows"),
        "input_rows_per_second": None if rate[0] is None else float(rate[0]),
        "processed_rows_per_second": None if rate[1] is None else float(rate[1]),
        **{column: durations.get(part) for part, column in DURATION_COLUMNS.items()},
        "duration_ms": durations,
        "watermark": parse_timestamp((progress.get("eventTime") or {}).get("watermark")),
        "state_rows_total": state_total(state, "numRowsTotal"),
        "state_memory_used_bytes": state_total(state, "memoryUsedBytes"),
        "state_commit_ms": state_total(state, "commitTimeMs"),
        "state_rows_dropped_by_watermark": state_total(state, "numRowsDroppedByWatermark"),
        "state_custom_metrics": custom,
    }
    sources = progress.get("sources") or []
    for name, source in zip(source_inputs([s.get("description") or "" for s in sources], keys), sources, strict=True):
        end_offset = source.get("endOffset")
        columns[f"{name}_input_rows"] = source.get("numInputRows")
        columns[f"{name}_end_offset"] = None if end_offset is None else json.dumps(end_offset, sort_keys=True)
        columns[f"{name}_metrics"] = {metric: str(value) for metric, value in (source.get("metrics") or {}).items()}
    return columns


def progress_row(entry: dict[str, Any], config: JobConfig, keys: dict[str, list[str]]) -> dict[str, Any]:
    """One progress-table row from a buffered listener entry; columns an event does not fill are null."""
    row: dict[str, Any] = dict.fromkeys(name for name, _ in PROGRESS_COLUMNS)
    row.update(
        recorded_at=entry["recorded_at"],
        event=entry["event"],
        query_name=config.query_name,
        query_id=entry.get("query_id"),
        run_id=entry.get("run_id"),
        latency_budget_ms=config.latency_budget_ms,
        trigger_interval=config.trigger_interval,
        exception=entry.get("exception"),
    )
    if entry["event"] == "started":
        row["config_json"] = json.dumps(asdict(config), sort_keys=True)
    if entry.get("progress"):
        row.update(progress_columns(entry["progress"], keys))
    return row


def retention_statement(table: str, retention_days: int) -> str:
    return f"DELETE FROM {table} WHERE recorded_at < current_timestamp() - INTERVAL {int(retention_days)} DAYS"


def expired_partitions(names: list[str], today: date, retention_days: int) -> list[str]:
    """Partition folders ('progress_date=2026-01-01') whose whole day is older than the retention: a row
    stays between retention_days and retention_days + 1 days."""
    cutoff = today - timedelta(days=retention_days)
    expired = []
    for name in names:
        key, _, value = name.partition("=")
        try:
            if key == PARTITION_COLUMN and date.fromisoformat(value) < cutoff:
                expired.append(name)
        except ValueError:
            continue
    return sorted(expired)


class ProgressSink(Protocol):
    def append(self, rows: list[dict[str, Any]]) -> None: ...

    def expire(self) -> None: ...


@dataclass(frozen=True)
class DeltaProgressSink:
    """A Unity Catalog table, created as Delta by the first append."""

    spark: Any
    table: str
    retention_days: int

    def append(self, rows: list[dict[str, Any]]) -> None:
        frame = self.spark.createDataFrame(rows, PROGRESS_SCHEMA)
        frame.write.format("delta").mode("append").saveAsTable(self.table)

    def expire(self) -> None:
        if self.spark.catalog.tableExists(self.table):
            self.spark.sql(retention_statement(self.table, self.retention_days))


@dataclass(frozen=True)
class ParquetProgressSink:
    """A Parquet folder partitioned by the UTC date; retention removes whole expired date folders."""

    spark: Any
    folder: str
    retention_days: int

    def append(self, rows: list[dict[str, Any]]) -> None:
        dated = [row | {PARTITION_COLUMN: row["recorded_at"].astimezone(UTC).date()} for row in rows]
        frame = self.spark.createDataFrame(dated, f"{PROGRESS_SCHEMA}, {PARTITION_COLUMN} DATE")
        frame.write.mode("append").partitionBy(PARTITION_COLUMN).parquet(self.folder)

    def expire(self) -> None:
        folder = Path(self.folder)
        names = [path.name for path in folder.iterdir()] if folder.is_dir() else []
        for name in expired_partitions(names, utc_now().date(), self.retention_days):
            shutil.rmtree(folder / name, ignore_errors=True)


def one_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]


class ProgressRecorder:
    """Buffers the listener's entries and writes them from a daemon thread in the driver: one append
    every `flush_seconds`, and at stop. Retention runs at start and every `retention_every_seconds`.
    A failed flush or retention logs a warning and never reaches the query; failed rows stay buffered
    for the next flush, up to `limit` rows (the oldest are dropped beyond it)."""

    def __init__(
        self,
        sink: ProgressSink,
        config: JobConfig,
        keys: dict[str, list[str]],
        flush_seconds: float = PROGRESS_FLUSH_SECONDS,
        retention_every_seconds: float = PROGRESS_RETENTION_EVERY_SECONDS,
        limit: int = PROGRESS_BUFFER_LIMIT,
    ):
        self.sink, self.config, self.keys = sink, config, keys
        self.flush_seconds, self.retention_every_seconds, self.limit = flush_seconds, retention_every_seconds, limit
        self.terminated = threading.Event()
        self.dropped = 0
        self._entries: deque[dict[str, Any]] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="progress-recorder", daemon=True)

    def add(self, entry: dict[str, Any]) -> None:
        """Called by the listener: an append to a list, nothing else."""
        with self._lock:
            self._entries.append(entry)
            self._trim()

    def pending(self) -> int:
        with self._lock:
            return len(self._entries)

    def _trim(self) -> None:
        while len(self._entries) > self.limit:
            self._entries.popleft()
            self.dropped += 1

    def flush(self) -> int:
        """Write the buffered rows in one append; the number written (0 on failure, rows kept)."""
        with self._lock:
            entries = list(self._entries)
            self._entries.clear()
        if not entries:
            return 0
        try:
            self.sink.append([progress_row(entry, self.config, self.keys) for entry in entries])
        except Exception as error:  # a monitoring write must never stop the stream
            with self._lock:
                self._entries.extendleft(reversed(entries))
                dropped_before = self.dropped
                self._trim()
                dropped = self.dropped - dropped_before
            log.warning(
                "progress_flush_failed rows=%d kept for the next flush (dropped %d oldest): %s",
                len(entries) - dropped,
                dropped,
                one_line(error),
            )
            return 0
        return len(entries)

    def expire(self) -> None:
        try:
            self.sink.expire()
        except Exception as error:
            log.warning("progress_retention_failed: %s", one_line(error))

    def _loop(self) -> None:
        next_expiry = 0.0
        while True:
            if time.monotonic() >= next_expiry:
                self.expire()
                next_expiry = time.monotonic() + self.retention_every_seconds
            stopping = self._stopping.wait(self.flush_seconds)
            self.flush()
            if stopping:
                return

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 120.0) -> None:
        """Flush what is left and end the thread."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        else:
            self.flush()


def table_locations(spark, config: JobConfig) -> dict[str, str]:
    """Storage locations of the input tables: a Delta source's description shows its path, not its name."""
    locations = {}
    if config.source == "table":
        for name, table in zip(INPUTS, (config.left, config.right), strict=True):
            try:
                locations[name] = spark.sql(f"DESCRIBE DETAIL {table}").first()["location"]
            except Exception as error:
                log.warning("progress_source_location_unknown %s: %s", table, one_line(error))
    return locations


def progress_recorder(spark, config: JobConfig) -> ProgressRecorder | None:
    """The recorder for --progress-table/--progress-path, or None when progress is not recorded."""
    if not config.progress_table:
        return None
    sink_class = DeltaProgressSink if config.source == "table" else ParquetProgressSink
    sink = sink_class(spark, config.progress_table, config.progress_retention_days)
    keys = input_match_keys(config, table_locations(spark, config))
    return ProgressRecorder(sink, config, keys, PROGRESS_FLUSH_SECONDS, PROGRESS_RETENTION_EVERY_SECONDS)


@contextmanager
def monitoring(spark, config: JobConfig) -> Iterator[ProgressRecorder | None]:
    """The progress listener (log lines and warnings) and, with `--progress-table`/`--progress-path`, the
    recorder that writes the progress table, attached for the block; on exit the recorder waits briefly
    for the query's terminated event, writes what it holds and stops, and the listener is detached."""
    recorder = progress_recorder(spark, config)
    listener = make_progress_listener(config.latency_budget_ms, config.behind_ratio, recorder)
    spark.streams.addListener(listener)
    if recorder is not None:
        recorder.start()
    try:
        yield recorder
    finally:
        if recorder is not None:
            recorder.stop()
        # Detach before shutdown so no event is sent to a closing Python process.
        spark.streams.removeListener(listener)


def run(spark, config: JobConfig) -> None:
    """Start the join on `spark`, log (and record) progress, and wait until it ends (or `run_seconds` pass)."""
    with monitoring(spark, config) as recorder:
        orders, payments = read_sources(spark, config)
        query = start_query(join_streams(orders, payments, config), config)
        try:
            if config.trigger_interval == "available-now" or config.run_seconds <= 0:
                query.awaitTermination()
            else:
                query.awaitTermination(config.run_seconds)
                query.stop()
        finally:
            if recorder is not None:
                recorder.terminated.wait(PROGRESS_TERMINATED_WAIT_SECONDS)


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stdout)
    logging.getLogger("py4j").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Databricks entry point: the cluster's session, configured by the bundle's job cluster."""
    arguments = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if arguments.print_reset_starting_point:  # reads files only: no Spark, no job parameters checked
            return print_reset_starting_point(config_from_arguments(arguments, validate=False))
        config = config_from_arguments(arguments)
    except JobError as error:
        print(f"low_latency_stream_join_simple_job: error: {error}", file=sys.stderr)
        return 2
    configure_logging()
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    log.info("cluster spark_conf: %s", json.dumps({key: spark.conf.get(key, None) for key in GOVERNED_SPARK_KEYS}))
    run(spark, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
