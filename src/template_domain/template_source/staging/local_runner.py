"""Run the streaming join on embedded Spark, configured from the bundle spec as a target deploys it.

The job itself (`low_latency_stream_join_simple_job.py`) takes whatever Spark session it is given.
On Databricks that session comes from the job cluster; here this runner builds one from the same
`spark_conf`, scaled to local cores, plus the open-source RocksDB provider (open-source Spark's
default is the HDFS-backed store), and says at start-up what it changed.

The job's own parameters come from the spec too: every task parameter that means the same locally
(trigger interval, latency budget, query name, watermark, join range, ...: `SPEC_PARAMETERS`) is read
from the task as `--target` (default dev) resolves it, and any of them given on the command line wins.
Inputs, output, checkpoint and progress table name workspace objects, so they come from the command line.

    python local_runner.py --source rate --output-path out --checkpoint-location chk --run-seconds 30
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from bundle_spec import NODE_VCPUS, job_cluster, load_bundle
from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

JOB_KEY = "low_latency_stream_join_simple_job"
DEFAULT_TARGET = "dev"
# JobConfig fields a local run takes from the spec's task parameters: the ones that mean the same on
# embedded Spark. Sources, tables, output, checkpoint and progress table name workspace objects.
SPEC_PARAMETERS = (
    "query_name",
    "trigger_interval",
    "latency_budget_ms",
    "behind_ratio",
    "rows_per_second",
    "watermark_delay",
    "join_range_seconds",
    "max_files_per_trigger",
    "progress_retention_days",
)
OSS_ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"


@dataclass(frozen=True)
class LocalSpark:
    cores: int = min(os.cpu_count() or 2, 2)
    bundle_root: str = "."
    extra_conf: tuple[tuple[str, str], ...] = ()


def spec_cluster(bundle_root: str | Path) -> dict[str, Any]:
    """The governed job's cluster, read through the shared bundle loader."""
    try:
        spec_job = load_bundle(Path(bundle_root)).job(JOB_KEY)
    except (FileNotFoundError, KeyError) as error:
        raise job.JobError(f"no job '{JOB_KEY}' in the bundle at '{bundle_root}': {error}") from None
    return job_cluster(spec_job)


def spec_task_parameters(bundle_root: str | Path, target: str = DEFAULT_TARGET) -> list[str]:
    """The governed task's parameter list as `target` deploys it (overrides and variables resolved)."""
    try:
        bundle = load_bundle(Path(bundle_root))
        if target not in bundle.targets():
            raise KeyError(f"no target '{target}' (targets: {', '.join(bundle.targets())})")
        typed = bundle.typed_job(JOB_KEY, target)
    except (FileNotFoundError, KeyError, ValueError) as error:
        raise job.JobError(f"no job {JOB_KEY!r} (target {target}) in {bundle_root!r}: {error}") from None
    task = typed.tasks[0] if typed.tasks else None
    python_task = task.spark_python_task if task else None
    return [str(item) for item in (python_task.parameters if python_task else None) or []]


def spec_defaults(parameters: list[str]) -> dict[str, Any]:
    """SPEC_PARAMETERS the spec's parameter list sets, parsed by the job's own parser (types included)."""
    flags = {field.name: field.metadata["flags"] for field in fields(job.JobConfig)}
    named = {name for name in SPEC_PARAMETERS if any(flag in parameters for flag in flags[name])}
    parsed, _ = job.build_parser().parse_known_args(parameters)
    return {name: getattr(parsed, name) for name in sorted(named)}


def local_spark_conf(cluster: dict[str, Any], local_cores: int) -> tuple[dict[str, str], str]:
    """The spec's spark_conf for embedded Spark, and a sentence saying what was scaled and why."""
    conf = {key: str(value) for key, value in (cluster.get("spark_conf") or {}).items()}
    node_type = cluster.get("node_type_id", "")
    if node_type not in NODE_VCPUS:
        raise job.JobError(f"unknown worker node type '{node_type}': add its vCPUs to bundle_spec.NODE_VCPUS")
    cluster_cores = int(cluster.get("num_workers", 0)) * NODE_VCPUS[node_type]
    spec_partitions = int(conf.get("spark.sql.shuffle.partitions", cluster_cores))
    # Keep the spec's partitions-per-core ratio (8 partitions / 8 worker cores = 1x) on local cores.
    local_partitions = max(1, round(spec_partitions * local_cores / cluster_cores))
    conf["spark.sql.shuffle.partitions"] = str(local_partitions)
    conf["spark.sql.streaming.stateStore.providerClass"] = OSS_ROCKSDB_PROVIDER
    note = (
        f"shuffle partitions {local_partitions} = spec {spec_partitions} partitions x {local_cores} local cores "
        f"/ {cluster_cores} cluster cores ({cluster.get('num_workers')} x {node_type}); "
        f"state store provider {OSS_ROCKSDB_PROVIDER} (open-source class)"
    )
    return conf, note


def create_session(local: LocalSpark, app_name: str = "low_latency_stream_join_simple"):
    from pyspark.sql import SparkSession

    conf, note = local_spark_conf(spec_cluster(local.bundle_root), local.cores)
    conf.update(dict(local.extra_conf))
    builder = (
        SparkSession.builder.master(f"local[{local.cores}]")
        .appName(app_name)
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    job.log.info("local spark_conf: %s", json.dumps(conf, sort_keys=True))
    job.log.info("local scaling: %s", note)
    return spark


def parse_extra_conf(items: list[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.startswith("spark."):
            raise job.JobError(f"--conf expects spark.KEY=VALUE, got '{item}'")
        pairs.append((key, value))
    return tuple(pairs)


def build_parser() -> argparse.ArgumentParser:
    parser = job.build_parser()
    parser.prog = "local_runner"
    defaults = LocalSpark()
    parser.add_argument("--local-cores", type=job.positive_int, default=defaults.cores, help="embedded Spark cores")
    parser.add_argument("--bundle-root", default=defaults.bundle_root, help="folder holding databricks.yml")
    parser.add_argument(
        "--target", default=DEFAULT_TARGET, help="bundle target whose task parameters the run takes (default: dev)"
    )
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark conf")
    return parser


def local_run(argv: list[str]) -> tuple[job.JobConfig, LocalSpark, dict[str, Any]]:
    """What a local run runs: the job's config (spec task parameters, then the command line), the local
    Spark settings, and the parameters taken from the spec."""
    parser = build_parser()
    where, _ = parser.parse_known_args(argv)  # which bundle and target to read the defaults from
    from_spec = spec_defaults(spec_task_parameters(where.bundle_root, where.target))
    parser.set_defaults(**from_spec)
    arguments = parser.parse_args(argv)
    config = job.config_from_arguments(arguments)
    local = LocalSpark(arguments.local_cores, arguments.bundle_root, parse_extra_conf(arguments.conf))
    given = {name: getattr(config, name) for name in from_spec if getattr(config, name) != from_spec[name]}
    taken = {name: value for name, value in from_spec.items() if name not in given}
    return config, local, taken


def main(argv: list[str] | None = None) -> int:
    job.configure_logging()
    try:
        config, local, taken = local_run(sys.argv[1:] if argv is None else argv)
        job.log.info("task parameters from the spec: %s", json.dumps(taken, sort_keys=True))
        spark = create_session(local, config.query_name)
    except job.JobError as error:
        print(f"local_runner: error: {error}", file=sys.stderr)
        return 2
    try:
        job.run(spark, config)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
