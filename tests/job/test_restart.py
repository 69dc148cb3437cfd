"""Restart from checkpoint after `kill -9` mid-stream: every joined row exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from conftest import write_events

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

JOB_FILE = Path(job.__file__)
FILES = 12
PAIRS_PER_FILE = 5


def job_command(landing: dict[str, Path], trigger: str) -> list[str]:
    return [
        sys.executable,
        str(JOB_FILE),
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


def committed_batches(output: Path) -> int:
    metadata = output / "_spark_metadata"
    return len([path for path in metadata.iterdir() if path.name.isdigit()]) if metadata.is_dir() else 0


def test_kill_9_mid_stream_then_restart_writes_each_pair_once(spark, landing) -> None:
    for index in range(FILES):
        pairs = [(index * PAIRS_PER_FILE + n, index * 2 + n * 0.1) for n in range(PAIRS_PER_FILE)]
        write_events(landing["orders"], f"f{index:02d}", pairs)
        write_events(landing["payments"], f"f{index:02d}", pairs)

    first = subprocess.Popen(
        job_command(landing, "1 second"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while committed_batches(landing["output"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert committed_batches(landing["output"]) >= 2, "the first run committed no batch in time"
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the JVM is a child of the Python driver: kill the group
        first.wait()
    committed_at_kill = committed_batches(landing["output"])
    assert committed_at_kill < FILES, "the first run finished before it was killed; nothing was tested"

    second = subprocess.run(job_command(landing, "available-now"), capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]

    rows = spark.read.parquet(str(landing["output"])).select("order_id").collect()
    counts = Counter(row.order_id for row in rows)
    assert set(counts) == set(range(FILES * PAIRS_PER_FILE))
    assert max(counts.values()) == 1, {key: count for key, count in counts.items() if count > 1}
