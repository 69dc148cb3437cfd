"""Each `{cite}` names a source need; inside a recommendation, one the recommendation cites.

sphinx-needs checks the `:cites:` links; an inline cite is our own role, so its target is ours to
check. A cite inside a need that names a source the need does not link would leave the traceability
tables and graph silent about it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_needs.nodes import Need

from .context import CheckContext, Problem
from .model import cite_locations, nearest_need, parse_pinpoint


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
