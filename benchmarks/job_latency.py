"""Job latency and capacity benchmark: the runbook's settings versus Spark defaults and variations.

A local producer writes events with millisecond event times into the job's JSON landing folders at
a steady rate; the real job functions run on embedded Spark, configured from the bundle spec.

- Latency: every configuration at 50 events/s per stream (100 in total), repeated; each repetition
  set runs in its own process (its own JVM), configurations interleaved in a rotated order.
- Capacity: the runbook settings, Spark defaults and 2x partitions at rising rates, until a rate is
  not sustained.
- Progress cost: the runbook settings without and with the job's progress listener and progress table
  writer, interleaved in each repetition set, as the latency sets are.
- Levers: the runbook settings against one lever at a time that cuts a batch's fixed cost (join state
  format 3, a plain-append sink, RocksDB's row count off) and against the levers combined (the floor),
  interleaved in repetition sets as the latency sets are.

Writes benchmarks/results/job_latency.json, job_capacity.json, progress_cost.json and job_levers.json
(provenance, raw per-batch
samples, summary) and a plot for each. `--quick` is a smoke run of the whole pipeline on tiny settings.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT / "src"), str(REPO_ROOT / "_ext"), str(REPO_ROOT / "benchmarks")]

from job_run import LOCAL_CORES, Variant, measure, runbook_settings, session, write_result  # noqa: E402
from producer import TICK_S  # noqa: E402
from provenance import provenance  # noqa: E402
from runbook_checks.evidence_results import BACKLOG_LIMIT_S, REPETITION_SETS, SUSTAINED_SHARE  # noqa: E402

RESULTS = REPO_ROOT / "benchmarks" / "results"
JOIN_FORMAT = "spark.sql.streaming.join.stateFormatVersion"  # internal setting; Spark's default 2
HDFS_PROVIDER = "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider"
CHANGELOG = "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled"
NO_DATA = "spark.sql.streaming.noDataMicroBatches.enabled"
PARTITIONS = "spark.sql.shuffle.partitions"
PROVIDER = "spark.sql.streaming.stateStore.providerClass"
ROW_COUNT = "spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows"


@dataclass(frozen=True)
class Plan:
    """How much to measure; `--quick` shrinks every part of it."""

    repetitions: int = 3
    latency_rate: int = 50
    warmup_s: float = 6.0
    window_s: float = 20.0
    drain_s: float = 5.0
    latency_configs: tuple[str, ...] = ()  # empty: all but the progress-cost pair's second
    progress_configs: tuple[str, ...] = ("runbook", "progress-table")
    progress_repetitions: int = 5  # a cost of a few percent needs more pairs than the latency sets
    lever_configs: tuple[str, ...] = (
        "runbook",
        "join-state-v3",
        "sink-plain-append",
        "rocksdb-row-count-off",
        "floor-v3-plain-append",
        "floor-v3-plain-append-1-partition",
    )
    lever_repetitions: int = 3
    capacity_rates: tuple[int, ...] = (50, 200, 1000, 2000, 5000, 10000, 20000)
    capacity_configs: tuple[str, ...] = ("runbook", "spark-defaults", "partitions-2x")
    capacity_warmup_s: float = 6.0
    capacity_window_s: float = 15.0
    jvm_warmup: bool = True


QUICK = Plan(
    repetitions=2,
    warmup_s=2.0,
    window_s=3.0,
    drain_s=1.0,
    latency_configs=("runbook", "default-trigger"),
    capacity_rates=(50, 500),
    capacity_configs=("runbook",),
    capacity_warmup_s=2.0,
    capacity_window_s=3.0,
    progress_repetitions=2,
    lever_configs=("join-state-v3", "sink-plain-append"),  # one set: the two code paths a lever adds
    lever_repetitions=1,
    jvm_warmup=False,
)


def variants() -> list[Variant]:
    conf, _, trigger = runbook_settings()
    # Every variant sets every key any variant changes (Spark's default where the runbook is silent),
    # so no setting leaks from one run into the next in a shared session.
    conf = {ROW_COUNT: "true", JOIN_FORMAT: "2"} | conf

    def vary(
        name: str,
        changed: str,
        changes: dict[str, str] | None = None,
        other_trigger: str = "",
        record: bool = False,
        sink: str = "job",
        group: str = "variation",
    ) -> Variant:
        """The runbook configuration with exactly one setting changed (a lever: the levers named)."""
        return Variant(name, group, conf | (changes or {}), other_trigger or trigger, changed, record, sink)

    partitions = int(conf[PARTITIONS])
    return [
        Variant("runbook", "runbook", conf, trigger, "runbook settings"),
        Variant(
            "spark-defaults",
            "defaults",
            {
                PARTITIONS: "200",
                PROVIDER: HDFS_PROVIDER,
                NO_DATA: "true",
                CHANGELOG: "false",
                ROW_COUNT: "true",
                JOIN_FORMAT: "2",
            },
            "default",
            "200 partitions, HDFS-backed state store, empty batches on, default trigger",
        ),
        vary("partitions-2x", f"partitions {2 * partitions}", {PARTITIONS: str(2 * partitions)}),
        # Below the documented 1-2x rule: measured to show what the per-store fixed cost is worth.
        vary("partitions-half", f"partitions {max(1, partitions // 2)}", {PARTITIONS: str(max(1, partitions // 2))}),
        vary("changelog-off", "changelog checkpointing off", {CHANGELOG: "false"}),
        vary("rocksdb-row-count-off", "RocksDB trackTotalNumberOfRows false", {ROW_COUNT: "false"}),
        vary("hdfs-state-store", "HDFS-backed state store", {PROVIDER: HDFS_PROVIDER}),
        vary("no-data-batches-on", "noDataMicroBatches true", {NO_DATA: "true"}),
        vary("default-trigger", "default trigger (ProcessingTime(0))", other_trigger="default"),
        vary("trigger-1s", "processing-time trigger 1 second", other_trigger="1 second"),
        vary("progress-table", "progress listener and progress table writer attached", record=True),
        # Levers on a batch's fixed cost (issue 20): one at a time, then combined for the floor.
        vary("join-state-v3", "join state format 3 (internal setting)", {JOIN_FORMAT: "3"}, group="lever"),
        vary("sink-plain-append", "sink: plain append, no read-back", sink="plain-append", group="lever"),
        vary(
            "floor-v3-plain-append",
            "join state format 3 and plain-append sink",
            {JOIN_FORMAT: "3"},
            sink="plain-append",
            group="lever",
        ),
        vary(
            "floor-v3-plain-append-1-partition",
            "join state format 3, plain-append sink, 1 shuffle partition",
            {JOIN_FORMAT: "3", PARTITIONS: "1"},
            sink="plain-append",
            group="lever",
        ),
    ]


def worker(kind: str, plan: Plan, repetition: int, result: Path) -> None:
    """One process: a latency repetition set (every configuration once) or the whole capacity curve."""
    by_name = {v.name: v for v in variants()}
    spark = session()
    work = Path(tempfile.mkdtemp(prefix=f"job-{kind}-"))
    runs = []
    try:
        if plan.jvm_warmup:  # JIT and class loading slow the first query in a JVM: one discarded run
            measure(spark, by_name["runbook"], plan.latency_rate, plan.warmup_s, plan.warmup_s, work, 1.0)
        if kind in SET_PARTS:
            names = set_names(plan, kind, by_name)
            shift = repetition % len(names)  # rotate the order per set: no configuration always runs first
            for name in names[shift:] + names[:shift]:
                print(f"  set {repetition}: {name}", flush=True)
                run = measure(spark, by_name[name], plan.latency_rate, plan.warmup_s, plan.window_s, work, plan.drain_s)
                runs.append(run | {"repetition": repetition})
        else:
            remaining = list(plan.capacity_configs)
            for rate in plan.capacity_rates:  # rates rise; a configuration leaves after its first miss
                for name in list(remaining):
                    print(f"  capacity: {name} at {rate} events/s per stream", flush=True)
                    run = measure(
                        spark, by_name[name], rate, plan.capacity_warmup_s, plan.capacity_window_s, work, plan.drain_s
                    )
                    runs.append(run)
                    if not summarize_one(run, by_name[name])["sustained"]:
                        remaining.remove(name)
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)
    result.write_text(json.dumps(runs), encoding="utf-8")


# Parts measured as interleaved repetition sets, and the result each writes; the Plan fields that give
# its repetitions and configurations are the result's (evidence_results.REPETITION_SETS).
SET_PARTS = {"latency": "job_latency", "progress": "progress_cost", "levers": "job_levers"}


def set_names(plan: Plan, kind: str, by_name: dict[str, Variant]) -> list[str]:
    """The configurations of a repetition-set part, in their order."""
    if kind == "latency":
        return latency_names(plan, by_name)
    return list(getattr(plan, REPETITION_SETS[SET_PARTS[kind]].configurations))


def latency_names(plan: Plan, by_name: dict[str, Variant]) -> list[str]:
    if plan.latency_configs:
        return [n for n in by_name if n in plan.latency_configs]
    return [n for n, v in by_name.items() if not v.record_progress and v.group != "lever"]


def summarize_one(run: dict, variant: Variant) -> dict:
    from runbook_checks.evidence_results import run_figures

    return run_figures(run, variant.trigger)


def spawn(kind: str, plan_name: str, repetition: int, folder: Path) -> list[dict]:
    result = folder / f"{kind}-{repetition}.json"
    command = [sys.executable, __file__, "--worker", kind, "--repetition", str(repetition), "--result", str(result)]
    subprocess.run(command + (["--quick"] if plan_name == "quick" else []), check=True)
    return json.loads(result.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run on tiny settings (under 3 minutes)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="result folder (default benchmarks/results)")
    parser.add_argument(
        "--part", choices=("all", "latency", "capacity", "progress", "levers"), default="all", help="what to measure"
    )
    parser.add_argument("--replot", action="store_true", help="only redraw the plots from the result files")
    parser.add_argument("--worker", choices=("latency", "capacity", *SET_PARTS), help=argparse.SUPPRESS)
    parser.add_argument("--repetition", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    plan = QUICK if args.quick else Plan()
    if args.worker:
        worker(args.worker, plan, args.repetition, args.result)
        return
    import plots

    args.out.mkdir(parents=True, exist_ok=True)
    if args.replot:
        plots.draw_all(args.out)
        return
    _, note, trigger = runbook_settings()
    configs = {v.name: v for v in variants()}
    parameters = asdict(plan) | {
        "runbook_trigger": trigger,
        "runbook_local_scaling": note,
        "producer_tick_ms": round(TICK_S * 1000),
        "sustained_share_pct": round(SUSTAINED_SHARE * 100),
        "backlog_limit_s": BACKLOG_LIMIT_S,
    }
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="job-bench-") as folder:

        def repetition_sets(kind: str, repetitions: int, names: list[str], benchmark: str) -> None:
            """`repetitions` sets of the named configurations, each set its own process, into one result."""
            origin = provenance(LOCAL_CORES, args.quick)
            plan_name = "quick" if args.quick else "full"
            runs = [run for rep in range(repetitions) for run in spawn(kind, plan_name, rep, Path(folder))]
            chosen = [configs[n] for n in names]
            write_result(args.out / f"{benchmark}.json", benchmark, origin, parameters, chosen, runs)

        for kind, benchmark in SET_PARTS.items():
            if args.part in ("all", kind):
                repetitions = getattr(plan, REPETITION_SETS[benchmark].repetitions)
                repetition_sets(kind, repetitions, set_names(plan, kind, configs), benchmark)
        if args.part in ("all", "capacity"):
            origin = provenance(LOCAL_CORES, args.quick)
            runs = spawn("capacity", "quick" if args.quick else "full", 0, Path(folder))
            chosen = [configs[n] for n in plan.capacity_configs]
            write_result(args.out / "job_capacity.json", "job_capacity", origin, parameters, chosen, runs)
    plots.draw_all(args.out)
    print(f"done in {time.time() - started:.0f} s; results in {args.out}", flush=True)


if __name__ == "__main__":
    main()
