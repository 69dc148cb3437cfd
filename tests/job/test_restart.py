"""Restart from checkpoint after `kill -9` mid-stream: every joined row exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from docs_project import REPO_ROOT, TOOL_PATH
from job_inputs import write_events

from template_domain.template_source.staging import local_runner
from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

RUNNER = Path(local_runner.__file__)
# The runner imports the job package and the shared bundle loader, as tox's PYTHONPATH provides.
RUNNER_ENV = {**os.environ, "PYTHONPATH": TOOL_PATH}
FILES = 6
PAIRS_PER_FILE = 5


def job_command(landing: dict[str, Path], trigger: str) -> list[str]:
    return [
        sys.executable,
        str(RUNNER),
        "--bundle-root",
        str(REPO_ROOT),
        "--source",
        "json",
        "--left-path",
        str(landing["orders"]),
        "--right-path",
        str(landing["payments"]),
        "--output-path",
        str(landing["output"]),
        "--checkpoint-location",
        str(landing["checkpoint"]),
        "--max-files-per-trigger",
        "1",
        "--trigger-interval",
        trigger,
        "--local-cores",
        "1",
    ]


def committed_batches(checkpoint: Path) -> int:
    commits = checkpoint / "commits"
    return len([path for path in commits.iterdir() if path.name.isdigit()]) if commits.is_dir() else 0


def test_kill_9_mid_stream_then_restart_writes_each_pair_once(spark, landing) -> None:
    written_at = time.time() - FILES
    for index in range(FILES):
        pairs = [(index * PAIRS_PER_FILE + n, index * 2 + n * 0.1) for n in range(PAIRS_PER_FILE)]
        for side in ("orders", "payments"):
            write_events(landing[side], f"f{index:02d}", pairs)
            # The file source reads oldest first; equal modification times would let a later file go
            # first, move the watermark past an earlier one and drop its rows as late.
            os.utime(landing[side] / f"f{index:02d}.json", (written_at + index, written_at + index))

    first = subprocess.Popen(
        job_command(landing, "1 second"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=RUNNER_ENV,
    )
    try:
        deadline = time.monotonic() + 120
        while committed_batches(landing["checkpoint"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert committed_batches(landing["checkpoint"]) >= 2, "the first run committed no batch in time"
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the JVM is a child of the Python driver: kill the group
        first.wait()
    committed_at_kill = committed_batches(landing["checkpoint"])
    assert committed_at_kill < FILES, "the first run finished before it was killed; nothing was tested"

    # The restart: the same runner arguments, the same entry point (`job.run`), on the killed process's
    # checkpoint, in the tests' shared session (configured from the same spec) rather than a second JVM.
    config, _, _ = local_runner.local_run(job_command(landing, "available-now")[2:])
    job.run(spark, config)

    rows = spark.read.parquet(str(landing["output"])).select("order_id").collect()
    counts = Counter(row.order_id for row in rows)
    assert set(counts) == set(range(FILES * PAIRS_PER_FILE))
    assert max(counts.values()) == 1, {key: count for key, count in counts.items() if count > 1}
