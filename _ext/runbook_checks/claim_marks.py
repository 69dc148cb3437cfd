"""Inline claim marks: `{cite}` names the source of a sentence, `{descriptive}` marks navigation text.

Both read well in the raw Markdown a reviewer sees in a pull request:

    Databricks advises compute-optimized workers {cite}`SRC_DBX_STATEFUL_STREAMING`.
    With a pinpoint: {cite}`SRC_DBX_STATEFUL_STREAMING#optimize-performance: 1-2 times; cores`
    The rest of this section is a checklist. {descriptive}`navigation`

At read time a role leaves an empty inline node carrying its data, so the rules read the marks
without the doctree's text changing (the spec and key rules compare cell and paragraph text).
When a page is written, `render_claim_marks` fills in what the reader sees: a compact link to the
source in the register (plus a `§` deep link to the cited section when pinpointed), or a small
"descriptive" tag.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from .doctree_utils import ancestors
from .model import CITE_CLASS, DESCRIPTIVE_CLASS, is_cite, is_descriptive, parse_pinpoint


def cite_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = ()):
    node = nodes.inline(rawtext, "", classes=[CITE_CLASS], cite=text.strip())
    node.line = lineno
    return [node], []


def descriptive_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = ()
):
    node = nodes.inline(rawtext, "", classes=[DESCRIPTIVE_CLASS], reason=text.strip())
    node.line = lineno
    return [node], []


def render_claim_marks(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Give each mark its visible form (the read-time nodes are empty)."""
    needs = None
    for node in list(doctree.findall(nodes.inline)):
        if node.children:
            continue
        if is_descriptive(node):
            node += nodes.Text("descriptive")
            continue
        if not is_cite(node):
            continue
        if needs is None:
            needs = SphinxNeedsData(app.env).get_needs_view()
        pinpoint = parse_pinpoint(node["cite"])
        source = needs.get(pinpoint.source) if pinpoint else None
        label = f"[{node['cite']}]"
        if source is None:  # reported by the pinpoint rule; show the raw text rather than hide it
            node += nodes.Text(label)
            continue
        label = pinpoint.source.removeprefix("SRC_")
        uri = app.builder.get_relative_uri(fromdocname, source["docname"]) + "#" + source["id"]
        node += nodes.Text("[")
        node += nodes.reference("", label, refuri=uri, internal=True, reftitle=source["title"])
        if pinpoint.anchor:
            title = "section of the cited page" + (f" stating: {'; '.join(pinpoint.terms)}" if pinpoint.terms else "")
            node += nodes.Text(" ")
            node += nodes.reference("", "§", refuri=f"{source['url']}#{pinpoint.anchor}", reftitle=title)
        node += nodes.Text("]")


def collapse_detail_rows(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Write the rows a need box's collapse button starts hidden (`target__hide__<row>...`) as hidden, as
    sphinx-needs' script would on load: rows the script hides after the browser has scrolled to a link's
    target move the target off screen."""
    for button in doctree.findall(nodes.Element):
        if "needs_collapse" not in button.get("classes", []):
            continue
        parts = next((i.split("__") for i in button["ids"] if i.startswith("target__hide__")), None)
        table = next((a for a in ancestors(button) if isinstance(a, nodes.table)), None)
        if parts is None or table is None:
            continue
        for row in table.findall(nodes.row):
            if set(parts[2:]) & set(row["classes"]) and "collapse_is_hidden" not in row["classes"]:
                row["classes"].append("collapse_is_hidden")
