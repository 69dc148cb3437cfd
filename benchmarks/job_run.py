"""One measured run of the job: a configuration, a rate, a fresh checkpoint, raw samples out.

The real job functions (`read_sources`, `join_streams`, `start_query`) read the JSON landing folders
the producer fills. The run records, relative to the query's start (t0, in ms):
- every micro-batch's progress (start, `durationMs` parts, input rows, state rows, memory, commit time);
- the producer's log (events written so far, per tick);
- end-to-end latency per joined pair, stored as [milliseconds, pairs] because all pairs of one
  producer tick share their event time and their batch.

End-to-end latency of a pair = the modification time of the checkpoint's `commits/<batch>` file of
the batch that wrote it, minus the later of its two event times. The batch of a Parquet part file is
the first commit written at or after the file: a batch writes its files, then its commit.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from producer import Producer
from provenance import REPO_ROOT, finish
from runbook_checks.evidence_results import SCHEMAS, summarize, window_ms
from runbook_checks.result_digest import sealed

from bundle_spec import load_bundle, task_parameter
from template_domain.template_source.staging import local_runner
from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

LOCAL_CORES = 2
PARTS = ("addBatch", "getBatch", "latestOffset", "queryPlanning", "walCommit", "commitOffsets", "triggerExecution")


@dataclass(frozen=True)
class Variant:
    name: str
    group: str  # runbook | defaults | variation
    conf: dict[str, str]
    trigger: str
    changed: str = ""
    record_progress: bool = False  # the job's progress listener and progress table writer attached, as deployed
    sink: str = "job"  # "job": the job's own sink; "plain-append": every batch appended as it is (SINKS)


def plain_append(config: job.JobConfig):
    """The cheapest write there is: the batch appended once, no read-back, no aggregate, no persist.

    A local stand-in for an idempotent Delta write (`txnAppId`/`txnVersion` set to the query's id and
    batch id), whose version check reads only the table's transaction log; without Delta jars locally,
    the Parquet append measures the write alone."""

    def write(batch, batch_id: int) -> None:
        batch.write.mode("append").parquet(config.output)

    return write


SINKS = {"job": job.append_new_pairs, "plain-append": plain_append}


def started_ms(progress: dict, t0: float) -> int:
    started = datetime.fromisoformat(progress["timestamp"].replace("Z", "+00:00")).timestamp()
    return round((started - t0) * 1000)


def batch_sample(progress: dict, t0: float) -> dict:
    """The raw per-batch record; every summary figure is derived from these."""
    state = progress.get("stateOperators") or []
    durations = progress.get("durationMs") or {}
    return {
        "batch": progress["batchId"],
        "start_ms": started_ms(progress, t0),
        "rows": progress["numInputRows"],
        "parts_ms": {part: durations.get(part, 0) for part in PARTS},
        "state_rows": sum(op.get("numRowsTotal", 0) for op in state),
        "state_memory_bytes": sum(op.get("memoryUsedBytes", 0) for op in state),
        "state_commit_ms": sum(op.get("commitTimeMs", 0) for op in state),
        "state_update_ms": sum(op.get("allUpdatesTimeMs", 0) for op in state),
    }


def commit_times(checkpoint: Path) -> list[float]:
    return sorted(path.stat().st_mtime for path in (checkpoint / "commits").glob("[0-9]*"))


def e2e_samples(
    spark, output: Path, checkpoint: Path, t0_ms: int, log: list, window: tuple[int, int], snapshot_ms: int
) -> tuple[list, list]:
    """Per pair written in the window: ([[latency ms, pairs]], [[at least ms, pairs]] for pairs not committed
    when the run stopped, whose latency is only known to exceed the time they had waited)."""
    from pyspark.sql import functions as F

    found: dict[int, list[tuple[float, int]]] = {}
    if any(output.glob("*.parquet")):
        files = {path.name: path.stat().st_mtime for path in output.glob("*.parquet")}
        rows = (
            spark.read.parquet(str(output))
            .select(
                F.element_at(F.split(F.input_file_name(), "/"), -1).alias("file"),
                F.greatest("order_time", "payment_time").cast("double").alias("later_event"),
            )
            .groupBy("file", "later_event")
            .count()
            .collect()
        )
        for row in rows:
            found.setdefault(round(row.later_event * 1000) - t0_ms, []).append((files[row.file], row["count"]))
    commits = commit_times(checkpoint)
    committed: dict[int, int] = {}
    censored: dict[int, int] = {}
    # Pairs per event time: a producer catching up after a late tick can write two ticks in one millisecond,
    # and the output rows of that millisecond are then both ticks' pairs.
    ticks: dict[int, int] = {}
    for at, pairs, _ in log:
        if window[0] <= at <= window[1]:
            ticks[at] = ticks.get(at, 0) + pairs
    for at, pairs in sorted(ticks.items()):
        for written, count in found.get(at, []):
            commit = next((c for c in commits if c >= written), None)
            if commit is not None:
                latency = round(commit * 1000) - t0_ms - at
                committed[latency] = committed.get(latency, 0) + count
                pairs -= count
        if pairs > 0:
            censored[snapshot_ms - at] = censored.get(snapshot_ms - at, 0) + pairs
    return [[ms, n] for ms, n in sorted(committed.items())], [[ms, n] for ms, n in sorted(censored.items())]


def jvm_memory_mb(spark) -> dict[str, float]:
    """Heap in use and resident size of the (single, local) JVM."""
    jvm = spark.sparkContext._jvm
    runtime = jvm.java.lang.Runtime.getRuntime()
    pid = jvm.java.lang.ProcessHandle.current().pid()
    rss_kb = next(
        (
            int(line.split()[1])
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("VmRSS")
        ),
        0,
    )
    return {
        "heap_used_mb": round((runtime.totalMemory() - runtime.freeMemory()) / 2**20, 1),
        "rss_mb": round(rss_kb / 1024, 1),
    }


@contextmanager
def running(
    spark, variant: Variant, events_per_second: int, work: Path
) -> Iterator[tuple[job.JobConfig, Producer, Any, float]]:
    """The job on `variant`'s settings over fresh landing folders a producer fills at `events_per_second`
    per stream, on a fresh checkpoint: (config, producer, query, t0); producer and query stop on exit."""
    for key, value in variant.conf.items():
        spark.conf.set(key, value)
    folder = work / f"{variant.name}-{events_per_second}-{time.time_ns()}"
    config = job.JobConfig(
        source="json",
        left=str(folder / "orders"),
        right=str(folder / "payments"),
        output=str(folder / "output"),
        checkpoint_location=str(folder / "checkpoint"),
        trigger_interval=variant.trigger,
        query_name=f"bench_{variant.name}".replace("-", "_"),
        progress_table=str(folder / "progress") if variant.record_progress else "",
    )
    t0 = time.time()
    producer = Producer(Path(config.left), Path(config.right), events_per_second, t0)
    producer.start()
    query = None
    try:
        with job.monitoring(spark, config) if variant.record_progress else nullcontext():
            joined = job.join_streams(*job.read_sources(spark, config), config)
            query = job.start_query(joined, config, SINKS[variant.sink](config))
            try:
                yield config, producer, query, t0
            finally:
                query.stop()
    finally:
        producer.stop()


def measure(
    spark, variant: Variant, events_per_second: int, warmup_s: float, window_s: float, work: Path, drain_s: float = 5.0
) -> dict:
    """Run `variant` at `events_per_second` per stream; return the raw run record."""
    with running(spark, variant, events_per_second, work) as (config, producer, query, t0):
        window = tuple(window_ms(warmup_s, window_s))
        time.sleep(max(0.0, t0 + warmup_s + window_s - time.time()))
        memory = jvm_memory_mb(spark)
        # Keep running (producer too) until every event written in the window is committed, or drain_s.
        written = producer.written_by(window[1])
        deadline = time.time() + drain_s
        while time.time() < deadline and sum(p["numInputRows"] for p in query.recentProgress) < written:
            time.sleep(0.2)
        time.sleep(min(1.0, max(0.0, deadline - time.time())))
        progress = [json.loads(p.json) for p in query.recentProgress]
        snapshot_ms = round((time.time() - t0) * 1000)
    e2e, censored = e2e_samples(
        spark,
        Path(config.output),
        Path(config.checkpoint_location),
        round(t0 * 1000),
        producer.log,
        window,
        snapshot_ms,
    )
    return {
        "configuration": variant.name,
        "events_per_second_per_stream": events_per_second,
        "window_ms": list(window),
        "batches": [batch_sample(p, t0) for p in progress],
        "snapshot_ms": snapshot_ms,
        "produced": producer.log,
        "e2e_ms": e2e,
        "e2e_censored_ms": censored,
        "memory_at_window_end": memory,
    }


def runbook_settings() -> tuple[dict[str, str], str, str]:
    """The spec's spark_conf scaled to local cores, the note saying how, and the spec's trigger."""
    conf, note = local_runner.local_spark_conf(local_runner.spec_cluster(REPO_ROOT), LOCAL_CORES)
    (_, spec_job), *_ = load_bundle(REPO_ROOT).jobs().values()
    return conf, note, task_parameter(spec_job["tasks"][0], "--trigger-interval")


def session():
    spark = local_runner.create_session(local_runner.LocalSpark(cores=LOCAL_CORES, bundle_root=str(REPO_ROOT)))
    spark.sparkContext.setLogLevel("OFF")  # stopping a query interrupts its tasks; those traces are noise here
    spark.conf.set("spark.sql.streaming.numRecentProgressUpdates", "100000")
    return spark


def write_result(
    path: Path, benchmark: str, origin: dict, parameters: dict, configs: list[Variant], runs: list
) -> dict:
    document = {
        "benchmark": benchmark,
        "schema": SCHEMAS[benchmark],
        "provenance": finish(origin),
        "parameters": parameters,
        "configurations": [asdict(v) for v in configs],
        "summary": {},
        "runs": runs,
    }
    document["summary"] = summarize(document)
    # The digest of what was measured, next to `benchmark`: the build recomputes it (result_seal.py).
    document = sealed(document)
    # Summary figures one per line (the build reports a mismatch at its line); raw runs compact.
    text = json.dumps({k: v for k, v in document.items() if k != "runs"}, indent=1)
    text = (
        text[:-2] + ',\n "runs": [\n' + ",\n".join(json.dumps(run, separators=(",", ":")) for run in runs) + "\n ]\n}\n"
    )
    path.write_text(text, encoding="utf-8")
    return document
