"""Job soak benchmark: the runbook settings at the production rate for half an hour, on a growing output.

The job's sink checks each batch against the pairs it already wrote and appends one small file per
batch, so its output grows by up to two files a second. This run keeps the job going on the runbook
settings (the same `runbook_settings()` as the latency benchmark) while the producer fills the JSON
landing folders at the production rate declared once in runbook_policy.toml (`[assumptions]`), and records:
- every micro-batch's progress (as the latency benchmark does: start, `durationMs` parts, rows, state);
- per minute: the output's Parquet file count and bytes, the landing files left, the events written
  so far, the JVM's heap and resident size and the machine's 1-minute load average (other work on the
  machine shows there).
Landing files are deleted once they are `KEEP_LANDING_S` old (see `soak`), so the local source's
folder listing does not grow with the run; the sink's output is never touched.

The summary (recomputed by the docs build) holds per-minute trigger p50 and the ratio of the trigger
p50 in the run's last sixth (minutes 25-30) to that in its second sixth (minutes 5-10).
Writes benchmarks/results/job_soak.json. `--quick` is a 2-minute smoke run of the same pipeline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO_ROOT / "src"), str(REPO_ROOT / "_ext"), str(REPO_ROOT / "benchmarks")]

from job_run import (  # noqa: E402
    LOCAL_CORES,
    Variant,
    batch_sample,
    jvm_memory_mb,
    runbook_settings,
    running,
    session,
    write_result,
)
from producer import TICK_S  # noqa: E402
from provenance import provenance  # noqa: E402
from runbook_checks.evidence_results import soak_spans_s as spans_s  # noqa: E402  (the build checks the same spans)

RESULTS = REPO_ROOT / "benchmarks" / "results"
QUICK_MINUTES = 2
KEEP_LANDING_S = 30.0  # landing files older than this are deleted...
PRUNE_EVERY_S = 5.0  # ...this often


def declared_assumption(name: str, policy: Path = REPO_ROOT / "runbook_policy.toml") -> int | float:
    """One of the runbook policy's `[assumptions]`."""
    with policy.open("rb") as handle:
        return tomllib.load(handle)["assumptions"][name]


def output_sample(output: Path) -> tuple[int, int]:
    """(Parquet files, their bytes) in the sink's output folder."""
    sizes = [path.stat().st_size for path in output.glob("*.parquet")]
    return len(sizes), sum(sizes)


def prune_landing(folders: tuple[Path, ...], older_than: float) -> int:
    """Delete landing files last modified before `older_than` (epoch s); return how many are left."""
    left = 0
    for folder in folders:
        for path in folder.glob("*.json"):
            if path.stat().st_mtime < older_than:
                path.unlink(missing_ok=True)
            else:
                left += 1
    return left


def soak(spark, variant: Variant, events_per_second: int, minutes: int, work: Path, keep_landing_s: float) -> dict:
    """Run `variant` for `minutes`; return the raw run record with one sample per minute.

    Landing files older than `keep_landing_s` are deleted as the run goes (the job read them long
    before): a JSON folder source lists its whole folder every batch, a cost that grows with the run
    and that the deployed job's Delta source, which reads only new log entries, does not have.
    """
    samples = []
    with running(spark, variant, events_per_second, work) as (config, producer, query, t0):
        landing = (Path(config.left), Path(config.right))
        for minute in range(1, minutes + 1):
            while True:
                landing_files = prune_landing(landing, time.time() - keep_landing_s)
                remaining = t0 + 60 * minute - time.time()
                if remaining <= 0:
                    break
                time.sleep(min(PRUNE_EVERY_S, remaining))
            files, size = output_sample(Path(config.output))
            at_ms = round((time.time() - t0) * 1000)
            samples.append(
                {
                    "minute": minute,
                    "at_ms": at_ms,
                    "output_files": files,
                    "output_bytes": size,
                    "landing_files": landing_files,
                    "written": producer.written_by(at_ms),
                    "load_1m": round(os.getloadavg()[0], 2),
                    **jvm_memory_mb(spark),
                }
            )
            print(f"  minute {minute}: {files} output files, {size / 2**20:.1f} MB", flush=True)
        progress = [json.loads(p.json) for p in query.recentProgress]
        snapshot_ms = round((time.time() - t0) * 1000)
    return {
        "configuration": variant.name,
        "events_per_second_per_stream": events_per_second,
        "snapshot_ms": snapshot_ms,
        "minutes": samples,
        "batches": [batch_sample(p, t0) for p in progress],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=30, help="how long the job runs (default 30)")
    parser.add_argument("--quick", action="store_true", help=f"smoke run of {QUICK_MINUTES} minutes")
    parser.add_argument(
        "--events-per-second",
        type=int,
        default=declared_assumption("production_eps"),
        help="rate per stream (default: runbook_policy.toml [assumptions] production_eps)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="result folder (default benchmarks/results)")
    args = parser.parse_args()
    minutes = QUICK_MINUTES if args.quick else args.minutes
    conf, note, trigger = runbook_settings()
    variant = Variant("runbook", "runbook", conf, trigger, "runbook settings")
    parameters = {
        "minutes": minutes,
        "events_per_second_per_stream": args.events_per_second,
        "runbook_trigger": trigger,
        "runbook_local_scaling": note,
        "producer_tick_ms": round(TICK_S * 1000),
        "keep_landing_s": KEEP_LANDING_S,
        **spans_s(minutes),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    origin = provenance(LOCAL_CORES, args.quick)
    spark = session()
    work = Path(tempfile.mkdtemp(prefix="job-soak-"))
    try:
        run = soak(spark, variant, args.events_per_second, minutes, work, KEEP_LANDING_S)
    finally:
        spark.stop()
        shutil.rmtree(work, ignore_errors=True)
    document = write_result(args.out / "job_soak.json", "job_soak", origin, parameters, [variant], [run])
    summary = document["summary"]
    for minute in range(1, minutes + 1):
        key = f"minute_{minute:02d}"
        print(
            f"{key}: trigger p50 {summary.get(f'{key}.trigger_ms.p50')} ms, "
            f"addBatch p50 {summary.get(f'{key}.parts_ms.addBatch.p50')} ms, "
            f"{summary.get(f'{key}.output_files')} files, load {summary.get(f'{key}.load_1m')}",
            flush=True,
        )
    ratio = summary.get("trigger_p50.final_pct_of_baseline")
    print(f"final / baseline trigger p50: {ratio} %; results in {args.out}", flush=True)


if __name__ == "__main__":
    main()
