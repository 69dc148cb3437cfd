"""Sphinx extension: the runbook rules sphinx-needs cannot express, and the generated views.

Rules (each a module with `check(ctx) -> problems`, run in this order over one CheckContext):
- structure.py: the runbook's seven top-level sections, in order;
- citations.py: the recommendations the required-citation schema rules select exist;
- register.py: the source register is consistent (versioned Spark doc URLs, no page twice in any URL
  form) and covers the runtime each target deploys;
- applies_to.py: each source's `applies_to` text states the range of its runtime_min / runtime_max;
- prose_links.py: every external hyperlink on the pages names a registered page;
- inference_marks.py: a recommendation's basis and its visible Inference mark agree (on the doctree);
- inline_cites.py: each `{cite}` names a source (inside a need, one the need cites);
- pinpoints.py: each sourced claim names the section (anchor) and key terms of each cited page;
- pinpoint_words.py: a sourced recommendation's text says its pinpoints' key terms, states no number or
  version its terms do not hold (unless bound), and no pinpoint is generic or copied from another need;
- section_drift.py: no pinpoint's anchor, key term or page is missing at the online probe's last fetch
  (the committed source lock; section_locks.py);
- claim_coverage.py: every rendered text (prose, headings, labels, raw HTML, code comments) has a visible
  basis (writes the figures);
- evidence.py: evidence needs point at a benchmark result file and named figures in it, their
  relations hold and type no threshold, and each result's summary is its raw samples' (from the pinned PySpark);
- result_seal.py: each result file's digest is the one its benchmark wrote (result_digest.py);
- result_runs.py: each result file's parameters and provenance agree with its raw runs;
- quote_subjects.py: a quoted figure of a configuration sits where that configuration is named;
- readme_links.py: README.md relative links resolve;
- spec_consistency.py: the YAML snippet, names and settings against the bundle job spec;
- spec_values.py: values written in prose with {spec} equal the spec's for every target, and no
  figure of a spec kind (in any form figure_forms.py reads), node type, engine or Spark version goes
  unbound; titles and code blocks, which cannot bind, hold the spec's values only;
- figures.py: a spec value's unit fits its key, a figure marked not the spec's says what it is instead,
  scale-target values stand where scaling is described, `--var` names a declared bundle variable;
- spark_keys.py: every spark.* key the runbook names is known to the pinned engine (committed
  snapshot; tools/spark_key_probe.py regenerates it);
- markdown_mapping.py: the committed Markdown claim -> source -> URL table is current;
- suspect_claims.py: no claim's inputs moved since its review, no review expired (review record).

Views: traceability tables in runbook order (source_matrix.py), the graph as inline SVG
(trace_graph.py), basis badges on inline need references (basis_marks.py), benchmark tables from the
committed JSON (evidence_tables.py), figures quoted in prose by the `{bench}`, `{assumed}` and `{threshold}`
roles (evidence_quotes.py), the
`{cite}` and `{descriptive}` marks (claim_marks.py), the claim coverage line (coverage_line.py), the
badge on a claim its review no longer vouches for (suspect_marks.py), the note on a register entry
whose cited sections the online probe never fetched (lock_notes.py).

What sphinx-needs can check from the need model (ubproject.toml, needs_schema.json) is not here.

Shared layer (rules and views import it, never each other; tests/unit/test_layers.py): context.py,
model.py (the runbook policy and its section roles, task parameters, claim marks, pinpoints, Inference
marks, assumptions, evidence thresholds and configuration words), text_lines.py (the line a text is on),
result_digest.py (the seal the benchmarks write and the build recomputes),
claim_model.py (the claim classifier), claim_text.py (navigation text, restatement, attribution),
source_model.py (a source's canonical page and runtime range),
nodes.py (placeholder nodes), doctree_utils.py, need_refs.py, figure_forms.py (figures in every form),
gfm_source.py (the GitHub-readable source forms, turned into MyST line for line before parsing),
claim_fingerprints.py (what each claim rests on), claim_reviews.py (the review record and its verdicts),
section_locks.py (cited sections' fingerprints and the source lock).

Every problem is a Sphinx warning of type "runbook" with a subtype from context.SUBTYPES and a
file:line location, so `sphinx-build -W` fails on it and names the culprit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging

from . import (
    applies_to,
    basis_marks,
    citations,
    claim_coverage,
    evidence,
    figures,
    inference_marks,
    inline_cites,
    markdown_mapping,
    pinpoint_words,
    pinpoints,
    prose_links,
    quote_subjects,
    readme_links,
    register,
    result_cache,
    result_runs,
    result_seal,
    section_drift,
    spark_keys,
    spec_consistency,
    spec_values,
    structure,
    suspect_claims,
)
from .claim_marks import cite_role, collapse_detail_rows, descriptive_role, render_claim_marks
from .context import CheckContext, Problem
from .coverage_line import ClaimCoverageDirective, fill_coverage_lines
from .dependencies import note_governed_files
from .evidence_quotes import AssumedRole, BenchRole, ThresholdRole
from .evidence_tables import BenchmarkTableDirective
from .gfm_source import gfm_source_read
from .lock_notes import note_fetched_sources
from .model import PolicyError, load_policy
from .nodes import coverage_line, not_spec, source_matrix, spec_value, trace_graph
from .one_finding import merged
from .schema_locations import install as locate_schema_findings
from .source_matrix import SourceMatrixDirective, fill_source_matrices
from .suspect_marks import mark_suspect_claims
from .trace_graph import TraceGraphDirective, fill_trace_graphs

logger = logging.getLogger(__name__)
RULES = [
    structure,
    citations,
    register,
    applies_to,
    prose_links,
    inference_marks,
    inline_cites,
    pinpoints,
    pinpoint_words,
    section_drift,
    claim_coverage,
    evidence,
    result_seal,
    result_runs,
    quote_subjects,
    readme_links,
    spec_consistency,
    spec_values,
    figures,
    spark_keys,
    markdown_mapping,
    suspect_claims,
]


def _visit_inline(self: Any, node: Any) -> None:
    self.visit_inline(node)


def _depart_inline(self: Any, node: Any) -> None:
    self.depart_inline(node)


def warn(problem: Problem) -> None:
    logger.warning(problem.message, type="runbook", subtype=problem.subtype, location=problem.location)


def rule_name(rule: Any) -> str:
    return rule.__name__.rsplit(".", 1)[-1]


def run_checks(app: Sphinx, env: BuildEnvironment) -> None:
    # Only the docs-scaling benchmark turns the rules off; the mapping writer runs its one rule alone.
    writing_mapping = app.config.runbook_mapping_write
    if not (app.config.runbook_checks_enabled or writing_mapping):
        return
    if app.config.runbook_docname not in env.found_docs:
        warn(Problem("sections", f"runbook page '{app.config.runbook_docname}' not found"))
        return
    ctx = CheckContext.build(app, spec_facts=spec_values.deployed_facts)
    only = app.config.runbook_rules  # a small test project runs just the rules it exercises
    rules = [rule for rule in RULES if only is None or rule_name(rule) in only]
    for rule in [markdown_mapping] if writing_mapping else rules:
        for problem in merged(rule.check(ctx)):
            warn(problem)


def read_policy(app: Sphinx, config: Config) -> None:
    if config.runbook_policy:
        try:
            load_policy(config, Path(app.confdir, config.runbook_policy))
        except PolicyError as error:
            raise ConfigError(str(error)) from error


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("runbook_checks_enabled", True, "env", bool)
    app.add_config_value("runbook_mapping_write", False, "env", bool)
    # Rule module names to run (None: every rule); the tests' small Sphinx projects name one.
    app.add_config_value("runbook_rules", None, "env")
    app.add_config_value("runbook_repo_root", ".", "env")
    app.add_config_value("runbook_docname", "", "env")
    # runbook_policy.toml fills the settings below at config-inited (model.load_policy).
    app.add_config_value("runbook_policy", "", "env")
    app.add_config_value("runbook_sections", {}, "env")
    app.add_config_value("runbook_bundle_file", "databricks.yml", "env")
    app.add_config_value("runbook_job_spec_file", "", "env")
    app.add_config_value("runbook_readme_file", "README.md", "env")
    app.add_config_value("runbook_spark_key_snapshot", "spark_keys_snapshot.json", "env")
    app.add_config_value("runbook_databricks_only_keys", {}, "env")
    app.add_config_value("runbook_required_recommendations", [], "env")
    app.add_config_value("runbook_photon_sentences", [], "env")
    app.add_config_value("runbook_scale_to_workers", 0, "env")
    app.add_config_value("runbook_figures", {}, "env")
    app.add_config_value("runbook_scaling", {}, "env")
    app.add_config_value("runbook_assumptions", {}, "env")
    app.add_config_value("runbook_evidence_thresholds", {}, "env")
    app.add_config_value("runbook_evidence_configuration_words", {}, "env")
    app.add_config_value("runbook_reviews_file", "", "env")
    app.add_config_value("runbook_review_expiry_days", {}, "env")
    app.add_config_value("runbook_pinpoint_wording", {}, "env")
    app.add_config_value("runbook_source_lock_file", "", "env")
    app.add_role("spec", spec_values.spec_role)
    app.add_role("notspec", spec_values.notspec_role)
    app.add_node(spec_value, html=(_visit_inline, _depart_inline))
    app.add_node(not_spec, html=(_visit_inline, _depart_inline))
    app.add_config_value("runbook_register_docname", "sources", "env")
    app.add_config_value("runbook_runtime_spark", {}, "env")
    app.add_config_value("runbook_claim_words", {}, "env")
    app.add_role("cite", cite_role)
    app.add_role("descriptive", descriptive_role)
    app.add_node(source_matrix)
    app.add_node(coverage_line)
    app.add_node(trace_graph)
    app.add_directive("source-matrix", SourceMatrixDirective)
    app.add_directive("traceability-graph", TraceGraphDirective)
    app.add_directive("benchmark-table", BenchmarkTableDirective)
    app.add_directive("claim-coverage", ClaimCoverageDirective)
    app.add_role("bench", BenchRole())
    app.add_role("assumed", AssumedRole())
    app.add_role("threshold", ThresholdRole())
    app.connect("config-inited", read_policy)
    app.connect("builder-inited", result_cache.forget)
    app.connect("builder-inited", locate_schema_findings)
    app.connect("source-read", gfm_source_read, priority=100)  # GitHub-readable forms -> MyST, line for line
    app.connect("source-read", note_governed_files)
    app.connect("doctree-read", markdown_mapping.swap_for_matrix)
    app.connect("env-check-consistency", run_checks)
    app.connect("doctree-resolved", fill_source_matrices)
    app.connect("doctree-resolved", fill_trace_graphs)
    app.connect("doctree-resolved", basis_marks.mark_need_references)
    app.connect("doctree-resolved", render_claim_marks)
    app.connect("doctree-resolved", fill_coverage_lines)
    app.connect("doctree-resolved", collapse_detail_rows, priority=900)  # after sphinx-needs builds the boxes
    app.connect("doctree-resolved", mark_suspect_claims, priority=900)
    app.connect("doctree-resolved", note_fetched_sources, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
