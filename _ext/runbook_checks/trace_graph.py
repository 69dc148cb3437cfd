"""`traceability-graph` directive: this page's recommendations, their sources and evidence as an
inline SVG drawn by the configured `graphviz_dot`.

Inline (not `<img>`) so that every node is a working link at any zoom and the theme's CSS
variables colour it in light and dark mode. Left to right, recommendations in runbook order on
the left and sources/evidence on the right, so the graph is tall and narrow and fits the column.
Each node carries `id="graph-<NEED_ID>"` and classes for its type and basis.
"""

from __future__ import annotations

import html
import re
import subprocess
import textwrap
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.data import SphinxNeedsData

from .need_refs import runbook_order
from .nodes import Filler, fill_placeholders, trace_graph

logger = logging.getLogger(__name__)
# Laid out with DejaVu Sans metrics, among the widest sans faces: a reader's font that is narrower
# (Arial, Helvetica) still fits inside the boxes.
FONT = "DejaVu Sans"


class TraceGraphDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [trace_graph()]


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label(need: Any, caption: str | None = None) -> str:
    """HTML-like label: bold ID with a text basis mark for recommendations, then the title, short."""
    head = f"<b>{html.escape(need['id'])}</b>" + (f"  <i>{html.escape(caption)}</i>" if caption else "")
    wrapped = textwrap.wrap(need["title"], 38)
    lines = [head] + [html.escape(line) for line in wrapped[:2]]
    if len(wrapped) > 2:
        lines[-1] += " …"
    return "<" + '<br align="left"/>'.join(lines) + '<br align="left"/>>'


def node_line(app: Sphinx, fromdocname: str, need: Any, classes: str, caption: str | None = None) -> str:
    href = app.builder.get_relative_uri(fromdocname, need["docname"]) + "#" + need["id"]
    attributes = {
        "label": label(need, caption),
        "href": quote(href),
        "target": quote("_top"),
        "tooltip": quote(f"{need['id']}: {need['title']}"),
        "id": quote(f"graph-{need['id']}"),
        "class": quote(classes),
    }
    if "basis-inference" in classes:
        attributes["style"] = quote("dashed")
    return f"{quote(need['id'])} [{', '.join(f'{key}={value}' for key, value in attributes.items())}];"


def dot_source(app: Sphinx, fromdocname: str, needs: Any) -> str:
    recs = runbook_order(needs, fromdocname, "rec")
    targets: dict[str, Any] = {}
    edges: list[str] = []
    for rec in recs:
        for link, kind in (("cites", "cites"), ("evidence", "evidence")):
            for target_id in rec.get(link) or []:
                if target_id in needs:
                    targets[target_id] = needs[target_id]
                    edges.append(f"{quote(rec['id'])} -> {quote(target_id)} [class={quote(kind)}];")
    lines = [
        "digraph traceability {",
        'rankdir="LR"; nodesep=0.08; ranksep=0.9; bgcolor="transparent";',
        f'node [shape="box", fontname="{FONT}", fontsize=10, margin="0.06,0.03"];',
        "edge [arrowsize=0.6, penwidth=0.8];",
        "{ rank=same;",
    ]
    for rec in recs:
        basis = rec.get("basis") or "source"
        lines.append(
            node_line(app, fromdocname, rec, f"rec basis-{basis}", "sourced" if basis == "source" else "inference")
        )
    lines.append("}")
    lines.append("{ rank=same;")
    ordered = sorted(
        targets.values(), key=lambda need: (need["type"] != "src", need["docname"], need.get("lineno") or 0)
    )
    for target in ordered:
        lines.append(node_line(app, fromdocname, target, target["type"]))
    lines.append("}")
    lines += edges
    lines.append("}")
    return "\n".join(lines)


def render_svg(app: Sphinx, dot: str) -> str | None:
    try:
        completed = subprocess.run(
            [app.config.graphviz_dot, "-Tsvg"], input=dot, capture_output=True, text=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning(
            f"traceability graph: '{app.config.graphviz_dot}' failed: {exc}", type="runbook", subtype="graph"
        )
        return None
    # Keep the <svg> element only: the XML prolog and doctype are invalid inside HTML.
    svg = completed.stdout[completed.stdout.index("<svg") :]
    return re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)


def fill_trace_graphs(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    def prepare() -> Filler:
        svg = None
        if app.builder.format == "html":
            svg = render_svg(app, dot_source(app, fromdocname, SphinxNeedsData(app.env).get_needs_view()))
        if svg is None:
            return lambda placeholder: None  # no graph outside HTML, or when dot failed (warned)
        markup = (
            '<div class="trace-graph" role="figure" aria-label="Traceability graph: recommendations on the left, '
            'the sources and evidence they link to on the right">\n' + svg + "</div>\n"
        )
        return lambda placeholder: nodes.raw("", markup, format="html")

    fill_placeholders(doctree, trace_graph, prepare)
