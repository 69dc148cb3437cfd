"""The claim classifier: which paragraphs, list items and table rows of the runbook are claims, and
the basis each shows (claim_coverage.py checks them; coverage_line.py shows the figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_ref import NeedRef

from .doctree_utils import find_section
from .model import Sections, cite_nodes, is_descriptive, starts_with_inference_mark

KINDS = ("sourced", "inference", "reference", "spec", "descriptive", "unaccounted")
# The bases a nested list item takes from the item it sits in when it shows none of its own.
INHERITED = ("sourced", "inference", "reference")
# Containers whose text is not prose claims: code (checked against the spec), generated views, markup.
SKIPPED = (nodes.literal_block, nodes.title, nodes.target, nodes.comment, nodes.substitution_definition)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"<[^>]*>")


def visible_html_text(raw: nodes.raw) -> str:
    """What a browser shows of a raw HTML block: its text outside comments and tags."""
    if "html" not in raw.get("format", "").split():
        return ""
    return " ".join(HTML_TAG.sub(" ", HTML_COMMENT.sub(" ", raw.astext())).split())


@dataclass(frozen=True)
class Claim:
    kind: str
    in_need: bool
    line: int | None
    text: str
    # The paragraph, list item, table row or raw block the claim is (claim_fingerprints.py reads it).
    node: Any = field(default=None, compare=False, repr=False)


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def parts(unit: nodes.Element) -> list[nodes.paragraph]:
    """The paragraphs that belong to a claim unit (a list item's nested lists are units of their own)."""
    if isinstance(unit, nodes.paragraph):
        return [unit]
    if isinstance(unit, nodes.list_item):
        return [child for child in unit.children if isinstance(child, nodes.paragraph)]
    return [p for entry in unit.children for p in entry.children if isinstance(p, nodes.paragraph)]


def section_titles(doctree: nodes.document) -> dict[str, str]:
    """Each section's anchor -> its title text."""
    return {
        anchor: section[0].astext()
        for section in doctree.findall(nodes.section)
        for anchor in (*section["ids"], section.get("slug") or "")
        if anchor
    }


def is_index_entry(paragraphs: list[nodes.paragraph], titles: dict[str, str]) -> bool:
    """Only same-page links, each reading exactly as the title of the section it opens."""
    links = [node for p in paragraphs for node in p.children if isinstance(node, nodes.reference)]
    if not links or any(not isinstance(node, nodes.reference) for p in paragraphs for node in p.children):
        return False
    return all(titles.get(link.get("refid", "")) == link.astext() for link in links)


def prose_kind(unit: nodes.Element, needs: Any, titles: dict[str, str] | None = None) -> str:
    paragraphs = parts(unit)
    leading = paragraphs[:1] if not isinstance(unit, nodes.row) else paragraphs
    if any(starts_with_inference_mark(p) for p in leading):
        return "inference"
    if any(cite_nodes(p) for p in paragraphs):
        return "sourced"
    refs = [ref["reftarget"].split(".")[0] for p in paragraphs for ref in p.findall(NeedRef)]
    if any((needs.get(ref) or {}).get("type") == "rec" for ref in refs):
        return "reference"
    if any(is_descriptive(node) for p in paragraphs for node in p.findall(nodes.inline)):
        return "descriptive"
    if titles and is_index_entry(paragraphs, titles):
        return "descriptive"
    return "unaccounted"


def claims(
    doctree: nodes.document, needs: Any, exempt: list[str], spec_tables: tuple[nodes.table, ...] = ()
) -> list[Claim]:
    found: list[Claim] = []
    titles = section_titles(doctree)

    def need_kind(need: Need) -> str:
        return "sourced" if (needs.get(need["refid"]) or {}).get("basis") == "source" else "inference"

    def add(unit: nodes.Element, need: Need | None, line: int | None, inherited: str = "") -> str:
        text = " ".join(p.astext() for p in parts(unit)).strip()
        if not text:
            return ""
        if need is not None:
            found.append(Claim(need_kind(need), True, line, text, unit))
            return found[-1].kind
        kind = prose_kind(unit, needs, titles)
        found.append(Claim(inherited if kind == "unaccounted" and inherited else kind, False, line, text, unit))
        return found[-1].kind

    def walk(node: nodes.Element, need: Need | None, inherited: str = "") -> None:
        for child in node.children:
            if isinstance(child, SKIPPED) or not isinstance(child, nodes.Element):
                continue
            if isinstance(child, nodes.section) and child.next_node(nodes.title).astext() in exempt:
                continue
            if isinstance(child, nodes.raw):
                # Raw HTML shows its text but cannot carry a mark: it counts, and fails outside a need.
                text = visible_html_text(child)
                if text:
                    kind = "unaccounted" if need is None else need_kind(need)
                    found.append(Claim(kind, need is not None, child.line, text, child))
            elif isinstance(child, Need):
                walk(child, child)
            elif isinstance(child, nodes.table):
                for body in child.findall(nodes.tbody):
                    for index, row in enumerate(r for r in body.children if isinstance(r, nodes.row)):
                        # MyST pipe tables: header line, delimiter line, then one line per row.
                        line = (child.line or 0) + 2 + index if child.line else row.line
                        if child in spec_tables and need is None:
                            found.append(Claim("spec", False, line, " ".join(p.astext() for p in parts(row))))
                        else:
                            add(row, need, line)
            elif isinstance(child, nodes.list_item):
                kind = add(child, need, child.line, inherited)
                # Nested lists only (the item's paragraphs are counted above). A sub-item rests on its
                # item's basis, as a second paragraph of the item does; navigation and spec rows lend none.
                walk(child, need, kind if kind in INHERITED else "")
            elif isinstance(child, nodes.paragraph):
                if not isinstance(node, nodes.list_item):
                    add(child, need, child.line)
            else:
                walk(child, need, inherited)

    walk(doctree, None)
    return found


def figures(found: list[Claim]) -> dict[str, int]:
    counts = {kind: sum(1 for claim in found if claim.kind == kind) for kind in KINDS}
    counts["sourced_in_needs"] = sum(1 for claim in found if claim.kind == "sourced" and claim.in_need)
    counts["sourced_inline"] = counts["sourced"] - counts["sourced_in_needs"]
    counts["inference_in_needs"] = sum(1 for claim in found if claim.kind == "inference" and claim.in_need)
    counts["inference_inline"] = counts["inference"] - counts["inference_in_needs"]
    return {"total": len(found), **counts}


def runbook_claims(runbook: nodes.document, needs: Any, config: Any) -> list[Claim]:
    """The runbook's claims, its identity table's rows bound to the spec (shared with coverage_line.py)."""
    sections = Sections.of(config)
    purpose = find_section(runbook, sections.purpose)
    identity = tuple(purpose.findall(nodes.table))[:1] if purpose is not None else ()
    return claims(runbook, needs, sections.titles(list(config.runbook_coverage_exempt_sections)), identity)
