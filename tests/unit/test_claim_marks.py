"""claim_marks.py: reading a pinpoint `SRC_ID#anchor: term; term`."""

from __future__ import annotations

import pytest
from runbook_checks.model import Pinpoint, parse_pinpoint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SRC_A#sec: one; two", Pinpoint("SRC_A", "sec", ("one", "two"))),
        (" SRC_A#sec : one ;; ", Pinpoint("SRC_A", "sec", ("one",))),
        ("SRC_A # sec: one", None),  # a space between ID and '#' is not a pinpoint
        ("SRC_A#sec", Pinpoint("SRC_A", "sec", ())),
        ("SRC_A: term", Pinpoint("SRC_A", None, ("term",))),
        ("SRC_A", Pinpoint("SRC_A", None, ())),
        ("see the notes section", None),
        ("", None),
    ],
)
def test_parse_pinpoint(text: str, expected: Pinpoint | None) -> None:
    assert parse_pinpoint(text) == expected


def test_complete_needs_anchor_and_terms() -> None:
    assert Pinpoint("SRC_A", "sec", ("t",)).complete
    assert not Pinpoint("SRC_A", None, ("t",)).complete
    assert not Pinpoint("SRC_A", "sec", ()).complete
    assert Pinpoint("SRC_A", "sec", ("a", "b")).text() == "SRC_A#sec: a; b"
