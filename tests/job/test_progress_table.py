"""The progress table: one row per listener event, written off the listener by a flushing thread."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from pathlib import Path

from progress_run import ORDERS, PAYMENTS

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

COLUMNS = {name for name, _ in job.PROGRESS_COLUMNS}
EXPECTED_COLUMNS = {
    "recorded_at", "event", "query_name", "query_id", "run_id", "batch_id", "batch_timestamp", "num_input_rows",
    "input_rows_per_second", "processed_rows_per_second", "trigger_execution_ms", "add_batch_ms", "get_batch_ms",
    "latest_offset_ms", "query_planning_ms", "wal_commit_ms", "commit_offsets_ms", "duration_ms", "watermark",
    "orders_input_rows", "payments_input_rows", "orders_end_offset", "payments_end_offset", "orders_metrics",
    "payments_metrics", "state_rows_total", "state_memory_used_bytes", "state_commit_ms",
    "state_rows_dropped_by_watermark", "state_custom_metrics", "latency_budget_ms", "trigger_interval", "config_json",
}  # fmt: skip


# --- one real run, shared (see progress_run.py) ------------------------------------------------
def test_rows_have_the_documented_columns(progress_run) -> None:
    assert COLUMNS >= EXPECTED_COLUMNS
    assert set(progress_run.rows[0]) == COLUMNS | {job.PARTITION_COLUMN}


def test_started_progress_idle_and_terminated_rows_of_one_run(progress_run) -> None:
    kinds = {row["event"] for row in progress_run.rows}
    assert kinds == {"started", "progress", "idle", "terminated"}
    assert len(progress_run.events("started")) == len(progress_run.events("terminated")) == 1
    assert len({row["run_id"] for row in progress_run.rows}) == 1
    started, terminated = progress_run.events("started")[0], progress_run.events("terminated")[0]
    assert started["recorded_at"] <= min(r["recorded_at"] for r in progress_run.events("progress"))
    assert terminated["recorded_at"] >= max(r["recorded_at"] for r in progress_run.rows)
    assert terminated["exception"] is None


def test_per_input_rows_match_what_each_input_received(progress_run) -> None:
    progress = progress_run.events("progress")
    assert sum(row["orders_input_rows"] for row in progress) == sum(len(events) for events in ORDERS.values())
    assert sum(row["payments_input_rows"] for row in progress) == sum(len(events) for events in PAYMENTS.values())
    assert all(row["num_input_rows"] == row["orders_input_rows"] + row["payments_input_rows"] for row in progress)
    assert sum(1 for row in progress if row["num_input_rows"]) >= 2  # both landing files, in separate batches
    last = max(progress, key=lambda row: row["batch_id"])
    assert json.loads(last["orders_end_offset"]) and json.loads(last["payments_end_offset"])


def test_progress_rows_carry_durations_watermark_state_and_the_budget(progress_run) -> None:
    progress = progress_run.events("progress")
    assert all(row["latency_budget_ms"] == 1234 == progress_run.config.latency_budget_ms for row in progress_run.rows)
    assert all(row["trigger_interval"] == "200 milliseconds" for row in progress_run.rows)
    for row in progress:
        assert row["trigger_execution_ms"] == row["duration_ms"]["triggerExecution"] > 0
        assert row["add_batch_ms"] == row["duration_ms"]["addBatch"]
        assert row["watermark"] is not None and row["batch_timestamp"] is not None
    assert max(row["state_rows_total"] for row in progress) > 0
    assert max(row["state_memory_used_bytes"] for row in progress) > 0
    assert any(row["state_custom_metrics"] for row in progress)
    assert sorted(row["batch_id"] for row in progress) == list(range(len(progress)))


def test_started_row_holds_every_job_parameter(progress_run) -> None:
    parameters = json.loads(progress_run.events("started")[0]["config_json"])
    assert parameters == json.loads(json.dumps(job.asdict(progress_run.config)))
    assert parameters["progress_table"] == str(progress_run.folder) and parameters["progress_retention_days"] == 14


def test_a_failed_flush_warns_and_its_rows_reach_the_table_later(progress_run) -> None:
    warnings = [m for level, m in progress_run.messages if level == logging.WARNING and "progress_flush_failed" in m]
    assert warnings and "injected progress flush failure" in warnings[0]
    # The started row was buffered at the failed flush and still arrived; the query ran to the end.
    assert progress_run.events("started") and progress_run.events("terminated")
    assert any(m.startswith("stream_progress ") for _, m in progress_run.messages)


def test_rows_are_partitioned_by_utc_date(progress_run) -> None:
    folders = [path.name for path in Path(progress_run.folder).iterdir() if path.is_dir()]
    assert folders and all(name.startswith(f"{job.PARTITION_COLUMN}=") for name in folders)


# --- pure functions ------------------------------------------------------------------------------
def test_sources_match_their_input_by_name_or_path_whatever_the_order() -> None:
    config = job.JobConfig(source="json", left="/land/orders", right="/land/orders_late")
    keys = job.input_match_keys(config)
    descriptions = ["FileStreamSource[file:/land/orders_late]", "FileStreamSource[file:/land/orders]"]
    assert job.source_inputs(descriptions, keys) == ["payments", "orders"]


def test_delta_sources_match_by_table_location() -> None:
    config = job.JobConfig(source="table", left="main.s.orders_events", right="main.s.payments_events")
    keys = job.input_match_keys(config, {"orders": "s3://b/tables/aaa", "payments": "s3://b/tables/bbb"})
    assert job.source_inputs(["DeltaSource[s3://b/tables/bbb]", "DeltaSource[s3://b/tables/aaa]"], keys) == [
        "payments",
        "orders",
    ]


def test_unnamed_sources_fall_back_to_index_order() -> None:
    keys = job.input_match_keys(job.JobConfig(source="rate"))
    rate = "RateStreamV2[rowsPerSecond=50, rampUpTimeSeconds=0, numPartitions=default"
    assert job.source_inputs([rate, rate], keys) == ["orders", "payments"]


def test_progress_row_from_a_progress_event() -> None:
    progress = {
        "id": "q",
        "runId": "r",
        "batchId": 3,
        "timestamp": "2026-01-01T12:00:01.500Z",
        "numInputRows": 7,
        "durationMs": {"triggerExecution": 900, "addBatch": 700, "repartitionControlBatch": 5},
        "eventTime": {"watermark": "2026-01-01T12:00:00.000Z"},
        "stateOperators": [
            {"numRowsTotal": 10, "commitTimeMs": 40, "customMetrics": {"rocksdbCommitCheckpointLatency": 3}},
            {"numRowsTotal": 5, "commitTimeMs": 2, "customMetrics": {"rocksdbCommitCheckpointLatency": 4}},
        ],
        "sources": [
            {"description": "DeltaSource[x]", "numInputRows": 4, "endOffset": {"v": 1},
             "metrics": {"numBytesOutstanding": "0"}},
            {"description": "DeltaSource[y]", "numInputRows": 3, "endOffset": {"v": 2}, "metrics": {}},
        ],
    }  # fmt: skip
    entry = {"event": "progress", "recorded_at": datetime(2026, 1, 1, 12, 0, 2, tzinfo=UTC), "progress": progress}
    row = job.progress_row(entry, job.JobConfig(latency_budget_ms=800), job.input_match_keys(job.JobConfig()))
    assert row["batch_timestamp"] == datetime(2026, 1, 1, 12, 0, 1, 500000, tzinfo=UTC)
    assert row["watermark"] == datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert (row["trigger_execution_ms"], row["add_batch_ms"], row["wal_commit_ms"]) == (900, 700, None)
    assert row["duration_ms"]["repartitionControlBatch"] == 5
    assert (row["state_rows_total"], row["state_commit_ms"]) == (15, 42)
    assert row["state_custom_metrics"] == {"rocksdbCommitCheckpointLatency": 7}
    assert (row["orders_input_rows"], row["payments_input_rows"]) == (4, 3)
    assert row["orders_metrics"] == {"numBytesOutstanding": "0"} and row["payments_end_offset"] == '{"v": 2}'
    assert row["latency_budget_ms"] == 800 and row["config_json"] is None


def test_retention_statement_deletes_rows_older_than_the_retention() -> None:
    assert job.retention_statement("main.m.p", 14) == (
        "DELETE FROM main.m.p WHERE recorded_at < current_timestamp() - INTERVAL 14 DAYS"
    )


def test_expired_partitions_are_whole_days_older_than_the_retention() -> None:
    names = [f"{job.PARTITION_COLUMN}=2026-01-{day:02d}" for day in (1, 2, 3, 16)] + ["_SUCCESS", "x=2020-01-01"]
    assert job.expired_partitions(names, date(2026, 1, 16), 14) == [f"{job.PARTITION_COLUMN}=2026-01-01"]


def test_parquet_retention_removes_expired_date_folders(tmp_path: Path) -> None:
    old, today = f"{job.PARTITION_COLUMN}=2000-01-01", f"{job.PARTITION_COLUMN}={job.utc_now().date()}"
    for name in (old, today):
        (tmp_path / name).mkdir()
    job.ParquetProgressSink(None, str(tmp_path), 14).expire()
    assert sorted(path.name for path in tmp_path.iterdir()) == [today]


class FlakySink:
    def __init__(self, failures: int) -> None:
        self.failures, self.written = failures, []

    def append(self, rows) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("table not reachable\nsecond line")
        self.written.extend(rows)

    def expire(self) -> None:
        raise RuntimeError("no DELETE permission")


def entry(n: int) -> dict:
    return {"event": "idle", "recorded_at": datetime(2026, 1, 1, tzinfo=UTC), "query_id": str(n), "run_id": "r"}


def test_a_failed_flush_keeps_its_rows_in_order_and_the_buffer_bounded(caplog) -> None:
    sink = FlakySink(failures=1)
    recorder = job.ProgressRecorder(sink, job.JobConfig(), {}, limit=3)
    for n in range(2):
        recorder.add(entry(n))
    assert recorder.flush() == 0 and recorder.pending() == 2
    assert "progress_flush_failed rows=2" in caplog.text and "second line" not in caplog.text
    for n in range(2, 4):
        recorder.add(entry(n))
    assert recorder.pending() == 3 and recorder.dropped == 1  # the oldest went first
    assert recorder.flush() == 3
    assert [row["query_id"] for row in sink.written] == ["1", "2", "3"]
    recorder.expire()  # a retention failure is a warning too
    assert "progress_retention_failed: no DELETE permission" in caplog.text


def test_stop_flushes_what_is_left() -> None:
    sink = FlakySink(failures=0)
    sink.expire = lambda: None
    recorder = job.ProgressRecorder(sink, job.JobConfig(), {}, flush_seconds=60)
    recorder.start()
    recorder.add(entry(1))
    recorder.stop(timeout=10)
    assert [row["query_id"] for row in sink.written] == ["1"]


def test_progress_flags_parse_and_default_off() -> None:
    parse = job.build_parser().parse_args
    assert job.JobConfig().progress_table == "" and job.JobConfig().progress_retention_days == 14
    arguments = parse(["--progress-table", "main.m.p", "--progress-retention-days", "3"])
    assert (arguments.progress_table, arguments.progress_retention_days) == ("main.m.p", 3)
    assert parse(["--progress-path", "/tmp/p"]).progress_table == "/tmp/p"
