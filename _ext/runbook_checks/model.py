"""The shared words of the rules and views: the runbook policy and its section roles, task parameters,
the claim marks, pinpoints, Inference marks, inline cite locations and declared assumptions.

Rules and views import from here (and from context.py, doctree_utils.py, need_refs.py, nodes.py), never
from each other; tests/unit/test_layers.py keeps it so.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx_needs.nodes import Need

from bundle_spec import task_parameter  # noqa: F401  (the rules take it from the model)

from .context import CheckContext
from .text_lines import file_lines, line_of

# --- the runbook policy (runbook_policy.toml, conf.py `runbook_policy` points at it) ---
POLICY_PREFIX = "runbook_"


class PolicyError(ValueError):
    pass


def policy_values(path: Path) -> dict[str, Any]:
    """The policy file's entries under the name of the setting each fills: {'runbook_sections': {...}, ...}."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PolicyError(f"runbook policy {path}: {error}") from error
    return {POLICY_PREFIX + key: value for key, value in data.items()}


def load_policy(config: Any, path: Path) -> None:
    """Read the policy once into the `runbook_*` settings. A setting given in conf.py or with -D wins,
    as the tests' small projects set theirs; a key that names no setting is an error (a typo would
    otherwise leave its rule on its default)."""
    raw = getattr(config, "_raw_config", {})
    for name, value in policy_values(path).items():
        if name not in config:
            raise PolicyError(f"runbook policy {path}: unknown key '{name[len(POLICY_PREFIX) :]}'")
        if name not in raw and name not in config.overrides:
            config[name] = value
    Sections.of(config)  # a section role the rules do not know is an error now, not a silent miss


@dataclass(frozen=True)
class Sections:
    """The runbook's top-level section titles by the role the rules and views give them (the policy's
    `[sections]` table); a role the policy leaves out is '' and matches no section."""

    purpose: str = ""
    baseline: str = ""
    why: str = ""
    photon: str = ""
    checklist: str = ""
    tuning: str = ""
    mapping: str = ""

    @classmethod
    def of(cls, config: Any) -> Sections:
        declared = dict(config.runbook_sections or {})
        unknown = sorted(set(declared) - {field.name for field in fields(cls)})
        if unknown:
            known = [field.name for field in fields(cls)]
            raise PolicyError(f"runbook policy: unknown section role(s) {unknown}; known: {known}")
        return cls(**declared)

    @staticmethod
    def ordered(config: Any) -> list[str]:
        """The declared titles in the order the runbook holds them."""
        return list((config.runbook_sections or {}).values())

    def titles(self, roles: list[str]) -> list[str]:
        return [getattr(self, role) for role in roles if getattr(self, role, "")]


# A `spark.*` configuration key as prose names it (spark_keys.py checks each against the engine; a
# navigation text may not name one: claim_text.py).
SPARK_KEY = re.compile(r"(?<![\w.])spark\.[A-Za-z0-9_.]*[A-Za-z0-9_](\.\*)?")


# --- claim marks: {cite} and {descriptive} (claim_marks.py renders them) ---
CITE_CLASS = "claim-cite"
DESCRIPTIVE_CLASS = "claim-descriptive"
# SRC_ID, then optionally "#anchor", then optionally ": term; term".
PINPOINT = re.compile(r"^\s*(?P<source>[A-Z0-9_]+)\s*(?:#(?P<anchor>[^\s:]*))?\s*(?::(?P<terms>.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Pinpoint:
    """Where on a source's page a claim's support is: a section anchor and terms found there."""

    source: str
    anchor: str | None
    terms: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return bool(self.anchor) and bool(self.terms)

    def text(self) -> str:
        anchor = f"#{self.anchor}" if self.anchor else ""
        terms = f": {'; '.join(self.terms)}" if self.terms else ""
        return f"{self.source}{anchor}{terms}"


def parse_pinpoint(text: str) -> Pinpoint | None:
    """'SRC_X#anchor: term; term' -> Pinpoint; None when it does not even name a source ID."""
    match = PINPOINT.match(text or "")
    if not match:
        return None
    terms = tuple(term.strip() for term in (match["terms"] or "").split(";") if term.strip())
    return Pinpoint(match["source"], match["anchor"] or None, terms)


def cite_nodes(node: nodes.Node) -> list[nodes.inline]:
    return [n for n in node.findall(nodes.inline) if CITE_CLASS in n["classes"]]


def is_descriptive(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and DESCRIPTIVE_CLASS in node["classes"]


def is_cite(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and CITE_CLASS in node["classes"]


# --- pinpoints of a need (pinpoints.py checks them) ---
SEPARATOR = "|"


def need_pinpoints(need: Any) -> list[tuple[str, Pinpoint | None]]:
    """(raw text, parsed pinpoint or None when malformed) for each pinpoint of a need."""
    raw = need.get("pinpoints") or ""
    return [(part.strip(), parse_pinpoint(part)) for part in raw.split(SEPARATOR) if part.strip()]


def pinpoint_by_source(need: Any) -> dict[str, list[Pinpoint]]:
    """Each cited source's pinpoints, in the order written: a page may support a claim in several sections."""
    pins: dict[str, list[Pinpoint]] = {}
    for _, pin in need_pinpoints(need):
        if pin:
            pins.setdefault(pin.source, []).append(pin)
    return pins


# --- the Inference mark (inference_marks.py, claim_model.py) ---
MARK = re.compile(r"^Inference\b")


def starts_with_inference_mark(paragraph: nodes.Element) -> bool:
    """True when the paragraph's first visible content is strong text reading 'Inference...'."""
    for child in paragraph.children:
        if isinstance(child, nodes.Text) and not child.astext().strip():
            continue  # leading whitespace
        return isinstance(child, nodes.strong) and bool(MARK.match(child.astext().strip()))
    return False


def nearest_need(node: nodes.Node) -> Need | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, Need):
        parent = parent.parent
    return parent


# --- where an inline {cite} is ---
def cite_line(lines: list[str], node: nodes.inline) -> int | None:
    """MyST gives a role its paragraph's first line; the role's own line is the first one from there
    that holds its text (read from the source only to point at the right line)."""
    start = node.line or (node.parent.line if node.parent else None)
    if not start:
        return None
    return line_of(lines, f"`{node['cite']}`", start, limit=200) or start


def cite_locations(ctx: CheckContext, docname: str) -> Iterator[tuple[nodes.inline, tuple[str, int | None]]]:
    lines = file_lines(ctx.doc_path(docname))
    for node in cite_nodes(ctx.doctree(docname)):
        yield node, (docname, cite_line(lines, node))


def pinpoint_uses(ctx: CheckContext) -> Iterator[tuple[str, Pinpoint, Any]]:
    """(claim, pinpoint, location) for each complete pinpoint the runbook cites, as pinpoints.json lists
    them: a recommendation's (at the need) and a {cite}'s in prose outside a need (at its line)."""
    for need_id, need in sorted(ctx.needs.items()):
        if need["type"] != "rec":
            continue
        for pins in pinpoint_by_source(need).values():
            for pin in pins:
                if pin.complete and pin.source in (need.get("cites") or []):
                    yield need_id, pin, ctx.need_location(need_id)
    for node, where in cite_locations(ctx, ctx.docname):
        pin = parse_pinpoint(node["cite"])
        if pin is not None and pin.complete and nearest_need(node) is None and pin.source in ctx.needs:
            yield f"{{cite}}`{node['cite']}`", pin, where


# --- the team's declared assumptions ({assumed}) and evidence thresholds ({threshold}) ---
ASSUMED = "assumed."
THRESHOLD = "threshold."
# The classes of a figure quoted from the results ({bench}), the assumptions ({assumed}) or the evidence
# thresholds ({threshold}): bound figures.
QUOTED_FIGURE_CLASSES = ("bench-figure", "assumed-figure", "threshold-figure")


def assumed_figures(config: object) -> dict[str, float]:
    """The declared assumptions, named as expressions use them."""
    return {f"{ASSUMED}{name}": float(value) for name, value in (config.runbook_assumptions or {}).items()}


def threshold_figures(config: object) -> dict[str, float]:
    """The policy's `[evidence_thresholds]`, named as relations and quotes use them (`threshold.<name>`)."""
    declared = getattr(config, "runbook_evidence_thresholds", None) or {}
    return {f"{THRESHOLD}{name}": float(value) for name, value in declared.items()}


def configuration_words(config: object) -> dict[str, list[str]]:
    """The policy's `[evidence_configuration_words]`: the words prose names each benchmark configuration by."""
    declared = getattr(config, "runbook_evidence_configuration_words", None) or {}
    return {str(name): [str(word) for word in words] for name, words in declared.items()}
