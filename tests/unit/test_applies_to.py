"""applies_to.py: a source's applies_to text states the range of runtime_min / runtime_max."""

from __future__ import annotations

import pytest
from runbook_checks import applies_to
from runbook_checks.applies_to import disagreement

from unit.fakes import context, source

DBX = "https://docs.databricks.com/aws/en/a"
SPARK = "https://spark.apache.org/docs/4.1.1/a.html"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Databricks Runtime 13.3 LTS and above (AWS documentation)", "DBR 13.3", None),
        ("Databricks Runtime 18.3 and above (other captures say 18 or 18 LTS)", "DBR 18.3", None),
        ("Databricks Runtime 16.4 LTS and above on classic compute; joins need Runtime 18", "DBR 16.4", None),
        ("Databricks Runtime 18, titled Beta at capture; no LTS label seen", "DBR 18", "DBR 18"),
        ("Apache Spark 4.1.1 (checked against the PySpark source)", "Spark 4.1", "Spark 4.1"),
        ("Apache Spark 4.1 and later (read on the 4.3.0 page)", "Spark 4.1", None),
        ("current Databricks documentation; backlog metrics in Public Preview", "any", None),
        ("Databricks CLI 0.205 and above (the CLI is in Public Preview)", "any", None),
    ],
)
def test_applies_to_that_states_the_range(text: str, low: str, high: str | None) -> None:
    assert disagreement(text, low, high) == ""


@pytest.mark.parametrize(
    ("text", "low", "high", "why"),
    [
        (
            "Databricks Runtime 13.3 LTS and above",
            "DBR 14.3",
            None,
            "says 'Databricks Runtime 13.3 LTS and above' but runtime_min is DBR 14.3",
        ),
        ("Databricks Runtime 13.3 LTS and above", "DBR 13.3", "DBR 15.4", "an open range, but runtime_max is DBR 15.4"),
        ("Apache Spark 4.1.1", "Spark 4.1", None, "one version, but the range Spark 4.1 - newer is open"),
        ("Apache Spark 3.5.0 (older page)", "Spark 4.1", "Spark 4.1", "outside the range Spark 4.1 - Spark 4.1"),
        (
            "Databricks Runtime 13.3 LTS and above",
            "any",
            None,
            "names 'Databricks Runtime 13.3 LTS and above' but runtime_min is any",
        ),
        ("Apache Spark 4.1 and later", "DBR 13.3", None, "another product than runtime_min DBR 13.3"),
        (
            "runtimes with state repartitioning (see SRC_X)",
            "DBR 18.3",
            None,
            "does not state the range DBR 18.3 - newer",
        ),
        ("current documentation (Databricks Runtime 13.3 and above)", "DBR 13.3", None, "before its first ';' or '('"),
    ],
    ids=[
        "open range from another minimum",
        "open range with a runtime_max",
        "one version for an open range",
        "a version outside the closed range",
        "a runtime named for a source that applies to any",
        "another product",
        "no range stated",
        "the range stated only in a caveat",
    ],
)
def test_applies_to_that_disagrees(text: str, low: str, high: str | None, why: str) -> None:
    assert why in disagreement(text, low, high)
    url = SPARK if low.startswith("Spark") else DBX
    need = source("SRC_X", url, 12, applies_to=text, runtime_min=low, **({"runtime_max": high} if high else {}))
    found = list(applies_to.check(context({"SRC_X": need})))
    assert [(p.subtype, p.location) for p in found] == [("register", ("sources", 12))]
    assert found[0].message.startswith(f"'SRC_X' applies_to '{text}'") and why in found[0].message


def test_finding_names_the_source_at_its_line() -> None:
    needs = {
        "SRC_OK": source("SRC_OK", DBX, 3, applies_to="Databricks Runtime 13.3 LTS and above", runtime_min="DBR 13.3"),
        "SRC_SPARK_X": source("SRC_SPARK_X", SPARK, 12, applies_to="Apache Spark 4.1.1", runtime_min="Spark 4.1"),
    }
    found = list(applies_to.check(context(needs)))
    assert [(p.subtype, p.location) for p in found] == [("register", ("sources", 12))]
    assert "'SRC_SPARK_X' applies_to 'Apache Spark 4.1.1' says 'Apache Spark 4.1.1', one version" in found[0].message
