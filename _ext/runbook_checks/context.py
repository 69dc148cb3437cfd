"""What every rule reads, built once per build, and what every rule returns.

Each rule module exposes `check(ctx: CheckContext) -> Iterable[Problem]`; `__init__.py` runs them
in order and turns each problem into a Sphinx warning of type "runbook" and the problem's subtype.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from bundle_spec import BundleSpec, SpecError, load_bundle

# Every warning subtype the extension emits (README.md lists them too); `-W` fails the build on any.
SUBTYPES = {
    "sections": "the runbook's top-level sections: present, in order, nothing else",
    "citation": "each need a schema rule selects by ID (the required citations of needs_schema.json) exists",
    "inference": "a recommendation's basis and its visible Inference mark agree (read on the doctree)",
    "cite": "each {cite} names a source need; inside a recommendation, one it links in :cites:",
    "pinpoint": "each sourced claim names, per cited source, the section anchor and key terms that support it; "
    "a sourced recommendation's words hold those terms and its figures, no term is generic, no pinpoint copied; "
    "the source lock records none of them missing at the online probe's last fetch",
    "claim": "every rendered text (prose, headings, labels, raw HTML, code comments) is in a need, cited, bound "
    "to a recommendation it restates, marked inference (citing any publisher it quotes) or navigation only",
    "evidence": "evidence needs name a result file and figures in it, and their relations hold; "
    "result summaries match their raw samples and the pinned PySpark",
    "link": "README.md's relative links resolve",
    "spec": "the runbook's snippet, names and settings match the bundle job spec",
    "figure": "figures in every form: a spec value's unit fits its key, a figure marked not the spec's says what "
    "it is instead, scale-target values stand where scaling is described, `--var` names a declared variable",
    "spark-key": "every spark.* key named is known to the pinned engine (committed snapshot)",
    "mapping": "the committed Markdown claim -> source -> URL table is current",
    "suspect": "each reviewed claim's inputs (spec values, figures, assumptions, sources and their cited sections' "
    "text, referenced needs) "
    "are as its last review saw them, the review has not expired, and the review record is genuine",
    "register": "sources: declared in the register, publisher and doc version consistent, each page registered "
    "once in any URL form, applies_to stating the runtime range, prose links to registered pages only, "
    "runtime ranges covering the deployed runtime",
}

Needs = dict[str, dict[str, Any]]
# (docname, line), "path:line", or a doctree node: what Sphinx's logger accepts as a location.
Location = tuple[str, int | None] | str | nodes.Node | None


@dataclass(frozen=True)
class Problem:
    subtype: str
    message: str
    location: Location = None

    def __post_init__(self) -> None:
        if self.subtype not in SUBTYPES:
            raise ValueError(f"unknown warning subtype '{self.subtype}'; add it to context.SUBTYPES")


@dataclass
class CheckContext:
    app: Sphinx
    needs: Needs
    runbook: nodes.document
    _doctrees: dict[str, nodes.document] = field(default_factory=dict)
    # Each target's spec facts as prose writes them (spec_values.deployed_facts), handed in by the setup
    # layer so a rule reads them without importing another rule.
    spec_facts: Callable[[BundleSpec, str, Any], dict[str, dict[str, str]]] | None = None

    @classmethod
    def build(
        cls, app: Sphinx, spec_facts: Callable[[BundleSpec, str, Any], dict[str, dict[str, str]]] | None = None
    ) -> CheckContext:
        needs = {need_id: dict(need) for need_id, need in SphinxNeedsData(app.env).get_needs_mutable().items()}
        return cls(app, needs, app.env.get_doctree(app.config.runbook_docname), spec_facts=spec_facts)

    @property
    def config(self) -> Any:
        return self.app.config

    @property
    def docname(self) -> str:
        return self.app.config.runbook_docname

    @property
    def repo_root(self) -> Path:
        return Path(self.app.config.runbook_repo_root)

    def doc_path(self, docname: str) -> str:
        return str(self.app.env.doc2path(docname))

    def doctree(self, docname: str) -> nodes.document:
        if docname not in self._doctrees:
            self._doctrees[docname] = self.app.env.get_doctree(docname)
        return self._doctrees[docname]

    @property
    def docnames(self) -> list[str]:
        return sorted(self.app.env.found_docs)

    @cached_property
    def claims(self) -> list[Any]:
        """The runbook's claims (claim_model.Claim), classified once per check run: the coverage rule and the
        claim fingerprints both read them."""
        from .claim_model import runbook_claims  # claim_model imports model, which imports this module

        return runbook_claims(self.runbook, self.needs, self.config)

    @cached_property
    def bundle(self) -> BundleSpec:
        return load_bundle(self.repo_root, self.app.config.runbook_bundle_file)

    def governed_jobs(self) -> list[str]:
        """Keys of the jobs in the governed spec file (exactly one when the spec is as it should be)."""
        spec_file = self.app.config.runbook_job_spec_file
        return [key for key, (path, _) in self.bundle.jobs().items() if path == spec_file]

    def target_facts(self) -> dict[str, dict[str, str]]:
        """Each target's spec facts for the governed job ({} when the spec is unreadable: the spec rules say so)."""
        keys = self.governed_jobs() if self.spec_facts else []
        if not keys:
            return {}
        try:
            return self.spec_facts(self.bundle, keys[0], self.config)
        except (SpecError, KeyError, ValueError, TypeError):
            return {}

    def need_location(self, need_id: str) -> Location:
        need = self.needs.get(need_id) or {}
        return (need["docname"], need.get("lineno") or 0) if need.get("docname") else None
