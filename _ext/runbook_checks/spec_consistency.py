"""Runbook vs bundle job spec: the YAML snippet, the identity table and the settings needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes

from bundle_spec import SpecError, first_task, flat_key, job_cluster, parse_yaml

from .context import CheckContext, Problem
from .doctree_utils import code_blocks, find_section
from .model import Sections, task_parameter

Flat = dict[str, Any]


def check(ctx: CheckContext) -> Iterator[Problem]:
    """The runbook against the job as each target (dev, prod) deploys it, overrides and variables resolved."""
    root, docname, spec_file = ctx.repo_root, ctx.docname, ctx.config.runbook_job_spec_file
    try:
        bundle = ctx.bundle
    except SpecError as error:
        where, _, message = str(error).partition(": ")
        yield Problem("spec", f"{where}: {message}", str(root / where))
        return
    jobs = ctx.governed_jobs()
    if len(jobs) != 1:
        yield Problem("spec", f"{spec_file}: expected exactly one job, found {sorted(jobs)}", docname)
        return
    job_key = jobs[0]
    named = Sections.of(ctx.config)
    baseline = find_section(ctx.runbook, named.baseline)
    snippets = list(code_blocks(baseline, "yaml", "yml")) if baseline is not None else []
    if len(snippets) != 1:
        # At the second snippet (the one too many), else at the section that lacks one.
        where = (docname, snippets[1].line) if len(snippets) > 1 else (docname, baseline.line if baseline else None)
        yield Problem("spec", f"'{named.baseline}' must hold exactly one YAML snippet, found {len(snippets)}", where)
    purpose = find_section(ctx.runbook, named.purpose)
    tables = list(purpose.findall(nodes.table)) if purpose is not None else []
    if len(tables) != 1:
        where = (docname, tables[1].line) if len(tables) > 1 else (docname, purpose.line if purpose else None)
        yield Problem("spec", f"'{named.purpose}' must hold exactly one identity table, found {len(tables)}", where)
    rows = identity_table(purpose) if purpose is not None else {}
    for label, (_, line, first) in rows.items():
        if first is not None:
            yield Problem(
                "spec", f"'{named.purpose}' label '{label}' appears twice (first at line {first})", (docname, line)
            )

    labels = list(IDENTITY_LABELS)
    for label, (_, line, _) in rows.items():
        if label not in labels:
            message = (
                f"'{named.purpose}' identity table row '{label}' is not a name the spec defines "
                f"(rows: {', '.join(labels)}); write other facts as prose with their basis"
            )
            yield Problem("spec", message, (docname, line))

    for target in bundle.targets():
        job = bundle.resolved_job(job_key, target)
        known = identity_from_spec(job_key, job, spec_file, root)
        where = f"{spec_file} (target {target})"

        def locate(key: str, target: str = target) -> str | None:
            return bundle.job_value_location(job_key, target, key)

        for block in snippets:
            for message in snippet_problems(block.astext(), job, where, locate):
                yield Problem("spec", message, (docname, block.line))
        for label, spec_value in known.items():
            if label not in rows:
                yield Problem("spec", f"'{named.purpose}' table has no '{label}' row (spec: {spec_value!r})", docname)
                continue
            value, line, _ = rows[label]
            if value != spec_value:
                message = f"'{named.purpose}' {label} '{value}' differs from {where} ({spec_value!r})"
                yield Problem("spec", message, (docname, line))
        new_cluster = job_cluster(job)
        for need_id, need in ctx.needs.items():
            for message in settings_problems(need_id, need.get("settings") or [], new_cluster, where, locate):
                yield Problem("spec", message, ctx.need_location(need_id))
    job_row = rows.get("Job file")
    if job_row and not (root / job_row[0]).is_file():
        yield Problem("spec", f"'{named.purpose}' job path '{job_row[0]}' does not exist", (docname, job_row[1]))


def identity_table(section: nodes.section) -> dict[str, tuple[str, int | None, int | None]]:
    """Rows of the Purpose and Scope tables: label -> (value, line, line of an earlier row with that label)."""
    rows: dict[str, tuple[str, int | None, int | None]] = {}
    for table in section.findall(nodes.table):
        body_rows = [row for body in table.findall(nodes.tbody) for row in body.findall(nodes.row)]
        for index, row in enumerate(body_rows):
            cells = [entry.astext().strip() for entry in row.findall(nodes.entry)]
            if len(cells) >= 2:
                earlier = rows.get(cells[0])
                # MyST pipe tables: header line, delimiter line, then one line per row (MyST gives the first
                # body row the header's line, so row.line would put it one line early).
                line = table.line + 2 + index if table.line else (row.line + 1 if row.line is not None else None)
                rows[cells[0]] = (cells[1], line, earlier[1] if earlier else None)
    return rows


def flatten(value: Any, prefix: str = "") -> Flat:
    """Flatten nested YAML into 'a.b[0]["dotted.key"]' -> scalar, so differences name the key."""
    flat: Flat = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            flat.update(flatten(item, flat_key(prefix, str(key))))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            flat.update(flatten(item, flat_key(prefix, index)))
    else:
        flat[prefix] = value
    return flat


Locate = Callable[[str], "str | None"]


def written_at(locate: Locate | None, key: str) -> str:
    """'; the spec writes it at file:line' for a job key path the spec files hold, else ''."""
    where = locate(key) if locate else None
    return f"; the spec writes it at {where}" if where else ""


def diff_mappings(runbook: Any, spec: Any, spec_file: str, locate: Locate | None = None) -> list[str]:
    """One message per key whose presence or value differs between runbook snippet and spec; where the spec
    holds the key, the message names its `file:line` too (`locate`: job key path -> 'file:line')."""
    ours, theirs = flatten(runbook), flatten(spec)
    messages = []
    for key in sorted(ours.keys() | theirs.keys()):
        if key not in theirs:
            messages.append(f"runbook YAML snippet key '{key}' is not in {spec_file}")
        elif key not in ours:
            messages.append(
                f"{spec_file} key '{key}' = {theirs[key]!r} is missing from the runbook YAML snippet"
                + written_at(locate, key)
            )
        elif str(ours[key]) != str(theirs[key]) or type(ours[key]) is not type(theirs[key]):
            messages.append(
                f"runbook YAML snippet key '{key}' = {ours[key]!r} differs from {spec_file} ({theirs[key]!r})"
                + written_at(locate, key)
            )
    return messages


def snippet_problems(
    snippet_text: str, job: Mapping[str, Any], spec_file: str, locate: Locate | None = None
) -> list[str]:
    try:
        snippet = parse_yaml(snippet_text, "runbook YAML snippet") or {}
    except SpecError as error:
        return [f"{error} (line within the snippet)"]
    if not isinstance(snippet, dict) or "job_clusters" not in snippet:
        return ["runbook YAML snippet must be a 'job_clusters:' block copied from the job spec"]
    problems = diff_mappings(
        {"job_clusters": snippet["job_clusters"]}, {"job_clusters": job.get("job_clusters")}, spec_file, locate
    )
    for index, cluster in enumerate(snippet["job_clusters"] or []):
        if "autoscale" in (cluster.get("new_cluster") or {}):
            problems.append(
                f"runbook YAML snippet job_clusters[{index}] has an 'autoscale' block; the cluster must be fixed-size"
            )
    return problems


# The identity table's rows, in order: each is a name the spec defines (identity_from_spec).
IDENTITY_LABELS = (
    "Job file",
    "Bundle job spec",
    "Job resource key",
    "Job name",
    "Job cluster key",
    "Task key",
    "Query name",
    "Trigger interval",
)


def identity_from_spec(job_key: str, job: Mapping[str, Any], spec_file: str, root: Path) -> dict[str, str | None]:
    """The names the runbook's Purpose and Scope table must repeat, read from the spec."""
    task = first_task(job)
    # python_file is relative to the resource file; the runbook names it relative to the repo root.
    python_file = (task.get("spark_python_task") or {}).get("python_file", "")
    job_file = (root / Path(spec_file).parent / python_file).resolve()
    values = (
        job_file.relative_to(root).as_posix() if job_file.is_relative_to(root) else python_file,
        spec_file,
        job_key,
        job.get("name"),
        ((job.get("job_clusters") or [{}])[0]).get("job_cluster_key"),
        task.get("task_key"),
        task_parameter(task, "--query-name"),
        task_parameter(task, "--trigger-interval"),
    )
    return dict(zip(IDENTITY_LABELS, values, strict=True))


def settings_problems(
    need_id: str, settings: list[str], new_cluster: Mapping[str, Any], spec_file: str, locate: Locate | None = None
) -> list[str]:
    """A recommendation's 'path=value' settings must hold in the spec's new_cluster (the job's first job
    cluster: `job_clusters[0].new_cluster` is the key path `locate` is asked for)."""
    problems = []
    for setting in settings:
        path, _, expected = setting.partition("=")
        current: Any = new_cluster
        key = "job_clusters[0].new_cluster"
        for part in path.split("/"):
            current = current.get(part) if isinstance(current, Mapping) else None
            key = flat_key(key, part)
        if current is None:
            problems.append(f"'{need_id}' setting '{path}' is not set in {spec_file} job cluster")
        elif str(current) != expected:
            problems.append(
                f"'{need_id}' setting '{path}' = '{expected}' differs from {spec_file} ('{current}')"
                + written_at(locate, key)
            )
    return problems
