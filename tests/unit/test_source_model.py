"""source_model.py: the page a URL names, and the version of a Spark doc URL."""

from __future__ import annotations

import pytest
from runbook_checks.source_model import canonical_url, is_versioned_spark_doc, parse_runtime, spark_doc_version

PAGE = "docs.databricks.com/structured-streaming/triggers"


@pytest.mark.parametrize(
    "url",
    [
        "https://docs.databricks.com/aws/en/structured-streaming/triggers",
        "https://docs.databricks.com/aws/en/structured-streaming/triggers/",
        "https://docs.databricks.com/aws/en/structured-streaming/triggers#processing-time",
        "https://docs.databricks.com/aws/en/structured-streaming/triggers?language=Scala",
        "HTTPS://Docs.Databricks.com/aws/en/Structured-Streaming/Triggers",
        "https://docs.databricks.com/structured-streaming/triggers.html",
        "https://docs.databricks.com/en/structured-streaming/triggers.html",
        "https://docs.databricks.com/aws/structured-streaming/triggers",
        "http://docs.databricks.com/aws/en/structured-streaming/triggers",
    ],
)
def test_forms_of_one_databricks_page(url: str) -> None:
    assert canonical_url(url) == PAGE


def test_other_clouds_and_other_pages_stay_distinct() -> None:
    assert canonical_url("https://docs.databricks.com/gcp/en/structured-streaming/triggers") != PAGE
    assert (
        canonical_url("https://docs.databricks.com/api/workspace/jobs/create")
        == "docs.databricks.com/api/workspace/jobs/create"
    )
    assert canonical_url("https://spark.apache.org/docs/4.1.1/configuration.html") != canonical_url(
        "https://spark.apache.org/docs/3.5.0/configuration.html"
    )
    # Only the Databricks host has legacy language prefixes: an /en/ elsewhere is part of the path.
    assert canonical_url("https://example.org/en/a") == "example.org/en/a"


def test_spark_doc_versions() -> None:
    assert spark_doc_version("https://spark.apache.org/docs/4.1.1/web-ui.html") == "4.1.1"
    assert spark_doc_version("https://spark.apache.org/docs/latest/web-ui.html") == "latest"
    assert spark_doc_version("https://spark.apache.org/docs/") == ""
    assert spark_doc_version("https://docs.databricks.com/aws/en/docs/latest/x") is None
    assert is_versioned_spark_doc("https://spark.apache.org/docs/4.1.1/web-ui.html")
    assert not is_versioned_spark_doc("https://spark.apache.org/docs/latest/web-ui.html")
    assert not is_versioned_spark_doc("https://spark.apache.org/docs/preview/web-ui.html")
    assert is_versioned_spark_doc("https://spark.apache.org/downloads.html")  # not a documentation page


def test_parse_runtime() -> None:
    assert parse_runtime("DBR 13.3") == ("DBR", (13, 3))
    assert parse_runtime("any") is None
