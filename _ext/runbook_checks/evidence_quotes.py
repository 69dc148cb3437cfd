"""`{bench}` role: quote a figure of a committed result file, so no number on the page is typed.

    {bench}`job_latency:runbook.trigger_ms.p50.median`           -> 612 ms
    {bench}`job_latency:spark-defaults.trigger_ms.p50.median / runbook.trigger_ms.p50.median`  -> 25.3x

The part before the colon names `benchmarks/results/<name>.json`; after it comes a figure or an
arithmetic expression over figures (see evidence_relations.py). The unit follows the figure's name:
`_ms` as ms (s from 1000 ms), `_eps` as events/s, `_mb` as MB, `sustained` as yes/no; a quotient of
figures as a ratio. A comparison (`runbook.e2e_ms.p50.median <= 1000`) renders as "met" or "not met".
Expressions may also use the team's declared assumptions (runbook_policy.toml `[assumptions]`) as
`assumed.<name>`; {assumed}`production_eps` quotes one on its own (-> 50 events/s).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .evidence_relations import COMPARE, RelationError, evaluate, holds, names
from .evidence_results import RESULTS_FOLDER, ResultError, figures
from .model import ASSUMED, QUOTED_FIGURE_CLASSES, assumed_figures
from .result_cache import load_once

logger = logging.getLogger(__name__)


def formatted(expression: str, value: float) -> str:
    named = names(expression)
    if "/" in expression and len(named) > 1:
        return f"{value:.1f}".removesuffix(".0") + "x"
    name = named[0] if named else ""
    if name.endswith("sustained"):
        return "yes" if value else "no"
    if "_ms." in name or name.endswith("_ms"):
        return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"
    if "_eps" in name:
        return f"{value:,.0f} events/s"
    if "_mb" in name:
        return f"{value:,.0f} MB"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class BenchRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        result, sep, expression = self.text.partition(":")
        path = Path(self.config.runbook_repo_root) / RESULTS_FOLDER / f"{result.strip()}.json"
        if not sep or not path.is_file():
            return self.fail(f"no result file '{RESULTS_FOLDER}/{result.strip()}.json' (write `result:figure`)")
        self.env.note_dependency(str(path))
        try:
            offered = figures(load_once(path)) | assumed_figures(self.config)
            if any(op in expression for op in COMPARE):
                text = "met" if holds(expression, offered)[0] else "not met"
            else:
                text = formatted(expression, evaluate(expression, offered))
        except (ResultError, RelationError) as error:
            return self.fail(f"'{self.text}': {error}")
        return [nodes.inline(self.rawtext, text, classes=[QUOTED_FIGURE_CLASSES[0]])], []

    def source_line(self) -> int:  # shared with AssumedRole
        """The role's own line: MyST gives the paragraph's first line, so look for the role from there."""
        path = self.env.doc2path(self.env.docname)
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        for number in range(max(self.lineno, 1), len(lines) + 1):
            if f"`{self.text}`" in lines[number - 1]:
                return number
        return self.lineno

    def fail(self, message: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """A `runbook.evidence` warning at the role's own line, like every other evidence finding."""
        location = (self.env.docname, self.source_line())
        logger.warning(f"{self.name} role: {message}", type="runbook", subtype="evidence", location=location)
        return [nodes.problematic(self.rawtext, self.rawtext)], []


class AssumedRole(BenchRole):
    """{assumed}`name`: one of the runbook policy's `[assumptions]`, rendered with its unit."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        offered = assumed_figures(self.config)
        name = f"{ASSUMED}{self.text.strip()}"
        if name not in offered:
            known = ", ".join(sorted(key.removeprefix(ASSUMED) for key in offered)) or "none"
            return self.fail(f"no assumption '{self.text}' in the runbook policy's assumptions (known: {known})")
        text = formatted(name, offered[name])
        return [nodes.inline(self.rawtext, text, classes=[QUOTED_FIGURE_CLASSES[1]])], []
