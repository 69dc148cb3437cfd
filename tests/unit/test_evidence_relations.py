"""evidence_relations.py: arithmetic over named figures, and nothing else."""

from __future__ import annotations

import pytest
from runbook_checks.evidence_relations import RelationError, evaluate, holds, names

FIGURES = {"a.p50": 100.0, "b.p50": 600.0, "assumed.eps": 50.0}


def test_evaluate_left_to_right() -> None:
    assert evaluate("b.p50 / a.p50 * 2", FIGURES) == 12.0
    assert evaluate("3", FIGURES) == 3.0
    assert names("a.p50 * 5 <= b.p50") == ["a.p50", "b.p50"]


def test_holds_reports_the_values() -> None:
    assert holds("a.p50 * 5 <= b.p50", FIGURES) == (True, "500 <= 600")
    assert holds("a.p50 * 7 <= b.p50", FIGURES) == (False, "700 <= 600")


@pytest.mark.parametrize(
    ("expression", "error"),
    [
        ("a.p50 * * b.p50", "two operators in a row"),
        ("a.p50 b.p50", "missing '*' or '/'"),
        ("a.p50 *", "incomplete expression"),
        ("c.p50 * 2", "no figure 'c.p50' in the results"),
        ("__import__('os')", "cannot read"),
    ],
)
def test_bad_expressions_raise(expression: str, error: str) -> None:
    with pytest.raises(RelationError, match=error.replace("*", r"\*").replace("(", r"\(")):
        evaluate(expression, FIGURES)


def test_relation_without_comparison() -> None:
    with pytest.raises(RelationError, match="is not 'expression"):
        holds("a.p50", FIGURES)
