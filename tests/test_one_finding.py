"""One finding per place and wording: findings that differ only in the target they name are merged."""

from __future__ import annotations

from runbook_checks.context import Problem
from runbook_checks.one_finding import merged

AT = ("low-latency-streaming-cluster-config", 61)


def test_findings_that_agree_for_both_targets_become_one_naming_both() -> None:
    dev = Problem("spec", "key = '8' differs from spec.yml (target dev) ('12')", AT)
    prod = Problem("spec", "key = '8' differs from spec.yml (target prod) ('12')", AT)
    assert merged([dev, prod]) == [Problem("spec", "key = '8' differs from spec.yml (targets dev, prod) ('12')", AT)]


def test_findings_that_differ_beyond_the_target_stay_apart() -> None:
    dev = Problem("spec", "key = '8' differs from spec.yml (target dev) ('12')", AT)
    prod = Problem("spec", "key = '8' differs from spec.yml (target prod) ('16')", AT)
    other_line = Problem("spec", "key = '8' differs from spec.yml (target prod) ('12')", (AT[0], 62))
    assert merged([dev, prod, other_line]) == [dev, prod, other_line]


def test_the_for_target_form_merges_too_and_untargeted_findings_pass_through() -> None:
    first = Problem("spec", "'3' is not a spec value for target dev (allowed: 2)", AT)
    second = Problem("spec", "'3' is not a spec value for target prod (allowed: 2)", AT)
    plain = Problem("claim", "claim without a basis", AT)
    assert merged([first, plain, second, plain]) == [
        Problem("spec", "'3' is not a spec value for targets dev, prod (allowed: 2)", AT),
        plain,
    ]
