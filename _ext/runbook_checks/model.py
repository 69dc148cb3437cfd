"""The shared words of the rules and views: section titles, task parameters, the claim marks, pinpoints,
Inference marks, inline cite locations and declared assumptions.

Rules and views import from here (and from context.py, doctree_utils.py, need_refs.py, nodes.py), never
from each other; tests/unit/test_layers.py keeps it so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx_needs.nodes import Need

from bundle_spec import task_parameter  # noqa: F401  (the rules take it from the model)

from .context import CheckContext

# The runbook's sections the rules and views name (conf.py `runbook_sections` declares them all).
PURPOSE = "Purpose and Scope"
BASELINE = "Recommended Baseline Cluster Configuration"
PHOTON_NOTE = "Photon Note"
SOURCE_MAPPING = "Source Mapping"


# --- claim marks: {cite} and {descriptive} (claim_marks.py renders them) ---
CITE_CLASS = "claim-cite"
DESCRIPTIVE_CLASS = "claim-descriptive"
# SRC_ID, then optionally "#anchor", then optionally ": term; term".
PINPOINT = re.compile(r"^\s*(?P<source>[A-Z0-9_]+)\s*(?:#(?P<anchor>[^\s:]*))?\s*(?::(?P<terms>.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Pinpoint:
    """Where on a source's page a claim's support is: a section anchor and terms found there."""

    source: str
    anchor: str | None
    terms: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return bool(self.anchor) and bool(self.terms)

    def text(self) -> str:
        anchor = f"#{self.anchor}" if self.anchor else ""
        terms = f": {'; '.join(self.terms)}" if self.terms else ""
        return f"{self.source}{anchor}{terms}"


def parse_pinpoint(text: str) -> Pinpoint | None:
    """'SRC_X#anchor: term; term' -> Pinpoint; None when it does not even name a source ID."""
    match = PINPOINT.match(text or "")
    if not match:
        return None
    terms = tuple(term.strip() for term in (match["terms"] or "").split(";") if term.strip())
    return Pinpoint(match["source"], match["anchor"] or None, terms)


def cite_nodes(node: nodes.Node) -> list[nodes.inline]:
    return [n for n in node.findall(nodes.inline) if CITE_CLASS in n["classes"]]


def is_descriptive(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and DESCRIPTIVE_CLASS in node["classes"]


def is_cite(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and CITE_CLASS in node["classes"]


# --- pinpoints of a need (pinpoints.py checks them) ---
SEPARATOR = "|"


def need_pinpoints(need: Any) -> list[tuple[str, Pinpoint | None]]:
    """(raw text, parsed pinpoint or None when malformed) for each pinpoint of a need."""
    raw = need.get("pinpoints") or ""
    return [(part.strip(), parse_pinpoint(part)) for part in raw.split(SEPARATOR) if part.strip()]


def pinpoint_by_source(need: Any) -> dict[str, list[Pinpoint]]:
    """Each cited source's pinpoints, in the order written: a page may support a claim in several sections."""
    pins: dict[str, list[Pinpoint]] = {}
    for _, pin in need_pinpoints(need):
        if pin:
            pins.setdefault(pin.source, []).append(pin)
    return pins


# --- the Inference mark (inference_marks.py, claim_model.py) ---
MARK = re.compile(r"^Inference\b")


def starts_with_inference_mark(paragraph: nodes.Element) -> bool:
    """True when the paragraph's first visible content is strong text reading 'Inference...'."""
    for child in paragraph.children:
        if isinstance(child, nodes.Text) and not child.astext().strip():
            continue  # leading whitespace
        return isinstance(child, nodes.strong) and bool(MARK.match(child.astext().strip()))
    return False


def nearest_need(node: nodes.Node) -> Need | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, Need):
        parent = parent.parent
    return parent


# --- where an inline {cite} is ---
def cite_line(lines: list[str], node: nodes.inline) -> int | None:
    """MyST gives a role its paragraph's first line; the role's own line is the first one from there
    that holds its text (read from the source only to point at the right line)."""
    start = node.line or (node.parent.line if node.parent else None)
    if not start:
        return None
    wanted = f"`{node['cite']}`"
    for number in range(start, min(start + 200, len(lines)) + 1):
        if wanted in lines[number - 1]:
            return number
    return start


def cite_locations(ctx: CheckContext, docname: str) -> Iterator[tuple[nodes.inline, tuple[str, int | None]]]:
    lines = Path(ctx.doc_path(docname)).read_text(encoding="utf-8").split("\n")
    for node in cite_nodes(ctx.doctree(docname)):
        yield node, (docname, cite_line(lines, node))


# --- the team's declared assumptions ({assumed}, evidence relations) ---
ASSUMED = "assumed."
# The classes of a figure quoted from the results ({bench}) or the assumptions ({assumed}): bound figures.
QUOTED_FIGURE_CLASSES = ("bench-figure", "assumed-figure")


def assumed_figures(config: object) -> dict[str, float]:
    """The declared assumptions, named as expressions use them."""
    return {f"{ASSUMED}{name}": float(value) for name, value in (config.runbook_assumptions or {}).items()}
