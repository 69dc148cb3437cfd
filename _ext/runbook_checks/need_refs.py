"""Docutils nodes for need references shared by the generated tables, badges and graph."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def runbook_order(needs: Any, docname: str, need_type: str) -> list[Any]:
    """One page's needs of a type in order of appearance: the order a reader meets them."""
    found = [need for need in needs.values() if need["type"] == need_type and need["docname"] == docname]
    return sorted(found, key=lambda need: need.get("lineno") or 0)


def breakable_id(app: Sphinx, need_id: str) -> list[nodes.Node]:
    """The ID with a line-break opportunity after each underscore (HTML only), so a narrow
    column wraps it between words instead of mid-word."""
    if app.builder.format != "html":
        return [nodes.Text(need_id)]
    parts = need_id.split("_")
    out: list[nodes.Node] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        out.append(nodes.Text(part if last else part + "_"))
        if not last:
            out.append(nodes.raw("", "<wbr>", format="html"))
    return out


def need_link(app: Sphinx, fromdocname: str, need: Any) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdocname, need["docname"]) + "#" + need["id"]
    return nodes.reference(
        "", "", *breakable_id(app, need["id"]), refuri=uri, internal=True, classes=["needs-id"], reftitle=need["title"]
    )


def basis_badge(basis: str) -> nodes.inline:
    """'source' or 'inference' as a labelled badge; the class gives it the basis colour."""
    return nodes.inline("", basis, classes=["basis-badge", f"basis-{basis}"])
