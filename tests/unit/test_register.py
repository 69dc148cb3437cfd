"""register.py: sources live in the register, agree with their URL, and cover the deployed runtime."""

from __future__ import annotations

from pathlib import Path

import pytest
from runbook_checks import register
from runbook_checks.register import at_least, at_most, covers, parse_runtime

from unit.fakes import JOB_FILE, context, need, source, tiny_bundle

SPARK_CONF_URL = "https://spark.apache.org/docs/4.1.1/configuration.html"
ROCKSDB_URL = "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store"
# (how, the URL registered first, the same page registered again)
SAME_PAGE_TWICE = [
    ("a trailing slash", ROCKSDB_URL, ROCKSDB_URL + "/"),
    ("a #fragment", SPARK_CONF_URL, SPARK_CONF_URL + "#runtime-sql-configuration"),
    ("a ?query", ROCKSDB_URL, ROCKSDB_URL + "?language=Python"),
    ("letter case", ROCKSDB_URL, ROCKSDB_URL.replace("rocksdb-state-store", "RocksDB-State-Store")),
    (
        "a legacy unprefixed .html path",
        ROCKSDB_URL,
        "https://docs.databricks.com/structured-streaming/rocksdb-state-store.html",
    ),
    ("a legacy /en/ path", ROCKSDB_URL, "https://docs.databricks.com/en/structured-streaming/rocksdb-state-store.html"),
    ("a host in capitals and www", SPARK_CONF_URL, SPARK_CONF_URL.replace("spark.apache.org", "WWW.Spark.Apache.org")),
]
UNVERSIONED_SPARK = [
    ("latest", "https://spark.apache.org/docs/latest/configuration.html"),
    ("preview", "https://spark.apache.org/docs/preview/streaming/apis-on-dataframes-and-datasets.html"),
    ("the docs root", "https://spark.apache.org/docs/"),
]


def test_parse_runtime() -> None:
    assert parse_runtime("DBR 13.3") == ("DBR", (13, 3))
    assert parse_runtime("Spark 4.1.0") == ("Spark", (4, 1, 0))
    assert parse_runtime("any") is None
    assert parse_runtime("13.3 LTS and above") is None


def test_version_bounds() -> None:
    assert at_least((18, 3), (18,)) and at_least((18,), (17, 3))
    assert not at_least((18,), (18, 3))  # '18' is not known to be 18.3 or newer
    assert at_most((4, 1, 1), (4, 1)) and not at_most((4, 2), (4, 1))
    assert covers({"runtime_min": "DBR 13.3"}, {"DBR": (18,)})
    assert not covers({"runtime_min": "DBR 19"}, {"DBR": (18,)})
    assert not covers({"runtime_min": "Spark 3.5", "runtime_max": "Spark 3.5"}, {"Spark": (4, 1, 0)})
    assert covers({"runtime_min": "any"}, {})


def problems(tmp_path: Path, needs: dict, spark_version: str = "18.x-scala2.13") -> list:
    root = tiny_bundle(tmp_path, spark_version=spark_version)
    return list(register.check(context(needs, repo_root=root, runbook_job_spec_file=JOB_FILE)))


def only(found: list, *fragments: str):
    matching = [p for p in found if all(f in p.message for f in fragments)]
    assert len(matching) == 1, found
    assert matching[0].subtype == "register"
    return matching[0]


def test_consistent_register_passes(tmp_path: Path) -> None:
    assert problems(tmp_path, {"SRC_CONF": source("SRC_CONF", SPARK_CONF_URL, runtime_min="Spark 4.1")}) == []


@pytest.mark.parametrize(
    ("needs", "fragments"),
    [
        pytest.param(
            {"SRC_CONF": source("SRC_CONF", SPARK_CONF_URL.replace("4.1.1", "3.5.0"), 7, runtime_min="Spark 4.1")},
            ("'SRC_CONF' URL is the Spark 3.5.0 documentation",),
            id="Spark URL moved to another doc version than its range",
        ),
        pytest.param(
            {"SRC_A": source("SRC_A", SPARK_CONF_URL, 3), "SRC_CONF": source("SRC_CONF", SPARK_CONF_URL, 7)},
            ("'SRC_CONF' repeats the URL of 'SRC_A'",),
            id="the same URL registered twice",
        ),
        *[
            pytest.param(
                {"SRC_A": source("SRC_A", first, 3), "SRC_CONF": source("SRC_CONF", again, 7)},
                ("'SRC_CONF' repeats the URL of 'SRC_A'", f"({again} and {first} are the same page)"),
                id=f"the same page registered twice through {how}",
            )
            for how, first, again in SAME_PAGE_TWICE
        ],
        *[
            pytest.param(
                {"SRC_CONF": source("SRC_CONF", url, 7, runtime_min="Spark 4.1")},
                ("'SRC_CONF' URL is the unversioned Spark documentation", url),
                id=f"unversioned Spark doc URL ({how})",
            )
            for how, url in UNVERSIONED_SPARK
        ],
    ],
)
def test_register_problem_at_the_source(tmp_path: Path, needs: dict, fragments: tuple[str, ...]) -> None:
    problem = only(problems(tmp_path, needs), *fragments)
    assert problem.location[1] == 7


def test_pages_that_differ_are_not_the_same_page(tmp_path: Path) -> None:
    """Other clouds' pages, other Spark releases and another path are other pages: no finding."""
    needs = {
        "SRC_A": source("SRC_A", ROCKSDB_URL, 3),
        "SRC_GCP": source("SRC_GCP", ROCKSDB_URL.replace("/aws/en/", "/gcp/en/"), 5),
        "SRC_TRIG": source("SRC_TRIG", ROCKSDB_URL.replace("rocksdb-state-store", "triggers"), 6),
        "SRC_CONF": source("SRC_CONF", SPARK_CONF_URL, 7, runtime_min="Spark 4.1"),
        "SRC_OLD": source("SRC_OLD", SPARK_CONF_URL.replace("4.1.1", "3.5.0"), 8, runtime_min="Spark 3.5"),
    }
    assert problems(tmp_path, needs) == []


def test_publisher_and_register_page_are_left_to_the_schema(tmp_path: Path) -> None:
    """needs_schema.json says both (tests/test_rules_in_sphinx.py builds them); the rule does not repeat them."""
    needs = {"SRC_CONF": {**source("SRC_CONF", SPARK_CONF_URL, runtime_min="Spark 4.1"), "publisher": "Databricks"}}
    needs["SRC_CONF"]["docname"] = "runbook"
    assert problems(tmp_path, needs) == []


def test_sourced_claim_on_a_source_that_does_not_cover_the_deployed_runtime(tmp_path: Path) -> None:
    needs = {
        "SRC_NEW": source("SRC_NEW", "https://docs.databricks.com/aws/en/new", runtime_min="DBR 19"),
        "REC_X": need("REC_X", "rec", lineno=30, basis="source", cites=["SRC_NEW"]),
    }
    problem = only(problems(tmp_path, needs), "'REC_X' relies on 'SRC_NEW' (DBR 19 - newer)")
    assert "18.x-scala2.13 (target dev)" in problem.message and "(target prod)" in problem.message
    assert problem.location == ("runbook", 30)


def test_runtime_condition_lets_a_claim_rely_on_a_newer_page_only_when_stated(tmp_path: Path) -> None:
    src = source("SRC_NEW", "https://docs.databricks.com/aws/en/new", runtime_min="DBR 18.4")
    stated = need("REC_X", "rec", basis="source", cites=["SRC_NEW"], runtime_condition="DBR 18.4", content="On 18.4+")
    assert problems(tmp_path, {"SRC_NEW": src, "REC_X": stated}) == []
    unstated = {**stated, "content": "On newer runtimes", "lineno": 30}
    problem = only(problems(tmp_path, {"SRC_NEW": src, "REC_X": unstated}), "declares runtime_condition DBR 18.4")
    assert problem.location == ("runbook", 30)


def test_runtime_the_conf_does_not_map(tmp_path: Path) -> None:
    only(
        problems(tmp_path, {}, spark_version="15.4.x-scala2.12"),
        "spec spark_version '15.4.x-scala2.12' (target dev) is not in the policy's runtime_spark",
    )
