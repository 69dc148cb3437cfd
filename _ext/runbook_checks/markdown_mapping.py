"""The runbook's Markdown carries its own claim -> source -> URL table.

Reviewers read the `.md` on GitHub and in pull requests, where directives render as empty fences.
So the Source Mapping section holds a plain Markdown list (claim, then its sources) between two marker comments,
generated from the needs by one command and committed:

    tox -e mapping        (runs: python tools/write_mapping.py, see that tool)

The build fails (a "runbook" warning at the first stale line, naming that command) when the
committed mapping differs from what the needs give. In HTML the plain table is swapped for the
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


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def preview(source: Any) -> str:
    """A source documenting a preview feature says so in the mapping."""
    return "" if source.get("maturity") in (None, "", "GA") else f" ({source['maturity']})"


def mapping_table(needs: Any, docname: str) -> str:
    """One item per recommendation, in runbook order, its sources and evidence nested under it.

    A list rather than a table: it reads at any width in a pull request (no column scrolls sideways, every
    URL shows whole and can be clicked), and a claim's sources read together. Each source line names its
    ID, title, maturity when not GA, the sections and key terms pinpointed, and its URL; an evidence line
    names the committed result file. A changed citation is one self-explaining line in a diff.
    """
    lines = []
    for rec in runbook_order(needs, docname, "rec"):
        lines.append(f"- `{rec['id']}` {cell(rec['title'])} ({rec.get('basis') or 'no basis'})")
        pins = pinpoint_by_source(rec)
        for i in rec.get("cites") or []:
            source = needs[i]
            lines.append(f"  - `{i}` {cell(source['title'])}{preview(source)}{pinpoint_text(pins.get(i, []))}:")
            lines.append(f"    {url_cell(source)}")
        lines += [f"  - `{i}` (local evidence): `{needs[i]['artifact']}`" for i in rec.get("evidence") or []]
    return "\n".join(lines)


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
    return "\n".join([*lines[:start], START, "", table, "", *lines[end:]])  # a list needs blank lines around it


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
        line = first_difference(text.split("\n"), wanted.split("\n")) + 1
        message = (
            f"the Markdown source mapping is stale from this line: run `{COMMAND}` "
            "(PYTHONPATH=_ext:src python tools/write_mapping.py) and commit the result"
        )
        yield Problem("mapping", message, f"{path}:{line}")


def first_difference(have: list[str], want: list[str]) -> int:
    """0-based index of the first line where the committed text and the generated one part."""
    return next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))


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
