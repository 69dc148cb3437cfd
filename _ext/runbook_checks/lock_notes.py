"""A small note on each register entry the runbook cites by pinpoint: whether the online probe has
fetched its cited sections ("cited sections never fetched", "1 of 3 cited sections never fetched",
"cited sections fetched on 2026-12-01"), read from the committed source lock (section_locks.py).

It sits after the source's URL in its box. A source the runbook cites without a pinpoint gets no note;
a source never fetched does not fail the build, it is only shown as such.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from .model import cite_nodes, parse_pinpoint, pinpoint_by_source
from .section_locks import lock_entry, read_lock, register_note

NOTE_CLASS = "lock-note"


def cited_sections(needs: Any, runbook: nodes.document | None) -> dict[str, set[str]]:
    """Each source's cited anchors: the recommendations' pinpoints and the runbook's {cite}s."""
    cited: dict[str, set[str]] = {}
    for need in needs.values():
        if need["type"] == "rec":
            for source, pins in pinpoint_by_source(need).items():
                cited.setdefault(source, set()).update(pin.anchor for pin in pins if pin.complete)
    for node in cite_nodes(runbook) if runbook is not None else []:
        pin = parse_pinpoint(node["cite"])
        if pin is not None and pin.complete:
            cited.setdefault(pin.source, set()).add(str(pin.anchor))
    return {source: anchors for source, anchors in cited.items() if anchors}


def note_fetched_sources(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    config = app.config
    if fromdocname != config.runbook_register_docname or not config.runbook_source_lock_file:
        return
    needs = SphinxNeedsData(app.env).get_needs_view()
    runbook = app.env.get_doctree(config.runbook_docname) if config.runbook_docname in app.env.all_docs else None
    lock, _refused = read_lock(Path(config.runbook_repo_root) / config.runbook_source_lock_file)
    for source_id, anchors in sorted(cited_sections(needs, runbook).items()):
        source = needs.get(source_id)
        box = next((table for table in doctree.findall(nodes.table) if source_id in table["ids"]), None)
        if source is None or box is None:
            continue
        url = str(source.get("url") or "")
        text = register_note([lock_entry(lock, source_id, anchor, url) for anchor in sorted(anchors)])
        shown = next((n for n in box.findall(nodes.inline) if "needs_url" in n["classes"]), None)
        if shown is None:
            continue
        shown.parent.insert(shown.parent.index(shown) + 1, nodes.inline("", f" ({text})", classes=[NOTE_CLASS]))
