"""A hyperlink in the pages' prose points at a page the source register holds.

A claim's basis is a registered source (its URL, publisher, runtime range and pinpoints checked); a
bare link to another page would be a citation that none of that checks. So every external link
(`http`/`https`) on every page must name the page of a source need: equal in canonical form
(source_model.py: the same page through a `#section`, `?query`, trailing slash, `.html`, case or
Databricks' legacy paths). A page worth linking to is worth registering.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from docutils import nodes

from .context import CheckContext, Problem
from .doctree_utils import nearest_line
from .source_model import canonical_url
from .text_lines import file_lines, line_of


def external_links(doctree: nodes.document) -> Iterator[tuple[str, int | None]]:
    """(URL, line) of each external hyperlink on a page."""
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri") or ""
        if urlsplit(uri).scheme in ("http", "https"):
            yield uri, nearest_line(reference)


def unregistered(links: Iterator[tuple[str, int | None]], registered: set[str]) -> Iterator[tuple[str, int | None]]:
    """The links whose page (canonical form) is not among the registered pages."""
    return ((uri, line) for uri, line in links if canonical_url(uri) not in registered)


def check(ctx: CheckContext) -> Iterator[Problem]:
    registered = {canonical_url(need.get("url") or "") for need in ctx.needs.values() if need["type"] == "src"}
    register = ctx.config.runbook_register_docname
    for docname in ctx.docnames:
        found = list(unregistered(external_links(ctx.doctree(docname)), registered))
        lines = file_lines(ctx.doc_path(docname)) if found else []
        for uri, paragraph_line in found:
            # MyST gives a link its paragraph's first line; the finding names the line that holds the URL.
            line = line_of(lines, uri, paragraph_line or 1, limit=40) or paragraph_line
            message = (
                f"link to '{uri}', a page the source register does not hold: register it in "
                f"{register} (a src need) or link a registered page"
            )
            yield Problem("register", message, (docname, line))
