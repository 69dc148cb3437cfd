"""schema_locations.py: a schema finding gets the file:line of the need it names; others pass untouched."""

from __future__ import annotations

import logging

from runbook_checks.schema_locations import NeedLocation, need_named

PLACES = {"SRC_A": ("sources", 10)}


def record(message: str, location: object = None) -> logging.LogRecord:
    made = logging.LogRecord("sphinx.sphinx_needs.schema.process", logging.ERROR, __file__, 1, message, None, None)
    made.location = location
    return made


def test_the_named_need_is_read_from_the_first_line() -> None:
    assert need_named("Need 'SRC_A' has schema violations:\n  Field: url") == "SRC_A"
    assert need_named("Need 'REC_B' has configuration errors:") is None
    assert need_named("something else about 'SRC_A'") is None


def test_a_finding_takes_its_need_location_and_others_pass_unchanged() -> None:
    located = NeedLocation(PLACES.get)
    finding = record("Need 'SRC_A' has schema violations:")
    assert located.filter(finding) and finding.location == ("sources", 10)
    other = record("Need 'SRC_GONE' has schema violations:")
    assert located.filter(other) and other.location is None
    placed = record("Need 'SRC_A' has schema warnings:", ("runbook", 3))
    assert located.filter(placed) and placed.location == ("runbook", 3)
