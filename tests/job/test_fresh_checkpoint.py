"""The playbook's reset route: a new checkpoint with a starting point per input writes each pair once.

A new checkpoint has no offsets; the starting point decides what is read again. Starting early
re-reads some input already joined; the sink, which skips pairs it holds, makes that overlap harmless.
Locally the starting timestamp selects JSON files by their write time, as Delta's selects commits.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from job_inputs import T0, json_config, write_events

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

FILES, PAIRS_PER_FILE = 8, 5
FIRST_RUN_FILES = 4  # f00-f03 exist when the old query runs; f04-f07 arrive during the reset
LATE_FROM = 5  # a starting point at file f05: the pairs of f00-f04 are lost


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
    overlap_from = FIRST_RUN_FILES - 2  # start two files before the old query's end: re-read f02, f03
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
        left_starting_timestamp=starting_at(first_written + LATE_FROM),
        right_starting_timestamp=starting_at(first_written + LATE_FROM),
    )
    run_to_end(spark, late)
    kept = set(range(LATE_FROM * PAIRS_PER_FILE, FILES * PAIRS_PER_FILE))
    assert set(written_order_ids(spark, landing["output"])) == kept


def test_sink_skips_pairs_it_already_holds_when_a_batch_is_replayed(spark, landing, tmp_path) -> None:
    write_files(landing, range(3), time.time() - 100)
    run_to_end(spark, json_config(landing, trigger_interval="available-now"))
    # Same input, new checkpoint, no starting point: everything is read and joined again.
    run_to_end(spark, json_config(landing, trigger_interval="available-now", checkpoint_location=str(tmp_path / "c2")))
    counts = written_order_ids(spark, landing["output"])
    assert set(counts) == set(range(3 * PAIRS_PER_FILE)) and max(counts.values()) == 1


# ---------------------------------------------------------------------------------------------
# A quiet input: the watermark stalls, rows of the busy input wait in the old state
# ---------------------------------------------------------------------------------------------
QUIET_ORDERS_AGO = (300, 240, 180, 120, 60, 5)  # orders 1-6, seconds before the old query runs
FIRST_PAIR_AGO = 400  # order 0 and payment 0, the last payment before payments go quiet
WATERMARK_DELAY_SECONDS, JOIN_RANGE_SECONDS = 10, 5


def write_at(folder: Path, name: str, events: list[tuple[int, int]], t0_epoch: int, written: int) -> None:
    """One landing file of (order_id, epoch seconds) events, its write time set to `written`."""
    write_events(folder, name, [(order_id, moment - t0_epoch) for order_id, moment in events])
    os.utime(folder / f"{name}.json", (written, written))


def written_pair_counts(spark, output: Path) -> Counter:
    return Counter(tuple(row) for row in spark.read.parquet(str(output)).select(*job.PAIR_KEY).collect())


def as_collected(epoch_seconds: int) -> datetime:
    """The naive local datetime PySpark collects for the instant `epoch_seconds`."""
    return datetime.fromtimestamp(epoch_seconds)


def reset_config(landing: dict[str, Path], checkpoint: Path, output: Path, starting: str) -> job.JobConfig:
    return json_config(
        landing,
        trigger_interval="available-now",
        checkpoint_location=str(checkpoint),
        output=str(output),
        left_starting_timestamp=starting,
        right_starting_timestamp=starting,
    )


def test_reset_after_a_quiet_input_needs_the_committed_watermark(spark, landing, tmp_path) -> None:
    # Event times as Spark reads the landing files' zone-less times, so files can be written "when" events happen.
    t0_epoch = spark.sql(f"SELECT unix_seconds(TIMESTAMP '{T0:%Y-%m-%d %H:%M:%S}')").first()[0]
    now = int(time.time())
    first = now - FIRST_PAIR_AGO
    write_at(landing["orders"], "o00", [(0, first)], t0_epoch, first + 1)
    write_at(landing["payments"], "p00", [(0, first)], t0_epoch, first + 1)
    orders = {order_id: now - ago for order_id, ago in enumerate(QUIET_ORDERS_AGO, start=1)}
    for order_id, moment in orders.items():  # each order lands one second after its event time
        write_at(landing["orders"], f"o{order_id:02d}", [(order_id, moment)], t0_epoch, moment + 1)

    # The old query: payments are quiet, so the watermark stays at payment 0 minus the delay, and
    # orders 1-6 wait in its state for their payments.
    old = json_config(landing, trigger_interval="available-now")
    before_ms = int(time.time() * 1000)
    run_to_end(spark, old)
    watermark_ms, last_batch_ms = job.committed_watermark_ms(old.checkpoint_location)
    assert watermark_ms == (first - WATERMARK_DELAY_SECONDS) * 1000, "the watermark did not stall with payments"
    assert before_ms <= last_batch_ms <= int(time.time() * 1000)
    assert set(written_pair_counts(spark, landing["output"])) == {(0, as_collected(first), as_collected(first))}

    # Job paused; payments resume, each one second after its order, all landing now.
    resumed = int(time.time())
    for order_id, moment in orders.items():
        write_at(landing["payments"], f"p{order_id:02d}", [(order_id, moment + 1)], t0_epoch, resumed)
    new_rule_output = tmp_path / "output-new-rule"
    shutil.copytree(landing["output"], new_rule_output)
    expected = {(0, as_collected(first), as_collected(first))} | {
        (order_id, as_collected(moment), as_collected(moment + 1)) for order_id, moment in orders.items()
    }

    # (i) The old rule: last committed batch minus (delay + range). Orders 1-5 are never read again.
    old_rule_ms = last_batch_ms - (WATERMARK_DELAY_SECONDS + JOIN_RANGE_SECONDS) * 1000
    old_rule = job.utc_timestamp_text(old_rule_ms)
    run_to_end(spark, reset_config(landing, tmp_path / "checkpoint-old-rule", landing["output"], old_rule))
    old_counts = written_pair_counts(spark, landing["output"])
    reread = {order_id for order_id, moment in orders.items() if (moment + 1) * 1000 >= old_rule_ms}
    assert {pair[0] for pair in old_counts} == {0} | reread, "the old rule lost other pairs than expected"
    assert not {1, 2, 3, 4, 5} & set(reread) and max(old_counts.values()) == 1

    # (ii) The committed watermark's rule: every pair, none twice.
    new_rule = job.reset_starting_point(watermark_ms, last_batch_ms, old.watermark_delay, old.join_range_seconds)
    assert new_rule is not None and new_rule < job.utc_timestamp_text(watermark_ms - JOIN_RANGE_SECONDS * 1000)
    run_to_end(spark, reset_config(landing, tmp_path / "checkpoint-new-rule", new_rule_output, new_rule))
    new_counts = written_pair_counts(spark, new_rule_output)
    assert set(new_counts) == expected and max(new_counts.values()) == 1, new_counts
    print(f"quiet input: old rule {len(old_counts)} of {len(expected)} pairs, new rule {len(new_counts)}")


def test_spark_reads_the_starting_point_as_utc_in_any_session_zone(spark) -> None:
    """The job's JSON filter casts the option like Delta's startingTimestamp does: the 'Z' must win."""
    text = job.utc_timestamp_text(1_796_139_323_633)
    zone = spark.conf.get("spark.sql.session.timeZone")
    try:
        for session_zone in ("America/New_York", "Asia/Kolkata"):
            spark.conf.set("spark.sql.session.timeZone", session_zone)
            assert spark.sql(f"SELECT unix_millis(CAST('{text}' AS TIMESTAMP))").first()[0] == 1_796_139_323_633
    finally:
        spark.conf.set("spark.sql.session.timeZone", zone)


# ---------------------------------------------------------------------------------------------
# The starting-point functions without Spark
# ---------------------------------------------------------------------------------------------
MINUTE_MS = 60_000
LAST_BATCH_MS = 1_796_139_323_633  # 2026-12-01T15:35:23.633Z, from a real offsets file


def test_reset_starting_point_follows_a_stalled_watermark() -> None:
    stalled = LAST_BATCH_MS - 10 * MINUTE_MS  # one input quiet for ten minutes
    start = job.reset_starting_point(stalled, LAST_BATCH_MS, "10 seconds", 5)
    assert start == job.utc_timestamp_text(stalled - 5_000 - job.RESET_MARGIN_SECONDS * 1000)
    assert start == "2026-12-01T15:24:18.633Z"


def test_reset_starting_point_follows_the_last_batch_when_it_is_earlier() -> None:
    ahead = LAST_BATCH_MS + MINUTE_MS  # event times ahead of the processing clock
    start = job.reset_starting_point(ahead, LAST_BATCH_MS, "1 minute 30 seconds", 5, margin_seconds=0)
    assert start == job.utc_timestamp_text(LAST_BATCH_MS - 95_000) == "2026-12-01T15:33:48.633Z"


def test_reset_starting_point_is_utc_with_an_explicit_zone() -> None:
    start = job.reset_starting_point(LAST_BATCH_MS, LAST_BATCH_MS, "500 milliseconds", 1, margin_seconds=0.25)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", start)
    # The last-batch side is earlier here: 0.5 s delay + 1 s range + 0.25 s margin before the last batch.
    assert round(datetime.fromisoformat(start).timestamp() * 1000) == LAST_BATCH_MS - 1_750


def test_no_watermark_means_no_starting_point() -> None:
    assert job.reset_starting_point(0, LAST_BATCH_MS, "10 seconds", 5) is None


def test_an_unreadable_watermark_delay_is_one_error() -> None:
    for text in ("10", "ten seconds", "10 fortnights", ""):
        with pytest.raises(job.JobError, match="cannot read the interval"):
            job.reset_starting_point(LAST_BATCH_MS, LAST_BATCH_MS, text, 5)


def write_checkpoint_batch(checkpoint: Path, batch_id: int, watermark_ms: int, timestamp_ms: int) -> None:
    """Batch files as Spark 4.1.1 writes them (formats copied from a real checkpoint), plus a checksum file."""
    for folder in ("commits", "offsets"):
        (checkpoint / folder).mkdir(parents=True, exist_ok=True)
        (checkpoint / folder / f".{batch_id}.crc").write_bytes(b"crc")
    (checkpoint / "commits" / str(batch_id)).write_text(f'v1\n{{"nextBatchWatermarkMs":{watermark_ms}}}')
    metadata = {"batchWatermarkMs": 0, "batchTimestampMs": timestamp_ms, "conf": {"spark.sql.shuffle.partitions": "2"}}
    offsets = f'v1\n{json.dumps(metadata)}\n{{"logOffset":{batch_id}}}\n{{"logOffset":{batch_id}}}'
    (checkpoint / "offsets" / str(batch_id)).write_text(offsets)


def test_committed_watermark_is_read_from_the_highest_batch(tmp_path) -> None:
    write_checkpoint_batch(tmp_path, 9, 1_000, 2_000)
    write_checkpoint_batch(tmp_path, 10, 3_000, 4_000)  # 10 after 9: numeric, not text order
    (tmp_path / "offsets" / "11").write_text((tmp_path / "offsets" / "10").read_text())  # planned, not committed
    assert job.committed_watermark_ms(str(tmp_path)) == (3_000, 4_000)
    assert job.committed_watermark_ms(f"file:{tmp_path}") == (3_000, 4_000)


def test_committed_watermark_refuses_what_it_cannot_read(tmp_path) -> None:
    with pytest.raises(job.JobError, match="no committed batch"):
        job.committed_watermark_ms(str(tmp_path))
    with pytest.raises(job.JobError, match="mounted path"):
        job.committed_watermark_ms("dbfs:/checkpoints/old")
    write_checkpoint_batch(tmp_path, 0, 1_000, 2_000)
    (tmp_path / "offsets" / "0").unlink()
    with pytest.raises(job.JobError, match="missing"):
        job.committed_watermark_ms(str(tmp_path))


def test_owner_prints_the_starting_point_from_the_old_checkpoint(tmp_path, capsys) -> None:
    write_checkpoint_batch(tmp_path / "stalled", 3, LAST_BATCH_MS - 10 * MINUTE_MS, LAST_BATCH_MS)
    assert job.main(["--print-reset-starting-point", "--checkpoint-location", str(tmp_path / "stalled")]) == 0
    assert capsys.readouterr().out == "2026-12-01T15:24:18.633Z\n"

    write_checkpoint_batch(tmp_path / "never-set", 3, 0, LAST_BATCH_MS)
    assert job.main(["--print-reset-starting-point", "--checkpoint-location", str(tmp_path / "never-set")]) == 0
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err == job.NO_STARTING_POINT + "\n"


def test_the_sink_reads_its_output_back_only_for_batches_that_can_overlap_an_earlier_query() -> None:
    assert not job.may_hold_earlier_pairs(5, None)  # the output was empty when the query started
    assert job.may_hold_earlier_pairs(5, 5) and job.may_hold_earlier_pairs(4, 5)
    assert not job.may_hold_earlier_pairs(6, 5)  # every pair of the batch is later than all earlier pairs
