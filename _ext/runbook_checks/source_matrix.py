"""`source-matrix` directive: this page's traceability tables, generated from the needs.

- `:view: claims` (default): recommendation -> basis -> sources -> evidence, in runbook order;
  `:basis: inference` keeps only the inferences.
- `:view: sources`: source -> the recommendations it backs, in register order.

Cells hold short labels (need IDs) linking to the need; the URL lives on the register. A cited
source's pinpoint (pinpoints.py) follows its label: a deep link to the section and the key terms.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.data import SphinxNeedsData

from .claim_reviews import read_states
from .model import pinpoint_by_source
from .need_refs import basis_badge, need_link, runbook_order
from .nodes import Filler, fill_placeholders, new_table, source_matrix


class SourceMatrixDirective(SphinxDirective):
    has_content = False
    option_spec: ClassVar = {
        "view": lambda value: directives.choice(value, ("claims", "sources")),
        "basis": lambda value: directives.choice(value, ("source", "inference")),
    }

    def run(self) -> list[nodes.Node]:
        return [source_matrix(view=self.options.get("view", "claims"), basis=self.options.get("basis"))]


def links_cell(app: Sphinx, fromdocname: str, linked: list[Any]) -> nodes.entry:
    if not linked:
        return nodes.entry("", nodes.paragraph(text="none"))
    paragraph = nodes.paragraph()
    for index, need in enumerate(linked):
        if index:
            paragraph += nodes.Text(", ")
        paragraph += need_link(app, fromdocname, need)
        if need.get("maturity") not in (None, "", "GA"):  # a claim resting on a preview feature says so
            paragraph += nodes.Text(" ")
            paragraph += nodes.inline("", f"({need['maturity']})", classes=["maturity-badge"])
    return nodes.entry("", paragraph)


def cites_cell(app: Sphinx, fromdocname: str, need: Any, needs: Any) -> nodes.entry:
    """The cited sources; with pinpoints, one item per source: label, section deep link, key terms."""
    sources = [needs[i] for i in need.get("cites") or [] if i in needs]
    pins = pinpoint_by_source(need)
    if not pins:
        return links_cell(app, fromdocname, sources)
    items = nodes.bullet_list()
    for source in sources:
        paragraph = nodes.paragraph()
        paragraph += need_link(app, fromdocname, source)
        for index, pin in enumerate(pin for pin in pins.get(source["id"], []) if pin.anchor):
            paragraph += nodes.Text(" · " if index else " ")
            anchor = "§ " + pin.anchor
            paragraph += nodes.reference("", anchor, refuri=f"{source['url']}#{pin.anchor}", classes=["pinpoint"])
            if pin.terms:
                paragraph += nodes.Text(": " + "; ".join(pin.terms))
        items += nodes.list_item("", paragraph)
    return nodes.entry("", items)


def titled_cell(app: Sphinx, fromdocname: str, need: Any, state: str = "") -> nodes.entry:
    paragraph = nodes.paragraph()
    paragraph += need_link(app, fromdocname, need)
    paragraph += nodes.Text(" " + need["title"])
    if state in ("suspect", "unreviewed"):  # its review no longer vouches for it (suspect_claims.py)
        paragraph += nodes.inline("", "suspect" if state == "suspect" else "no review", classes=["suspect-badge"])
    return nodes.entry("", paragraph)


def claims_table(app: Sphinx, fromdocname: str, needs: Any, basis: str | None) -> nodes.table:
    table, body = new_table(
        ["Recommendation", "Basis", "Backed by", "Measured by"], [46, 12, 28, 14], ["source-matrix", "claims-matrix"]
    )
    states = read_states(app.outdir)
    for need in runbook_order(needs, fromdocname, "rec"):
        if basis and need.get("basis") != basis:
            continue
        row = nodes.row(classes=[f"basis-{need.get('basis')}"])
        row += titled_cell(app, fromdocname, need, (states.get(need["id"]) or {}).get("state", ""))
        row += nodes.entry("", nodes.paragraph("", "", basis_badge(need.get("basis") or "")))
        row += cites_cell(app, fromdocname, need, needs)
        row += links_cell(app, fromdocname, [needs[i] for i in need.get("evidence") or [] if i in needs])
        body += row
    return table


def sources_table(app: Sphinx, fromdocname: str, needs: Any) -> nodes.table:
    """Every register source that backs a recommendation on this page."""
    table, body = new_table(
        ["Source", "Publisher", "Backs (this page)"], [50, 14, 36], ["source-matrix", "sources-matrix"]
    )
    recs = runbook_order(needs, fromdocname, "rec")
    sources = sorted(
        (need for need in needs.values() if need["type"] == "src"),
        key=lambda need: (need["docname"], need.get("lineno") or 0),
    )
    for source in sources:
        backed = [rec for rec in recs if source["id"] in (rec.get("cites") or [])]
        if not backed:
            continue
        row = nodes.row()
        row += titled_cell(app, fromdocname, source)
        maturity = "" if source.get("maturity") in (None, "", "GA") else f", {source['maturity']}"
        row += nodes.entry("", nodes.paragraph(text=(source.get("publisher") or "") + maturity))
        row += links_cell(app, fromdocname, backed)
        body += row
    return table


def fill_source_matrices(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    def prepare() -> Filler:
        needs = SphinxNeedsData(app.env).get_needs_view()
        return lambda placeholder: (
            sources_table(app, fromdocname, needs)
            if placeholder["view"] == "sources"
            else claims_table(app, fromdocname, needs, placeholder["basis"])
        )

    fill_placeholders(doctree, source_matrix, prepare)
