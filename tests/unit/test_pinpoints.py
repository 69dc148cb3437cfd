"""pinpoints.py: each sourced recommendation says where on each cited page its support is."""

from __future__ import annotations

import pytest
from runbook_checks.pinpoints import need_pinpoints, need_problems, pinpoint_by_source

from unit.fakes import need

CITES = ["SRC_GUIDE", "SRC_NOTES"]
GOOD = "SRC_GUIDE#watermarks: withWatermark | SRC_NOTES#late-data: late rows; state"


def problems(pinpoints: str, basis: str = "source", cites: list[str] = CITES) -> list[str]:
    return list(need_problems("REC_W", need("REC_W", "rec", basis=basis, cites=cites, pinpoints=pinpoints)))


def test_a_sourced_need_without_any_pinpoint_is_left_to_the_schema() -> None:
    """needs_schema.json's sourced-recommendation-pinpoints says it (tests/test_rules_in_sphinx.py)."""
    assert problems("") == []


def test_complete_pinpoints_pass() -> None:
    assert problems(GOOD) == []
    pins = pinpoint_by_source({"pinpoints": GOOD + " | SRC_NOTES#top: more"})
    assert [pin.anchor for pin in pins["SRC_NOTES"]] == ["late-data", "top"]


@pytest.mark.parametrize(
    ("pinpoints", "expected"),
    [
        pytest.param(
            "SRC_GUIDE#watermarks: withWatermark",
            "sourced 'REC_W' has no pinpoint for SRC_NOTES",
            id="sourced need missing the pinpoint of one cited source",
        ),
        pytest.param(
            "SRC_GUIDE#watermarks: withWatermark | SRC_NOTES: late rows",
            "'REC_W' pinpoint for SRC_NOTES lacks a #section-anchor",
            id="pinpoint without a section anchor",
        ),
        pytest.param(
            "SRC_GUIDE#watermarks: withWatermark | SRC_NOTES#late-data",
            "'REC_W' pinpoint for SRC_NOTES lacks key terms",
            id="pinpoint without key terms",
        ),
        pytest.param(
            GOOD + " | SRC_PHOTON#top: photon",
            "'REC_W' pinpoint names 'SRC_PHOTON', which the need does not cite",
            id="pinpoint naming a source the need does not cite",
        ),
        pytest.param(
            GOOD + " | see the notes section",
            "'REC_W' pinpoint 'see the notes section' does not start with a source ID",
            id="pinpoint that names no source",
        ),
    ],
)
def test_pinpoint_problem(pinpoints: str, expected: str) -> None:
    found = problems(pinpoints)
    assert any(expected in message for message in found), found


def test_inference_need_needs_no_pinpoint_but_a_written_one_is_checked() -> None:
    assert problems("", basis="inference") == []
    assert problems("SRC_GUIDE", basis="inference") == [
        "'REC_W' pinpoint for SRC_GUIDE lacks a #section-anchor and key terms ('SRC_GUIDE')"
    ]


def test_need_pinpoints_keeps_the_raw_text_of_a_malformed_one() -> None:
    assert need_pinpoints({"pinpoints": " | nothing | "}) == [("nothing", None)]
