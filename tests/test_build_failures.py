"""Each failure mode of the runbook build: one mutation, a failing `sphinx-build -W`, a named culprit.

The clean copy must build without a single warning, so every failure below is caused by its mutation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docs_project import REPO_ROOT, RUNBOOK, Project
from runbook_checks.evidence_results import line_containing, line_of, summarize

SOURCES = "docs/sources.md"
KEY_SNAPSHOT = "_ext/runbook_checks/spark_keys_snapshot.json"
SPEC = "resources/low_latency_stream_join_simple_job.job.yml"


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Project], None]
    expected: tuple[str, ...]  # every string must appear in the build output
    builder: str = "html"


def edit(relative: str, old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace(relative, old, new)


CASES = [
    # --- need model: links, types, fields, IDs (sphinx-needs schema and link checks) ---
    Case(
        "recommendation without source link and not inference",
        edit(RUNBOOK, ":cites: SRC_DBX_STATEFUL_STREAMING\n  :settings: node_type_id", ":settings: node_type_id"),
        ("REC_COMPUTE_OPTIMIZED_WORKERS", "sourced-recommendation-cites"),
    ),
    Case(
        "recommendation without a basis",
        edit(RUNBOOK, ":id: REC_SCALE_TRIGGERS\n:basis: inference\n", ":id: REC_SCALE_TRIGGERS\n"),
        ("low-latency-streaming-cluster-config.md", "'basis' is not nullable"),
    ),
    Case(
        "link to a missing need",
        edit(RUNBOOK, ":cites: SRC_DBX_PHOTON", ":cites: SRC_DBX_PHOTON_MISSING"),
        ("REC_PHOTON_STANDARD", "SRC_DBX_PHOTON_MISSING"),
    ),
    Case(
        "link to a need of the wrong type",
        edit(RUNBOOK, ":cites: SRC_DBX_PHOTON", ":cites: REC_FIXED_SIZE_CLUSTER"),
        ("REC_PHOTON_STANDARD", "REC_FIXED_SIZE_CLUSTER", "needs.link_target_type"),
    ),
    Case(
        "evidence link to a source",
        edit(
            RUNBOOK,
            ":evidence: EVD_JOB_LATENCY_BENCH\n  :settings: num_workers",
            ":evidence: SRC_DBX_PHOTON\n  :settings: num_workers",
        ),
        ("REC_FIXED_SIZE_CLUSTER", "SRC_DBX_PHOTON", "needs.link_target_type"),
    ),
    Case(
        "source without URL",
        edit(SOURCES, ":url: https://docs.databricks.com/aws/en/compute/photon\n", ""),
        ("sources.md", "'url' is not nullable"),
    ),
    Case(
        "source with a non-https URL",
        edit(
            SOURCES,
            ":url: https://docs.databricks.com/aws/en/compute/photon",
            ":url: http://docs.databricks.com/aws/en/compute/photon",
        ),
        ("SRC_DBX_PHOTON", "url", "does not match"),
    ),
    Case(
        "source URL outside the expected domains",
        edit(SOURCES, ":url: https://docs.databricks.com/aws/en/compute/photon", ":url: https://example.com/photon"),
        ("SRC_DBX_PHOTON", "url", "does not match"),
    ),
    Case(
        "need without an ID",
        edit(RUNBOOK, ":id: REC_CORES_VS_PARTITIONS\n", ""),
        ("low-latency-streaming-cluster-config.md", "id"),
    ),
    Case(
        "malformed ID",
        edit(RUNBOOK, ":id: REC_CORES_VS_PARTITIONS", ":id: rec-cores"),
        ("low-latency-streaming-cluster-config.md", "rec-cores"),
    ),
    Case(
        "ID with another type's prefix",
        edit(RUNBOOK, ":id: REC_CORES_VS_PARTITIONS", ":id: SRC_CORES_VS_PARTITIONS"),
        ("SRC_CORES_VS_PARTITIONS", "recommendation-id-prefix"),
    ),
    Case(
        "duplicated ID",
        edit(RUNBOOK, ":id: REC_CORES_VS_PARTITIONS", ":id: REC_REPARTITION_ON_SCALE"),
        ("REC_REPARTITION_ON_SCALE", "already exists"),
    ),
    # --- project checks (_ext/runbook_checks) ---
    Case(
        "required citation missing from a recommendation",
        edit(
            RUNBOOK,
            ":cites: SRC_DBX_STATEFUL_STREAMING, SRC_DBX_ROCKSDB_STATE_STORE, SRC_SPARK_SS_GUIDE",
            ":cites: SRC_DBX_STATEFUL_STREAMING, SRC_SPARK_SS_GUIDE",
        ),
        ("required citation missing", "REC_ROCKSDB_CHANGELOG", "SRC_DBX_ROCKSDB_STATE_STORE"),
    ),
    Case(
        "required source URL missing",
        edit(
            SOURCES,
            ":url: https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store",
            ":url: https://docs.databricks.com/aws/en/structured-streaming/rocksdb",
        ),
        ("required citation missing", "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store"),
    ),
    Case(
        "inference not visibly marked",
        edit(RUNBOOK, "**Inference.** At a few dozen events", "At a few dozen events"),
        ("REC_FIXED_SIZE_CLUSTER", "**Inference**"),
    ),
    Case(
        "section missing",
        edit(RUNBOOK, "## Photon Note", "## Photon"),
        ("runbook section missing: 'Photon Note'", "unexpected top-level section 'Photon'"),
    ),
    Case(
        "sections out of order",
        lambda project: swap_sections(project, "## Operations Checklist", "## Tuning Playbook", "## Source Mapping"),
        ("runbook section out of order", "Tuning Playbook"),
    ),
    Case(
        "broken internal link in the docs",
        edit(RUNBOOK, "[Tuning Playbook](#tuning-playbook); without", "[Tuning Playbook](#no-such-section); without"),
        ("low-latency-streaming-cluster-config.md", "no-such-section"),
    ),
    Case(
        "broken link from README to the runbook",
        edit("README.md", "(docs/low-latency-streaming-cluster-config.md)", "(docs/low-latency-streaming-cluster.md)"),
        ("README.md", "docs/low-latency-streaming-cluster.md", "does not resolve"),
    ),
    Case(
        "misspelled word",
        edit(RUNBOOK, "Deploy the job on this job cluster", "Deploy the job on this job clustre"),
        ("low-latency-streaming-cluster-config.md", "clustre"),
        builder="spelling",
    ),
    Case(
        "evidence need pointing at a missing result file",
        edit(
            "docs/evidence.md",
            ":artifact: benchmarks/results/job_latency.json",
            ":artifact: benchmarks/results/gone.json",
        ),
        ("EVD_JOB_LATENCY_BENCH", "benchmarks/results/gone.json", "does not exist"),
    ),
    Case(
        "benchmark table reading a missing result file",
        edit(
            "docs/evidence.md",
            "```{benchmark-table} benchmarks/results/docs_scaling.json",
            "```{benchmark-table} benchmarks/results/none.json",
        ),
        ("evidence.md", "benchmarks/results/none.json", "does not exist"),
    ),
    # --- runbook vs job spec (issue: job and bundle spec) ---
    Case(
        "num_workers changed in the spec alone",
        edit(SPEC, "num_workers: 2", "num_workers: 3"),
        ("job_clusters[0].new_cluster.num_workers", SPEC, "REC_FIXED_SIZE_CLUSTER"),
    ),
    Case(
        "spark_conf value changed in the runbook alone",
        edit(RUNBOOK, 'spark.sql.shuffle.partitions: "8"', 'spark.sql.shuffle.partitions: "16"'),
        ('new_cluster.spark_conf["spark.sql.shuffle.partitions"]', "'16'"),
    ),
    Case(
        "autoscale block in the runbook snippet",
        edit(RUNBOOK, "      num_workers: 2\n", "      autoscale:\n        min_workers: 2\n        max_workers: 4\n"),
        ("autoscale", "fixed-size"),
    ),
    Case(
        "node type changed in the spec",
        edit(SPEC, "node_type_id: c5.xlarge", "node_type_id: m5.xlarge"),
        ("job_clusters[0].new_cluster.node_type_id", "REC_COMPUTE_OPTIMIZED_WORKERS"),
    ),
    Case(
        "spark conf key in the spec but not in the runbook",
        edit(
            SPEC,
            '              spark.sql.shuffle.partitions: "8"\n',
            '              spark.sql.shuffle.partitions: "8"\n              spark.sql.adaptive.enabled: "false"\n',
        ),
        ('spark_conf["spark.sql.adaptive.enabled"]', "missing from the runbook YAML snippet"),
    ),
    Case(
        "job path in Purpose and Scope does not exist",
        lambda project: project.replace(
            RUNBOOK,
            "| Job file | `src/template_domain/template_source/staging/low_latency_stream_join_simple_job.py` |",
            "| Job file | `src/template_domain/staging/stream_job.py` |",
        ),
        ("Job file", "src/template_domain/staging/stream_job.py", "does not exist"),
    ),
    Case(
        "job name differs from the spec",
        edit(SPEC, "name: low_latency_stream_join_simple\n", "name: stream_join_v2\n"),
        ("Job name", "stream_join_v2"),
    ),
    Case(
        "task key differs from the spec",
        edit(SPEC, "task_key: stream_join", "task_key: join_task"),
        ("Task key", "join_task"),
    ),
    Case(
        "query name differs from the spec",
        edit(
            SPEC,
            "              - --query-name\n              - low_latency_stream_join_simple",
            "              - --query-name\n              - renamed_query",
        ),
        ("Query name", "renamed_query"),
    ),
    # --- spark keys checked against the engine ---
    Case(
        "unknown spark key named in the runbook",
        edit(
            RUNBOOK,
            "(`spark.sql.streaming.stateStore.providerClass`)",
            "(`spark.sql.streaming.stateStore.providerClazz`)",
        ),
        ("spark.sql.streaming.stateStore.providerClazz", "not known to the pinned engine"),
    ),
    Case(
        "Databricks-only key without its mark",
        edit(RUNBOOK, ":databricks_only: spark.sql.streaming.stateStore.partitions\n", ""),
        ("spark.sql.streaming.stateStore.partitions", "not known to the pinned engine"),
    ),
    Case(
        "Spark key snapshot taken with another PySpark",
        edit(KEY_SNAPSHOT, '"pyspark": "4.1.1"', '"pyspark": "4.0.0"'),
        ("spark_keys_snapshot.json", "stale", "taken with pyspark 4.0.0", "tox -e spark-keys"),
    ),
    Case(
        "runbook key missing from the Spark key snapshot",
        edit(KEY_SNAPSHOT, '  "spark.sql.shuffle.partitions",\n', ""),
        ("spark key 'spark.sql.shuffle.partitions'", "not known to the pinned engine"),
    ),
    Case(
        "open-source key marked Databricks-only",
        edit(
            RUNBOOK,
            ":databricks_only: spark.sql.streaming.stateStore.partitions",
            ":databricks_only: spark.sql.streaming.stateStore.partitions, spark.sql.shuffle.partitions",
        ),
        ("REC_REPARTITION_ON_SCALE", "spark.sql.shuffle.partitions", "open-source engine knows it"),
    ),
    # --- evidence holds (issue 11, issue 8 item 8): results, their figures, the claims resting on them ---
    Case(
        "summary figure edited by hand",
        lambda project: nudge_figure(project, "benchmarks/results/job_latency.json", "runbook.trigger_ms.p50.median"),
        (
            "job_latency.json:"
            f"{line_of(REPO_ROOT / 'benchmarks/results/job_latency.json', 'runbook.trigger_ms.p50.median')}",
            "figure 'runbook.trigger_ms.p50.median'",
            "does not match the raw samples",
        ),
    ),
    Case(
        "capacity figure edited by hand",
        lambda project: nudge_figure(project, "benchmarks/results/job_capacity.json", "runbook.max_sustained_eps"),
        (
            "job_capacity.json:"
            f"{line_of(REPO_ROOT / 'benchmarks/results/job_capacity.json', 'runbook.max_sustained_eps')}",
            "figure 'runbook.max_sustained_eps'",
            "does not match the raw samples",
        ),
    ),
    Case(
        "results produced by another PySpark",
        edit("benchmarks/results/job_latency.json", '"pyspark": "4.1.1"', '"pyspark": "4.0.0"'),
        (
            f"job_latency.json:{line_of(REPO_ROOT / 'benchmarks/results/job_latency.json', 'pyspark')}",
            "results produced by pyspark 4.0.0",
            "4.1.1",
        ),
    ),
    Case(
        "results of a quick smoke run",
        edit("benchmarks/results/job_capacity.json", '"quick": false', '"quick": true'),
        (
            f"job_capacity.json:{line_of(REPO_ROOT / 'benchmarks/results/job_capacity.json', 'quick')}",
            "--quick smoke run",
        ),
    ),
    Case(
        "rerun whose results no longer support a claim",
        lambda project: rerun_with_batch_times(project, "partitions-2x", 0.5),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Job latency')}",
            "'EVD_JOB_LATENCY_BENCH' claim no longer supported",
            "runbook.trigger_ms.p50.median < partitions-2x.trigger_ms.p50.min is false",
        ),
    ),
    Case(
        "evidence relation stronger than the results",
        edit("docs/evidence.md", "runbook.max_sustained_eps >= 20 * 50", "runbook.max_sustained_eps >= 100000 * 50"),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Capacity curve')}",
            "'EVD_JOB_CAPACITY_CURVE' claim no longer supported",
            "runbook.max_sustained_eps >= 100000 * 50 is false",
        ),
    ),
    Case(
        "evidence need pointing at a file that is not a benchmark result",
        edit("docs/evidence.md", ":artifact: benchmarks/results/job_latency.json", ":artifact: README.md"),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Job latency')}",
            "'EVD_JOB_LATENCY_BENCH' artifact 'README.md' is not a benchmark result file",
        ),
    ),
    Case(
        "evidence need naming a figure its result lacks",
        edit("docs/evidence.md", ":figures: needs_5000.checks_overhead_pct", ":figures: needs_5000.checks_overhead"),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Docs build scaling')}",
            "'EVD_DOCS_BUILD_SCALING' names figure 'needs_5000.checks_overhead'",
        ),
    ),
    Case(
        "evidence need without a relation",
        edit("docs/evidence.md", ":relations: needs_5000.checks_overhead_pct < 10\n", ""),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Docs build scaling')}",
            "'EVD_DOCS_BUILD_SCALING' states no relation",
        ),
    ),
    Case(
        "figure quoted on the page that the results lack",
        edit(
            "docs/evidence.md",
            "{bench}`job_capacity:runbook.max_sustained_eps`",
            "{bench}`job_capacity:runbook.max_sustained`",
        ),
        (
            "evidence.md:"
            f"{line_containing(REPO_ROOT / 'docs/evidence.md', '{bench}`job_capacity:runbook.max_sustained_eps`')}",
            "no figure 'runbook.max_sustained' in the results",
        ),
    ),
]


def swap_sections(project: Project, first: str, second: str, end: str) -> None:
    text = project.read(RUNBOOK)
    a, b, c = text.index(first), text.index(second), text.index(end)
    project.path(RUNBOOK).write_text(text[:a] + text[b:c] + text[a:b] + text[c:], encoding="utf-8")


def test_clean_project_builds_without_warnings(project: Project) -> None:
    result = project.build()
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output, result.output


def test_clean_project_passes_spelling(project: Project) -> None:
    result = project.build("spelling")
    assert result.returncode == 0, result.output


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_fails_naming_the_culprit(project: Project, case: Case) -> None:
    case.mutate(project)
    result = project.build(case.builder)
    assert result.returncode != 0, f"build passed despite: {case.name}\n{result.output}"
    for expected in case.expected:
        assert expected in result.output, f"{expected!r} not in build output:\n{result.output}"


def nudge_figure(project: Project, relative: str, figure: str) -> None:
    """A hand edit: one summary figure changed, the raw samples left as they are."""
    lines = project.read(relative).splitlines(keepends=True)
    index = line_of(project.path(relative), figure) - 1
    key, value = lines[index].split(":")
    lines[index] = f"{key}: {float(value.strip().rstrip(',')) + 100}{',' if value.strip().endswith(',') else ''}\n"
    project.write(relative, "".join(lines))


def rerun_with_batch_times(project: Project, configuration: str, factor: float) -> None:
    """A rerun in which one configuration's batches took `factor` times as long, summarised honestly."""
    relative = "benchmarks/results/job_latency.json"
    document = json.loads(project.read(relative))
    for run in document["runs"]:
        if run["configuration"] == configuration:
            for batch in run["batches"]:
                batch["parts_ms"]["triggerExecution"] = round(batch["parts_ms"]["triggerExecution"] * factor)
    document["summary"] = summarize(document)
    project.write(relative, json.dumps(document, indent=1))
