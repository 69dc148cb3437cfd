"""A recommendation's basis and its visible Inference mark agree, read on the parsed doctree.

The mark is what a reader sees: a paragraph that starts with strong text "Inference". So an HTML
comment or a mid-paragraph "**Inference**" does not count, and `__Inference.__` (which renders the
same) does. An inference need's first paragraph starts with the mark; a sourced need has none, since
it states only what its sources say (our reasoning goes into an inference need or marked prose).
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx_needs.nodes import Need

from .context import CheckContext, Problem
from .model import nearest_need, starts_with_inference_mark


def own_paragraphs(need: Need) -> list[nodes.paragraph]:
    """The need's paragraphs in order, without those of needs nested in it."""
    return [paragraph for paragraph in need.findall(nodes.paragraph) if nearest_need(paragraph) is need]


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
