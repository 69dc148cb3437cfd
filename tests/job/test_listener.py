"""The progress listener: documented fields on every batch, warnings when behind or over budget."""

from __future__ import annotations

import json
import logging
import time

import pytest
from job_inputs import json_config, write_events

from template_domain.template_source.staging import local_runner
from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

DOCUMENTED_FIELDS = {
    "inputRowsPerSecond",
    "processedRowsPerSecond",
    "triggerExecutionMs",
    "watermark",
    "stateRowsTotal",
    "stateMemoryUsedBytes",
    "batchId",
    "numInputRows",
}

# Shape of StreamingQueryProgress.json (trimmed): processing slower than input.
BEHIND = {
    "name": "q",
    "batchId": 7,
    "numInputRows": 500,
    "inputRowsPerSecond": 100.0,
    "processedRowsPerSecond": 40.0,
    "durationMs": {"triggerExecution": 1500},
    "eventTime": {"watermark": "2026-01-01T12:00:00.000Z"},
    "stateOperators": [{"numRowsTotal": 120, "memoryUsedBytes": 4096, "numRowsDroppedByWatermark": 0}],
}


def test_progress_record_reads_the_documented_fields() -> None:
    record = job.progress_record(BEHIND)
    assert record.keys() >= DOCUMENTED_FIELDS
    assert record["triggerExecutionMs"] == 1500 and record["stateRowsTotal"] == 120


def test_warnings_fire_when_input_outpaces_processing_and_over_budget() -> None:
    warnings = job.progress_warnings(job.progress_record(BEHIND), latency_budget_ms=1000, behind_ratio=0.9)
    assert any(w.startswith("stream_falling_behind") for w in warnings)
    assert any(w.startswith("stream_latency_budget_exceeded") for w in warnings)


def test_no_warning_when_keeping_up() -> None:
    healthy = BEHIND | {"processedRowsPerSecond": 250.0, "durationMs": {"triggerExecution": 300}}
    assert job.progress_warnings(job.progress_record(healthy), latency_budget_ms=1000, behind_ratio=0.9) == []


def wait_for_progress_lines(caplog, count: int, timeout: float = 30.0) -> list[str]:
    """Listener events arrive asynchronously on the listener bus, after the batch completes."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("stream_progress ")]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.2)


def test_listener_logs_one_line_per_batch_and_warns_on_a_real_query(spark, landing, caplog) -> None:
    # A 1 ms budget is exceeded by any real batch: proves the warning path end to end.
    listener = job.make_progress_listener(latency_budget_ms=1, behind_ratio=0.9)
    spark.streams.addListener(listener)
    config = json_config(landing)
    write_events(landing["orders"], "b1", [(1, 0), (2, 1)])
    write_events(landing["payments"], "b1", [(1, 1), (2, 2)])
    caplog.set_level(logging.INFO, logger="stream_join")
    orders, payments = job.read_sources(spark, config)
    query = job.start_query(job.join_streams(orders, payments, config), config)
    try:
        query.processAllAvailable()
        batches = len(query.recentProgress)
        lines = wait_for_progress_lines(caplog, batches)
    finally:
        query.stop()
        spark.streams.removeListener(listener)
    assert len(lines) >= batches >= 1
    record = json.loads(lines[0].removeprefix("stream_progress "))
    assert record.keys() >= DOCUMENTED_FIELDS
    assert any(
        r.levelno == logging.WARNING and "stream_latency_budget_exceeded" in r.getMessage() for r in caplog.records
    )


@pytest.mark.parametrize(
    ("entry", "argv", "message"),
    [
        (job.main, ["--checkpoint-location", "c"], "--output-table"),
        (job.main, ["--output-path", "o", "--checkpoint-location", "c", "--source", "json"], "--left-path"),
        (job.main, ["--output-table", "t", "--checkpoint-location", "c"], "--left-table"),
        (job.main, ["--output-path", "o", "--checkpoint-location", "c", "--rows-per-second", "0"], "positive integer"),
        (
            local_runner.main,
            ["--source", "rate", "--output-path", "o", "--checkpoint-location", "c", "--conf", "x=1"],
            "spark.KEY=VALUE",
        ),
        (
            local_runner.main,
            ["--source", "rate", "--output-path", "o", "--checkpoint-location", "c", "--bundle-root", "nowhere"],
            "no job",
        ),
    ],
)
def test_bad_parameters_give_one_line_errors(entry, argv, message, capsys) -> None:
    try:
        code = entry(argv)  # configuration errors return 2
    except SystemExit as exit_info:  # argparse errors exit 2
        code = exit_info.code
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert message in err and "\n" not in err and "Traceback" not in err
