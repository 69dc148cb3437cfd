"""A recommendation's basis and its visible Inference mark agree, read on the parsed doctree.

The mark is what a reader sees: a paragraph that starts with strong text "Inference". So an HTML
comment or a mid-paragraph "**Inference**" does not count, and `__Inference.__` (which renders the
same) does. An inference need's first paragraph starts with the mark; a sourced need has none, since
it states only what its sources say (our reasoning goes into an inference need or marked prose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx_needs.nodes import Need

from .context import CheckContext, Problem

MARK = re.compile(r"^Inference\b")


def starts_with_inference_mark(paragraph: nodes.Element) -> bool:
    """True when the paragraph's first visible content is strong text reading 'Inference...'."""
    for child in paragraph.children:
        if isinstance(child, nodes.Text) and not child.astext().strip():
            continue  # leading whitespace
        return isinstance(child, nodes.strong) and bool(MARK.match(child.astext().strip()))
    return False


def own_paragraphs(need: Need) -> list[nodes.paragraph]:
    """The need's paragraphs in order, without those of needs nested in it."""
    return [paragraph for paragraph in need.findall(nodes.paragraph) if nearest_need(paragraph) is need]


def nearest_need(node: nodes.Node) -> Need | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, Need):
        parent = parent.parent
    return parent


def check(ctx: CheckContext) -> Iterator[Problem]:
    docnames = sorted({need["docname"] for need in ctx.needs.values() if need["type"] == "rec" and need["docname"]})
    for docname in docnames:
        for need_node in ctx.doctree(docname).findall(Need):
            need = ctx.needs.get(need_node["refid"]) or {}
            if need.get("type") != "rec":
                continue
            yield from need_problems(docname, need, own_paragraphs(need_node))


def need_problems(docname: str, need: dict, paragraphs: list[nodes.paragraph]) -> Iterator[Problem]:
    need_id, basis = need["id"], need.get("basis")
    marked = [p for p in paragraphs if starts_with_inference_mark(p)]
    if basis == "inference" and not (paragraphs and starts_with_inference_mark(paragraphs[0])):
        line = paragraphs[0].line if paragraphs else need.get("lineno")
        message = (
            f"'{need_id}' has basis 'inference' but its first paragraph does not start with a strong "
            "'Inference' mark (write **Inference.** first)"
        )
        yield Problem("inference", message, (docname, line))
    if basis == "source":
        for paragraph in marked:
            message = (
                f"'{need_id}' has basis 'source' but a paragraph starts with an Inference mark: a sourced "
                "need states only what its sources say; move our reasoning to an inference need or marked prose"
            )
            yield Problem("inference", message, (docname, paragraph.line))
