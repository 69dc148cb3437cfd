"""Join correctness and bounded state on small deterministic input, through the job's own functions."""

from __future__ import annotations

from job_inputs import at, json_config, write_events
from pyspark.sql import Row
from pyspark.testing import assertDataFrameEqual, assertSchemaEqual

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

ORDER_AMOUNT, PAYMENT_AMOUNT = 1.5, 7.25  # different on each side, so swapped columns cannot pass
OUTPUT_SCHEMA = (
    "order_id BIGINT, order_time TIMESTAMP, payment_time TIMESTAMP, order_amount DOUBLE, payment_amount DOUBLE"
)


def start(spark, config):
    orders, payments = job.read_sources(spark, config)
    return job.start_query(job.join_streams(orders, payments, config), config)


def pair(order_id: int, order_offset: float, payment_offset: float) -> Row:
    return Row(
        order_id=order_id,
        order_time=at(order_offset),
        payment_time=at(payment_offset),
        order_amount=ORDER_AMOUNT,
        payment_amount=PAYMENT_AMOUNT,
    )


def write_pair_files(landing, name: str, orders: list, payments: list) -> None:
    write_events(landing["orders"], name, orders, amount=ORDER_AMOUNT)
    write_events(landing["payments"], name, payments, amount=PAYMENT_AMOUNT)


def test_inner_join_matches_in_range_only_and_drops_late_rows(spark, landing) -> None:
    config = json_config(landing)
    # Batch 1: order 1 and 3 have payments within +/-5 s; order 2's payment is 20 s later (outside).
    write_pair_files(landing, "b1", [(1, 0), (2, 1), (3, 2)], [(1, 2), (2, 21), (3, -1)])
    query = start(spark, config)
    try:
        query.processAllAvailable()
        # Batches 2 and 3: pairs at +100 s move both watermarks to +90 s. Late input is filtered by the
        # previous batch's watermark (Spark 3.5+), so it takes two batches before the filter applies.
        for batch, order_id in (("b2", 10), ("b2b", 12)):
            write_pair_files(landing, batch, [(order_id, 100)], [(order_id, 101)])
            query.processAllAvailable()
        # Batch 4: order 4 and its payment are 97 s late (past the +90 s watermark); 11 is on time.
        write_pair_files(landing, "b3", [(4, 3), (11, 102)], [(4, 3), (11, 104)])
        query.processAllAvailable()
        dropped = sum(
            op["numRowsDroppedByWatermark"] for progress in query.recentProgress for op in progress["stateOperators"]
        )
    finally:
        query.stop()
    written = spark.read.parquet(str(landing["output"]))
    assertSchemaEqual(written.schema, spark.createDataFrame([], OUTPUT_SCHEMA).schema)
    expected = [pair(1, 0, 2), pair(3, 2, -1), pair(10, 100, 101), pair(11, 102, 104), pair(12, 100, 101)]
    assertDataFrameEqual(written, expected)
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
