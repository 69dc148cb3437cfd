"""Runbook vs bundle job spec: the YAML snippet, the identity table and the settings needs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

Flat = dict[str, Any]


def flatten(value: Any, prefix: str = "") -> Flat:
    """Flatten nested YAML into 'a.b[0]["dotted.key"]' -> scalar, so differences name the key."""
    flat: Flat = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            part = f'["{key}"]' if "." in str(key) else (f".{key}" if prefix else str(key))
            flat.update(flatten(item, prefix + part))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            flat.update(flatten(item, f"{prefix}[{index}]"))
    else:
        flat[prefix] = value
    return flat


def diff_mappings(runbook: Any, spec: Any, spec_file: str) -> list[str]:
    """One message per key whose presence or value differs between runbook snippet and spec."""
    ours, theirs = flatten(runbook), flatten(spec)
    messages = []
    for key in sorted(ours.keys() | theirs.keys()):
        if key not in theirs:
            messages.append(f"runbook YAML snippet key '{key}' is not in {spec_file}")
        elif key not in ours:
            messages.append(f"{spec_file} key '{key}' = {theirs[key]!r} is missing from the runbook YAML snippet")
        elif str(ours[key]) != str(theirs[key]) or type(ours[key]) is not type(theirs[key]):
            messages.append(
                f"runbook YAML snippet key '{key}' = {ours[key]!r} differs from {spec_file} ({theirs[key]!r})"
            )
    return messages


def snippet_problems(snippet_text: str, job: Mapping[str, Any], spec_file: str) -> list[str]:
    try:
        snippet = yaml.safe_load(snippet_text) or {}
    except yaml.YAMLError as error:
        return [f"runbook YAML snippet does not parse: {error}"]
    if not isinstance(snippet, dict) or "job_clusters" not in snippet:
        return ["runbook YAML snippet must be a 'job_clusters:' block copied from the job spec"]
    problems = diff_mappings(
        {"job_clusters": snippet["job_clusters"]}, {"job_clusters": job.get("job_clusters")}, spec_file
    )
    for index, cluster in enumerate(snippet["job_clusters"] or []):
        if "autoscale" in (cluster.get("new_cluster") or {}):
            problems.append(
                f"runbook YAML snippet job_clusters[{index}] has an 'autoscale' block; the cluster must be fixed-size"
            )
    return problems


def task_parameter(task: Mapping[str, Any], flag: str) -> str | None:
    """Value following `flag` in a spark_python_task parameter list."""
    parameters = [str(item) for item in (task.get("spark_python_task") or {}).get("parameters") or []]
    if flag in parameters and parameters.index(flag) + 1 < len(parameters):
        return parameters[parameters.index(flag) + 1]
    return None


def identity_from_spec(job_key: str, job: Mapping[str, Any], spec_file: str, root: Path) -> dict[str, str | None]:
    """The names the runbook's Purpose and Scope table must repeat, read from the spec."""
    task = (job.get("tasks") or [{}])[0]
    # python_file is relative to the resource file; the runbook names it relative to the repo root.
    python_file = (task.get("spark_python_task") or {}).get("python_file", "")
    job_file = (root / Path(spec_file).parent / python_file).resolve()
    return {
        "Job file": job_file.relative_to(root).as_posix() if job_file.is_relative_to(root) else python_file,
        "Bundle job spec": spec_file,
        "Job resource key": job_key,
        "Job name": job.get("name"),
        "Job cluster key": ((job.get("job_clusters") or [{}])[0]).get("job_cluster_key"),
        "Task key": task.get("task_key"),
        "Query name": task_parameter(task, "--query-name"),
        "Trigger interval": task_parameter(task, "--trigger-interval"),
    }


def settings_problems(need_id: str, settings: list[str], new_cluster: Mapping[str, Any], spec_file: str) -> list[str]:
    """A recommendation's 'path=value' settings must hold in the spec's new_cluster."""
    problems = []
    for setting in settings:
        path, _, expected = setting.partition("=")
        current: Any = new_cluster
        for part in path.split("/"):
            current = current.get(part) if isinstance(current, Mapping) else None
        if current is None:
            problems.append(f"'{need_id}' setting '{path}' is not set in {spec_file} job cluster")
        elif str(current) != expected:
            problems.append(f"'{need_id}' setting '{path}' = '{expected}' differs from {spec_file} ('{current}')")
    return problems
