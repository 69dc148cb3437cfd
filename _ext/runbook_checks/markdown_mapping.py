"""The runbook's Markdown carries its own claim -> source -> URL table.

Reviewers read the `.md` on GitHub and in pull requests, where directives render as empty fences.
So the Source Mapping section holds a plain Markdown table between two marker comments,
generated from the needs by one command and committed:

    tox -e mapping        (runs: python -m runbook_checks.write_mapping, see that module)

The build fails (a "runbook" warning at the marker's file:line, naming that command) when the
committed table differs from what the needs give. In HTML the plain table is swapped for the
richer generated matrix (source_matrix.py), so the page does not show both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from .context import CheckContext, Problem
from .model import pinpoint_by_source
from .need_refs import runbook_order
from .nodes import source_matrix

COMMAND = "tox -e mapping"
START = f"<!-- source-mapping:start generated from the needs by `{COMMAND}`; do not edit by hand -->"
END = "<!-- source-mapping:end -->"
HEADER = ["Claim", "Basis", "Source", "URL"]


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def preview(source: Any) -> str:
    """A source documenting a preview feature says so in the table."""
    return "" if source.get("maturity") in (None, "", "GA") else f" ({source['maturity']})"


def mapping_table(needs: Any, docname: str) -> str:
    """One row per (recommendation, cited source), in runbook order; evidence rows name the artifact.

    Every row names its claim's ID, so a changed citation is one self-explaining line in a diff;
    the claim's title is given on its first row only. A pinpointed source names its section and key
    terms after its title.
    """
    rows = ["| " + " | ".join(HEADER) + " |", "| " + " | ".join("---" for _ in HEADER) + " |"]
    for rec in runbook_order(needs, docname, "rec"):
        basis = rec.get("basis") or ""
        pins = pinpoint_by_source(rec)
        targets = [
            (f"`{i}` {cell(needs[i]['title'])}{preview(needs[i])}{pinpoint_text(pins.get(i, []))}", url_cell(needs[i]))
            for i in rec.get("cites") or []
        ] + [(f"`{i}` (local evidence)", f"`{needs[i]['artifact']}`") for i in rec.get("evidence") or []]
        for index, (source, url) in enumerate(targets):
            claim = f"`{rec['id']}`" + (f" {cell(rec['title'])}" if index == 0 else "")
            rows.append(f"| {claim} | {basis} | {source} | {url} |")
    return "\n".join(rows)


def url_cell(source: Any) -> str:
    return f"<{source['url']}>"


def pinpoint_text(pins: list[Any]) -> str:
    parts = []
    for pin in pins:
        if pin.anchor:
            terms = f": {cell('; '.join(pin.terms))}" if pin.terms else ""
            parts.append(f"§ `#{pin.anchor}`{terms}")
    return "".join(f", {part}" for part in parts)


def block_span(lines: list[str]) -> tuple[int, int] | None:
    """0-based indexes of the start and end marker lines, or None when either is missing."""
    starts = [i for i, line in enumerate(lines) if line.startswith("<!-- source-mapping:start")]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        return None
    return starts[0], ends[0]


def updated_text(text: str, table: str) -> str | None:
    """The file text with the generated block replaced; None when the markers are missing."""
    lines = text.split("\n")
    span = block_span(lines)
    if span is None:
        return None
    start, end = span
    return "\n".join([*lines[:start], START, table, *lines[end:]])


def check(ctx: CheckContext) -> Iterator[Problem]:
    """Compare (or, in write mode, rewrite) the committed table with the one the needs give."""
    path = Path(ctx.doc_path(ctx.docname))
    text = path.read_text(encoding="utf-8")
    wanted = updated_text(text, mapping_table(SphinxNeedsData(ctx.app.env).get_needs_view(), ctx.docname))
    if wanted is None:
        message = (
            f"Source Mapping has no single '{START[:30]}...' / '{END}' block; add both markers and run `{COMMAND}`"
        )
        yield Problem("mapping", message, f"{path}:1")
    elif ctx.config.runbook_mapping_write:
        if wanted != text:
            path.write_text(wanted, encoding="utf-8")
    elif wanted != text:
        line = block_span(text.split("\n"))[0] + 1
        message = (
            f"the Markdown source mapping table is stale: run `{COMMAND}` "
            "(PYTHONPATH=_ext python -m runbook_checks.write_mapping) and commit the result"
        )
        yield Problem("mapping", message, f"{path}:{line}")


def swap_for_matrix(app: Sphinx, doctree: nodes.document) -> None:
    """Replace the plain table between the markers with the generated matrix (rendered views only)."""
    if app.env.docname != app.config.runbook_docname:
        return
    for marker in list(doctree.findall(nodes.raw)):
        if not marker.astext().startswith("<!-- source-mapping:start"):
            continue
        parent = marker.parent
        index = parent.index(marker)
        for sibling in list(parent.children[index + 1 :]):
            done = isinstance(sibling, nodes.raw) and sibling.astext().strip() == END
            parent.remove(sibling)
            if done:
                break
        marker.replace_self(source_matrix(view="claims", basis=None))
