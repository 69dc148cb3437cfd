"""structure.py: one title, the declared sections in order, required needs, fixed sentences, views."""

from __future__ import annotations

from docutils import nodes
from runbook_checks import structure
from runbook_checks.nodes import source_matrix, trace_graph
from runbook_checks.structure import section_order_problems

from unit.fakes import context, need, page, para, section

EXPECTED = ["Purpose", "Checklist", "Playbook", "Source Mapping"]


def runbook(*titles: str) -> nodes.document:
    return page("Runbook", *(section(title, line=10 * (i + 1)) for i, title in enumerate(titles)))


def test_sections_in_order_pass() -> None:
    assert section_order_problems(runbook(*EXPECTED), EXPECTED) == []


def test_section_missing_and_unexpected() -> None:
    found = section_order_problems(runbook("Purpose", "Check", "Playbook", "Source Mapping"), EXPECTED)
    assert ("runbook section missing: 'Checklist' (it belongs before 'Playbook')", 30) in found
    assert any(m.startswith("unexpected top-level section 'Check'") and line == 20 for m, line in found)


def test_a_missing_last_section_is_reported_after_the_last_one_there() -> None:
    found = section_order_problems(runbook("Purpose", "Checklist", "Playbook"), EXPECTED)
    assert found == [("runbook section missing: 'Source Mapping' (it belongs at the end)", 30)]


def test_sections_out_of_order() -> None:
    found = section_order_problems(runbook("Purpose", "Playbook", "Checklist", "Source Mapping"), EXPECTED)
    assert found == [("runbook section out of order: position 2 is 'Playbook', expected 'Checklist'", 20)]


PHOTON = ["For this environment/node choice we run runtime_engine: STANDARD."]


def full_runbook(photon: str = PHOTON[0], views: tuple = ("claims", "sources", "inference", "graph")) -> nodes.document:
    placeholders = {
        "claims": source_matrix(view="claims", basis=None),
        "sources": source_matrix(view="sources"),
        "inference": source_matrix(view="claims", basis="inference"),
        "graph": trace_graph(),
    }
    mapping = section("Source Mapping", *(placeholders[v] for v in views), line=40)
    return page("Runbook", section("Photon Note", para(photon, line=31), line=30), mapping)


def check(doc: nodes.document, needs: dict | None = None, **conf) -> list:
    settings = {
        "runbook_sections": {"photon": "Photon Note", "mapping": "Source Mapping"},
        "runbook_photon_sentences": PHOTON,
        "runbook_required_recommendations": [],
        **conf,
    }
    return list(structure.check(context(needs or {}, {"runbook": doc}, **settings)))


def test_complete_runbook_passes() -> None:
    assert check(full_runbook()) == []


def test_a_second_h1() -> None:
    doc = full_runbook()
    doc += section("Appendix", para("Extra advice.", line=51), line=50)
    [problem] = check(doc)
    assert problem.subtype == "sections" and problem.location == ("runbook", 50)
    assert "second top-level title 'Appendix'" in problem.message


def test_a_rewritten_photon_sentence() -> None:
    [problem] = check(full_runbook(photon="We run the standard engine here."))
    assert problem.location == ("runbook", 31)
    assert "'Photon Note' must open with the sentence 'For this environment" in problem.message


def test_required_recommendation_removed() -> None:
    needs = {"REC_KEPT": need("REC_KEPT", "rec")}
    [problem] = check(full_runbook(), needs, runbook_required_recommendations=["REC_KEPT", "REC_SCALE_TRIGGERS"])
    assert problem.message == "required recommendation 'REC_SCALE_TRIGGERS' (runbook policy) is not in the runbook"


def test_a_missing_required_recommendation_is_reported_where_the_policy_requires_it() -> None:
    """The runbook has no line for a recommendation that is gone: the finding names the policy's line."""
    from runbook_checks.text_lines import file_lines, line_of

    from unit.fakes import REPO_ROOT

    needs = {"REC_KEPT": need("REC_KEPT", "rec")}
    policy = "runbook_policy.toml"
    [problem] = check(
        full_runbook(), needs, runbook_required_recommendations=["REC_SCALE_TRIGGERS"], runbook_policy=policy
    )
    line = line_of(file_lines(REPO_ROOT / policy), '"REC_SCALE_TRIGGERS"')
    assert line and problem.location == f"{REPO_ROOT / policy}:{line}"


def test_generated_views_removed() -> None:
    [matrix] = check(full_runbook(views=("claims", "inference", "graph")))
    assert matrix.location == ("runbook", 40)
    assert "'Source Mapping' lost its generated source -> recommendations matrix" in matrix.message
    [graph] = check(full_runbook(views=("claims", "sources", "inference")))
    assert "'Source Mapping' lost its generated traceability graph" in graph.message
