"""Join correctness and bounded state on small deterministic input, through the job's own functions."""

from __future__ import annotations

from conftest import json_config, write_events

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job


def start(spark, config):
    orders, payments = job.read_sources(spark, config)
    return job.start_query(job.join_streams(orders, payments, config), config)


def joined_ids(spark, output) -> list[int]:
    return sorted(row.order_id for row in spark.read.parquet(str(output)).select("order_id").collect())


def test_inner_join_matches_in_range_only_and_drops_late_rows(spark, landing) -> None:
    config = json_config(landing)
    # Batch 1: order 1 and 3 have payments within +/-5 s; order 2's payment is 20 s later (outside).
    write_events(landing["orders"], "b1", [(1, 0), (2, 1), (3, 2)])
    write_events(landing["payments"], "b1", [(1, 2), (2, 21), (3, -1)])
    query = start(spark, config)
    try:
        query.processAllAvailable()
        # Batches 2 and 3: pairs at +100 s move both watermarks to +90 s. Late input is filtered by the
        # previous batch's watermark (Spark 3.5+), so it takes two batches before the filter applies.
        for batch, order_id in (("b2", 10), ("b2b", 12)):
            write_events(landing["orders"], batch, [(order_id, 100)])
            write_events(landing["payments"], batch, [(order_id, 101)])
            query.processAllAvailable()
        # Batch 4: order 4 and its payment are 97 s late (past the +90 s watermark); 11 is on time.
        write_events(landing["orders"], "b3", [(4, 3), (11, 102)])
        write_events(landing["payments"], "b3", [(4, 3), (11, 104)])
        query.processAllAvailable()
        dropped = sum(
            op["numRowsDroppedByWatermark"] for progress in query.recentProgress for op in progress["stateOperators"]
        )
    finally:
        query.stop()
    assert joined_ids(spark, landing["output"]) == [1, 3, 10, 11, 12]
    assert dropped >= 2, "the two late rows of order 4 must be dropped by the watermark"


def test_join_state_falls_after_the_watermark_passes(spark, landing) -> None:
    config = json_config(landing)
    # 50 orders with no payment: they stay in state until the watermark passes them.
    write_events(landing["orders"], "b1", [(order_id, order_id * 0.1) for order_id in range(100, 150)])
    write_events(landing["payments"], "b1", [(1, 0)])
    query = start(spark, config)
    try:
        query.processAllAvailable()
        for batch, offset in enumerate((200, 201, 202), start=2):
            write_events(landing["orders"], f"b{batch}", [(1000 + batch, offset)])
            write_events(landing["payments"], f"b{batch}", [(5000 + batch, offset)])
            query.processAllAvailable()
        state_rows = [
            sum(op["numRowsTotal"] for op in progress["stateOperators"])
            for progress in query.recentProgress
            if progress["numInputRows"] > 0
        ]
    finally:
        query.stop()
    assert max(state_rows) >= 50, state_rows
    assert state_rows[-1] < 10, f"state did not fall after the watermark passed: {state_rows}"
