"""Values the bundle defines, written in the runbook's prose, bound to the spec for every target.

    Deploy {spec}`workers=2` {spec}`node_type=c5.xlarge` workers ...

`{spec}` renders the value and the build checks it against the job as each target (dev, prod)
deploys it, overrides and variables resolved. `{notspec}` marks a figure that is not the spec's (an
engine default, another product's version) and renders it as it is. Any other worker, core, vCPU,
partition, millisecond, node type, engine or Spark version figure in the runbook's prose fails the
build, so a value cannot drift from the spec unnoticed. Left out: titles (need titles and headings),
the YAML snippet and the identity table (spec_consistency.py compares them), the Photon Note's fixed
sentences (structure.py), and Source Mapping (generated).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bundle_spec import NODE_VCPUS, SpecError
from docutils import nodes

from .context import CheckContext, Problem
from .doctree_utils import ancestors, find_section, nearest_line
from .spec_consistency import PURPOSE, task_parameter

# What the prose may call a spec value; the code-like ones render as inline code.
CODE_LIKE = {"node_type", "trigger", "spark_version", "engine"}
UNBOUND = re.compile(
    r"\b\d+(?:-\d+)?\s+(?:x\s+)?(?:workers?|worker cores|cores|vCPUs?|partitions)\b"
    r"|\b\d+\s*(?:ms|milliseconds)\b|num_workers:\s*\d+|\bSpark \d+\.\d+(?:\.\d+)?"
    r"|\b[a-z]\d[a-z]?\.\d*x?large\b|\b(?:STANDARD|PHOTON)\b"
)


class spec_value(nodes.inline):
    """A value written as {spec}`key=value`: checked against the spec, rendered as the value."""


class not_spec(nodes.inline):
    """A figure explicitly not the spec's: rendered as written, ignored by the unbound-value check."""


def spec_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = ()):
    key, _, written = (part.strip() for part in text.partition("="))
    node = spec_value(rawtext, "", classes=["spec-value"], key=key, written=written)
    node += nodes.literal(written, written) if key in CODE_LIKE else nodes.Text(written)
    node.source, node.line = inliner.reporter.get_source_and_line(lineno)
    return [node], []


def notspec_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = ()):
    return [not_spec(rawtext, text, classes=["not-spec"])], []


def facts(job: dict[str, Any], config: Any) -> dict[str, str]:
    """The values a target deploys, as the prose writes them."""
    cluster = ((job.get("job_clusters") or [{}])[0]).get("new_cluster") or {}
    task = (job.get("tasks") or [{}])[0]
    workers, node_type = int(cluster.get("num_workers") or 0), str(cluster.get("node_type_id"))
    vcpus = NODE_VCPUS.get(node_type, 0)
    partitions = int((cluster.get("spark_conf") or {}).get("spark.sql.shuffle.partitions") or 0)
    cores, scaled_cores = workers * vcpus, config.runbook_scale_to_workers * vcpus
    trigger = task_parameter(task, "--trigger-interval") or ""
    runtime = str(cluster.get("spark_version", "")).split(".")[0]
    spark = config.runbook_runtime_spark.get(runtime, "")
    return {
        "workers": str(workers),
        "node_type": node_type,
        "vcpus": str(vcpus),
        "cores": str(cores),
        "cores_2x": str(2 * cores),
        "partitions": str(partitions),
        # The scale rule's size, and the partitions that keep today's partitions-per-core ratio on it.
        "scaled_workers": str(config.runbook_scale_to_workers),
        "scaled_cores": str(scaled_cores),
        "scaled_partitions": str(round(scaled_cores * partitions / cores)) if cores else "",
        "trigger": trigger,
        "trigger_ms": trigger.removesuffix(" milliseconds") if trigger.endswith(" milliseconds") else "",
        "budget_ms": task_parameter(task, "--latency-budget-ms") or "",
        "spark_version": str(cluster.get("spark_version", "")),
        "spark": spark,
        "spark_line": ".".join(spark.split(".")[:2]),
        "engine": str(cluster.get("runtime_engine", "")),
    }


def unbound_paragraphs(ctx: CheckContext) -> Iterator[tuple[str, nodes.paragraph]]:
    """(text, paragraph) for the runbook's prose that must hold no unbound spec figure. A paragraph's
    text is joined from its pieces (a line break starts a new text node), with each bound or
    not-spec value replaced by a placeholder, so '{spec}`workers=2` workers' leaves no figure."""
    skipped: list[nodes.Node] = []
    for title in ("Source Mapping", PURPOSE, "Photon Note"):
        section = find_section(ctx.runbook, title)
        if section is None:
            continue
        if title == "Source Mapping":
            skipped.append(section)
        else:  # the identity table and the Photon sentences are compared exactly elsewhere
            skipped += (
                list(section.findall(nodes.table))[:1] if title == PURPOSE else [section.next_node(nodes.paragraph)]
            )
    for paragraph in ctx.runbook.findall(nodes.paragraph):
        if any(node in skipped or isinstance(node, (nodes.title, nodes.raw)) for node in ancestors(paragraph)):
            continue
        pieces = []
        for text in paragraph.findall(nodes.Text):
            bound = any(isinstance(node, (spec_value, not_spec)) for node in ancestors(text))
            pieces.append("\u00a7" if bound else text.astext())
        yield "".join(pieces), paragraph


def check(ctx: CheckContext) -> Iterator[Problem]:
    spec_file = ctx.config.runbook_job_spec_file
    try:
        keys = ctx.governed_jobs()
        deployed = {
            target: facts(ctx.bundle.resolved_job(keys[0], target), ctx.config) for target in ctx.bundle.targets()
        }
    except (SpecError, IndexError):
        return  # the spec rule reports an unreadable or missing job
    known = sorted(next(iter(deployed.values()), {}))
    for node in ctx.runbook.findall(spec_value):
        where, key, written = (ctx.docname, node.line), node["key"], node["written"]
        if key not in known:
            yield Problem("spec", f"{{spec}}`{key}` is not a spec value; known: {', '.join(known)}", where)
            continue
        for target, values in deployed.items():
            if values[key] != written:
                message = f"{{spec}}`{key}={written}` but {spec_file} (target {target}) gives {key} = {values[key]!r}"
                yield Problem("spec", message, where)
    for text, paragraph in unbound_paragraphs(ctx):
        for match in UNBOUND.finditer(text):
            message = (
                f"'{match.group(0)}' is a spec figure not bound to the spec: write {{spec}}`key=value` "
                "(keys: spec_values.facts), or {{notspec}}`...` for a figure that is not the spec's"
            )
            yield Problem("spec", message, (ctx.docname, nearest_line(paragraph)))
