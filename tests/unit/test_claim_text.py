"""claim_text.py: navigation text, restating a recommendation, attribution to a publisher (the policy's words)."""

from __future__ import annotations

import pytest
from runbook_checks.claim_text import (
    ClaimWords,
    attributed_publishers,
    navigation_problem,
    restates,
    setting_keys,
    terms,
)

from unit.fakes import config

WORDS = ClaimWords.of(config())
SCALE = {
    "type": "rec",
    "title": "Scale to 4 workers only on a sustained, diagnosed shortage of compute",
    "settings": ["num_workers=2"],
}
WORKERS = {"type": "rec", "title": "Use compute-optimized worker instances", "settings": ["node_type_id=c5.xlarge"]}
KEYS = setting_keys({"REC_SCALE": SCALE, "REC_WORKERS": WORKERS})


@pytest.mark.parametrize(
    "text",
    [
        "Failure alert: a run failed",
        "Who may do what",
        "Route A: change partitions, keep the checkpoint",
        "The next table lists the checks; the Tuning Playbook says why.",
        "Recommendations on the left, the sources they link to on the right.",
    ],
)
def test_navigation_text_passes(text: str) -> None:
    assert navigation_problem(text, WORDS, KEYS) == ""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("When to scale to 4 workers", "a figure ('4')"),
        ("Two workers suffice", "a number word ('Two')"),
        ("What Databricks advises", "a publisher's name ('Databricks')"),
        ("You should restart nightly", "advice ('should')"),
        ("Recommended settings", "advice ('Recommended')"),
        ("Keep spark.sql.shuffle.partitions as it is", "a setting key ('spark.sql.shuffle.partitions')"),
        ("Where node_type_id is set", "a setting key ('node_type_id')"),
    ],
)
def test_a_claim_is_not_navigation(text: str, problem: str) -> None:
    assert navigation_problem(text, WORDS, KEYS) == problem


def test_the_threshold_is_the_policy_s_and_both_sides_hold() -> None:
    assert WORDS.restate_min_terms == 2
    # two title terms (scale, compute) restate it; one (scale) does not
    assert restates("Scale out when compute runs short.", SCALE, WORDS.restate_min_terms)
    assert not restates("Scale out now.", SCALE, WORDS.restate_min_terms)
    assert not restates("Wait for the next resend of the alert.", SCALE, WORDS.restate_min_terms)
    # the reference's own ID is not in the text the rule reads; stems match across word forms
    assert restates("Scaling adds workers.", SCALE, WORDS.restate_min_terms)


def test_a_setting_key_or_value_restates_but_a_bare_number_does_not() -> None:
    assert restates("Keep the c5.xlarge nodes.", WORKERS, 2)
    assert restates("The spec's num_workers stays.", SCALE, 2)
    assert not restates("Keep 2 of them.", SCALE, 2)  # the value 2 is too common to count


def test_a_short_title_needs_all_its_terms() -> None:
    short = {"type": "rec", "title": "Backlog alert"}
    assert restates("Read the backlog alert.", short, 3)
    assert not restates("Read the backlog.", short, 3)


def test_terms_leave_out_common_words_and_stem() -> None:
    assert terms("The workers of the cluster") == terms("worker clusters")
    assert "the" not in terms("the UI") and "ui" in terms("the UI")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Databricks advises choosing a trigger.", ["Databricks"]),
        ("Spark's guide states the default.", ["Spark"]),
        ("Databricks' older state rebalancing page recommends against autoscaling.", ["Databricks"]),
        ("According to Databricks, the trigger balances cost.", ["Databricks"]),
        ("Spark states one thing and Databricks says another.", ["Spark", "Databricks"]),
    ],
)
def test_attribution_to_a_publisher(text: str, names: list[str]) -> None:
    assert attributed_publishers(text, WORDS) == names


@pytest.mark.parametrize(
    "text",
    [
        "A Databricks SQL alert on the freshness query would close that gap.",
        "Open-source Spark would otherwise use the HDFS-backed store.",
        "Set spark.sql.shuffle.partitions; the pages say why.",  # a key is not the publisher
        "The job writes to Databricks. The guide says so.",  # the verb is in the next sentence
    ],
)
def test_naming_a_publisher_is_not_attribution(text: str) -> None:
    assert attributed_publishers(text, WORDS) == []
