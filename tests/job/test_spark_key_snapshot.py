"""The committed Spark key snapshot must be what the pinned engine says today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from runbook_checks.spark_keys import snapshot_differences
from spark_key_probe import snapshot_of

COMMITTED = REPO_ROOT / "_ext" / "runbook_checks" / "spark_keys_snapshot.json"


@pytest.fixture(scope="module")
def fresh_snapshot(spark) -> dict:
    """What the pinned engine says now, asked in the tests' shared session before it has run anything (the
    engine registers some keys only when a feature first loads; conftest.py runs this module first)."""
    ran = spark.sparkContext.statusTracker().getJobIdsForGroup()
    assert not ran, f"the shared session already ran {len(ran)} Spark jobs; the key snapshot needs it fresh"
    return snapshot_of(spark)


def committed() -> dict:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_committed_snapshot_matches_the_pinned_engine(fresh_snapshot: dict) -> None:
    problems = snapshot_differences(committed(), fresh_snapshot)
    assert problems == [], f"stale {Path(COMMITTED).name}; run `tox -e spark-keys`: {problems[:5]}"


def test_snapshot_covers_the_runbook_keys(fresh_snapshot: dict) -> None:
    assert "spark.sql.shuffle.partitions" in fresh_snapshot["sql_confs"]
    assert "spark.sql.streaming.noDataMicroBatches.enabled" in fresh_snapshot["sql_confs"]
    assert all(result["known"] for result in fresh_snapshot["proven_by_effect"].values())


def without(snapshot: dict, key: str) -> dict:
    return snapshot | {"sql_confs": [item for item in snapshot["sql_confs"] if item != key]}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: without(s, "spark.sql.shuffle.partitions"), "lacks 'spark.sql.shuffle.partitions'"),
        (lambda s: s | {"sql_confs": [*s["sql_confs"], "spark.sql.madeUp.key"]}, "lists 'spark.sql.madeUp.key'"),
        (lambda s: s | {"pyspark": "3.5.0"}, "snapshot pyspark 3.5.0"),
        (
            lambda s: s | {"proven_by_effect": {k: {**v, "known": False} for k, v in s["proven_by_effect"].items()}},
            "effect result",
        ),
    ],
    ids=["key removed", "key added", "other pyspark", "effect result flipped"],
)
def test_an_edited_snapshot_is_reported_stale(fresh_snapshot: dict, edit, expected: str) -> None:
    problems = snapshot_differences(edit(committed()), fresh_snapshot)
    assert any(expected in problem for problem in problems), problems
