"""A small "suspect" (or "no review") badge on each claim the review record no longer vouches for:
after the title of a recommendation's box, at the end of an inline claim's first paragraph or heading. Hovering
it names what moved. Nothing is added to a reviewed claim, so a page in good standing reads as before.

The states are the ones suspect_claims.py judged in this build (`claim_fingerprints.json`); the
matrix (source_matrix.py) and the coverage line (coverage_line.py) read the same file.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .claim_reviews import read_states


def badge(entry: dict[str, Any]) -> nodes.raw:
    """The badge as HTML (its title, the reasons, needs an attribute docutils' inline node cannot carry)."""
    label = "suspect" if entry["state"] == "suspect" else "no review"
    why = "; ".join(entry.get("reasons") or []) or "no review recorded"
    text = f'<span class="suspect-badge" title="{html.escape(why)}">{label}</span>'
    return nodes.raw("", text, format="html")


def flagged(app: Sphinx) -> dict[str, dict[str, Any]]:
    return {claim: entry for claim, entry in read_states(app.outdir).items() if entry["state"] != "reviewed"}


def mark_suspect_claims(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    if fromdocname != app.config.runbook_docname or app.builder.format != "html":
        return
    found = flagged(app)
    if not found:
        return
    by_line = {entry["line"]: entry for claim, entry in found.items() if "/" in claim}
    for claim, entry in found.items():
        if "/" in claim:
            continue
        box = next((t for t in doctree.findall(nodes.table) if claim in t["ids"]), None)
        title = next((n for n in box.findall(nodes.inline) if "needs_title" in n["classes"]), None) if box else None
        if title is not None:
            title.parent.insert(title.parent.index(title) + 1, badge(entry))
    for line, paragraph in claim_paragraphs(doctree):
        entry = by_line.pop(line, None)
        if entry is not None:
            paragraph += nodes.Text(" ")
            paragraph += badge(entry)


def claim_paragraphs(doctree: nodes.document) -> list[tuple[int, nodes.TextElement]]:
    """(line, the element a badge goes at the end of) for each paragraph, list item and table row (a row's
    line counted as claim_model.py counts it: MyST pipe tables, one line per row), and each section title
    (a heading that restates a recommendation is a claim too)."""
    found: list[tuple[int, nodes.TextElement]] = []
    for title in doctree.findall(nodes.title):
        line = title.line or title.parent.line
        if isinstance(title.parent, nodes.section) and line:
            found.append((line, title))
    for unit in doctree.findall(lambda n: isinstance(n, nodes.paragraph | nodes.list_item)):
        if isinstance(unit, nodes.paragraph) and isinstance(unit.parent, nodes.list_item | nodes.entry):
            continue
        paragraph = unit if isinstance(unit, nodes.paragraph) else unit.next_node(nodes.paragraph)
        if unit.line and paragraph is not None:
            found.append((unit.line, paragraph))
    for table in doctree.findall(nodes.table):
        for body in table.findall(nodes.tbody):
            for index, row in enumerate(r for r in body.children if isinstance(r, nodes.row)):
                last = [p for p in row.findall(nodes.paragraph)][-1:]
                line = (table.line or 0) + 2 + index if table.line else row.line
                if line and last:
                    found.append((line, last[0]))
    return found
