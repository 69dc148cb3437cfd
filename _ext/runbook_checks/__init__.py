"""Sphinx extension: the runbook checks sphinx-needs cannot express.

- the runbook's seven top-level sections, in order (structure.py);
- required citations and visible **Inference** marks (citations.py);
- README.md relative links (readme_links.py);
- the YAML snippet, names and settings against the bundle job spec (spec_consistency.py);
- every spark.* key the runbook names is real in the pinned engine, per the committed key snapshot
  (spark_keys.py; spark_key_probe.py regenerates it);
- evidence needs point at committed benchmark results (check_evidence);
- traceability tables generated from the needs, in runbook order (source_matrix.py);
- the traceability graph as inline SVG (trace_graph.py);
- the committed Markdown claim -> source -> URL table is current (markdown_mapping.py);
- inline citations of a recommendation show its basis (basis_marks.py);
- benchmark result tables rendered from the committed JSON (evidence_tables.py).

Every problem is a Sphinx warning of type "runbook" that names the file, need id or key, so
`sphinx-build -W` fails on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bundle_spec import load_bundle, substitute
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData

from . import basis_marks, citations, markdown_mapping, readme_links, spark_keys, spec_consistency, structure
from .doctree_utils import code_blocks, find_section
from .evidence_tables import BenchmarkTableDirective
from .source_matrix import SourceMatrixDirective, fill_source_matrices, source_matrix
from .trace_graph import TraceGraphDirective, fill_trace_graphs, trace_graph

logger = logging.getLogger(__name__)
PURPOSE = "Purpose and Scope"
BASELINE = "Recommended Baseline Cluster Configuration"


def warn(message: str, subtype: str, location: Any = None) -> None:
    logger.warning(message, type="runbook", subtype=subtype, location=location)


def repo_root(app: Sphinx) -> Path:
    return Path(app.config.runbook_repo_root)


Needs = dict[str, dict[str, Any]]


def runbook_needs(env: BuildEnvironment) -> Needs:
    return {need_id: dict(need) for need_id, need in SphinxNeedsData(env).get_needs_mutable().items()}


def need_location(need: dict[str, Any]) -> tuple[str, int] | None:
    return (need["docname"], need.get("lineno") or 0) if need.get("docname") else None


def check_structure(app: Sphinx, doctree: nodes.document) -> None:
    for message, line in structure.section_order_problems(doctree, app.config.runbook_sections):
        warn(message, "sections", (app.config.runbook_docname, line))


def check_citations(app: Sphinx, needs: Needs) -> None:
    for message, need_id in citations.required_citation_problems(needs, app.config.runbook_required_citations):
        warn(message, "citation", need_location(needs[need_id]) if need_id else None)
    for message, need_id in citations.inference_mark_problems(needs):
        warn(message, "inference", need_location(needs[need_id]))


def check_evidence(app: Sphinx, needs: Needs) -> None:
    """An evidence need must point at a committed result file."""
    for need_id, need in needs.items():
        artifact = need.get("artifact")
        if need["type"] == "evid" and not (repo_root(app) / artifact).is_file():
            warn(f"'{need_id}' artifact '{artifact}' does not exist", "evidence", need_location(need))


def check_readme(app: Sphinx) -> None:
    readme = repo_root(app) / app.config.runbook_readme_file
    if not readme.is_file():
        warn(f"{app.config.runbook_readme_file} not found", "link")
        return
    for href, line in readme_links.broken_links(readme):
        warn(f"{app.config.runbook_readme_file}: link '{href}' does not resolve to a file", "link", f"{readme}:{line}")


def identity_table(section: nodes.section) -> dict[str, tuple[str, int | None]]:
    """Rows of the Purpose and Scope table: label -> (value, line)."""
    rows: dict[str, tuple[str, int | None]] = {}
    for table in section.findall(nodes.table):
        for row in table.findall(nodes.row):
            cells = [entry.astext().strip() for entry in row.findall(nodes.entry)]
            if len(cells) >= 2:
                rows[cells[0]] = (cells[1], row.line)
    return rows


def check_against_spec(app: Sphinx, doctree: nodes.document, needs: Needs) -> None:
    root, docname = repo_root(app), app.config.runbook_docname
    spec_file = app.config.runbook_job_spec_file
    bundle = load_bundle(root, app.config.runbook_bundle_file)
    jobs = {key: (path, job) for key, (path, job) in bundle.jobs().items() if path == spec_file}
    if len(jobs) != 1:
        warn(f"{spec_file}: expected exactly one job, found {sorted(jobs)}", "spec", docname)
        return
    job_key, (_, raw_job) = next(iter(jobs.items()))
    job = substitute(raw_job, bundle.variable_defaults())

    baseline = find_section(doctree, BASELINE)
    snippets = list(code_blocks(baseline, "yaml")) if baseline is not None else []
    if len(snippets) != 1:
        warn(f"'{BASELINE}' must hold exactly one YAML snippet, found {len(snippets)}", "spec", docname)
    for block in snippets:
        for message in spec_consistency.snippet_problems(block.astext(), job, spec_file):
            warn(message, "spec", (docname, block.line))

    purpose = find_section(doctree, PURPOSE)
    rows = identity_table(purpose) if purpose is not None else {}
    expected = spec_consistency.identity_from_spec(job_key, job, spec_file, root)
    for label, spec_value in expected.items():
        if label not in rows:
            warn(f"'{PURPOSE}' table has no '{label}' row (spec: {spec_value!r})", "spec", docname)
            continue
        value, line = rows[label]
        if value != spec_value:
            warn(f"'{PURPOSE}' {label} '{value}' differs from {spec_file} ({spec_value!r})", "spec", (docname, line))
    job_row = rows.get("Job file")
    if job_row and not (root / job_row[0]).is_file():
        warn(f"'{PURPOSE}' job path '{job_row[0]}' does not exist", "spec", (docname, job_row[1]))

    new_cluster = ((job.get("job_clusters") or [{}])[0]).get("new_cluster") or {}
    for need_id, need in needs.items():
        for message in spec_consistency.settings_problems(need_id, need.get("settings") or [], new_cluster, spec_file):
            warn(message, "spec", need_location(need))


def check_spark_keys(app: Sphinx, doctree: nodes.document, needs: Needs) -> None:
    docname = app.config.runbook_docname
    exempt = {
        key: need_id
        for need_id, need in needs.items()
        if need.get("docname") == docname
        for key in need.get("databricks_only") or []
    }
    named = spark_keys.keys_in_text(doctree.astext())
    snapshot_file = Path(__file__).with_name(app.config.runbook_spark_key_snapshot)
    snapshot = spark_keys.KeySnapshot.load(snapshot_file)
    stale = snapshot.stale_for_installed_engine()
    if stale:
        warn(f"spark key snapshot {snapshot_file.name} is stale: {stale}", "spark-key", str(snapshot_file))
    results = {key: snapshot.lookup(key) for key in named | exempt.keys()}
    for key in sorted(named | exempt.keys()):
        known = results[key]["known"]
        if key in exempt and known:
            warn(
                f"'{exempt[key]}' marks '{key}' Databricks-only, but the open-source engine knows it",
                "spark-key",
                docname,
            )
        elif key not in exempt and not known:
            warn(
                f"spark key '{key}' named in the runbook is not known to the pinned engine "
                f"({results[key]['how']}); fix it or mark it in a need's databricks_only field",
                "spark-key",
                docname,
            )
        if key in exempt and key not in named:
            warn(f"'{exempt[key]}' marks '{key}' Databricks-only but the runbook never names it", "spark-key", docname)


def run_checks(app: Sphinx, env: BuildEnvironment) -> None:
    if not app.config.runbook_checks_enabled:  # only the docs-scaling benchmark turns them off
        return
    if app.config.runbook_docname not in env.found_docs:
        warn(f"runbook page '{app.config.runbook_docname}' not found", "sections")
        return
    # Read the needs and the runbook's doctree once; every check below reuses them.
    needs = runbook_needs(env)
    doctree = env.get_doctree(app.config.runbook_docname)
    check_structure(app, doctree)
    check_citations(app, needs)
    check_evidence(app, needs)
    check_readme(app)
    check_against_spec(app, doctree, needs)
    check_spark_keys(app, doctree, needs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("runbook_checks_enabled", True, "env", bool)
    app.add_config_value("runbook_repo_root", ".", "env")
    app.add_config_value("runbook_docname", "", "env")
    app.add_config_value("runbook_sections", [], "env")
    app.add_config_value("runbook_bundle_file", "databricks.yml", "env")
    app.add_config_value("runbook_job_spec_file", "", "env")
    app.add_config_value("runbook_readme_file", "README.md", "env")
    app.add_config_value("runbook_required_citations", {}, "env")
    app.add_config_value("runbook_spark_key_snapshot", "spark_keys_snapshot.json", "env")
    app.add_node(source_matrix)
    app.add_directive("source-matrix", SourceMatrixDirective)
    app.add_directive("benchmark-table", BenchmarkTableDirective)
    app.connect("env-check-consistency", run_checks)
    app.connect("doctree-resolved", fill_source_matrices)
    app.add_node(trace_graph)
    app.add_directive("traceability-graph", TraceGraphDirective)
    app.connect("doctree-resolved", fill_trace_graphs)
    app.add_config_value("runbook_mapping_write", False, "env", bool)
    app.connect("doctree-read", markdown_mapping.swap_for_matrix)
    app.connect("env-check-consistency", markdown_mapping.check_mapping)
    app.connect("doctree-resolved", basis_marks.mark_need_references)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
