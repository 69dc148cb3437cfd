"""The runbook's shape: one title, the declared sections in order, the required recommendations,
the Photon Note's two fixed sentences, and the generated traceability views in Source Mapping (so
none can be dropped or reworded quietly)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docutils import nodes

from .context import CheckContext, Problem
from .doctree_utils import find_section, section_title, top_level_sections
from .model import Sections
from .nodes import source_matrix, trace_graph
from .text_lines import file_lines, line_of

# The views Source Mapping must generate: (description, test on a placeholder node).
REQUIRED_VIEWS = {
    "claim -> source matrix (the Markdown mapping markers)": lambda n: (
        isinstance(n, source_matrix) and n["view"] == "claims" and not n.get("basis")
    ),
    "source -> recommendations matrix (source-matrix :view: sources)": lambda n: (
        isinstance(n, source_matrix) and n["view"] == "sources"
    ),
    "inferences matrix (source-matrix :basis: inference)": lambda n: (
        isinstance(n, source_matrix) and n.get("basis") == "inference"
    ),
    "traceability graph (traceability-graph)": lambda n: isinstance(n, trace_graph),
}


def check(ctx: CheckContext) -> Iterator[Problem]:
    sections = Sections.of(ctx.config)
    for message, line in section_order_problems(ctx.runbook, Sections.ordered(ctx.config)):
        yield Problem("sections", message, (ctx.docname, line))
    titles = [node for node in ctx.runbook.children if isinstance(node, nodes.section)]
    for extra in titles[1:]:
        message = f"second top-level title '{section_title(extra)}': the runbook has one H1; use a '##' section"
        yield Problem("sections", message, (ctx.docname, extra.line or _first_line(extra)))
    for need_id in ctx.config.runbook_required_recommendations:
        need = ctx.needs.get(need_id)
        if need is None or need["type"] != "rec" or need["docname"] != ctx.docname:
            # Reported where the policy requires it: the runbook no longer has a line for it.
            declared = getattr(ctx.config, "runbook_policy", "")
            policy = Path(ctx.app.confdir, declared) if declared else None
            line = line_of(file_lines(policy), f'"{need_id}"') if policy and policy.is_file() else None
            message = f"required recommendation '{need_id}' (runbook policy) is not in the runbook"
            yield Problem("sections", message, f"{policy}:{line}" if line else None)
    photon = find_section(ctx.runbook, sections.photon)
    first = photon.next_node(nodes.paragraph) if photon is not None else None
    opening = " ".join(first.astext().split()) if first is not None else ""
    for sentence in ctx.config.runbook_photon_sentences:
        if sentence not in opening:
            message = f"'{sections.photon}' must open with the sentence '{sentence}' word for word"
            yield Problem("sections", message, (ctx.docname, first.line if first is not None else None))
    mapping = find_section(ctx.runbook, sections.mapping)
    if mapping is not None:
        placeholders = list(mapping.findall(lambda node: isinstance(node, (source_matrix, trace_graph))))
        for view, matches in REQUIRED_VIEWS.items():
            if not any(matches(node) for node in placeholders):
                message = f"'{sections.mapping}' lost its generated {view}"
                yield Problem("sections", message, (ctx.docname, mapping.line))


def _first_line(node: nodes.Node) -> int | None:
    return next((child.line for child in node.findall() if child.line), None)


def section_order_problems(doctree: nodes.document, expected: list[str]) -> list[tuple[str, int | None]]:
    """Return (message, line) for each missing, extra or misplaced top-level section."""
    sections = top_level_sections(doctree)
    found = [section_title(section) for section in sections]
    lines = {section_title(section): section.line for section in sections}
    problems: list[tuple[str, int | None]] = []
    for index, title in enumerate(expected):
        if title not in found:
            # Reported where it belongs: at the next declared section the page has (else the last one it has).
            after = next((t for t in expected[index + 1 :] if t in found), None)
            where = lines[after] if after else (lines[found[-1]] if found else None)
            hint = f" (it belongs before '{after}')" if after else (" (it belongs at the end)" if found else "")
            problems.append((f"runbook section missing: '{title}'{hint}", where))
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
