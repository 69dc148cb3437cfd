"""inference_marks.py: a recommendation's basis and its visible Inference mark agree."""

from __future__ import annotations

from docutils import nodes
from runbook_checks.inference_marks import need_problems, starts_with_inference_mark

from unit.fakes import para


def strong(text: str) -> nodes.strong:
    return nodes.strong(text, text)


MARKED = para(strong("Inference."), " The job is sized for tiny input.", line=10)
PLAIN = para("The job is sized for tiny input.", line=10)


def test_what_counts_as_a_mark() -> None:
    assert starts_with_inference_mark(MARKED)
    assert starts_with_inference_mark(para("  ", strong("Inference:"), " x"))
    assert not starts_with_inference_mark(PLAIN)
    assert not starts_with_inference_mark(para(nodes.emphasis("Inference.", "Inference."), " x"))
    assert not starts_with_inference_mark(para("Use it. ", strong("Inference."), " x"))  # mid-paragraph
    assert not starts_with_inference_mark(para(strong("Inferences"), " x"))


def rec(basis: str) -> dict:
    return {"id": "REC_X", "basis": basis, "lineno": 5}


def test_inference_need_whose_first_paragraph_is_unmarked() -> None:
    [problem] = need_problems("runbook", rec("inference"), [PLAIN, MARKED])  # marked only in its second paragraph
    assert problem.subtype == "inference"
    assert problem.location == ("runbook", 10)
    assert "'REC_X' has basis 'inference' but its first paragraph does not start with a strong 'Inference' mark" in (
        problem.message
    )


def test_inference_need_without_paragraphs_is_named_at_the_need() -> None:
    [problem] = need_problems("runbook", rec("inference"), [])
    assert problem.location == ("runbook", 5)


def test_sourced_need_with_an_inference_paragraph() -> None:
    second = para(strong("Inference."), " so we think", line=14)
    [problem] = need_problems("runbook", rec("source"), [PLAIN, second])
    assert problem.location == ("runbook", 14)
    assert "'REC_X' has basis 'source' but a paragraph starts with an Inference mark" in problem.message


def test_agreeing_needs_pass() -> None:
    assert list(need_problems("runbook", rec("inference"), [MARKED, PLAIN])) == []
    assert list(need_problems("runbook", rec("source"), [PLAIN])) == []
