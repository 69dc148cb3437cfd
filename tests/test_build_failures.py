"""Each failure mode of the runbook build: one mutation, a failing `sphinx-build -W`, a named culprit
and, where the culprit is a line, its `file:line`. Harmless edits, at the end, must build clean.

The clean copy must build without a single warning, so every failure below is caused by its mutation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docs_project import REPO_ROOT, RUNBOOK, Project
from runbook_checks.evidence_results import line_containing, summarize
from runbook_checks.evidence_results import line_of as result_line

SOURCES = "docs/sources.md"
KEY_SNAPSHOT = "_ext/runbook_checks/spark_keys_snapshot.json"
BUNDLE = "databricks.yml"
CONF = "conf.py"
EVIDENCE = "docs/evidence.md"
SNIPPET_WORKERS = "      num_workers: 2\n      runtime_engine: STANDARD\n"
ALLOW_LIST = "runbook_databricks_only_keys = {\n"
SPEC = "resources/low_latency_stream_join_simple_job.job.yml"


# An expected output fragment: a string, or computed from the mutated project (a `file:line`).
Expected = str | Callable[[Project], str]


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Project], None]
    expected: tuple[Expected, ...]  # every fragment must appear in the build output
    builder: str = "html"


def edit(relative: str, old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace(relative, old, new)


def edits(*changes: tuple[str, str, str]) -> Callable[[Project], None]:
    def mutate(project: Project) -> None:
        for relative, old, new in changes:
            project.replace(relative, old, new)

    return mutate


def with_mapping(mutate: Callable[[Project], None]) -> Callable[[Project], None]:
    """An edit to needs followed by what the editor then runs: `tox -e mapping`."""

    def mutate_and_map(project: Project) -> None:
        mutate(project)
        assert project.write_mapping().returncode == 0

    return mutate_and_map


def line_of(relative: str, needle: str) -> Callable[[Project], str]:
    """`relative:N`, N being the first line of the mutated file that holds `needle`."""

    def locate(project: Project) -> str:
        for number, line in enumerate(project.read(relative).splitlines(), start=1):
            if needle in line:
                return f"{relative}:{number}"
        raise AssertionError(f"{needle!r} not found in {relative}")

    return locate


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
        edit(RUNBOOK, "**Inference.** The job is sized for", "The job is sized for"),
        (
            "REC_FIXED_SIZE_CLUSTER",
            "does not start with a strong 'Inference' mark",
            line_of(RUNBOOK, "The job is sized for {assumed}"),
        ),
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
    # --- claim coverage: every paragraph, list item and table row has a visible basis ---
    Case(
        "new advice written as a plain paragraph",
        edit(
            RUNBOOK,
            "### When to scale to 4 workers\n",
            "Use an r5.4xlarge driver, it halves latency.\n\n### When to scale to 4 workers\n",
        ),
        (
            "claim without a basis",
            '"Use an r5.4xlarge driver, it halves latency."',
            line_of(RUNBOOK, "Use an r5.4xlarge driver"),
        ),
    ),
    Case(
        "baseline bullet without a basis",
        edit(
            RUNBOOK,
            "- The spec sets no state store provider;",
            "- Four workers would halve batch times.\n- The spec sets no state store provider;",
        ),
        (
            "claim without a basis",
            '"Four workers would halve batch times."',
            line_of(RUNBOOK, "- Four workers would halve"),
        ),
    ),
    Case(
        "checklist row without a basis",
        edit(
            RUNBOOK,
            "| Input rate | Structured Streaming tab",
            "| Worker count | Compute page | 4 workers |\n| Input rate | Structured Streaming tab",
        ),
        ("claim without a basis", '"Worker count Compute page 4 workers"', line_of(RUNBOOK, "| Worker count |")),
    ),
    Case(
        "tuning step without a basis",
        edit(
            RUNBOOK,
            "### Diagnose before scaling\n",
            "4. Raise partitions from 8 to 32.\n\n### Diagnose before scaling\n",
        ),
        (
            "claim without a basis",
            '"Raise partitions from 8 to 32."',
            line_of(RUNBOOK, "4. Raise partitions from 8 to 32."),
        ),
    ),
    Case(
        "identity table row the spec does not define",
        edit(
            RUNBOOK, "| Task key | `stream_join` |\n", "| Task key | `stream_join` |\n| Driver type | `r5.4xlarge` |\n"
        ),
        (
            "identity table row 'Driver type' is not a name the spec defines",
            line_of(RUNBOOK, "| Driver type |"),
        ),
    ),
    Case(
        "sourced sentence lost its citations",
        lambda project: project.write(RUNBOOK, re.sub(r"\n\{cite\}`[^`]*`", "", project.read(RUNBOOK))),
        (
            "claim without a basis",
            "documentation calls the streaming page the Structured",
            line_of(RUNBOOK, "Spark's documentation calls the streaming page"),
        ),
    ),
    Case(
        "tuning step lost its recommendation reference",
        edit(RUNBOOK, "   and resume ({need}`REC_FRESH_CHECKPOINT_ROUTE`).", "   and resume."),
        (
            "claim without a basis",
            '"Change the spec: a new --checkpoint-location folder',
            line_of(RUNBOOK, "4. **Change the spec**"),
        ),
    ),
    Case(
        "prose bound to a source through the need role instead of a citation",
        edit(
            RUNBOOK,
            "({need}`REC_PHOTON_STANDARD`)",
            "({need}`SRC_DBX_PHOTON`)",
        ),
        (
            "claim without a basis",
            '"For this environment/node choice we run runtime_engine:',
            line_of(RUNBOOK, "For this environment/node choice"),
        ),
    ),
    Case(
        "prose inference mark hidden in an HTML comment",
        edit(
            RUNBOOK,
            "### When to scale to 4 workers\n",
            "<!-- **Inference.** --> Use a larger driver.\n\n### When to scale to 4 workers\n",
        ),
        (
            "claim without a basis",
            '"Use a larger driver."',
            line_of(RUNBOOK, "<!-- **Inference.** --> Use a larger driver."),
        ),
    ),
    Case(
        "prose inference mark in mid-paragraph",
        edit(
            RUNBOOK,
            "### When to scale to 4 workers\n",
            "Use a larger driver, no **Inference** here.\n\n### When to scale to 4 workers\n",
        ),
        (
            "claim without a basis",
            '"Use a larger driver, no Inference here."',
            line_of(RUNBOOK, "Use a larger driver, no"),
        ),
    ),
    Case(
        "prose inference mark as emphasis, not strong",
        edit(
            RUNBOOK,
            "**Inference.** {spec}`node_type=c5.xlarge` is a compute-optimized",
            "*Inference.* {spec}`node_type=c5.xlarge` is a compute-optimized",
        ),
        (
            "claim without a basis",
            '"Inference. c5.xlarge is a compute-optimized AWS',
            line_of(RUNBOOK, "*Inference.* {spec}`node_type"),
        ),
    ),
    Case(
        "advice in a new subsection",
        edit(
            RUNBOOK,
            "## Photon Note\n",
            "### Appendix\n\nDouble the workers during month-end peaks.\n\n## Photon Note\n",
        ),
        (
            "claim without a basis",
            '"Double the workers during month-end peaks."',
            line_of(RUNBOOK, "Double the workers during month-end peaks."),
        ),
    ),
    Case(
        "advice in an admonition",
        edit(
            RUNBOOK,
            "## Photon Note\n",
            ":::{note}\nRestart the job every night.\n:::\n\n## Photon Note\n",
        ),
        ("claim without a basis", '"Restart the job every night."', line_of(RUNBOOK, "Restart the job every night.")),
    ),
    # --- inline citations name a source the enclosing need links ---
    Case(
        "citation of an unknown source",
        edit(RUNBOOK, "{cite}`SRC_SPARK_WEB_UI#", "{cite}`SRC_SPARK_WEB_UX#"),
        ("SRC_SPARK_WEB_UX", "is no need", line_of(RUNBOOK, "{cite}`SRC_SPARK_WEB_UX#")),
    ),
    Case(
        "citation of a recommendation",
        edit(
            RUNBOOK,
            "{cite}`SRC_SPARK_WEB_UI#structured-streaming-tab",
            "{cite}`REC_MONITOR_PROGRESS#structured-streaming-tab",
        ),
        ("REC_MONITOR_PROGRESS", "a 'rec' need, not a source", line_of(RUNBOOK, "{cite}`REC_MONITOR_PROGRESS")),
    ),
    Case(
        "citation inside a need of a source the need does not link",
        edit(
            RUNBOOK,
            "cannot change after a query has run from a checkpoint.",
            "cannot change after a query has run from a checkpoint\n"
            "{cite}`SRC_DBX_PHOTON#photon-limitations: stateless`.",
        ),
        (
            "inside 'REC_GLOBAL_WATERMARK' names a source the need does not link",
            "SRC_DBX_PHOTON",
            line_of(RUNBOOK, "{cite}`SRC_DBX_PHOTON#photon-limitations"),
        ),
    ),
    # --- one basis per claim: inference marks read on the doctree ---
    Case(
        "inference need marked only in an HTML comment",
        edit(RUNBOOK, "**Inference.** The stateful stage runs", "<!-- **Inference.** --> The stateful stage runs"),
        (
            "REC_CORES_VS_PARTITIONS",
            "does not start with a strong 'Inference' mark",
            line_of(RUNBOOK, "existing checkpoint, a {spec}"),
        ),
    ),
    Case(
        "inference need marked only in mid-paragraph",
        edit(
            RUNBOOK,
            "**Inference.** The stateful stage runs one task per state partition.",
            "The stateful stage runs one task per state partition, no **Inference** here.",
        ),
        (
            "REC_CORES_VS_PARTITIONS",
            "does not start with a strong 'Inference' mark",
            line_of(RUNBOOK, "The stateful stage runs one task per state partition, no"),
        ),
    ),
    Case(
        "inference need marked only in its second paragraph",
        edit(
            RUNBOOK,
            "**Inference.** The stateful stage runs one task per state partition.",
            "The stateful stage runs one task per state partition.\n\n**Inference.** So",
        ),
        (
            "REC_CORES_VS_PARTITIONS",
            "does not start with a strong 'Inference' mark",
            line_of(RUNBOOK, "The stateful stage runs one task per state partition."),
        ),
    ),
    Case(
        "inference need marked with emphasis, not strong",
        edit(RUNBOOK, "**Inference.** The stateful stage runs", "*Inference.* The stateful stage runs"),
        (
            "REC_CORES_VS_PARTITIONS",
            "does not start with a strong 'Inference' mark",
            line_of(RUNBOOK, "*Inference.* The stateful stage runs"),
        ),
    ),
    Case(
        "sourced need carrying our reasoning as an Inference paragraph",
        edit(
            RUNBOOK,
            "from a checkpoint.\n```",
            "from a checkpoint.\n\n**Inference.** We keep `min`.\n```",
        ),
        (
            "REC_GLOBAL_WATERMARK",
            "has basis 'source' but a paragraph starts with an Inference mark",
            line_of(RUNBOOK, "**Inference.** We keep `min`."),
        ),
    ),
    Case(
        "sourced need carrying our reasoning marked with underscores",
        edit(
            RUNBOOK,
            "from a checkpoint.\n```",
            "from a checkpoint.\n\n__Inference.__ We keep `min`.\n```",
        ),
        (
            "REC_GLOBAL_WATERMARK",
            "has basis 'source' but a paragraph starts with an Inference mark",
            line_of(RUNBOOK, "__Inference.__ We keep `min`."),
        ),
    ),
    # --- pinpoint citations: section anchor and key terms per cited source ---
    Case(
        "sourced need without pinpoints",
        edit(
            RUNBOOK,
            "  :pinpoints: SRC_DBX_STATEFUL_STREAMING#optimize-stateful-structured-streaming-queries: "
            "compute-optimized instances\n",
            "",
        ),
        (
            "sourced 'REC_COMPUTE_OPTIMIZED_WORKERS' has no pinpoint for SRC_DBX_STATEFUL_STREAMING",
            line_of(RUNBOOK, "{rec} Use compute-optimized worker instances"),
        ),
    ),
    Case(
        "sourced need missing the pinpoint of one cited source",
        edit(
            RUNBOOK,
            " | SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes: spark.sql.streaming.multipleWatermarkPolicy",
            "",
        ),
        (
            "sourced 'REC_GLOBAL_WATERMARK' has no pinpoint for SRC_SPARK_SS_ADDITIONAL_INFO",
            line_of(RUNBOOK, "{rec} The global watermark follows the slower input"),
        ),
    ),
    Case(
        "pinpoint without a section anchor",
        edit(
            RUNBOOK,
            "SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes: spark.sql.streaming.multipleWatermarkPolicy",
            "SRC_SPARK_SS_ADDITIONAL_INFO: spark.sql.streaming.multipleWatermarkPolicy",
        ),
        (
            "'REC_GLOBAL_WATERMARK' pinpoint for SRC_SPARK_SS_ADDITIONAL_INFO lacks a #section-anchor",
            line_of(RUNBOOK, "{rec} The global watermark follows the slower input"),
        ),
    ),
    Case(
        "pinpoint without key terms",
        edit(
            RUNBOOK,
            "SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes: spark.sql.streaming.multipleWatermarkPolicy",
            "SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes",
        ),
        (
            "'REC_GLOBAL_WATERMARK' pinpoint for SRC_SPARK_SS_ADDITIONAL_INFO lacks key terms",
            line_of(RUNBOOK, "{rec} The global watermark follows the slower input"),
        ),
    ),
    Case(
        "pinpoint naming a source the need does not cite",
        edit(
            RUNBOOK,
            "SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes: spark.sql.streaming.multipleWatermarkPolicy",
            "SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes: spark.sql.streaming.multipleWatermarkPolicy"
            " | SRC_DBX_PHOTON#limitations: stateless",
        ),
        (
            "'REC_GLOBAL_WATERMARK' pinpoint names 'SRC_DBX_PHOTON', which the need does not cite",
            line_of(RUNBOOK, "{rec} The global watermark follows the slower input"),
        ),
    ),
    Case(
        "pinpoint that names no source",
        edit(
            RUNBOOK,
            " | SRC_SPARK_SS_ADDITIONAL_INFO#miscellaneous-notes: spark.sql.streaming.multipleWatermarkPolicy",
            " | see the notes section",
        ),
        (
            "'REC_GLOBAL_WATERMARK' pinpoint 'see the notes section' does not start with a source ID",
            line_of(RUNBOOK, "{rec} The global watermark follows the slower input"),
        ),
    ),
    Case(
        "citation in prose without a pinpoint",
        edit(
            RUNBOOK,
            "{cite}`SRC_SPARK_WEB_UI#structured-streaming-tab: Structured Streaming tab`",
            "{cite}`SRC_SPARK_WEB_UI`",
        ),
        (
            "{cite}`SRC_SPARK_WEB_UI` in prose lacks a #section-anchor and key terms",
            line_of(RUNBOOK, "{cite}`SRC_SPARK_WEB_UI`"),
        ),
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
        "Databricks-only key removed from the allow-list",
        edit(CONF, '    "spark.sql.streaming.stateStore.partitions": "SRC_DBX_STATE_REPARTITIONING",\n', ""),
        (
            "spark key 'spark.sql.streaming.stateStore.partitions' is not known to the pinned engine",
            line_of(RUNBOOK, "spark.sql.streaming.stateStore.partitions"),
        ),
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
        "open-source key on the Databricks-only allow-list",
        edit(CONF, ALLOW_LIST, ALLOW_LIST + '    "spark.sql.shuffle.partitions": "SRC_SPARK_CONFIGURATION",\n'),
        ("'spark.sql.shuffle.partitions' is allowed as Databricks-only, but the open-source engine knows it",),
    ),
    Case(
        "made-up key allowed with a recommendation instead of a source",
        edits(
            (CONF, ALLOW_LIST, ALLOW_LIST + '    "spark.databricks.madeUp.fast": "REC_SCALE_TRIGGERS",\n'),
            (RUNBOOK, "No `autoscale`\n  block", "No `autoscale` (`spark.databricks.madeUp.fast`)\n  block"),
        ),
        ("'spark.databricks.madeUp.fast' must name a source need, not 'REC_SCALE_TRIGGERS'",),
    ),
    Case(
        "allow-listed Databricks key that no page names",
        edit(CONF, ALLOW_LIST, ALLOW_LIST + '    "spark.databricks.io.cache.enabled": "SRC_DBX_PHOTON",\n'),
        ("'spark.databricks.io.cache.enabled' is allowed in conf.py but no page names it",),
    ),
    Case(
        "unknown key on the evidence page",
        edit(
            EVIDENCE,
            "## What a local measurement",
            "Set `spark.sql.streaming.fastLane` too.\n\n## What a local measurement",
        ),
        ("spark key 'spark.sql.streaming.fastLane'", line_of(EVIDENCE, "spark.sql.streaming.fastLane")),
    ),
    Case(
        "unknown key in a need title",
        edit(
            RUNBOOK,
            "```{rec} The 1000 ms latency budget per micro-batch is our choice",
            "```{rec} The 1000 ms latency budget per micro-batch is our choice (spark.sql.streaming.budgetMs)",
        ),
        ("spark key 'spark.sql.streaming.budgetMs'", line_of(RUNBOOK, "spark.sql.streaming.budgetMs")),
    ),
    # --- structure escape routes ---
    Case(
        "a second H1 with extra advice",
        lambda project: project.write(
            RUNBOOK, project.read(RUNBOOK) + "\n# Appendix\n\nUse an r5.4xlarge driver, it halves latency.\n"
        ),
        ("second top-level title 'Appendix'", line_of(RUNBOOK, "# Appendix")),
    ),
    Case(
        "a second disagreeing block tagged yml in the baseline",
        edit(
            RUNBOOK,
            "- {spec}`workers=2` {spec}`node_type=c5.xlarge` workers",
            "```yml\njob_clusters:\n  - job_cluster_key: x\n    new_cluster:\n      num_workers: 4\n```\n\n"
            "- {spec}`workers=2` {spec}`node_type=c5.xlarge` workers",
        ),
        ("must hold exactly one YAML snippet, found 2",),
    ),
    Case(
        "duplicate key in the YAML snippet",
        edit(RUNBOOK, SNIPPET_WORKERS, "      num_workers: 4\n" + SNIPPET_WORKERS),
        ("duplicate key 'num_workers'", line_of(RUNBOOK, "```yaml")),
    ),
    Case(
        "two identity tables",
        edit(
            RUNBOOK,
            "\nAssumptions this runbook makes",
            "\n| What | Value |\n| --- | --- |\n| Job name | `other_job` |\n\nAssumptions this runbook makes",
        ),
        ("must hold exactly one identity table, found 2",),
    ),
    Case(
        "identity label given twice",
        edit(
            RUNBOOK,
            "| Task key | `stream_join` |\n",
            "| Task key | `stream_join` |\n| Task key | `other` |\n",
        ),
        ("label 'Task key' appears twice", line_of(RUNBOOK, "| `other` |")),
    ),
    Case(
        "source -> recommendations matrix removed",
        edit(RUNBOOK, "```{source-matrix}\n:view: sources\n```\n", ""),
        ("'Source Mapping' lost its generated source -> recommendations matrix", line_of(RUNBOOK, "## Source Mapping")),
    ),
    Case(
        "traceability graph removed",
        edit(RUNBOOK, "```{traceability-graph}\n```\n", ""),
        ("'Source Mapping' lost its generated traceability graph",),
    ),
    Case(
        "a rewritten Photon sentence",
        edit(RUNBOOK, "reevaluate with `runtime_engine: PHOTON`.", "consider `runtime_engine: PHOTON`."),
        ("'Photon Note' must open with the sentence 'If switching", line_of(RUNBOOK, "For this environment/node")),
    ),
    Case(
        "the scale rule removed",
        edit(RUNBOOK, ":id: REC_SCALE_TRIGGERS\n", ":id: REC_SCALE_LATER\n"),
        ("required recommendation 'REC_SCALE_TRIGGERS' (conf.py) is not in the runbook",),
    ),
    # --- the source register ---
    Case(
        "Spark URL moved to another doc version than its range",
        edit(
            SOURCES,
            ":url: https://spark.apache.org/docs/4.1.1/configuration.html",
            ":url: https://spark.apache.org/docs/3.5.0/configuration.html",
        ),
        (
            "'SRC_SPARK_CONFIGURATION' URL is the Spark 3.5.0 documentation",
            line_of(SOURCES, "```{src} Spark Configuration"),
        ),
    ),
    Case(
        "publisher that does not match the host",
        edit(
            SOURCES,
            ":url: https://spark.apache.org/docs/4.1.1/configuration.html\n:publisher: Apache Spark",
            ":url: https://spark.apache.org/docs/4.1.1/configuration.html\n:publisher: Databricks",
        ),
        ("'SRC_SPARK_CONFIGURATION' publisher 'Databricks' but spark.apache.org is Apache Spark",),
    ),
    Case(
        "the same URL registered twice",
        edit(
            SOURCES,
            ":url: https://docs.databricks.com/aws/en/compute/photon",
            ":url: https://docs.databricks.com/aws/en/jobs/notifications",
        ),
        ("repeats the URL of", "SRC_DBX_JOB_NOTIFICATIONS", "SRC_DBX_PHOTON"),
    ),
    Case(
        "a source declared in the runbook instead of the register",
        edit(
            RUNBOOK,
            "## Photon Note\n",
            "## Photon Note\n\n```{src} Photon FAQ\n:id: SRC_DBX_PHOTON_FAQ\n:url: https://docs.databricks.com/aws/en/compute/photon-faq\n"
            ":publisher: Databricks\n:applies_to: current\n:runtime_min: any\n:maturity: GA\n\nA FAQ.\n```\n",
        ),
        (
            "source 'SRC_DBX_PHOTON_FAQ' is declared on 'low-latency-streaming-cluster-config'",
            line_of(RUNBOOK, "```{src} Photon FAQ"),
        ),
    ),
    Case(
        "a sourced claim on a source that does not cover the deployed runtime",
        edit(
            SOURCES,
            ":applies_to: Databricks Runtime 13.3 LTS and above (AWS documentation)\n:runtime_min: DBR 13.3",
            ":applies_to: Databricks Runtime 13.3 LTS and above (AWS documentation)\n:runtime_min: DBR 19",
        ),
        (
            "'REC_COMPUTE_OPTIMIZED_WORKERS' relies on 'SRC_DBX_STATEFUL_STREAMING' (DBR 19 - newer)",
            "18.x-scala2.13 (target dev)",
            "(target prod)",
        ),
    ),
    Case(
        "a runtime the conf does not map to a Spark version",
        edits(
            (SPEC, "spark_version: 18.x-scala2.13", "spark_version: 15.4.x-scala2.12"),
            (RUNBOOK, "      spark_version: 18.x-scala2.13", "      spark_version: 15.4.x-scala2.12"),
        ),
        ("spec spark_version '15.4.x-scala2.12' (target dev) is not in conf.py runbook_runtime_spark",),
    ),
    Case(
        "a runtime condition the claim's text does not state",
        edit(
            RUNBOOK,
            ":id: REC_RUNTIME_18\n:basis: source\n:runtime_condition: DBR 18.3",
            ":id: REC_RUNTIME_18\n:basis: source\n:runtime_condition: DBR 18.4",
        ),
        ("'REC_RUNTIME_18' declares runtime_condition DBR 18.4 but its text does not state it",),
    ),
    Case(
        "a source without its maturity",
        edit(SOURCES, ":runtime_min: any\n:maturity: GA\n\nPhoton runs", ":runtime_min: any\n\nPhoton runs"),
        ("SRC_DBX_PHOTON", "'maturity' is not nullable"),
    ),
    Case(
        "a runtime range in free text",
        edit(SOURCES, ":runtime_min: DBR 13.3\n", ":runtime_min: 13.3 LTS and above\n"),
        ("SRC_DBX_STATEFUL_STREAMING", "runtime_min", "does not match"),
    ),
    # --- the spec as each target deploys it ---
    Case(
        "a need's text says 4 workers while its settings say 2",
        edit(RUNBOOK, "as workers for stateful streaming.", "as workers for stateful streaming; run 4 workers of it."),
        ("'4 workers' is a spec figure not bound to the spec", line_of(RUNBOOK, "run 4 workers of it")),
    ),
    Case(
        "a baseline bullet that says 4 workers",
        edit(
            RUNBOOK,
            "- {spec}`workers=2` {spec}`node_type=c5.xlarge` workers",
            "- {spec}`workers=4` {spec}`node_type=c5.xlarge` workers",
        ),
        (
            "{spec}`workers=4` but resources/low_latency_stream_join_simple_job.job.yml (target dev)",
            "gives workers = '2'",
            line_of(RUNBOOK, "{spec}`workers=4` {spec}`node_type"),
        ),
    ),
    Case(
        "a checklist row that says 4 workers",
        edit(RUNBOOK, "| {spec}`workers=2` workers, no autoscale", "| 4 workers, no autoscale"),
        ("'4 workers' is a spec figure not bound to the spec", line_of(RUNBOOK, "| 4 workers, no autoscale")),
    ),
    Case(
        "a tuning step that says 8 -> 32 partitions",
        edit(
            RUNBOOK,
            "{spec}`workers=2` workers, {spec}`scaled_partitions=16` for",
            "{spec}`workers=2` workers, {spec}`scaled_partitions=32` for",
        ),
        (
            "{spec}`scaled_partitions=32` but",
            "gives scaled_partitions = '16'",
            line_of(RUNBOOK, "scaled_partitions=32"),
        ),
    ),
    Case(
        "the trigger changed in the spec while the prose keeps the old value",
        edit(SPEC, "              - 500 milliseconds\n", "              - 1 second\n"),
        ("{spec}`trigger=500 milliseconds` but", "gives trigger = '1 second'", "{spec}`trigger_ms=500` but"),
    ),
    Case(
        "the latency budget changed in the spec while the prose keeps the old value",
        edit(SPEC, '              - "1000"\n', '              - "2000"\n'),
        ("{spec}`budget_ms=1000` but", "gives budget_ms = '2000'"),
    ),
    Case(
        "a Spark 3.5 runtime in spec and snippet while the prose says Spark 4.1",
        edits(
            (SPEC, "spark_version: 18.x-scala2.13", "spark_version: 15.4.x-scala2.12"),
            (RUNBOOK, "      spark_version: 18.x-scala2.13", "      spark_version: 15.4.x-scala2.12"),
            (CONF, 'runbook_runtime_spark = {"18": "4.1.0"}', 'runbook_runtime_spark = {"18": "4.1.0", "15": "3.5.0"}'),
        ),
        (
            "{spec}`spark=4.1.0` but",
            "gives spark = '3.5.0'",
            "does not cover the spec's spark_version 15.4.x-scala2.12",
        ),
    ),
    Case(
        "an unknown spec value",
        edit(RUNBOOK, "{spec}`budget_ms=1000` ms latency budget", "{spec}`budget=1000` ms latency budget"),
        ("{spec}`budget` is not a spec value", line_of(RUNBOOK, "{spec}`budget=1000`")),
    ),
    Case(
        "a backlog threshold typed in the prose",
        edit(RUNBOOK, "{spec}`backlog_records=6000` records", "6000 records"),
        ("'6000 records' is a spec figure not bound to the spec", line_of(RUNBOOK, "or 6000 records when")),
    ),
    Case(
        "a health rule changed in the spec while the prose keeps the old threshold",
        edit(SPEC, "            value: 6000\n", "            value: 5000\n"),
        (
            "{spec}`backlog_records=6000` but",
            "gives backlog_records = '5000'",
            line_of(RUNBOOK, "{spec}`backlog_records=6000`"),
        ),
    ),
    Case(
        "a partition count typed inside a config line in inline code",
        edit(
            RUNBOOK,
            "`spark.sql.streaming.stateStore.partitions` to the job cluster's",
            '`spark.sql.streaming.stateStore.partitions: "32"` to the job cluster\'s',
        ),
        ("'.partitions: \"32' is a spec figure not bound to the spec", line_of(RUNBOOK, 'partitions: "32"')),
    ),
    Case(
        "a need title with a trigger the spec does not set",
        edit(RUNBOOK, "Use a 500 millisecond processing-time trigger", "Use a 250 millisecond processing-time trigger"),
        (
            "title 'Use a 250 millisecond processing-time trigger': '250 millisecond' is not a spec value",
            line_of(RUNBOOK, "```{rec} Use a 250 millisecond"),
        ),
    ),
    Case(
        "a heading with a worker range the spec does not give",
        edit(RUNBOOK, "### When to scale to 4 workers", "### When to scale to 3-4 workers"),
        (
            "title 'When to scale to 3-4 workers': '3-4 workers' is not a spec value for target dev (allowed: 2, 4)",
            line_of(RUNBOOK, "### When to scale to 3-4 workers"),
        ),
    ),
    Case(
        "prod target overrides the job cluster",
        edit(
            BUNDLE,
            "    permissions:\n",
            "    resources:\n      jobs:\n        low_latency_stream_join_simple_job:\n          job_clusters:\n"
            "            - job_cluster_key: stream_join_cluster\n              new_cluster:\n"
            "                node_type_id: m5.4xlarge\n                num_workers: 8\n    permissions:\n",
        ),
        ("(target prod)", "num_workers", "node_type_id", "REC_FIXED_SIZE_CLUSTER"),
    ),
    Case(
        "workers from a variable whose prod value differs",
        edits(
            (SPEC, "            num_workers: 2\n", "            num_workers: ${var.num_workers}\n"),
            (
                BUNDLE,
                "  operators_group:\n",
                "  num_workers:\n    description: Workers.\n    default: 2\n  operators_group:\n",
            ),
            (
                BUNDLE,
                "      continuous_pause_status: UNPAUSED\n",
                "      continuous_pause_status: UNPAUSED\n      num_workers: 6\n",
            ),
        ),
        ("(target prod)", "num_workers", "REC_FIXED_SIZE_CLUSTER"),
    ),
    Case(
        "tab in the job spec",
        edit(SPEC, "            num_workers: 2\n", "\t    num_workers: 2\n"),
        (line_of(SPEC, "num_workers"), "cannot start any token"),
    ),
    Case(
        "duplicate key in the job spec",
        edit(SPEC, "            num_workers: 2\n", "            num_workers: 2\n            num_workers: 4\n"),
        ("duplicate key 'num_workers'", line_of(SPEC, "num_workers: 4")),
    ),
    # --- evidence holds (issue 11, issue 8 item 8): results, their figures, the claims resting on them ---
    Case(
        "summary figure edited by hand",
        lambda project: nudge_figure(project, "benchmarks/results/job_latency.json", "runbook.trigger_ms.p50.median"),
        (
            "job_latency.json:"
            f"{result_line(REPO_ROOT / 'benchmarks/results/job_latency.json', 'runbook.trigger_ms.p50.median')}",
            "figure 'runbook.trigger_ms.p50.median'",
            "does not match the raw samples",
        ),
    ),
    Case(
        "capacity figure edited by hand",
        lambda project: nudge_figure(project, "benchmarks/results/job_capacity.json", "runbook.max_sustained_eps"),
        (
            "job_capacity.json:"
            f"{result_line(REPO_ROOT / 'benchmarks/results/job_capacity.json', 'runbook.max_sustained_eps')}",
            "figure 'runbook.max_sustained_eps'",
            "does not match the raw samples",
        ),
    ),
    Case(
        "soak figure edited by hand",
        lambda project: nudge_figure(project, "benchmarks/results/job_soak.json", "trigger_p50.final_pct_of_baseline"),
        (
            "job_soak.json:"
            f"{result_line(REPO_ROOT / 'benchmarks/results/job_soak.json', 'trigger_p50.final_pct_of_baseline')}",
            "figure 'trigger_p50.final_pct_of_baseline'",
            "does not match the raw samples",
        ),
    ),
    Case(
        "results produced by another PySpark",
        edit("benchmarks/results/job_latency.json", '"pyspark": "4.1.1"', '"pyspark": "4.0.0"'),
        (
            f"job_latency.json:{result_line(REPO_ROOT / 'benchmarks/results/job_latency.json', 'pyspark')}",
            "results produced by pyspark 4.0.0",
            "4.1.1",
        ),
    ),
    Case(
        "results of a quick smoke run",
        edit("benchmarks/results/job_capacity.json", '"quick": false', '"quick": true'),
        (
            f"job_capacity.json:{result_line(REPO_ROOT / 'benchmarks/results/job_capacity.json', 'quick')}",
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
        "soak rerun whose batch time grows with the output",
        lambda project: soak_rerun_growing(project, 2.0),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Soak')}",
            "'EVD_JOB_SOAK' claim no longer supported",
            "trigger_p50.final_pct_of_baseline <= 115 is false",
        ),
    ),
    Case(
        "evidence relation stronger than the results",
        edit(
            "docs/evidence.md",
            "runbook.max_sustained_eps >= 20 * assumed.production_eps",
            "runbook.max_sustained_eps >= 100000 * assumed.production_eps",
        ),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Capacity curve')}",
            "'EVD_JOB_CAPACITY_CURVE' claim no longer supported",
            "runbook.max_sustained_eps >= 100000 * assumed.production_eps is false",
        ),
    ),
    Case(
        "production rate assumption raised beyond what the capacity curve supports",
        edit(CONF, 'runbook_assumptions = {"production_eps": 50}', 'runbook_assumptions = {"production_eps": 5000}'),
        (
            f"evidence.md:{line_containing(REPO_ROOT / 'docs/evidence.md', '```{evid} Capacity curve')}",
            "'EVD_JOB_CAPACITY_CURVE' claim no longer supported",
            "runbook.max_sustained_eps >= 20 * assumed.production_eps is false",
        ),
    ),
    Case(
        "an assumption the config does not declare",
        edit(
            RUNBOOK,
            "{assumed}`production_eps` per input, an assumption",
            "{assumed}`production_rate` per input, an assumption",
        ),
        (
            "assumed role: no assumption 'production_rate' in conf.py runbook_assumptions (known: production_eps)",
            line_of(RUNBOOK, "{assumed}`production_rate`"),
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
        fragment = expected(project) if callable(expected) else expected
        # A `file:line` must not match as the prefix of a longer line number.
        pattern = re.escape(fragment) + (r"(?!\d)" if callable(expected) else "")
        assert re.search(pattern, result.output), f"{fragment!r} not in build output:\n{result.output}"


def nudge_figure(project: Project, relative: str, figure: str) -> None:
    """A hand edit: one summary figure changed, the raw samples left as they are."""
    lines = project.read(relative).splitlines(keepends=True)
    index = result_line(project.path(relative), figure) - 1
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


def soak_rerun_growing(project: Project, factor: float) -> None:
    """A soak rerun whose batches in the final span took `factor` times as long, summarised honestly."""
    relative = "benchmarks/results/job_soak.json"
    document = json.loads(project.read(relative))
    final_from_ms = document["parameters"]["final_from_s"] * 1000
    for batch in document["runs"][0]["batches"]:
        if batch["start_ms"] >= final_from_ms:
            batch["parts_ms"]["triggerExecution"] = round(batch["parts_ms"]["triggerExecution"] * factor)
    document["summary"] = summarize(document)
    project.write(relative, json.dumps(document, indent=1))


NEW_SOURCE = (
    "\n```{src} Monitoring Structured Streaming queries on Databricks, metrics\n:id: SRC_DBX_STREAM_METRICS\n"
    ":url: https://docs.databricks.com/aws/en/structured-streaming/stream-monitoring-metrics\n:publisher: Databricks\n"
    ":applies_to: current documentation\n:runtime_min: DBR 11.3\n:maturity: GA\n\nQuery metrics.\n```\n"
)

# Edits a careful author makes: each must build without a single warning.
HARMLESS = [
    Case(
        "a spec value written with its role, and a figure that is not the spec's",
        edit(
            RUNBOOK,
            "because the input is tiny",
            "because the input is tiny ({spec}`cores=8` cores in all; Spark's default is {notspec}`200 partitions`)",
        ),
        (),
    ),
    Case(
        "a new source in the register", lambda project: project.write(SOURCES, project.read(SOURCES) + NEW_SOURCE), ()
    ),
    Case(
        "bare link to a Spark page",
        edit(RUNBOOK, "cores. No `autoscale`", "cores (<https://spark.apache.org/docs/4.1.1/>). No `autoscale`"),
        (),
    ),
    Case(
        "wildcard key mention",
        edit(
            RUNBOOK,
            "cores. No `autoscale`",
            "cores; `spark.sql.streaming.stateStore.rocksdb.*` stays unset. No `autoscale`",
        ),
        (),
    ),
    Case(
        "open-source RocksDB key with no effect probe",
        edit(
            RUNBOOK,
            "cores. No `autoscale`",
            "cores; `spark.sql.streaming.stateStore.rocksdb.compactOnCommit` stays unset. No `autoscale`",
        ),
        (),
    ),
    Case(
        "snippet keys reordered, with a comment",
        edit(
            RUNBOOK,
            "      node_type_id: c5.xlarge\n      num_workers: 2\n",
            "      num_workers: 2  # fixed size\n      node_type_id: c5.xlarge\n",
        ),
        (),
    ),
    Case(
        "spec reordered, with a comment",
        edit(
            SPEC,
            "            node_type_id: c5.xlarge\n            num_workers: 2\n",
            "            num_workers: 2  # the runbook's fixed size\n            node_type_id: c5.xlarge\n",
        ),
        (),
    ),
    Case(
        "prod override that repeats the base values",
        edit(
            BUNDLE,
            "    permissions:\n",
            "    resources:\n      jobs:\n        low_latency_stream_join_simple_job:\n          job_clusters:\n"
            "            - job_cluster_key: stream_join_cluster\n              new_cluster:\n"
            "                num_workers: 2\n    permissions:\n",
        ),
        (),
    ),
    Case(
        "a second pinpointed section of a source a need already pinpoints",
        with_mapping(
            edit(
                RUNBOOK,
                ":pinpoints: SRC_DBX_DELTA_STREAMING#top: VACUUM; logRetentionDuration; 30 days",
                ":pinpoints: SRC_DBX_DELTA_STREAMING#top: VACUUM; logRetentionDuration; 30 days"
                " | SRC_DBX_DELTA_STREAMING#limit-input-rate: logRetentionDuration",
            )
        ),
        (),
    ),
    Case(
        "need titles that quote spec values",
        with_mapping(
            edits(
                (RUNBOOK, "Run a fixed-size cluster for tiny", "Run a fixed-size cluster of 2 workers for tiny"),
                (RUNBOOK, "Use a 500 millisecond processing-time trigger", "Use a 500 ms processing-time trigger"),
            )
        ),
        (),
    ),
    Case(
        "the production rate assumption changed within what the capacity curve supports",
        edit(CONF, 'runbook_assumptions = {"production_eps": 50}', 'runbook_assumptions = {"production_eps": 60}'),
        (),
    ),
    Case(
        "Databricks-only key allowed with its source and named",
        edits(
            (CONF, ALLOW_LIST, ALLOW_LIST + '    "spark.databricks.io.cache.enabled": "SRC_DBX_PHOTON",\n'),
            (
                EVIDENCE,
                "## What a local measurement",
                "`spark.databricks.io.cache.enabled` stays at its default.\n\n## What a local measurement",
            ),
        ),
        (),
    ),
]


@pytest.mark.parametrize("case", HARMLESS, ids=[case.name for case in HARMLESS])
def test_harmless_edit_builds_clean(project: Project, case: Case) -> None:
    case.mutate(project)
    result = project.build(case.builder)
    assert result.returncode == 0, f"build failed on a harmless edit: {case.name}\n{result.output}"
    assert "WARNING" not in result.output, result.output
