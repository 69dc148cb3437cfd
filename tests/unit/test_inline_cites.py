"""inline_cites.py: a `{cite}` is reported at its own line, not its paragraph's first."""

from __future__ import annotations

from docutils import nodes
from runbook_checks.model import cite_line

LINES = ["# Page", "", "First line of a paragraph", "goes on {cite}`SRC_X#a: b` here.", ""]


def node(line: int | None, text: str = "SRC_X#a: b") -> nodes.inline:
    cite = nodes.inline("", "", cite=text)
    cite.line = line
    return cite


def test_cite_line_finds_the_role_from_the_paragraph_start() -> None:
    assert cite_line(LINES, node(3)) == 4


def test_cite_line_falls_back_to_the_start_or_none() -> None:
    assert cite_line(LINES, node(3, "SRC_OTHER")) == 3
    assert cite_line(LINES, node(None)) is None
