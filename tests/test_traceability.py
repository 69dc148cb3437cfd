"""The required source mapping, the README docs index and the needs.json export of a clean build."""

from __future__ import annotations

import json

import pytest
from docs_project import REPO_ROOT, required_citations
from markdown_it import MarkdownIt

# The mapping the runbook issue requires: source URL -> recommendations that must cite it.
REQUIRED = {
    "https://docs.databricks.com/aws/en/structured-streaming/stateful-streaming": {
        "REC_COMPUTE_OPTIMIZED_WORKERS",
        "REC_SHUFFLE_PARTITIONS",
        "REC_NO_DATA_MICRO_BATCHES",
        "REC_ROCKSDB_CHANGELOG",
    },
    "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store": {"REC_ROCKSDB_CHANGELOG"},
}
SPARK_TRIGGER_URLS = {
    "https://spark.apache.org/docs/4.1.1/api/java/org/apache/spark/sql/streaming/DataStreamWriter",
    "https://spark.apache.org/docs/4.1.1/api/python/reference/pyspark.sql/api/"
    "pyspark.sql.streaming.DataStreamWriter.trigger.html",
}


@pytest.fixture(scope="module")
def needs(clean_build) -> dict:
    project, result = clean_build
    assert result.returncode == 0, result.output
    exported = json.loads(project.path("_build/html/needs.json").read_text())
    return exported["versions"][exported["current_version"]]["needs"]


def test_schema_declares_the_required_mapping() -> None:
    declared = required_citations()
    for url, recs in REQUIRED.items():
        assert set(declared[url]) >= recs, url
    assert SPARK_TRIGGER_URLS & declared.keys(), "a Spark DataStreamWriter trigger page must be required"


def test_built_needs_hold_the_required_mapping(needs: dict) -> None:
    by_url = {need["url"]: need_id for need_id, need in needs.items() if need["type"] == "src"}
    for url, recs in REQUIRED.items():
        for rec in recs:
            assert by_url[url] in needs[rec]["cites"], f"{rec} does not cite {url}"
    trigger_sources = {by_url[url] for url in SPARK_TRIGGER_URLS if url in by_url}
    assert trigger_sources & set(needs["REC_TRIGGER_INTERVAL"]["cites"])


def test_needs_json_export_has_every_type_and_links_only_to_sources(needs: dict) -> None:
    types = {need["type"] for need in needs.values()}
    assert {"src", "rec", "evid"} <= types
    for need_id, need in needs.items():
        if need["type"] == "rec":
            assert need["basis"] in {"source", "inference"}, need_id
            assert all(needs[target]["type"] == "src" for target in need["cites"]), need_id
            assert need["basis"] == "inference" or need["cites"], need_id


def test_readme_docs_index_links_the_runbook() -> None:
    tokens = MarkdownIt("commonmark").parse((REPO_ROOT / "README.md").read_text(encoding="utf-8"))
    in_index, hrefs = False, []
    for token in tokens:
        if token.type == "heading_open":
            in_index = False
        if token.type == "inline" and token.content == "Docs index":
            in_index = True
        if in_index and token.type == "inline":
            hrefs += [child.attrs["href"] for child in token.children or [] if child.type == "link_open"]
    assert "docs/low-latency-streaming-cluster-config.md" in hrefs
    for href in hrefs:
        assert (REPO_ROOT / href).is_file(), href
