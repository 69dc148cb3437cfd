"""spark_keys.py: every spark.* key named is known to the pinned engine or allowed as Databricks-only."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from docutils import nodes
from runbook_checks import spark_keys
from runbook_checks.spark_keys import KeySnapshot, keys_in_text, snapshot_differences

from unit.fakes import need, page, para, section, source

SNAPSHOT = KeySnapshot.load(Path(spark_keys.__file__).with_name("spark_keys_snapshot.json"))
DBX_KEY = "spark.sql.streaming.stateStore.partitions"


def test_keys_in_text_skips_urls_and_wildcards() -> None:
    text = "Set spark.sql.shuffle.partitions (https://spark.apache.org/docs/x.html); spark.sql.streaming.a.* stays."
    assert keys_in_text(text) == {"spark.sql.shuffle.partitions"}


def test_lookup() -> None:
    assert SNAPSHOT.lookup("spark.sql.shuffle.partitions")["known"]
    assert SNAPSHOT.lookup("spark.sql.streaming.stateStore.rocksdb.compactOnCommit")[
        "known"
    ]  # case-insensitive provider
    assert not SNAPSHOT.lookup("spark.sql.streaming.stateStore.providerClazz")["known"]
    without = KeySnapshot("4.1.1", "tox -e spark-keys", frozenset(), frozenset(), {})
    assert not without.lookup("spark.sql.shuffle.partitions")["known"]  # runbook key missing from the snapshot


def test_snapshot_taken_with_another_pyspark() -> None:
    old = KeySnapshot("4.0.0", "tox -e spark-keys", frozenset(), frozenset(), {})
    assert (
        old.stale_for_installed_engine()
        == f"taken with pyspark 4.0.0, installed {version('pyspark')}; run `tox -e spark-keys`"
    )
    assert SNAPSHOT.stale_for_installed_engine() is None


def test_snapshot_differences() -> None:
    committed = {"pyspark": "4.1.1", "sql_confs": ["a", "b"], "rocksdb_confs": [], "proven_by_effect": {}}
    fresh = {
        "pyspark": "4.1.1",
        "sql_confs": ["b", "c"],
        "rocksdb_confs": [],
        "proven_by_effect": {"k": {"known": True}},
    }
    assert snapshot_differences(committed, fresh) == [
        "snapshot lists 'a', which the engine does not know",
        "snapshot lacks 'c', which the engine knows",
        "snapshot effect result for 'k' differs from the engine's (True)",
    ]


def runbook(text: str) -> nodes.document:
    return page("Runbook", section("Tuning", para(text, line=12), line=10))


def check(text: str, allowed: dict[str, str], needs: dict | None = None, evidence: str = "Nothing.") -> list:
    from unit.fakes import context

    doctrees = {"runbook": runbook(text), "evidence": page("Evidence", para(evidence, line=7))}
    needs = needs if needs is not None else {"SRC_DBX": source("SRC_DBX", "https://docs.databricks.com/aws/en/x")}
    return list(spark_keys.check(context(needs, doctrees, runbook_databricks_only_keys=allowed)))


def one(found: list, fragment: str):
    matching = [p for p in found if fragment in p.message]
    assert len(matching) == 1 and matching[0].subtype == "spark-key", found
    return matching[0]


def test_known_and_allowed_keys_pass() -> None:
    assert check(f"Set spark.sql.shuffle.partitions and {DBX_KEY}.", {DBX_KEY: "SRC_DBX"}) == []


@pytest.mark.parametrize(
    ("text", "allowed", "fragment", "where"),
    [
        pytest.param(
            "Set spark.sql.streaming.stateStore.providerClazz.",
            {},
            "spark key 'spark.sql.streaming.stateStore.providerClazz' is not known to the pinned engine",
            ("runbook", 12),
            id="unknown spark key named in the runbook",
        ),
        pytest.param(
            f"Set {DBX_KEY}.",
            {},
            f"spark key '{DBX_KEY}' is not known to the pinned engine",
            ("runbook", 12),
            id="Databricks-only key removed from the allow-list",
        ),
        pytest.param(
            "Set spark.sql.shuffle.partitions.",
            {"spark.sql.shuffle.partitions": "SRC_DBX"},
            "'spark.sql.shuffle.partitions' is allowed as Databricks-only, but the open-source engine knows it",
            None,
            id="open-source key on the Databricks-only allow-list",
        ),
        pytest.param(
            "Set spark.databricks.madeUp.fast.",
            {"spark.databricks.madeUp.fast": "REC_SCALE"},
            "'spark.databricks.madeUp.fast' must name a source need, not 'REC_SCALE'",
            None,
            id="made-up key allowed with a recommendation instead of a source",
        ),
        pytest.param(
            "Nothing named.",
            {"spark.databricks.io.cache.enabled": "SRC_DBX"},
            "'spark.databricks.io.cache.enabled' is allowed in the runbook policy but no page names it",
            None,
            id="allow-listed Databricks key that no page names",
        ),
    ],
)
def test_key_problem(text: str, allowed: dict, fragment: str, where: tuple | None) -> None:
    needs = {
        "SRC_DBX": source("SRC_DBX", "https://docs.databricks.com/aws/en/x"),
        "REC_SCALE": need("REC_SCALE", "rec"),
    }
    assert one(check(text, allowed, needs), fragment).location == where


def test_unknown_key_on_another_page() -> None:
    problem = one(
        check("Nothing.", {}, evidence="Uses spark.sql.streaming.fastLane."), "'spark.sql.streaming.fastLane'"
    )
    assert problem.location == ("evidence", 7)


def test_unknown_key_in_a_need_title() -> None:
    needs = {"REC_BUDGET": need("REC_BUDGET", "rec", lineno=44, title="Set spark.sql.streaming.budgetMs")}
    problem = one(check("Nothing.", {}, needs), "spark key 'spark.sql.streaming.budgetMs'")
    assert problem.location == ("runbook", 44)
