"""Ask the pinned PySpark engine whether spark.* keys are real; prints one JSON line.

Usage: python spark_key_probe.py KEY [KEY ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

ROCKSDB_PREFIX = "spark.sql.streaming.stateStore.rocksdb."
ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"
CHANGELOG_KEY = ROCKSDB_PREFIX + "changelogCheckpointing.enabled"


def state_files_after_stateful_query(spark: SparkSession, changelog: bool) -> set[str]:
    """Run two micro-batches of a stateful aggregation on RocksDB; return state file suffixes."""
    spark.conf.set(CHANGELOG_KEY, str(changelog).lower())
    with tempfile.TemporaryDirectory() as work:
        landing, checkpoint = Path(work, "in"), Path(work, "checkpoint")
        landing.mkdir()
        for batch in range(2):
            (landing / f"{batch}.json").write_text(json.dumps({"k": batch}) + "\n")
            query = (
                spark.readStream.schema("k INT")
                .json(str(landing))
                .groupBy("k")
                .count()
                .writeStream.format("noop")
                .outputMode("update")
                .option("checkpointLocation", str(checkpoint))
                .trigger(availableNow=True)
                .start()
            )
            query.awaitTermination()
        return {path.suffix for path in (checkpoint / "state").rglob("*") if path.is_file()}


def prove_changelog_key(spark: SparkSession) -> dict:
    enabled = state_files_after_stateful_query(spark, changelog=True)
    disabled = state_files_after_stateful_query(spark, changelog=False)
    proven = ".changelog" in enabled and ".changelog" not in disabled and ".zip" in disabled
    return {
        "known": proven,
        "how": f"effect: state files with key on {sorted(enabled)}, off {sorted(disabled)}",
    }


# RocksDB keys are not registered SQL confs; each needs an observable effect to count as real.
EFFECT_PROBES = {CHANGELOG_KEY: prove_changelog_key}


def main(keys: list[str]) -> None:
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("spark-key-probe")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.streaming.stateStore.providerClass", ROCKSDB_PROVIDER)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    results = {}
    for key in keys:
        if key in EFFECT_PROBES:
            results[key] = EFFECT_PROBES[key](spark)
        elif key.startswith(ROCKSDB_PREFIX):
            results[key] = {"known": False, "how": "RocksDB key with no effect probe in spark_key_probe.py"}
        else:
            results[key] = {"known": bool(spark.conf.isModifiable(key)), "how": "spark.conf.isModifiable"}
    spark.stop()
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
