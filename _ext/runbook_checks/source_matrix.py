"""`source-matrix` directive: this page's claims -> sources table with URLs, generated from the needs."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.data import SphinxNeedsData


class source_matrix(nodes.General, nodes.Element):
    """Placeholder replaced once every need is known."""


class SourceMatrixDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [source_matrix()]


def need_reference(app: Sphinx, fromdocname: str, need: Any, with_title: bool = True) -> nodes.Node:
    paragraph = nodes.paragraph()
    uri = app.builder.get_relative_uri(fromdocname, need["docname"]) + "#" + need["id"]
    paragraph += nodes.reference("", need["id"], refuri=uri, internal=True, classes=["needs-id"])
    if with_title:
        paragraph += nodes.Text(" " + need["title"])
    return paragraph


def sources_cell(app: Sphinx, fromdocname: str, linked: list[Any], with_title: bool = True) -> list[nodes.Node]:
    items = nodes.bullet_list()
    for source in linked:
        item = nodes.list_item()
        paragraph = need_reference(app, fromdocname, source, with_title)
        if source.get("url"):
            paragraph += nodes.Text(" ")
            paragraph += nodes.reference("", source["url"], refuri=source["url"], classes=["source-url"])
        item += paragraph
        items += item
    return [items] if linked else [nodes.paragraph(text="none")]


def build_table(app: Sphinx, fromdocname: str) -> nodes.table:
    needs = SphinxNeedsData(app.env).get_needs_view()
    headers = ["Recommendation", "Basis", "Backed by (source, URL)", "Measured by (evidence)"]
    table = nodes.table(classes=["source-matrix"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (32, 9, 44, 15):
        group += nodes.colspec(colwidth=width)
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(text=header))
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for need_id in sorted(needs):
        need = needs[need_id]
        if need["type"] != "rec" or need["docname"] != fromdocname:  # this page's recommendations
            continue
        row = nodes.row()
        row += nodes.entry("", need_reference(app, fromdocname, need))
        row += nodes.entry("", nodes.paragraph(text=need.get("basis") or ""))
        row += nodes.entry(
            "", *sources_cell(app, fromdocname, [needs[i] for i in need.get("cites") or [] if i in needs])
        )
        row += nodes.entry(
            "", *sources_cell(app, fromdocname, [needs[i] for i in need.get("evidence") or [] if i in needs], False)
        )
        body += row
    group += body
    return table


def fill_source_matrices(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    for placeholder in list(doctree.findall(source_matrix)):
        placeholder.replace_self(build_table(app, fromdocname))
