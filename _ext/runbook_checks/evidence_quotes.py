"""`{bench}` role: quote a figure of a committed result file, so no number on the page is typed by hand.

    {bench}`job_latency:runbook.trigger_ms.p50.median`           -> 612 ms
    {bench}`job_latency:spark-defaults.trigger_ms.p50.median / runbook.trigger_ms.p50.median`  -> 25.3x
    {bench}`612 ms <job_latency:runbook.trigger_ms.p50.median>`  -> 612 ms, checked

The last form carries the figure as the source shows it (GitHub's view of the page: gfm_source.py);
the build renders the figure from the results all the same and fails, at the role's line, when the
written one differs (`tox -e sync` writes it back).

The part before the colon names `benchmarks/results/<name>.json`; after it comes a figure or an
arithmetic expression over figures (see evidence_relations.py). The unit follows the figure's name:
`_ms` as ms (s from 1000 ms), `_eps` as events/s, `_mb` as MB, `sustained` as yes/no; a quotient of
figures as a ratio. A comparison (`runbook.e2e_ms.p50.median <= 1000`) renders as "met" or "not met".
Expressions may also use the team's declared assumptions (runbook_policy.toml `[assumptions]`) as
`assumed.<name>`; {assumed}`production_eps` quotes one on its own (-> 50 events/s). Likewise the
evidence thresholds (`[evidence_thresholds]`) as `threshold.<name>`, and {threshold}`name` on its own:
a comparison names its threshold, never types it (`runbook.e2e_ms.p50.median <= 1000` is refused), so
a threshold is changed in the policy, where every relation and page that uses it follows.
The rendered node keeps what it quotes (`node["figure"]`: `job_latency:runbook.trigger_ms.p50.median`)
for the rules that read the page (quote_subjects.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .evidence_relations import RelationError, evaluate, holds, is_relation, literals, names
from .evidence_results import RESULTS_FOLDER, ResultError, figures
from .model import ASSUMED, QUOTED_FIGURE_CLASSES, THRESHOLD, assumed_figures, threshold_figures
from .result_cache import load_once
from .text_lines import file_lines, line_of

logger = logging.getLogger(__name__)


def formatted(expression: str, value: float) -> str:
    named = names(expression)
    if "/" in expression and len(named) > 1:  # a ratio: two decimals below 10x, where they tell ties apart
        digits = f"{value:.2f}".rstrip("0").removesuffix(".") if value < 10 else f"{value:.1f}".removesuffix(".0")
        return digits + "x"
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


# `written <target>`: the figure as the source shows it, then what it quotes (Sphinx's `title <target>`).
WRITTEN = re.compile(r"(?P<written>[^<]*?)\s*<(?P<target>.+)>", re.DOTALL)


def split_written(text: str) -> tuple[str | None, str]:
    """'612 ms <job_latency:x>' -> ('612 ms', 'job_latency:x'); a bare target -> (None, target)."""
    match = WRITTEN.fullmatch(text.strip())
    return (match["written"].strip(), match["target"].strip()) if match else (None, text.strip())


def quote(expression: str, offered: dict[str, float]) -> str:
    """The figure an expression over results and assumptions renders as (RelationError if it cannot)."""
    if is_relation(expression):
        return "met" if holds(expression, offered)[0] else "not met"
    return formatted(expression, evaluate(expression, offered))


def offered_figures(path: Path, config: object) -> dict[str, float]:
    """A result file's figures, the declared assumptions and evidence thresholds, as expressions name them
    (ResultError)."""
    return figures(load_once(path)) | assumed_figures(config) | threshold_figures(config)


def formatted_threshold(name: str, value: float) -> str:
    """A threshold as the policy declares it (1.05, 5, 115), or with its unit when its name has one."""
    if any(unit in name for unit in ("_ms", "_eps", "_mb")):
        return formatted(name, value)
    return f"{value:,g}"


def result_path(root: str | Path, result: str) -> Path:
    return Path(root) / RESULTS_FOLDER / f"{result.strip()}.json"


class BenchRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        written, target = split_written(self.text)
        result, sep, expression = target.partition(":")
        path = result_path(self.config.runbook_repo_root, result)
        if not sep or not path.is_file():
            return self.fail(f"no result file '{RESULTS_FOLDER}/{result.strip()}.json' (write `result:figure`)")
        self.env.note_dependency(str(path))
        try:
            text = quote(expression, offered_figures(path, self.config))
        except (ResultError, RelationError) as error:
            return self.fail(f"'{target}': {error}")
        typed = literals(expression) if is_relation(expression) else []
        if typed:
            self.warn(
                f"'{target}' types the threshold {', '.join(typed)}: declare it once in runbook_policy.toml "
                f"[evidence_thresholds] and name it {THRESHOLD}<name>"
            )
        return self.rendered(text, written, target, QUOTED_FIGURE_CLASSES[0])

    def rendered(self, text: str, written: str | None, target: str, kind: str) -> tuple[list[nodes.Node], list]:
        """The figure from the results; a written figure that differs is reported at its line."""
        if written is not None and written != text:
            self.warn(f"'{target}' is written as '{written}' but gives '{text}' (run `tox -e sync`)")
        return [nodes.inline(self.rawtext, text, classes=[kind], figure=target)], []

    def source_line(self) -> int:  # shared with AssumedRole
        """The role's own line: MyST gives the paragraph's first line, so look for the role from there
        (as a role, or as the GitHub-readable span gfm_source.py turns into it)."""
        lines = file_lines(self.env.doc2path(self.env.docname))
        target = split_written(self.text)[1]
        wanted = (f"`{self.text}`", f'data-{self.name}="{target}"')
        found = [line_of(lines, form, self.lineno) for form in wanted]
        return min((number for number in found if number is not None), default=self.lineno)

    def warn(self, message: str) -> None:
        """A `runbook.evidence` warning at the role's own line, like every other evidence finding."""
        location = (self.env.docname, self.source_line())
        logger.warning(f"{self.name} role: {message}", type="runbook", subtype="evidence", location=location)

    def fail(self, message: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.warn(message)
        return [nodes.problematic(self.rawtext, self.rawtext)], []


class PolicyFigureRole(BenchRole):
    """A figure the runbook policy declares, quoted by name: subclasses say which table, its prefix, how
    a value renders and the quote's class."""

    prefix: str
    table: str  # the policy table, as messages name it
    what: str  # one entry of it, as messages name it
    css: str

    def offered(self) -> dict[str, float]:
        raise NotImplementedError

    def render(self, name: str, value: float) -> str:
        return formatted(name, value)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        written, target = split_written(self.text)
        offered = self.offered()
        name = f"{self.prefix}{target}"
        if name not in offered:
            known = ", ".join(sorted(key.removeprefix(self.prefix) for key in offered)) or "none"
            return self.fail(f"no {self.what} '{target}' in the runbook policy's {self.table} (known: {known})")
        return self.rendered(self.render(name, offered[name]), written, target, self.css)


class AssumedRole(PolicyFigureRole):
    """{assumed}`name`: one of the runbook policy's `[assumptions]`, rendered with its unit."""

    prefix, table, what, css = ASSUMED, "assumptions", "assumption", QUOTED_FIGURE_CLASSES[1]

    def offered(self) -> dict[str, float]:
        return assumed_figures(self.config)


class ThresholdRole(PolicyFigureRole):
    """{threshold}`name`: one of the runbook policy's `[evidence_thresholds]`, as the policy declares it."""

    prefix, table, what, css = THRESHOLD, "evidence_thresholds", "threshold", QUOTED_FIGURE_CLASSES[2]

    def offered(self) -> dict[str, float]:
        return threshold_figures(self.config)

    def render(self, name: str, value: float) -> str:
        return formatted_threshold(name, value)
