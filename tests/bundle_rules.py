"""Bundle-level rules the databricks-bundles Job model does not check."""

from __future__ import annotations

from typing import Any

KNOWN_TARGET_MODES = {"dev": "development", "prod": "production"}
VARIABLE = "${var."


def bundle_problems(bundle: dict[str, Any]) -> list[str]:
    problems = []
    targets = bundle.get("targets") or {}
    if set(targets) != set(KNOWN_TARGET_MODES):
        problems.append(f"targets must be {sorted(KNOWN_TARGET_MODES)}, found {sorted(targets)}")
    for name, target in targets.items():
        expected = KNOWN_TARGET_MODES.get(name)
        if expected and target.get("mode") != expected:
            problems.append(f"targets.{name}.mode must be '{expected}', found {target.get('mode')!r}")
        if "continuous_pause_status" not in (target.get("variables") or {}):
            problems.append(f"targets.{name} must set continuous_pause_status explicitly")
    prod = targets.get("prod") or {}
    if not (prod.get("workspace") or {}).get("root_path"):
        problems.append("targets.prod.workspace.root_path is required")
    run_as = (prod.get("run_as") or {}).get("service_principal_name", "")
    if not str(run_as).startswith(VARIABLE):
        problems.append("targets.prod.run_as.service_principal_name must come from a variable")
    if not prod.get("permissions"):
        problems.append("targets.prod.permissions must not be empty")
    for name, variable in (bundle.get("variables") or {}).items():
        if not (isinstance(variable, dict) and variable.get("description")):
            problems.append(f"variables.{name} has no description")
    if bundle.get("include") != ["resources/*.yml"]:
        problems.append("include must be ['resources/*.yml']")
    return problems


def job_problems(job_key: str, job: dict[str, Any]) -> list[str]:
    problems = []
    if "continuous" in job and ("schedule" in job or "trigger" in job):
        problems.append(f"jobs.{job_key}: 'continuous' cannot be combined with 'schedule' or 'trigger'")
    if "pause_status" not in (job.get("continuous") or {}):
        problems.append(f"jobs.{job_key}.continuous.pause_status must be explicit")
    if job.get("max_concurrent_runs") != 1:
        problems.append(f"jobs.{job_key}.max_concurrent_runs must be 1 for a streaming job")
    for kind in ("email_notifications", "webhook_notifications"):
        for event, targets in (job.get(kind) or {}).items():
            for target in targets:
                value = target.get("id") if isinstance(target, dict) else target
                if not str(value).startswith(VARIABLE):
                    problems.append(f"jobs.{job_key}.{kind}.{event}: destination {value!r} must come from a variable")
    rules = (job.get("health") or {}).get("rules") or []
    if not any(str(rule.get("metric", "")).startswith("STREAMING_BACKLOG_") for rule in rules):
        problems.append(f"jobs.{job_key}.health needs a streaming backlog rule")
    for cluster in job.get("job_clusters") or []:
        if "autoscale" in (cluster.get("new_cluster") or {}):
            problems.append(f"jobs.{job_key}.job_clusters.{cluster.get('job_cluster_key')}: autoscale not allowed")
    return problems
