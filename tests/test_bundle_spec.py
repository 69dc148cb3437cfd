"""The Databricks bundle: every job validates with databricks-bundles, plus bundle-level rules."""

from __future__ import annotations

import copy
import re
import subprocess

import pytest
from bundle_rules import bundle_problems, job_problems
from databricks.bundles.jobs import Job
from databricks.bundles.schemas import Schema
from docs_project import REPO_ROOT

from bundle_spec import load_bundle, substitute

BUNDLE = load_bundle(REPO_ROOT)
JOBS = BUNDLE.jobs()
TARGETS = sorted(BUNDLE.bundle["targets"])
SCHEMAS = BUNDLE.resources("schemas")
MONITORING = "stream_join_monitoring"


def test_bundle_holds_the_governed_job() -> None:
    assert "resources/low_latency_stream_join_simple_job.job.yml" in BUNDLE.resource_files
    assert "low_latency_stream_join_simple_job" in JOBS


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("job_key", sorted(JOBS))
def test_job_validates_with_databricks_bundles(job_key: str, target: str) -> None:
    _, job = JOBS[job_key]
    resolved = substitute(job, BUNDLE.references(target))
    assert Job.from_dict(resolved).name == resolved["name"]


def test_databricks_bundles_rejects_unknown_fields_and_bad_enums() -> None:
    _, job = JOBS["low_latency_stream_join_simple_job"]
    resolved = substitute(job, BUNDLE.references("prod"))
    unknown = copy.deepcopy(resolved) | {"num_worker": 2}
    with pytest.raises(ValueError, match="num_worker"):
        Job.from_dict(unknown)
    bad_enum = copy.deepcopy(resolved)
    bad_enum["health"]["rules"][0]["metric"] = "STREAMING_BACKLOG_MINUTES"
    with pytest.raises(ValueError, match="STREAMING_BACKLOG_MINUTES"):
        Job.from_dict(bad_enum)


def test_every_variable_reference_resolves_in_every_target() -> None:
    for target in TARGETS:
        for _, resource in [*JOBS.values(), *SCHEMAS.values()]:
            substitute(resource, BUNDLE.references(target))  # KeyError names the missing variable


def resolved_schema(target: str) -> dict:
    return substitute(SCHEMAS[MONITORING][1], BUNDLE.references(target))


def test_bundle_holds_the_monitoring_schema() -> None:
    assert SCHEMAS[MONITORING][0] == "resources/stream_join_monitoring.schema.yml"


@pytest.mark.parametrize("target", TARGETS)
def test_monitoring_schema_validates_with_databricks_bundles(target: str) -> None:
    resolved = resolved_schema(target)
    assert Schema.from_dict(resolved).name == resolved["name"]
    with pytest.raises(ValueError, match="USE SCHEMA"):
        Schema.from_dict(copy.deepcopy(resolved) | {"grants": [{"principal": "g", "privileges": ["USE SCHEMA"]}]})
    with pytest.raises(ValueError, match="principals"):
        Schema.from_dict(copy.deepcopy(resolved) | {"grants": [{"principals": "g", "privileges": ["SELECT"]}]})


@pytest.mark.parametrize("target", TARGETS)
def test_progress_table_lies_in_the_monitoring_schema_with_its_grants(target: str) -> None:
    variables = BUNDLE.references(target)
    schema = resolved_schema(target)
    assert schema["name"] == f"{variables['var.schema']}_monitoring"
    task = BUNDLE.resolved_job("low_latency_stream_join_simple_job", target)["tasks"][0]
    parameters = task["spark_python_task"]["parameters"]
    table = parameters[parameters.index("--progress-table") + 1]
    assert table == f"{schema['catalog_name']}.{schema['name']}.stream_join_progress"
    grants = {grant["principal"]: set(grant["privileges"]) for grant in schema["grants"]}
    assert grants[variables["var.operators_group"]] == {"USE_SCHEMA", "SELECT"}  # read only
    run_as = BUNDLE.bundle["targets"]["prod"]["run_as"]["service_principal_name"]
    assert grants[substitute(run_as, variables)] >= {"USE_SCHEMA", "CREATE_TABLE", "MODIFY", "SELECT"}


def test_bundle_level_rules_hold() -> None:
    assert bundle_problems(BUNDLE.bundle) == []
    for job_key, (_, job) in JOBS.items():
        assert job_problems(job_key, job) == []


def test_targets_pause_dev_and_run_prod() -> None:
    assert BUNDLE.target_variables("dev")["continuous_pause_status"] == "PAUSED"
    assert BUNDLE.target_variables("prod")["continuous_pause_status"] == "UNPAUSED"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda b, j: b["targets"].update(staging={"mode": "development"}), "targets must be"),
        (lambda b, j: b["targets"]["prod"].update(mode="development"), "targets.prod.mode"),
        (lambda b, j: b["targets"]["prod"]["run_as"].update(service_principal_name="me"), "run_as"),
        (lambda b, j: b["variables"]["catalog"].pop("description"), "variables.catalog"),
        (lambda b, j: j.update(schedule={"quartz_cron_expression": "0 0 * * * ?"}), "'continuous' cannot"),
        (lambda b, j: j["continuous"].pop("pause_status"), "pause_status"),
        (lambda b, j: j["webhook_notifications"]["on_failure"][0].update(id="1234-abcd"), "on_failure"),
        (lambda b, j: j["job_clusters"][0]["new_cluster"].update(autoscale={"min_workers": 2}), "autoscale"),
        (lambda b, j: j.update(max_concurrent_runs=2), "max_concurrent_runs"),
    ],
)
def test_rules_catch_a_broken_bundle(mutate, expected: str) -> None:
    bundle = copy.deepcopy(BUNDLE.bundle)
    job = copy.deepcopy(JOBS["low_latency_stream_join_simple_job"][1])
    mutate(bundle, job)
    problems = bundle_problems(bundle) + job_problems("low_latency_stream_join_simple_job", job)
    assert any(expected in problem for problem in problems), problems


SECRET_PATTERNS = {
    "Databricks token": re.compile(r"dapi[0-9a-f]{32}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),
    # Any address but those of the domains reserved for examples (RFC 2606), which reach no one.
    "email address": re.compile(r"[\w.+-]+@(?!example\.(?:com|org|net)\b)[\w-]+\.[\w.-]+"),
}


def test_no_secrets_or_personal_addresses_in_tracked_files() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    files = [REPO_ROOT / name for name in tracked.stdout.split() if not name.endswith((".png", ".json"))]
    assert files, "git ls-files listed nothing"
    for path in files:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for label, pattern in SECRET_PATTERNS.items():
            match = pattern.search(text)
            assert match is None, f"{label} in {path.relative_to(REPO_ROOT)}: {match.group(0) if match else ''}"


def test_references_resolve_bundle_and_resource_names() -> None:
    references = BUNDLE.references("prod")
    assert references["bundle.target"] == "prod"
    assert references["bundle.name"] == BUNDLE.bundle["bundle"]["name"]
    assert references[f"resources.schemas.{MONITORING}.name"] == references["var.monitoring_schema"]
    assert substitute("${bundle.name}/${bundle.target}", references) == f"{references['bundle.name']}/prod"
    with pytest.raises(KeyError, match=r"resources\.schemas\.missing\.name"):
        substitute("${resources.schemas.missing.name}", references)
