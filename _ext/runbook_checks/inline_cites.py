"""Each `{cite}` names a source need; inside a recommendation, one the recommendation cites.

sphinx-needs checks the `:cites:` links; an inline cite is our own role, so its target is ours to
check. A cite inside a need that names a source the need does not link would leave the traceability
tables and graph silent about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from sphinx_needs.nodes import Need

from .claim_marks import cite_nodes, parse_pinpoint
from .context import CheckContext, Problem
from .inference_marks import nearest_need


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


def check(ctx: CheckContext) -> Iterator[Problem]:
    for docname in ctx.docnames:
        for node, where in cite_locations(ctx, docname):
            pinpoint = parse_pinpoint(node["cite"])
            if pinpoint is None:
                yield Problem("cite", f"{{cite}}`{node['cite']}` does not start with a source ID (SRC_...)", where)
                continue
            target = ctx.needs.get(pinpoint.source)
            if target is None or target["type"] != "src":
                kind = "no need" if target is None else f"a '{target['type']}' need, not a source"
                yield Problem("cite", f"{{cite}}`{node['cite']}`: '{pinpoint.source}' is {kind}", where)
                continue
            need_node = nearest_need(node)
            if isinstance(need_node, Need):
                need = ctx.needs.get(need_node["refid"]) or {}
                if pinpoint.source not in (need.get("cites") or []):
                    message = (
                        f"{{cite}}`{node['cite']}` inside '{need.get('id')}' names a source the need does not "
                        f"link: add {pinpoint.source} to its :cites:"
                    )
                    yield Problem("cite", message, where)
