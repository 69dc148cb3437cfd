"""The runbook's top-level sections: all present, in the declared order, nothing in between."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

from .context import CheckContext, Problem
from .doctree_utils import section_title, top_level_sections


def check(ctx: CheckContext) -> Iterator[Problem]:
    for message, line in section_order_problems(ctx.runbook, ctx.config.runbook_sections):
        yield Problem("sections", message, (ctx.docname, line))


def section_order_problems(doctree: nodes.document, expected: list[str]) -> list[tuple[str, int | None]]:
    """Return (message, line) for each missing, extra or misplaced top-level section."""
    sections = top_level_sections(doctree)
    found = [section_title(section) for section in sections]
    lines = {section_title(section): section.line for section in sections}
    problems: list[tuple[str, int | None]] = []
    for title in expected:
        if title not in found:
            problems.append((f"runbook section missing: '{title}'", None))
    for title in found:
        if title not in expected:
            problems.append((f"unexpected top-level section '{title}' (allowed: {expected})", lines[title]))
    present = [title for title in found if title in expected]
    wanted = [title for title in expected if title in found]
    if present != wanted:
        for position, (got, want) in enumerate(zip(present, wanted, strict=True), start=1):
            if got != want:
                problems.append(
                    (f"runbook section out of order: position {position} is '{got}', expected '{want}'", lines[got])
                )
                break
    return problems
