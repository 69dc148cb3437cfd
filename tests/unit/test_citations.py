"""citations.py: required source URLs exist, and the named recommendations cite them."""

from __future__ import annotations

from runbook_checks import citations
from runbook_checks.citations import required_citation_problems

from unit.fakes import context, need, source

URL = "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store"
NEEDS = {"SRC_ROCKS": source("SRC_ROCKS", URL), "REC_CHANGELOG": need("REC_CHANGELOG", "rec", cites=["SRC_ROCKS"])}


def test_required_citations_present() -> None:
    assert required_citation_problems(NEEDS, {URL: ["REC_CHANGELOG"]}) == []


def test_required_citation_missing_from_a_recommendation() -> None:
    needs = {**NEEDS, "REC_CHANGELOG": need("REC_CHANGELOG", "rec", lineno=12, cites=[])}
    [(message, need_id)] = required_citation_problems(needs, {URL: ["REC_CHANGELOG"]})
    assert need_id == "REC_CHANGELOG"
    assert "required citation missing: 'REC_CHANGELOG' must cite 'SRC_ROCKS'" in message
    [problem] = citations.check(context(needs, runbook_required_citations={URL: ["REC_CHANGELOG"]}))
    assert (problem.subtype, problem.location) == ("citation", ("runbook", 12))


def test_required_source_url_missing() -> None:
    needs = {**NEEDS, "SRC_ROCKS": source("SRC_ROCKS", URL.removesuffix("-state-store"))}
    [(message, need_id)] = required_citation_problems(needs, {URL: ["REC_CHANGELOG"]})
    assert need_id is None
    assert f"required citation missing: no source need has url '{URL}'" in message


def test_required_recommendation_that_does_not_exist() -> None:
    [(message, _)] = required_citation_problems(NEEDS, {URL: ["REC_GONE"]})
    assert "recommendation 'REC_GONE' (must cite SRC_ROCKS) does not exist" in message
