"""What each claim rests on, as a fingerprint: the claim's normalised text and every input it reads.

A claim is a recommendation (`rec` need; its ID) or an inline claim of the coverage rule with a basis
(sourced, inference, bound to a recommendation; claim_model.py): a paragraph, list item or row, and a
heading or code comment that restates a recommendation (its inputs are that recommendation's, `via`).
An inline claim's ID is its section's anchor and a hash of its normalised text,
`why-this-configuration/1f0c3a9be2`: whitespace and line breaks do not count, and each bound figure counts as its
key, not its value, so a reflow, a move within its section or a value written back by `tox -e sync`
keeps the ID; a text edit or a move to another section makes a new claim (reviewed anew). Identical
claims in one section are told apart by `.2`, `.3`.

The inputs, each a label and the value a reviewer saw (per-input digests make the record compact):
- `text`: the normalised text (a need: title, basis, settings and content), as its digest;
- `<target> <key>`: each `{spec}` value for every target (`prod workers`: `2`), as the spec rule reads it;
- `bench <result>:<figure>`: each quoted benchmark figure as rendered, and `provenance <result>` the
  result file's provenance block (as a digest);
- `assumed <name>`: each `{assumed}` figure, as the runbook policy declares it; `threshold <name>` each
  `{threshold}` figure, likewise;
- `<SRC> url`, `<SRC> maturity`, `<SRC> pinpoint`: each cited register entry (by `:cites:` or `{cite}`);
- `<SRC>#<anchor> section text`: each cited section's hash from the committed source lock, once the
  online probe has fetched and found it (section_locks.py; a section never fetched adds no input);
- `<EVD> figure <name>`: each figure an evidence need names, from its result file (or the assumptions
  and evidence thresholds: a threshold moved in the policy puts the claims its evidence backs in question);
- `via <REC> ...`: the inputs of each need referenced with `{need}` or linked as a recommendation's
  `evidence`, followed transitively.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_ref import NeedRef

from .claim_model import Claim, parts, visible_html_text
from .evidence_results import RESULTS_FOLDER, ResultError, figures
from .model import QUOTED_FIGURE_CLASSES, is_cite, parse_pinpoint, pinpoint_by_source
from .nodes import spec_value
from .result_cache import load_once
from .section_locks import SectionRecord, input_label, lock_entry, section_input

# The kinds of inline claim that assert something a review can vouch for (descriptive text, identity
# rows compared with the spec cell by cell and claims without a basis are not reviewed).
REVIEWED_KINDS = ("sourced", "inference", "reference")
# What Sphinx's smartquotes make of ASCII quotes, dashes and ellipses, undone: the HTML build applies
# them and the spelling build does not, and both must see the same claim.
PLAIN = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--", "\u2014": "---", "\u2026": "..."}
)
TARGET = re.compile(r"<(?P<target>[^<>]+)>\s*$")
# The spec facts of one target (spec_values.facts), passed in by the setup layer.
Facts = dict[str, dict[str, str]]


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


@dataclass
class ClaimPrint:
    claim: str
    docname: str
    line: int | None
    inputs: dict[str, str] = field(default_factory=dict)
    # The maturity of each register entry the claim rests on (review expiry reads the least mature).
    maturities: dict[str, str] = field(default_factory=dict)

    def as_record(self) -> dict[str, Any]:
        inputs = {label: {"value": value, "digest": digest(value)} for label, value in sorted(self.inputs.items())}
        return {"digest": fingerprint_digest(inputs), "inputs": inputs}


def fingerprint_digest(inputs: dict[str, dict[str, str]]) -> str:
    """The digest over the inputs' labels and digests (so a record's values and digests must agree)."""
    return digest(json.dumps({label: entry["digest"] for label, entry in sorted(inputs.items())}, sort_keys=True))


def figure_target(node: nodes.Element) -> str:
    match = TARGET.search(node.rawsource.rstrip("`"))
    return match["target"].strip() if match else node.rawsource.partition("`")[2].rstrip("`").strip()


def quoted_kind(node: nodes.Node) -> str:
    if not isinstance(node, nodes.inline):
        return ""
    found = set(QUOTED_FIGURE_CLASSES) & set(node["classes"])
    return next(iter(found), "")


def normalised_text(units: list[nodes.Node]) -> str:
    """The claim's words with whitespace collapsed, each bound figure written as its key."""
    pieces: list[str] = []

    def visit(node: nodes.Node) -> None:
        if isinstance(node, spec_value):
            pieces.append(f"{{spec:{node['key']}}}")
        elif quoted_kind(node):
            pieces.append(f"{{{quoted_kind(node)}:{figure_target(node)}}}")
        elif is_cite(node):  # the source only: its anchor and terms are an input, so a moved anchor keeps the ID
            pin = parse_pinpoint(node["cite"])
            pieces.append(f"{{cite:{pin.source if pin else node['cite'].strip()}}}")
        elif isinstance(node, NeedRef):
            pieces.append(f"{{need:{node['reftarget'].split('.')[0]}}}")
        elif isinstance(node, nodes.raw):
            pieces.append(visible_html_text(node))
        elif isinstance(node, nodes.Text):
            pieces.append(node.astext())
        else:
            for child in node.children:
                visit(child)
            pieces.append(" ")

    for unit in units:
        visit(unit)
    return " ".join("".join(pieces).translate(PLAIN).split())


class Collector:
    """Fingerprints of one build: `facts` per target, the needs and the doctrees they live in, the
    source lock's section records (`sections`, by key: section_locks.py)."""

    def __init__(
        self,
        needs: Any,
        doctree_of: Callable[[str], nodes.document],
        facts: Facts,
        root: Path,
        assumptions: dict[str, Any],
        sections: dict[str, SectionRecord] | None = None,
        thresholds: dict[str, Any] | None = None,
    ):
        self.needs, self.doctree_of, self.facts, self.root = needs, doctree_of, facts, root
        self.assumptions = assumptions
        self.sections = sections or {}
        self.thresholds = thresholds or {}
        self._need_nodes: dict[str, Need] = {}
        self._need_inputs: dict[tuple[str, frozenset[str]], tuple[dict[str, str], dict[str, str]]] = {}

    def need_node(self, need_id: str) -> Need | None:
        if need_id not in self._need_nodes:
            need = self.needs.get(need_id) or {}
            if need.get("docname"):
                for node in self.doctree_of(need["docname"]).findall(Need):
                    self._need_nodes.setdefault(node["refid"], node)
        return self._need_nodes.get(need_id)

    def source_inputs(
        self, source_id: str, pins: list[str], inputs: dict[str, str], maturities: dict[str, str]
    ) -> None:
        source = self.needs.get(source_id) or {}
        inputs[f"{source_id} url"] = str(source.get("url") or "(not in the register)")
        inputs[f"{source_id} maturity"] = str(source.get("maturity") or "")
        if pins:
            inputs[f"{source_id} pinpoint"] = " | ".join(pins)
        for pin in filter(None, map(parse_pinpoint, pins)):
            value = section_input(lock_entry(self.sections, source_id, str(pin.anchor), str(source.get("url") or "")))
            if value:
                inputs[input_label(source_id, str(pin.anchor))] = value
        maturities[source_id] = str(source.get("maturity") or "")

    def provenance(self, result: str) -> str:
        path = self.root / RESULTS_FOLDER / f"{result}.json"
        try:
            block = load_once(path).get("provenance")
        except (OSError, ResultError):
            return "(unreadable)"
        return "sha256:" + digest(json.dumps(block, sort_keys=True))

    def figure_inputs(self, need_id: str, need: Any, inputs: dict[str, str]) -> None:
        """An evidence need's named figures, as its result file and the assumptions hold them."""
        if not need.get("figures"):
            return
        try:
            offered = figures(load_once(self.root / str(need.get("artifact") or ""))) if need.get("artifact") else {}
        except (OSError, ResultError, KeyError, TypeError):
            offered = {}
        offered |= {f"assumed.{name}": value for name, value in self.assumptions.items()}
        offered |= {f"threshold.{name}": value for name, value in self.thresholds.items()}
        for name in need.get("figures") or []:
            inputs[f"{need_id} figure {name}"] = str(offered.get(name, "(missing)"))
        if need.get("artifact"):
            inputs[f"provenance {Path(str(need['artifact'])).stem}"] = self.provenance(Path(str(need["artifact"])).stem)

    def content_inputs(
        self, units: list[nodes.Node], inputs: dict[str, str], maturities: dict[str, str], seen: frozenset[str]
    ) -> None:
        """The inputs of what the claim's nodes bind, cite and reference."""
        cited: dict[str, list[str]] = {}
        for unit in units:
            for node in unit.findall(nodes.Element):
                if isinstance(node, spec_value):
                    for target, facts in sorted(self.facts.items()):
                        inputs[f"{target} {node['key']}"] = facts.get(node["key"], "(not in the spec)")
                elif quoted_kind(node) == QUOTED_FIGURE_CLASSES[0]:
                    target = figure_target(node)
                    inputs[f"bench {target}"] = node.astext()
                    result = target.partition(":")[0].strip()
                    inputs[f"provenance {result}"] = self.provenance(result)
                elif quoted_kind(node) == QUOTED_FIGURE_CLASSES[2]:
                    name = figure_target(node)
                    inputs[f"threshold {name}"] = str(self.thresholds.get(name, "(not declared)"))
                elif quoted_kind(node):
                    name = figure_target(node)
                    inputs[f"assumed {name}"] = str(self.assumptions.get(name, "(not declared)"))
                elif is_cite(node):
                    pin = parse_pinpoint(node["cite"])
                    if pin:
                        cited.setdefault(pin.source, []).append(pin.text())
                elif isinstance(node, NeedRef):
                    self.reference_inputs(node["reftarget"].split(".")[0], inputs, maturities, seen)
        for source_id, pins in cited.items():
            self.source_inputs(source_id, sorted(pins), inputs, maturities)

    def reference_inputs(
        self, need_id: str, inputs: dict[str, str], maturities: dict[str, str], seen: frozenset[str]
    ) -> None:
        need = self.needs.get(need_id) or {}
        if need.get("type") == "src":
            self.source_inputs(need_id, [], inputs, maturities)
            return
        if need_id in seen or not need:
            return
        inner, inner_maturities = self.need_inputs(need_id, seen)
        for label, value in inner.items():
            inputs[f"via {need_id}: {label}" if not label.startswith("via ") else f"via {need_id} > {label[4:]}"] = (
                value
            )
        maturities.update(inner_maturities)

    def need_inputs(self, need_id: str, seen: frozenset[str] = frozenset()) -> tuple[dict[str, str], dict[str, str]]:
        if (need_id, seen) in self._need_inputs:
            return self._need_inputs[need_id, seen]
        need = self.needs.get(need_id) or {}
        node = self.need_node(need_id)
        units = [node] if node is not None else []
        head = " | ".join(str(need.get(key) or "") for key in ("title", "basis", "settings"))
        inputs = {"text": "sha256:" + digest(head + " | " + normalised_text(units))}
        maturities: dict[str, str] = {}
        pins = {source: [pin.text() for pin in found] for source, found in pinpoint_by_source(need).items()}
        for source_id in need.get("cites") or []:
            self.source_inputs(source_id, pins.get(source_id, []), inputs, maturities)
        self.figure_inputs(need_id, need, inputs)
        self.content_inputs(units, inputs, maturities, seen | {need_id})
        for evidence_id in need.get("evidence") or []:
            self.reference_inputs(evidence_id, inputs, maturities, seen | {need_id})
        self._need_inputs[need_id, seen] = (inputs, maturities)
        return inputs, maturities


def section_anchor(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent["ids"]:
            return parent["ids"][0]
        parent = parent.parent
    return "page"


def fingerprints(
    runbook: nodes.document, docname: str, needs: Any, claims: list[Claim], collector: Collector
) -> list[ClaimPrint]:
    """The runbook's recommendations and reviewed inline claims (of `claims`, claim_model's), in page order."""
    prints: list[ClaimPrint] = []
    for node in runbook.findall(Need):
        need = needs.get(node["refid"]) or {}
        if need.get("type") != "rec":
            continue
        inputs, maturities = collector.need_inputs(node["refid"])
        prints.append(ClaimPrint(node["refid"], docname, need.get("lineno"), dict(inputs), dict(maturities)))
    taken: dict[str, int] = {}
    for claim in claims:
        if claim.in_need or claim.kind not in REVIEWED_KINDS or claim.node is None:
            continue
        units: list[nodes.Node] = [claim.node] if isinstance(claim.node, nodes.raw) else list(parts(claim.node))
        text = normalised_text(units)
        base = f"{section_anchor(claim.node)}/{digest(text)[:10]}"
        taken[base] = taken.get(base, 0) + 1
        claim_id = base if taken[base] == 1 else f"{base}.{taken[base]}"
        inputs: dict[str, str] = {"text": "sha256:" + digest(text)}
        maturities: dict[str, str] = {}
        collector.content_inputs(units, inputs, maturities, frozenset())
        for need_id in claim.refs:  # a heading or comment rests on the recommendations it restates
            collector.reference_inputs(need_id, inputs, maturities, frozenset())
        prints.append(ClaimPrint(claim_id, docname, claim.line, inputs, maturities))
    return sorted(prints, key=lambda p: (p.line or 0, p.claim))
