"""Inline citations of a recommendation (the `{need}` role) carry its basis as a text badge, so
sourced and inferred claims differ wherever they are cited, not only in their own box."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from .need_refs import basis_badge


def mark_need_references(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    needs = SphinxNeedsData(app.env).get_needs_view()
    for emphasis in list(doctree.findall(nodes.emphasis)):
        reference = emphasis.parent
        if not {"xref", "need"} <= set(emphasis["classes"]) or not isinstance(reference, nodes.reference):
            continue
        target = reference.get("refid") or (reference.get("refuri") or "").rpartition("#")[2]
        need = needs.get(target)
        if need is None or need["type"] != "rec" or not need.get("basis"):
            continue
        reference.parent.insert(reference.parent.index(reference) + 1, basis_badge(need["basis"]))
        reference.parent.insert(reference.parent.index(reference) + 1, nodes.Text(" "))
