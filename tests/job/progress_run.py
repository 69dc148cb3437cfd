"""One local run of the job that records its progress, with what the tests check it against."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from job_inputs import write_events

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

# What each input receives: a first file before the start, a second one while the query runs.
ORDERS = {"b1": [(1, 0), (2, 1), (3, 2)], "b2": [(4, 3), (5, 4)]}
PAYMENTS = {"b1": [(1, 1), (2, 2), (3, 3), (9, 3), (10, 4)], "b2": [(4, 4)]}
IDLE_SECONDS = 3.0  # after the last input, long enough for idle events (interval shortened to 1 s below)
TIMEOUT_SECONDS = 180.0
FAILED_FLUSHES = 1  # the first flush fails: its rows must reach the table with a later flush


@dataclass
class ProgressRun:
    config: job.JobConfig
    folder: Path
    rows: list[dict[str, Any]]
    messages: list[tuple[int, str]] = field(default_factory=list)

    def events(self, kind: str) -> list[dict[str, Any]]:
        return [row for row in self.rows if row["event"] == kind]


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelno, record.getMessage()))


def input_rows(query) -> int:
    return sum(progress.numInputRows for progress in query.recentProgress)


def wait_for(condition, deadline: float) -> None:
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


def drive_query(spark, landing: dict[str, Path]) -> None:
    """Write the second files once the first batch is in, then stop the query a little after both are in:
    batch times vary too much on a shared machine for a fixed run time."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    wait_for(lambda: spark.streams.active, deadline)
    query = spark.streams.active[0]
    first = len(ORDERS["b1"]) + len(PAYMENTS["b1"])
    wait_for(lambda: input_rows(query) >= first, deadline)
    write_events(landing["orders"], "b2", ORDERS["b2"])
    write_events(landing["payments"], "b2", PAYMENTS["b2"])
    total = first + len(ORDERS["b2"]) + len(PAYMENTS["b2"])
    wait_for(lambda: input_rows(query) >= total, deadline)
    time.sleep(IDLE_SECONDS)
    query.stop()


def record_progress_run(spark, root: Path) -> ProgressRun:
    landing = {name: root / name for name in ("orders", "payments", "output", "checkpoint", "progress")}
    write_events(landing["orders"], "b1", ORDERS["b1"])
    write_events(landing["payments"], "b1", PAYMENTS["b1"])
    argv = ["--source", "json", "--left-path", str(landing["orders"]), "--right-path", str(landing["payments"])]
    argv += ["--output-path", str(landing["output"]), "--checkpoint-location", str(landing["checkpoint"])]
    argv += ["--progress-path", str(landing["progress"]), "--trigger-interval", "200 milliseconds"]
    argv += ["--latency-budget-ms", "1234"]
    config = job.config_from_arguments(job.build_parser().parse_args(argv))

    handler = Collect()
    job.log.addHandler(handler)
    job.log.setLevel(logging.INFO)
    original_append = job.ParquetProgressSink.append
    calls = {"n": 0}

    def failing_then_working(self, rows):
        calls["n"] += 1
        if calls["n"] <= FAILED_FLUSHES:
            raise OSError("injected progress flush failure")
        original_append(self, rows)

    driver = threading.Thread(target=drive_query, args=(spark, landing), daemon=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(job, "PROGRESS_FLUSH_SECONDS", 1.0)
        patch.setattr(job.ParquetProgressSink, "append", failing_then_working)
        # Idle events come after this much time without data (default 10 s): shortened to see them.
        spark.conf.set("spark.sql.streaming.noDataProgressEventInterval", "1000")
        driver.start()
        try:
            job.run(spark, config)
        finally:
            driver.join(TIMEOUT_SECONDS)
            spark.conf.unset("spark.sql.streaming.noDataProgressEventInterval")
            job.log.removeHandler(handler)
    rows = [row.asDict(recursive=True) for row in spark.read.parquet(str(landing["progress"])).collect()]
    return ProgressRun(config, landing["progress"], rows, handler.messages)
