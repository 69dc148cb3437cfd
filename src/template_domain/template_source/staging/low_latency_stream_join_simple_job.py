"""Low-latency inner stream-stream join (PySpark Structured Streaming, micro-batch).

Joins two event streams (orders and payments) on `order_id`, with a watermark on both sides and an
event-time range condition so join state stays bounded, and appends the pairs to a sink.

- On Databricks (`--mode databricks`, a bundle `spark_python_task`): Delta / Unity Catalog tables in
  and out; Spark settings come from the job cluster's `spark_conf` in the bundle spec.
- Locally (`--mode local`, the default): embedded Spark, a synthetic `rate` generator or JSON landing
  folders in, Parquet out; the job applies the spec's `spark_conf` keys itself (shuffle partitions
  scaled to local cores) plus the open-source RocksDB provider, and says so at start-up.

Run `python low_latency_stream_join_simple_job.py --help` for the parameters. The runbook in
docs/low-latency-streaming-cluster-config.md governs this job.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[4]
DEFAULT_JOB_SPEC = REPO_ROOT / "resources" / "low_latency_stream_join_simple_job.job.yml"
DEFAULT_QUERY_NAME = "low_latency_stream_join_simple"
OSS_ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"
# vCPUs per worker node type the spec may use; the shuffle-partition rule scales by cluster cores.
WORKER_VCPUS = {"c5.xlarge": 4, "c5.2xlarge": 8, "c6i.xlarge": 4, "c6i.2xlarge": 8}
EVENT_SCHEMA = "order_id LONG, event_time TIMESTAMP, amount DOUBLE"

log = logging.getLogger("stream_join")


class JobError(Exception):
    """A configuration problem reported as one line, without a stack trace."""


@dataclass(frozen=True)
class JobConfig:
    mode: str = "local"
    source: str = "rate"
    left: str = ""
    right: str = ""
    output: str = ""
    checkpoint_location: str = ""
    query_name: str = DEFAULT_QUERY_NAME
    trigger_interval: str = "500 milliseconds"
    rows_per_second: int = 50
    watermark_delay: str = "10 seconds"
    join_range_seconds: int = 5
    latency_budget_ms: int = 1000
    behind_ratio: float = 0.9
    run_seconds: float = 0.0
    max_files_per_trigger: int = 0
    local_cores: int = 2
    job_spec: str = str(DEFAULT_JOB_SPEC)
    extra_conf: tuple[tuple[str, str], ...] = ()


class OneLineErrorParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage too; operators want one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrorParser(
        prog="low_latency_stream_join_simple_job",
        description="Low-latency inner stream-stream join of orders and payments on order_id.",
    )
    parser.add_argument(
        "--mode",
        choices=["local", "databricks"],
        default="local",
        help="local: embedded Spark, files; databricks: Unity Catalog tables (default: local)",
    )
    parser.add_argument(
        "--source",
        choices=["rate", "json"],
        default="rate",
        help="local input: synthetic rate generator or JSON landing folders (default: rate)",
    )
    parser.add_argument(
        "--left-table",
        "--left-path",
        dest="left",
        default="",
        help="orders input: table name (databricks) or JSON folder (local json)",
    )
    parser.add_argument(
        "--right-table",
        "--right-path",
        dest="right",
        default="",
        help="payments input: table name (databricks) or JSON folder (local json)",
    )
    parser.add_argument(
        "--output-table",
        "--output-path",
        dest="output",
        required=True,
        help="sink: Delta table name (databricks) or Parquet folder (local)",
    )
    parser.add_argument(
        "--checkpoint-location",
        required=True,
        help="checkpoint folder; keep it for restarts, use a new one for a new query",
    )
    parser.add_argument("--query-name", default=DEFAULT_QUERY_NAME, help="query name shown in the Spark UI")
    parser.add_argument(
        "--trigger-interval",
        default="500 milliseconds",
        help="processing-time trigger, e.g. '500 milliseconds'; 'default' runs batches back to back; "
        "'available-now' processes what is there and stops",
    )
    parser.add_argument(
        "--rows-per-second",
        type=positive_int,
        default=50,
        help="synthetic rate per stream (local rate source, default: 50)",
    )
    parser.add_argument("--watermark-delay", default="10 seconds", help="watermark delay on both inputs")
    parser.add_argument(
        "--join-range-seconds",
        type=positive_int,
        default=5,
        help="payments match orders whose event time is within +/- this many seconds",
    )
    parser.add_argument(
        "--latency-budget-ms",
        type=positive_int,
        default=1000,
        help="warn when a micro-batch's triggerExecution exceeds this (default: 1000)",
    )
    parser.add_argument(
        "--behind-ratio",
        type=float,
        default=0.9,
        help="warn when processedRowsPerSecond < ratio x inputRowsPerSecond (default: 0.9)",
    )
    parser.add_argument(
        "--run-seconds", type=float, default=0.0, help="stop after this many seconds (0: run until stopped)"
    )
    parser.add_argument(
        "--max-files-per-trigger",
        type=positive_int,
        default=None,
        help="local json source: files read per micro-batch per input (default: all new files)",
    )
    parser.add_argument(
        "--local-cores",
        type=positive_int,
        default=min(os.cpu_count() or 2, 2),
        help="local mode: cores of the embedded Spark (default: min(cpu count, 2))",
    )
    parser.add_argument(
        "--job-spec", default=str(DEFAULT_JOB_SPEC), help="local mode: bundle job spec whose spark_conf the job applies"
    )
    parser.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="local mode: extra Spark conf overriding the spec (benchmarks)",
    )
    return parser


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def parse_config(argv: list[str]) -> JobConfig:
    args = build_parser().parse_args(argv)
    extra = []
    for item in args.conf:
        key, sep, value = item.partition("=")
        if not sep or not key.startswith("spark."):
            raise JobError(f"--conf expects spark.KEY=VALUE, got '{item}'")
        extra.append((key, value))
    if args.mode == "databricks" and not (args.left and args.right):
        raise JobError("--mode databricks needs --left-table and --right-table")
    if args.mode == "local" and args.source == "json" and not (args.left and args.right):
        raise JobError("--source json needs --left-path and --right-path")
    return JobConfig(
        mode=args.mode,
        source=args.source,
        left=args.left,
        right=args.right,
        output=args.output,
        checkpoint_location=args.checkpoint_location,
        query_name=args.query_name,
        trigger_interval=args.trigger_interval,
        rows_per_second=args.rows_per_second,
        watermark_delay=args.watermark_delay,
        join_range_seconds=args.join_range_seconds,
        latency_budget_ms=args.latency_budget_ms,
        behind_ratio=args.behind_ratio,
        run_seconds=args.run_seconds,
        max_files_per_trigger=args.max_files_per_trigger or 0,
        local_cores=args.local_cores,
        job_spec=args.job_spec,
        extra_conf=tuple(extra),
    )


# ---------------------------------------------------------------------------------------------
# Spark settings: one place, the spec's job cluster spark_conf
# ---------------------------------------------------------------------------------------------
def spec_job_cluster(job_spec: str) -> dict[str, Any]:
    import yaml

    path = Path(job_spec)
    if not path.is_file():
        raise JobError(f"job spec not found: {job_spec}")
    jobs = (yaml.safe_load(path.read_text(encoding="utf-8")).get("resources") or {}).get("jobs") or {}
    if len(jobs) != 1:
        raise JobError(f"{job_spec}: expected one job, found {len(jobs)}")
    clusters = next(iter(jobs.values())).get("job_clusters") or []
    if not clusters:
        raise JobError(f"{job_spec}: no job_clusters")
    return clusters[0]["new_cluster"]


def local_spark_conf(cluster: dict[str, Any], local_cores: int) -> tuple[dict[str, str], str]:
    """The spec's spark_conf for embedded Spark, and a sentence saying what was scaled and why."""
    conf = {key: str(value) for key, value in (cluster.get("spark_conf") or {}).items()}
    node_type = cluster.get("node_type_id", "")
    if node_type not in WORKER_VCPUS:
        raise JobError(f"unknown worker node type '{node_type}': add its vCPUs to WORKER_VCPUS")
    cluster_cores = int(cluster.get("num_workers", 0)) * WORKER_VCPUS[node_type]
    spec_partitions = int(conf.get("spark.sql.shuffle.partitions", cluster_cores))
    # Keep the spec's partitions-per-core ratio (8 partitions / 8 worker cores = 1x) on local cores.
    local_partitions = max(1, round(spec_partitions * local_cores / cluster_cores))
    conf["spark.sql.shuffle.partitions"] = str(local_partitions)
    conf["spark.sql.streaming.stateStore.providerClass"] = OSS_ROCKSDB_PROVIDER
    note = (
        f"shuffle partitions {local_partitions} = spec {spec_partitions} partitions x {local_cores} local cores "
        f"/ {cluster_cores} cluster cores ({cluster.get('num_workers')} x {node_type}); "
        f"state store provider {OSS_ROCKSDB_PROVIDER} "
        "(open-source class; RocksDB is the Databricks default from DBR 17.3)"
    )
    return conf, note


def create_local_session(config: JobConfig):
    from pyspark.sql import SparkSession

    conf, note = local_spark_conf(spec_job_cluster(config.job_spec), config.local_cores)
    conf.update(dict(config.extra_conf))
    builder = (
        SparkSession.builder.master(f"local[{config.local_cores}]")
        .appName(config.query_name)
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    log.info("local spark_conf from %s: %s", config.job_spec, json.dumps(conf, sort_keys=True))
    log.info("local scaling: %s", note)
    return spark


# ---------------------------------------------------------------------------------------------
# The query: pure functions from a config, importable by tests and benchmarks
# ---------------------------------------------------------------------------------------------
def read_sources(spark, config: JobConfig):
    """(orders, payments) streaming DataFrames with columns order_id, event_time, amount."""
    from pyspark.sql import functions as F

    if config.mode == "databricks":
        return spark.readStream.table(config.left), spark.readStream.table(config.right)
    if config.source == "json":

        def landing(folder: str):
            reader = spark.readStream.schema(EVENT_SCHEMA)
            if config.max_files_per_trigger:
                reader = reader.option("maxFilesPerTrigger", config.max_files_per_trigger)
            return reader.json(folder)

        return landing(config.left), landing(config.right)

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
    if config.mode == "databricks":
        return writer.toTable(config.output)
    return writer.format("parquet").option("path", config.output).start()


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


def run(config: JobConfig) -> None:
    if config.mode == "databricks":
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.getOrCreate()
        keys = (
            "spark.sql.shuffle.partitions",
            "spark.sql.streaming.noDataMicroBatches.enabled",
            "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled",
        )
        log.info(
            "cluster spark_conf (from the job spec): %s", json.dumps({key: spark.conf.get(key, None) for key in keys})
        )
    else:
        spark = create_local_session(config)
    listener = make_progress_listener(config.latency_budget_ms, config.behind_ratio)
    spark.streams.addListener(listener)
    orders, payments = read_sources(spark, config)
    query = start_query(join_streams(orders, payments, config), config)
    if config.trigger_interval == "available-now" or config.run_seconds <= 0:
        query.awaitTermination()
    else:
        query.awaitTermination(config.run_seconds)
        query.stop()
    # Detach before shutdown so no event is sent to a closing Python process.
    spark.streams.removeListener(listener)
    if config.mode == "local":
        spark.stop()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stdout)
    logging.getLogger("py4j").setLevel(logging.WARNING)
    try:
        run(parse_config(sys.argv[1:] if argv is None else argv))
    except JobError as error:
        print(f"low_latency_stream_join_simple_job: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    log.info("stream_job_exit code=%s after %.1fs", code, time.monotonic() - started)
    sys.exit(code)
