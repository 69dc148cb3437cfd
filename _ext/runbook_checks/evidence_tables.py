"""`benchmark-table` directive: render a committed benchmark result file as a table at build time.

The evidence page shows exactly what the committed JSON says; nobody retypes figures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .nodes import new_table

logger = logging.getLogger(__name__)


def fmt(value: Any, digits: int = 0) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def spread(summary: dict, prefix: str, scale: float = 1.0, digits: int = 0) -> str:
    """'median (min-max)' of a figure over repetitions; '>=' marks a lower bound (a batch or pair unfinished)."""
    if f"{prefix}.median" not in summary:
        return "-"
    median, low, high = (summary[f"{prefix}.{stat}"] / scale for stat in ("median", "min", "max"))
    bound = ">= " if summary.get(f"{prefix.rsplit('.', 1)[0]}.lower_bound.max") else ""
    return f"{bound}{median:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"


def job_latency_rows(document: dict, view: str) -> tuple[list[str], list[list[str]]]:
    summary = document["summary"]
    configs = document["configurations"]
    if view == "parts":
        parts = ["latestOffset", "getBatch", "queryPlanning", "addBatch", "walCommit", "commitOffsets"]
        headers = ["Configuration", *[f"{p} p50 (ms)" for p in parts], "State commit p50", "State updates p50"]
        rows = [
            [c["name"]]
            + [spread(summary, f"{c['name']}.parts_ms.{p}.p50") for p in parts]
            + [spread(summary, f"{c['name']}.{m}.p50") for m in ("state_commit_ms", "state_update_ms")]
            for c in configs
        ]
        return headers, rows
    headers = [
        "Configuration",
        "Changed",
        "Runs",
        "Batches per run",
        "Trigger p50 (ms)",
        "Trigger p95",
        "Trigger p99",
        "End-to-end p50 (s)",
        "End-to-end p95",
        "End-to-end p99",
        "State rows",
    ]
    rows = []
    for config in configs:
        name = config["name"]
        rows.append(
            [
                name,
                config["changed"],
                fmt(summary.get(f"{name}.runs")),
                spread(summary, f"{name}.batches"),
                *(spread(summary, f"{name}.trigger_ms.p{q}") for q in (50, 95, 99)),
                *(spread(summary, f"{name}.e2e_ms.p{q}", 1000, 2) for q in (50, 95, 99)),
                spread(summary, f"{name}.state_rows"),
            ]
        )
    return headers, rows


def job_capacity_rows(document: dict, view: str) -> tuple[list[str], list[list[str]]]:
    summary = document["summary"]
    headers = [
        "Configuration",
        "Events/s per stream",
        "Sustained",
        "Backlog at end (events)",
        "Trigger p50 (ms)",
        "Trigger p99",
        "End-to-end p50 (s)",
        "End-to-end p99",
        "State rows",
        "State memory (MB)",
        "JVM resident (MB)",
    ]
    rows = []
    for config in document["configurations"]:
        name = config["name"]
        rates = sorted(r["events_per_second_per_stream"] for r in document["runs"] if r["configuration"] == name)
        for rate in rates:
            figure = {
                key.removeprefix(f"{name}.eps_{rate}."): value
                for key, value in summary.items()
                if key.startswith(f"{name}.eps_{rate}.")
            }

            def bound(metric: str, scale: float = 1.0, digits: int = 0, figure: dict = figure) -> str:
                if metric not in figure:
                    return "-"
                prefix = ">= " if figure.get(f"{metric.split('.')[0]}.lower_bound") else ""
                return f"{prefix}{figure[metric] / scale:.{digits}f}"

            rows.append(
                [
                    name,
                    f"{rate:,}",
                    "yes" if figure.get("sustained") else "no",
                    fmt(figure.get("backlog_events")),
                    bound("trigger_ms.p50"),
                    bound("trigger_ms.p99"),
                    bound("e2e_ms.p50", 1000, 2),
                    bound("e2e_ms.p99", 1000, 2),
                    fmt(figure.get("state_rows")),
                    fmt(figure.get("state_memory_mb"), 1),
                    fmt(figure.get("rss_mb")),
                ]
            )
    return headers, rows


def docs_scaling_rows(document: dict, view: str) -> tuple[list[str], list[list[str]]]:
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


def job_soak_rows(document: dict, view: str) -> tuple[list[str], list[list[str]]]:
    """One row per minute of the soak: its batches' time and the output at the minute's end."""
    summary = document["summary"]
    headers = [
        "Minute",
        "Batches",
        "Trigger p50 (ms)",
        "addBatch p50",
        "queryPlanning p50",
        "latestOffset p50",
        "Output files",
        "Output (MB)",
        "JVM resident (MB)",
        "Load (1 min)",
    ]
    rows = []
    for sample in document["runs"][0]["minutes"]:
        key = f"minute_{sample['minute']:02d}"
        rows.append(
            [
                str(sample["minute"]),
                fmt(summary.get(f"{key}.batches")),
                fmt(summary.get(f"{key}.trigger_ms.p50")),
                *(
                    fmt(summary.get(f"{key}.parts_ms.{part}.p50"))
                    for part in ("addBatch", "queryPlanning", "latestOffset")
                ),
                fmt(summary.get(f"{key}.output_files")),
                fmt(summary.get(f"{key}.output_mb"), 1),
                fmt(summary.get(f"{key}.rss_mb")),
                fmt(summary.get(f"{key}.load_1m"), 2),
            ]
        )
    return headers, rows


RENDERERS = {
    "job_latency": job_latency_rows,
    "progress_cost": job_latency_rows,  # the same repetition sets, two configurations
    "job_levers": job_latency_rows,  # the same repetition sets, one lever per configuration
    "job_capacity": job_capacity_rows,
    "job_soak": job_soak_rows,
    "docs_scaling": docs_scaling_rows,
}


def camel_breaks(text: str) -> str:
    """A line-break opportunity (zero-width space) inside camelCase names such as queryPlanning, so a
    narrow header column wraps there instead of widening the table or breaking a word anywhere."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "\u200b", text)


def cell_content(index: int, cell: str) -> list[nodes.Node]:
    """A configuration name as a literal; a 'median (min-max)' figure as the median over a smaller range."""
    if index == 0:
        return [nodes.literal(text=cell)]
    median, space, spread = cell.partition(" (")
    if space and spread.endswith(")"):
        return [nodes.Text(median), nodes.inline("", f"({spread}", classes=["figure-range"])]
    return [nodes.Text(cell)]


def table(headers: list[str], rows: list[list[str]]) -> nodes.table:
    node, body = new_table([camel_breaks(header) for header in headers], [1] * len(headers), ["benchmark-table"])
    for cells in rows:
        row = nodes.row()
        # The first cell is an identifier (configuration name): a literal, which the spelling
        # builder skips. Figures and prose stay plain text.
        for index, cell in enumerate(cells):
            row += nodes.entry("", nodes.paragraph("", "", *cell_content(index, cell)))
        body += row
    return node


class BenchmarkTableDirective(SphinxDirective):
    """Usage: a `benchmark-table` fence whose argument is a result file relative to the repository root."""

    required_arguments = 1
    option_spec: ClassVar = {"view": directives.unchanged}  # job_latency: "parts" shows where a batch's time goes

    def fail(self, message: str) -> list[nodes.Node]:
        """A `runbook.evidence` warning at the directive's line, like every other evidence finding."""
        logger.warning(message, type="runbook", subtype="evidence", location=self.get_location())
        return []

    def run(self) -> list[nodes.Node]:
        path = Path(self.config.runbook_repo_root) / self.arguments[0]
        self.env.note_dependency(str(path))
        if not path.is_file():
            return self.fail(f"benchmark result file '{self.arguments[0]}' does not exist")
        document = json.loads(path.read_text(encoding="utf-8"))
        renderer = RENDERERS.get(document.get("benchmark"))
        if renderer is None:
            return self.fail(f"'{self.arguments[0]}' is not a known benchmark result")
        caption = nodes.paragraph()
        if "provenance" in document:
            origin = document["provenance"]
            load = f"{origin['load_average_start'][0]:.2f} -> {origin['load_average_end'][0]:.2f}"
            date = origin.get("date") or document.get("date")
            cores = origin.get("cores") or document.get("machine", {}).get("cores")
            caption += nodes.Text(f"Measured {date} on {cores} cores (1-minute load average ")
            caption += nodes.Text(f"{load}) at commit ")
            caption += nodes.literal(
                text=origin["git_commit"][:10] + (" (uncommitted changes)" if origin["git_dirty"] else "")
            )
            caption += nodes.Text("; ")
            if "pyspark" in origin:
                caption += nodes.literal(
                    text=f"pyspark {origin['pyspark']}, {origin['java']}, Python {origin['python']}"
                )
            else:  # the docs benchmark: the documentation tool versions matter
                versions = ", ".join(f"{k} {v}" for k, v in document.get("versions", {}).items())
                caption += nodes.literal(text=versions)
            caption += nodes.Text(".")
        else:
            machine, versions = document.get("machine", {}), document.get("versions", {})
            caption += nodes.Text(f"Measured {document.get('date', '?')} on {machine.get('cores', '?')} cores: ")
            caption += nodes.literal(text=f"{machine.get('platform', '?')}, Python {machine.get('python', '?')}")
            caption += nodes.Text("; versions: ")
            caption += nodes.literal(text=", ".join(f"{name} {value}" for name, value in versions.items()))
            caption += nodes.Text(".")
        return [caption, table(*renderer(document, self.options.get("view", "")))]
