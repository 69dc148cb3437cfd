"""evidence_quotes.py: how a quoted figure is rendered, by its name."""

from __future__ import annotations

import pytest
from runbook_checks.evidence_quotes import assumed_figures, formatted

from unit.fakes import config


@pytest.mark.parametrize(
    ("expression", "value", "text"),
    [
        ("runbook.trigger_ms.p50.median", 612.4, "612 ms"),
        ("runbook.e2e_ms.p50.median", 1520.0, "1.52 s"),
        ("runbook.max_sustained_eps", 12000.0, "12,000 events/s"),
        ("runbook.eps_50.sustained", 1.0, "yes"),
        ("runbook.state_mb", 300.0, "300 MB"),
        ("a.trigger_ms.p50 / b.trigger_ms.p50", 25.26, "25.3x"),
        ("parameters.repeats", 3.0, "3"),
    ],
)
def test_formatted(expression: str, value: float, text: str) -> None:
    assert formatted(expression, value) == text


def test_assumed_figures_are_named_as_expressions_use_them() -> None:
    assert assumed_figures(config(runbook_assumptions={"production_eps": 50})) == {"assumed.production_eps": 50.0}
