"""Job latency benchmark: the runbook's settings versus Spark defaults and single-setting variations.

Runs the real job functions on embedded Spark against the synthetic rate source, one configuration
after another in one process (same machine, same JVM), each with a fresh checkpoint: a warm-up, then a
bounded measurement window. Prints a table and writes benchmarks/results/job_latency.json and .png.

End-to-end latency of a joined pair = the time the sink wrote the Parquet file holding it (the file's
modification time) minus the later of its two event times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT / "src"), str(REPO_ROOT / "_ext")]

from bundle_spec import load_bundle  # noqa: E402
from runbook_checks.spec_consistency import task_parameter  # noqa: E402

from template_domain.template_source.staging import local_runner  # noqa: E402
from template_domain.template_source.staging import low_latency_stream_join_simple_job as job  # noqa: E402

RESULTS = REPO_ROOT / "benchmarks" / "results"
HDFS_PROVIDER = "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider"
CHANGELOG = "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled"
NO_DATA = "spark.sql.streaming.noDataMicroBatches.enabled"
PARTITIONS = "spark.sql.shuffle.partitions"
PROVIDER = "spark.sql.streaming.stateStore.providerClass"


@dataclass(frozen=True)
class Variant:
    name: str
    group: str  # runbook | defaults | variation
    conf: dict[str, str]
    trigger: str
    changed: str = ""


@dataclass
class Measurement:
    name: str
    group: str
    changed: str
    trigger: str
    conf: dict[str, str]
    status: str = "ok"
    batches: int = 0
    trigger_ms: dict[str, float] = field(default_factory=dict)
    e2e_s: dict[str, float] = field(default_factory=dict)
    rows_per_s: float = 0.0
    joined_rows: int = 0
    state_rows: float = 0.0
    # Batches that completed outside the window (warm-up included): shows how slow a
    # configuration is when no batch completed inside the window.
    outside_window_trigger_ms: list[float] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def variants(cores: int, runbook_conf: dict[str, str], runbook_trigger: str) -> list[Variant]:
    runbook = Variant("runbook", "runbook", runbook_conf, runbook_trigger, "runbook settings")
    defaults = Variant(
        "spark-defaults",
        "defaults",
        {PARTITIONS: "200", PROVIDER: HDFS_PROVIDER, NO_DATA: "true"},
        "default",
        "200 partitions, HDFS state store, default trigger",
    )

    def vary(name: str, changed: str, conf: dict[str, str] | None = None, trigger: str | None = None) -> Variant:
        """The runbook configuration with exactly one setting changed."""
        return Variant(name, "variation", runbook_conf | (conf or {}), trigger or runbook_trigger, changed)

    return [
        runbook,
        defaults,
        vary(f"partitions-2x ({2 * cores})", f"partitions {2 * cores}", {PARTITIONS: str(2 * cores)}),
        vary(f"partitions-4x ({4 * cores})", f"partitions {4 * cores}", {PARTITIONS: str(4 * cores)}),
        vary("partitions-200", "partitions 200", {PARTITIONS: "200"}),
        vary("changelog-off", "changelog checkpointing off", {CHANGELOG: "false"}),
        vary("hdfs-state-store", "HDFS-backed state store", {PROVIDER: HDFS_PROVIDER}),
        vary("noDataMicroBatches-true", "noDataMicroBatches true", {NO_DATA: "true"}),
        vary("default-trigger", "default trigger (ProcessingTime(0))", trigger="default"),
        vary("trigger-1-second", "processing-time trigger 1 second", trigger="1 second"),
    ]


def file_write_times(output: Path) -> dict[str, float]:
    """Parquet file name -> the time the sink wrote it (its pairs become readable then)."""
    return {path.name: path.stat().st_mtime for path in output.glob("*.parquet")}


def end_to_end_latencies(spark, output: Path, since: float) -> list[float]:
    from pyspark.sql import functions as F

    written = file_write_times(output)
    if not written:
        return []
    rows = (
        spark.read.parquet(str(output))
        .select(
            F.element_at(F.split(F.input_file_name(), "/"), -1).alias("file"),
            F.greatest("order_time", "payment_time").cast("double").alias("later_event"),
        )
        .collect()
    )
    return [written[row.file] - row.later_event for row in rows if written.get(row.file, 0) >= since]


def batch_end(progress: dict) -> float:
    started = datetime.fromisoformat(progress["timestamp"].replace("Z", "+00:00")).timestamp()
    return started + progress["durationMs"]["triggerExecution"] / 1000


def spec_trigger() -> str:
    """The runbook's trigger is the one the bundle spec passes to the job (read as the docs build reads it)."""
    (_, spec_job), *_ = load_bundle(REPO_ROOT).jobs().values()
    return task_parameter(spec_job["tasks"][0], "--trigger-interval")


def measure(spark, variant: Variant, base: job.JobConfig, warmup: float, window: float, work: Path) -> Measurement:
    result = Measurement(variant.name, variant.group, variant.changed, variant.trigger, variant.conf)
    for key, value in variant.conf.items():
        spark.conf.set(key, value)
    out = work / variant.name.replace(" ", "_")
    config = replace(
        base,
        output=str(out / "output"),
        checkpoint_location=str(out / "checkpoint"),
        trigger_interval=variant.trigger,
        query_name=f"bench_{variant.name}".replace(" ", "_").replace("(", "").replace(")", ""),
    )
    orders, payments = job.read_sources(spark, config)
    query = job.start_query(job.join_streams(orders, payments, config), config)
    started = time.time()
    try:
        time.sleep(warmup)
        window_start = time.time()
        time.sleep(window)
        window_end = time.time()
        progress = list(query.recentProgress)
    finally:
        query.stop()
    # A batch counts when it completes inside the window (start timestamp + its own duration);
    # latency figures use batches that carried data.
    completed = [p for p in progress if window_start <= batch_end(p) <= window_end]
    data_batches = [p for p in completed if p["numInputRows"] > 0]
    result.batches = len(data_batches)
    result.outside_window_trigger_ms = [
        float(p["durationMs"]["triggerExecution"]) for p in progress if p not in completed
    ]
    if not data_batches:
        result.status = f"no batch completed within the {window:.0f} s window after {warmup:.0f} s warm-up"
        return result
    trigger_ms = [float(p["durationMs"]["triggerExecution"]) for p in data_batches]
    result.trigger_ms = {f"p{q}": percentile(trigger_ms, q) for q in (50, 95, 99)}
    latencies = end_to_end_latencies(spark, Path(config.output), window_start)
    result.joined_rows = len(latencies)
    result.e2e_s = {f"p{q}": round(percentile(latencies, q), 3) for q in (50, 99)} if latencies else {}
    result.rows_per_s = round(sum(p["numInputRows"] for p in completed) / (window_end - window_start), 1)
    result.state_rows = statistics.fmean(sum(op["numRowsTotal"] for op in p["stateOperators"]) for p in data_batches)
    print(f"  {variant.name}: {result.batches} batches in {time.time() - started:.0f} s", flush=True)
    return result


def plot(results: list[dict], path: Path) -> None:
    """Bars per configuration, with the 1000 ms per-batch budget and the targets as labelled lines;
    one that completed no batch is labelled as such, not dropped."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    budget_ms, target_trigger_p50_ms, target_e2e_p50_s, target_e2e_p99_s = 1000, 700, 1.0, 2.0
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5.6))
    positions = list(range(len(results)))
    for offset, q in ((-0.2, "p50"), (0.2, "p99")):
        bars = [p + offset for p in positions]
        left.barh(bars, [r["trigger_ms"].get(q, 0) for r in results], height=0.4, label=q)
        right.barh(bars, [r["e2e_s"].get(q, 0) for r in results], height=0.4, label=q)
    # Line styles differ as well as colours, so the lines read in greyscale too.
    left.axvline(budget_ms, color="#b00020", linewidth=1.6, label=f"budget {budget_ms} ms per batch")
    left.axvline(target_trigger_p50_ms, color="#444444", linestyle="--", label=f"target p50 {target_trigger_p50_ms} ms")
    right.axvline(target_e2e_p50_s, color="#444444", linestyle="--", label=f"target p50 {target_e2e_p50_s:.1f} s")
    right.axvline(target_e2e_p99_s, color="#444444", linestyle=":", label=f"target p99 {target_e2e_p99_s:.1f} s")
    for position, result in zip(positions, results, strict=True):
        if result["status"] != "ok":
            for axis in (left, right):
                axis.text(
                    0,
                    position,
                    "  no batch completed in the bounded time",
                    va="center",
                    fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                    zorder=3,
                )
    left.set_title("Micro-batch triggerExecution (ms)")
    right.set_title("End-to-end latency (s)")
    for axis in (left, right):
        axis.set_yticks(positions, [r["name"] for r in results])
        axis.invert_yaxis()
        axis.legend(loc="lower right", fontsize=8)
        axis.grid(axis="x", alpha=0.3)
    right.set_yticklabels([])
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=float, default=20.0, help="seconds before measuring (default 20)")
    parser.add_argument("--window", type=float, default=45.0, help="measured seconds per configuration (default 45)")
    parser.add_argument("--rows-per-second", type=int, default=50, help="rate per stream (default 50)")
    parser.add_argument("--only", nargs="*", default=None, help="run only these configuration names")
    parser.add_argument("--out", type=Path, default=RESULTS, help="result folder (default benchmarks/results)")
    parser.add_argument("--replot", action="store_true", help="only redraw the PNG from the result file")
    args = parser.parse_args()
    if args.replot:
        document = json.loads((args.out / "job_latency.json").read_text(encoding="utf-8"))
        plot(document["results"], args.out / "job_latency.png")
        return

    cores = min(os.cpu_count() or 2, 2)
    base = job.JobConfig(source="rate", rows_per_second=args.rows_per_second)
    local = local_runner.LocalSpark(cores=cores, bundle_root=str(REPO_ROOT))
    runbook_conf, note = local_runner.local_spark_conf(local_runner.spec_cluster(local.bundle_root), cores)
    runbook_trigger = spec_trigger()
    spark = local_runner.create_session(local)
    spark.sparkContext.setLogLevel("ERROR")  # query stops interrupt tasks; their warnings are noise here
    spark.conf.set("spark.sql.streaming.numRecentProgressUpdates", "10000")
    all_variants = variants(cores, runbook_conf, runbook_trigger)
    chosen = [v for v in all_variants if not args.only or v.name in args.only]
    results = []
    work = Path(tempfile.mkdtemp(prefix="job-latency-"))
    try:
        # JIT and class loading make the first query in a JVM slower; discard one run before measuring.
        print("warming up the JVM (discarded)", flush=True)
        measure(spark, replace(all_variants[0], name="jvm-warmup"), base, args.warmup, args.warmup, work)
        for variant in chosen:
            print(f"measuring {variant.name} ({variant.changed})", flush=True)
            results.append(measure(spark, variant, base, args.warmup, args.window, work))
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": "job_latency",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "versions": {"pyspark": version("pyspark"), "java": os.environ.get("JAVA_VERSION") or java_version()},
        "parameters": {
            "rows_per_second_per_stream": args.rows_per_second,
            "warmup_s": args.warmup,
            "window_s": args.window,
            "local_cores": cores,
            "runbook_trigger": runbook_trigger,
            "runbook_local_scaling": note,
        },
        "results": [asdict(r) for r in results],
    }
    (args.out / "job_latency.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    plot(document["results"], args.out / "job_latency.png")
    print_table(results)


def java_version() -> str:
    import subprocess

    completed = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    return (completed.stderr.splitlines() or ["unknown"])[0]


def print_table(results: list[Measurement]) -> None:
    header = f"{'configuration':28} {'batches':>7} {'trig p50':>9} {'p95':>7} {'p99':>7} {'e2e p50':>8} {'p99':>6}"
    print(header + f" {'rows/s':>7} {'state':>7}")
    for r in results:
        if r.status != "ok":
            print(f"{r.name:28} {r.status}")
            continue
        t, e = r.trigger_ms, r.e2e_s
        print(
            f"{r.name:28} {r.batches:7d} {t['p50']:9.0f} {t['p95']:7.0f} {t['p99']:7.0f} "
            f"{e.get('p50', float('nan')):8.2f} {e.get('p99', float('nan')):6.2f} "
            f"{r.rows_per_s:7.1f} {r.state_rows:7.0f}"
        )


if __name__ == "__main__":
    main()
