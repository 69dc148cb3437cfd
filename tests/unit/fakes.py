"""What the rules read, without Sphinx: a CheckContext over hand-made needs, doctrees and a tiny bundle."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docs_project import REPO_ROOT
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from rule_roots import project_conf
from runbook_checks.context import CheckContext
from runbook_checks.model import policy_values

# The extension's own defaults (runbook_checks.setup) for what the policy file leaves unset.
EXTENSION_DEFAULTS = {
    "runbook_spark_key_snapshot": "spark_keys_snapshot.json",
    "runbook_mapping_write": False,
}


@cache
def _policy() -> dict[str, Any]:
    """The project's runbook policy, as the extension reads it into the `runbook_*` settings."""
    return policy_values(REPO_ROOT / project_conf()["runbook_policy"])


def config(**overrides: Any) -> SimpleNamespace:
    return SimpleNamespace(**{**EXTENSION_DEFAULTS, **_policy(), **overrides})


def need(need_id: str, need_type: str, docname: str = "runbook", lineno: int = 1, **fields: Any) -> dict[str, Any]:
    return {"id": need_id, "type": need_type, "docname": docname, "lineno": lineno, "title": need_id, **fields}


def source(need_id: str, url: str, lineno: int = 1, **fields: Any) -> dict[str, Any]:
    publisher = "Apache Spark" if "spark.apache.org" in url else "Databricks"
    base = {"url": url, "publisher": publisher, "runtime_min": "any", "maturity": "GA"}
    return need(need_id, "src", "sources", lineno, **{**base, **fields})


def context(
    needs: dict[str, dict] | None = None,
    doctrees: dict[str, nodes.document] | None = None,
    repo_root: Path = REPO_ROOT,
    **overrides: Any,
) -> CheckContext:
    """A real CheckContext whose app is a stand-in: config from the runbook policy (overridable), doctrees given."""
    doctrees = doctrees or {}
    conf = config(**{"runbook_repo_root": str(repo_root), "runbook_docname": "runbook", **overrides})
    env = SimpleNamespace(
        found_docs=set(doctrees),
        get_doctree=lambda docname: doctrees[docname],
        doc2path=lambda docname: repo_root / f"{docname}.md",
    )
    app = SimpleNamespace(config=conf, env=env, outdir=str(repo_root / "_build" / "html"), confdir=str(REPO_ROOT))
    return CheckContext(app, needs or {}, doctrees.get(conf.runbook_docname))


def document() -> nodes.document:
    return new_document("runbook.md", get_default_settings(Parser))


def para(*children: nodes.Node | str, line: int | None = None) -> nodes.paragraph:
    node = nodes.paragraph("", "", *(nodes.Text(c) if isinstance(c, str) else c for c in children))
    node.line = line
    return node


def section(title: str, *children: nodes.Node, line: int | None = None) -> nodes.section:
    node = nodes.section("", nodes.title(title, title), *children, ids=[title.lower().replace(" ", "-")])
    node.line = line
    return node


def page(title: str, *sections: nodes.Node) -> nodes.document:
    """A runbook doctree: one H1 holding the given `##` sections."""
    doc = document()
    doc += section(title, *sections, line=1)
    return doc


BUNDLE = """\
bundle:
  name: tiny
include:
  - resources/*.yml
variables:
  workers:
    default: 2
targets:
  dev:
    default: true
  prod:
{prod}
"""
JOB = """\
resources:
  jobs:
    tiny_job:
      name: tiny
      job_clusters:
        - job_cluster_key: cluster
          new_cluster:
            spark_version: {spark_version}
            node_type_id: c5.xlarge
            num_workers: ${{var.workers}}
            runtime_engine: STANDARD
            spark_conf:
              spark.sql.shuffle.partitions: "8"
      tasks:
        - task_key: task
          spark_python_task:
            python_file: ../src/job.py
            parameters: [--query-name, tiny_query, --trigger-interval, 500 milliseconds, --latency-budget-ms, "1000"]
"""
JOB_FILE = "resources/tiny.job.yml"


def tiny_bundle(
    root: Path, spark_version: str = "18.x-scala2.13", prod: str = "    variables:\n      workers: 2"
) -> Path:
    """A bundle with one job (2 x c5.xlarge, 8 partitions, 500 ms trigger) and dev and prod targets."""
    (root / "resources").mkdir(parents=True, exist_ok=True)
    (root / "databricks.yml").write_text(BUNDLE.format(prod=prod), encoding="utf-8")
    (root / JOB_FILE).write_text(JOB.format(spark_version=spark_version), encoding="utf-8")
    (root / "src").mkdir(exist_ok=True)
    (root / "src" / "job.py").write_text("", encoding="utf-8")
    return root
