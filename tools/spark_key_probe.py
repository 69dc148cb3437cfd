"""Write the Spark key snapshot: every spark.* key the pinned open-source engine knows.

The engine stays the authority, but it runs here, where Java already is (tox -e spark-keys, and the
staleness test in tox's job env), not during the docs build. The snapshot lists the SQL confs the
engine registers as modifiable (what `spark.conf.isModifiable` accepts), the keys its RocksDB state
store provider reads (not SQL confs), and keys proven by an observable effect.

Usage: python spark_key_probe.py [--write | --out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from pyspark.sql import SparkSession

SNAPSHOT = Path(__file__).resolve().parents[1] / "_ext" / "runbook_checks" / "spark_keys_snapshot.json"
REGENERATE = "tox -e spark-keys"
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
    return {"known": proven, "how": "effect: a stateful query writes .changelog state files only with the key on"}


# RocksDB keys are not registered SQL confs; each needs an observable effect to count as real.
EFFECT_PROBES = {CHANGELOG_KEY: prove_changelog_key}


def modifiable_sql_confs(spark: SparkSession) -> list[str]:
    """Every registered SQL conf that a session may set (static confs excluded), as isModifiable says."""
    registry = getattr(spark._jvm.org.apache.spark.sql.internal, "SQLConf$").__getattr__("MODULE$")
    keys = {entry.key() for entry in registry.getConfigEntries().toArray()}
    return sorted(key for key in keys if spark.conf.isModifiable(key))


def rocksdb_confs(spark: SparkSession) -> list[str]:
    """Keys the open-source RocksDB provider reads (not SQL confs; it matches them case-insensitively)."""
    registry = spark._jvm.java.lang.Class.forName("org.apache.spark.sql.execution.streaming.state.RocksDBConf$")
    module = registry.getField("MODULE$").get(None)
    keys = set()
    for declared in registry.getDeclaredFields():
        declared.setAccessible(True)
        value = declared.get(module)
        if hasattr(value, "getClass") and value.getClass().getName().endswith("SQLConfEntry"):
            keys.add(str(value.fullName()).lower())
    return sorted(keys)


# Session settings the probe needs; snapshot_of() sets them and gives the caller's values back afterwards.
PROBE_CONF = {"spark.sql.shuffle.partitions": "1", "spark.sql.streaming.stateStore.providerClass": ROCKSDB_PROVIDER}


def snapshot_of(spark: SparkSession) -> dict:
    """The snapshot, taken in a running session (the tests share theirs); its settings are restored."""
    touched = [*PROBE_CONF, *EFFECT_PROBES]
    before = {key: spark.conf.get(key, None) for key in touched}
    for key, value in PROBE_CONF.items():
        spark.conf.set(key, value)
    try:
        return {
            "pyspark": version("pyspark"),
            "regenerate": REGENERATE,
            "sql_confs": modifiable_sql_confs(spark),
            "rocksdb_confs": rocksdb_confs(spark),
            "proven_by_effect": {key: probe(spark) for key, probe in sorted(EFFECT_PROBES.items())},
        }
    finally:
        for key, value in before.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def take_snapshot() -> dict:
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("spark-key-snapshot")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        return snapshot_of(spark)
    finally:
        spark.stop()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="write here (default: print to stdout)")
    parser.add_argument("--write", action="store_true", help=f"write the committed snapshot {SNAPSHOT.name}")
    args = parser.parse_args(argv)
    text = json.dumps(take_snapshot(), indent=1, sort_keys=True) + "\n"
    out = SNAPSHOT if args.write else args.out
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
