"""The playbook's reset route: a new checkpoint with a starting point per input writes each pair once.

A new checkpoint has no offsets; the starting point decides what is read again. Starting early
re-reads some input already joined; the sink, which skips pairs it holds, makes that overlap harmless.
Locally the starting timestamp selects JSON files by their write time, as Delta's selects commits.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from job_inputs import json_config, write_events

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

FILES, PAIRS_PER_FILE = 12, 5
FIRST_RUN_FILES = 6  # f00-f05 exist when the old query runs; f06-f11 arrive during the reset


def write_files(landing: dict[str, Path], indexes: range, first_written: float) -> None:
    for index in indexes:
        pairs = [(index * PAIRS_PER_FILE + n, index * 2 + n * 0.1) for n in range(PAIRS_PER_FILE)]
        for side in ("orders", "payments"):
            write_events(landing[side], f"f{index:02d}", pairs)
            os.utime(landing[side] / f"f{index:02d}.json", (first_written + index, first_written + index))


def run_to_end(spark, config: job.JobConfig) -> int:
    """Run until the input present now is processed; return the input rows read."""
    orders, payments = job.read_sources(spark, config)
    query = job.start_query(job.join_streams(orders, payments, config), config)
    query.awaitTermination()
    return sum(progress["numInputRows"] for progress in query.recentProgress)


def written_order_ids(spark, output: Path) -> Counter:
    return Counter(row.order_id for row in spark.read.parquet(str(output)).select("order_id").collect())


def starting_at(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).isoformat(sep=" ")


@pytest.mark.parametrize("files_per_batch", [0, 1], ids=["overlap-in-one-batch", "overlap-over-several-batches"])
def test_new_checkpoint_with_an_early_starting_point_writes_each_pair_once(
    spark, landing, tmp_path, files_per_batch: int
) -> None:
    first_written = int(time.time()) - 100  # whole seconds: file times are read in milliseconds
    write_files(landing, range(FIRST_RUN_FILES), first_written)
    run_to_end(spark, json_config(landing, trigger_interval="available-now"))
    assert sum(written_order_ids(spark, landing["output"]).values()) == FIRST_RUN_FILES * PAIRS_PER_FILE

    write_files(landing, range(FIRST_RUN_FILES, FILES), first_written)
    overlap_from = FIRST_RUN_FILES - 2  # start two files before the old query's end: re-read f04, f05
    # One file per batch: the sink checks the overlap's batches and then stops reading its output back.
    reset = json_config(
        landing,
        trigger_interval="available-now",
        checkpoint_location=str(tmp_path / "new-checkpoint"),
        left_starting_timestamp=starting_at(first_written + overlap_from),
        right_starting_timestamp=starting_at(first_written + overlap_from),
        max_files_per_trigger=files_per_batch,
    )
    rows_read = run_to_end(spark, reset)

    assert rows_read == 2 * (FILES - overlap_from) * PAIRS_PER_FILE, "the starting point did not select files"
    counts = written_order_ids(spark, landing["output"])
    assert set(counts) == set(range(FILES * PAIRS_PER_FILE))
    assert max(counts.values()) == 1, {order_id: n for order_id, n in counts.items() if n > 1}


def test_a_late_starting_point_loses_the_pairs_before_it(spark, landing, tmp_path) -> None:
    first_written = int(time.time()) - 100  # whole seconds: file times are read in milliseconds
    write_files(landing, range(FILES), first_written)
    late = json_config(
        landing,
        trigger_interval="available-now",
        left_starting_timestamp=starting_at(first_written + 8),
        right_starting_timestamp=starting_at(first_written + 8),
    )
    run_to_end(spark, late)
    assert set(written_order_ids(spark, landing["output"])) == set(range(8 * PAIRS_PER_FILE, FILES * PAIRS_PER_FILE))


def test_sink_skips_pairs_it_already_holds_when_a_batch_is_replayed(spark, landing, tmp_path) -> None:
    write_files(landing, range(3), time.time() - 100)
    run_to_end(spark, json_config(landing, trigger_interval="available-now"))
    # Same input, new checkpoint, no starting point: everything is read and joined again.
    run_to_end(spark, json_config(landing, trigger_interval="available-now", checkpoint_location=str(tmp_path / "c2")))
    counts = written_order_ids(spark, landing["output"])
    assert set(counts) == set(range(3 * PAIRS_PER_FILE)) and max(counts.values()) == 1


def test_the_sink_reads_its_output_back_only_for_batches_that_can_overlap_an_earlier_query() -> None:
    assert not job.may_hold_earlier_pairs(5, None)  # the output was empty when the query started
    assert job.may_hold_earlier_pairs(5, 5) and job.may_hold_earlier_pairs(4, 5)
    assert not job.may_hold_earlier_pairs(6, 5)  # every pair of the batch is later than all earlier pairs
