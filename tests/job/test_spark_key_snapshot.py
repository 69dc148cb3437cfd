"""The committed Spark key snapshot must be what the pinned engine says today."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from runbook_checks.spark_keys import snapshot_differences

PROBE = REPO_ROOT / "tools" / "spark_key_probe.py"
COMMITTED = PROBE.with_name("spark_keys_snapshot.json")


@pytest.fixture(scope="module")
def fresh_snapshot(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("spark-keys") / "snapshot.json"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "_ext")}
    completed = subprocess.run(
        [sys.executable, str(PROBE), "--out", str(out)], capture_output=True, text=True, env=env, check=False
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


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
