"""citations.py: each need a schema rule selects by ID (the required citations) exists.

That the selected recommendations cite the required page is sphinx-needs' schema (needs_schema.json);
tests/test_build_failures.py builds the project with a required citation removed."""

from __future__ import annotations

import json

from docs_project import REPO_ROOT
from runbook_checks import citations
from runbook_checks.citations import missing_selections, selected_ids

from unit.fakes import context, need

SCHEMA_FILE = REPO_ROOT / "needs_schema.json"
RULE = {"id": "required-citation-x", "select": {"properties": {"id": {"enum": ["REC_A", "REC_B"]}}}}


def test_selected_ids_by_enum_and_const() -> None:
    assert selected_ids(RULE) == ["REC_A", "REC_B"]
    assert selected_ids({"select": {"properties": {"id": {"const": "REC_C"}}}}) == ["REC_C"]
    assert selected_ids({"select": {"properties": {"type": {"const": "rec"}}}}) == []


def test_missing_selections() -> None:
    assert missing_selections([RULE], {"REC_A", "REC_B"}) == []
    assert missing_selections([RULE], {"REC_A"}) == [("required-citation-x", "REC_B")]


def project_schema_context(needs: dict) -> object:
    definitions = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return context(needs, needs_schema_definitions=definitions, needs_schema_definitions_from_json=str(SCHEMA_FILE))


def test_required_recommendation_that_does_not_exist() -> None:
    """The project's own required citations: every recommendation they select but one exists."""
    definitions = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    selected = {need_id for rule in definitions["schemas"] for need_id in selected_ids(rule)}
    assert "REC_TRIGGER_INTERVAL" in selected
    needs = {need_id: need(need_id, "rec") for need_id in selected - {"REC_TRIGGER_INTERVAL"}}
    [problem] = citations.check(project_schema_context(needs))
    line = next(n for n, text in enumerate(SCHEMA_FILE.read_text().split("\n"), 1) if '"REC_TRIGGER_INTERVAL"' in text)
    assert problem.subtype == "citation"
    assert problem.location == f"{SCHEMA_FILE}:{line}"
    rule = "schema rule 'required-citation-spark-trigger'"
    assert f"{rule} selects 'REC_TRIGGER_INTERVAL', which is no need" in problem.message
