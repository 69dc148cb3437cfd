"""`benchmark-table` directive: render a committed benchmark result file as a table at build time.

The evidence page shows exactly what the committed JSON says; nobody retypes figures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


def fmt(value: Any, digits: int = 0) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def job_latency_rows(document: dict) -> tuple[list[str], list[list[str]]]:
    headers = [
        "Configuration",
        "Changed",
        "Batches",
        "Trigger p50 (ms)",
        "Trigger p95",
        "Trigger p99",
        "End-to-end p50 (s)",
        "End-to-end p99",
        "Rows/s",
        "State rows",
        "Status",
    ]
    rows = []
    for result in document["results"]:
        trigger, e2e = result.get("trigger_ms") or {}, result.get("e2e_s") or {}
        rows.append(
            [
                result["name"],
                result.get("changed", ""),
                fmt(result.get("batches")),
                fmt(trigger.get("p50")),
                fmt(trigger.get("p95")),
                fmt(trigger.get("p99")),
                fmt(e2e.get("p50"), 2),
                fmt(e2e.get("p99"), 2),
                fmt(result.get("rows_per_s"), 1),
                fmt(result.get("state_rows")),
                "measured" if result.get("status") == "ok" else result.get("status", ""),
            ]
        )
    return headers, rows


def docs_scaling_rows(document: dict) -> tuple[list[str], list[list[str]]]:
    headers = ["Synthetic needs", "sphinx-needs only (s)", "With our checks (s)", "Overhead", "ms/need (with checks)"]
    rows = [
        [
            fmt(row["needs_synthetic"]),
            fmt(row["plain_s"], 2),
            fmt(row["with_checks_s"], 2),
            f"{row['checks_overhead_pct']:+.1f}%",
            fmt(row["with_checks_ms_per_need"], 2),
        ]
        for row in document["results"]
    ]
    return headers, rows


RENDERERS = {"job_latency": job_latency_rows, "docs_scaling": docs_scaling_rows}


def table(headers: list[str], rows: list[list[str]]) -> nodes.table:
    node = nodes.table(classes=["benchmark-table"])
    group = nodes.tgroup(cols=len(headers))
    node += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.row()
    for header in headers:
        head += nodes.entry("", nodes.paragraph(text=header))
    group += nodes.thead("", head)
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        # The first cell is an identifier (configuration name): a literal, which the spelling
        # builder skips. Figures and prose stay plain text.
        for index, cell in enumerate(cells):
            content = nodes.literal(text=cell) if index == 0 else nodes.Text(cell)
            row += nodes.entry("", nodes.paragraph("", "", content))
        body += row
    group += body
    return node


class BenchmarkTableDirective(SphinxDirective):
    """Usage: a `benchmark-table` fence whose argument is a result file relative to the repository root."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        path = Path(self.config.runbook_repo_root) / self.arguments[0]
        self.env.note_dependency(str(path))
        if not path.is_file():
            raise self.error(f"benchmark result file '{self.arguments[0]}' does not exist")
        document = json.loads(path.read_text(encoding="utf-8"))
        renderer = RENDERERS.get(document.get("benchmark"))
        if renderer is None:
            raise self.error(f"'{self.arguments[0]}' is not a known benchmark result")
        machine, versions = document.get("machine", {}), document.get("versions", {})
        caption = nodes.paragraph()
        caption += nodes.Text(f"Measured {document.get('date', '?')} on {machine.get('cores', '?')} cores: ")
        caption += nodes.literal(text=f"{machine.get('platform', '?')}, Python {machine.get('python', '?')}")
        caption += nodes.Text("; versions: ")
        caption += nodes.literal(text=", ".join(f"{name} {value}" for name, value in versions.items()))
        caption += nodes.Text(".")
        return [caption, table(*renderer(document))]
