"""The whole docs project, built as CI builds it: one failure case per `runbook.*` subtype (plus the
spelling builder, and the required citations sphinx-needs' schema checks), and the harmless edits,
which must build without a single warning.

Every other failure mode is covered by a unit test (tests/unit) or a small in-process Sphinx project
(tests/test_rules_in_sphinx.py); tests/failure_modes.py lists each mode and the test that covers it.
Mutations insert or replace stable anchors (section titles, need IDs, spec keys, policy and schema entries), not
runbook prose, and each case names the warning it expects: subtype, culprit and `file:line`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from docs_project import REPO_ROOT, RUNBOOK, Project
from rule_roots import parse_warnings
from runbook_anchors import add_pinpoint, need_lines
from runbook_checks.evidence_results import line_of as result_line

SOURCES = "docs/sources.md"
BUNDLE = "databricks.yml"
POLICY = "runbook_policy.toml"
SCHEMA = "needs_schema.json"
EVIDENCE = "docs/evidence.md"
ALLOW_LIST = "[databricks_only_keys]\n"
ROCKSDB_URL = "https://docs.databricks.com/aws/en/structured-streaming/rocksdb-state-store"
SPEC = "resources/low_latency_stream_join_simple_job.job.yml"


def spec_line(after_edit: str) -> int:
    """The line of the spec that an edit writes `after_edit` on (edits keep the line count)."""
    key = after_edit.split(":")[0]
    lines = (REPO_ROOT / SPEC).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


# A section title the runbook policy declares: new text goes in before it.
PHOTON_NOTE = "## Photon Note\n"

# A `file:line`, computed from the mutated project.
Where = Callable[[Project], str]


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[Project], None]
    expected: tuple = ()  # (subtype or None, where or None, *fragments): one warning line holds them all
    # The dummy builder reads, checks and resolves every page as the HTML builder does (every rule runs at
    # env-check-consistency, every view at doctree-resolved) and writes nothing: about 0.5 s less per build.
    # What only HTML writing can break is built by test_clean_project_builds_without_warnings and the
    # browser tests.
    builder: str = "dummy"


def edit(relative: str, old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace(relative, old, new)


def both(*mutations: Callable[[Project], None]) -> Callable[[Project], None]:
    def mutate(project: Project) -> None:
        for mutation in mutations:
            mutation(project)

    return mutate


def before_photon_note(text: str) -> Callable[[Project], None]:
    return edit(RUNBOOK, PHOTON_NOTE, text + "\n" + PHOTON_NOTE)


def append(relative: str, text: str) -> Callable[[Project], None]:
    return lambda project: project.write(relative, project.read(relative) + text)


def with_mapping(mutate: Callable[[Project], None]) -> Callable[[Project], None]:
    """An edit to needs followed by what the editor then runs: `tox -e mapping`."""

    def mutate_and_map(project: Project) -> None:
        mutate(project)
        assert project.write_mapping().returncode == 0

    return mutate_and_map


def line_of(relative: str, needle: str) -> Where:
    """`relative:N`, N being the first line of the mutated file that holds `needle`."""

    def locate(project: Project) -> str:
        for number, line in enumerate(project.read(relative).splitlines(), start=1):
            if needle in line:
                return f"{relative}:{number}"
        raise AssertionError(f"{needle!r} not found in {relative}")

    return locate


def with_sync(mutate: Callable[[Project], None]) -> Callable[[Project], None]:
    """An edit to the spec, results or assumptions followed by what the editor then runs: `tox -e sync`."""

    def mutate_and_sync(project: Project) -> None:
        mutate(project)
        synced = project.sync()
        assert synced.returncode == 0, synced.stderr

    return mutate_and_sync


def with_reviews(project: Project) -> None:
    """The committed review record (a copy of the project is not reviewed without it)."""
    shutil.copy2(REPO_ROOT / "reviews.jsonl", project.path("reviews.jsonl"))


def need_line(need_id: str) -> Where:
    """Where the build names a need: the line of its directive's opening fence."""

    def locate(project: Project) -> str:
        _, start, _, _ = need_lines(project.read(RUNBOOK), need_id)
        return f"{RUNBOOK}:{start + 1}"

    return locate


def nudged(relative: str, figure: str) -> Callable[[Project], None]:
    return lambda project: nudge_figure(project, relative, figure)


def result_figure_line(relative: str, figure: str) -> Where:
    return lambda project: f"{relative}:{result_line(project.path(relative), figure)}"


NEW_INFERENCE_NEED = """```{rec} Prefer a restart in a quiet hour
:id: REC_QUIET_HOUR_RESTART
:basis: inference

A restart during low input volume drains faster.
```
"""
NEW_UNPINNED_NEED = """```{rec} Photon accelerates stateless streaming only
:id: REC_PHOTON_STATELESS_ONLY
:basis: source
:cites: SRC_DBX_PHOTON
"""
NEW_HALF_PINNED_NEED = NEW_UNPINNED_NEED.replace(
    ":cites: SRC_DBX_PHOTON\n", ":cites: SRC_DBX_PHOTON, SRC_DBX_TRIGGERS\n:pinpoints: SRC_DBX_PHOTON#top: stateless\n"
)
NEW_UNPINNED_NEED += """
Photon supports stateless streaming only.
```
"""
# A need whose title quotes spec values (titles cannot hold {spec}): 2 workers, the scale rule's 4, 500 ms.
TITLED_NEED = """```{rec} Keep 2 workers and a 500 ms trigger until the scale rule calls for 4 workers
:id: REC_TITLE_QUOTES_SPEC
:basis: inference

**Inference.** The title's figures are the spec's.
```
"""
REPEATED_SOURCE = """
```{src} Spark trigger, again
:id: SRC_SPARK_TRIGGER_AGAIN
:url: https://spark.apache.org/docs/4.1.1/api/python/reference/pyspark.sql/api/pyspark.sql.streaming.DataStreamWriter.trigger.html
:publisher: Apache Spark
:applies_to: Spark 4.1.1 documentation
:runtime_min: Spark 4.1
:runtime_max: Spark 4.1
:maturity: GA

Trigger.
```
"""

CASES = [
    Case(
        "a claim whose spec value moved since its review",
        with_sync(both(with_reviews, edit(SPEC, "num_workers: 2", "num_workers: 3"))),
        ("suspect", need_line("REC_PARTITIONS_LOW_END"), "REC_PARTITIONS_LOW_END is suspect", "prod workers 2 -> 3"),
    ),
    Case(
        "section missing",
        edit(RUNBOOK, PHOTON_NOTE, "## Photon\n"),
        ("sections", line_of(RUNBOOK, "## Photon"), "unexpected top-level section 'Photon'"),
    ),
    # A required citation is a schema rule (needs_schema.json): the finding names the need, at its line.
    Case(
        "required citation missing from a recommendation",
        edit(
            SCHEMA,
            '"enum": [\n              "REC_ROCKSDB_CHANGELOG"',
            '"enum": [\n              "REC_SCALE_TRIGGERS",\n              "REC_ROCKSDB_CHANGELOG"',
        ),
        (
            "sn_schema_violation.network_contains_too_few",
            need_line("REC_SCALE_TRIGGERS"),
            "Need 'REC_SCALE_TRIGGERS' has schema violations",
            "required-citation-rocksdb-state-store",
        ),
    ),
    Case(
        "required source URL missing",
        edit(SOURCES, f":url: {ROCKSDB_URL}\n", f":url: {ROCKSDB_URL}-v2\n"),
        (
            "sn_schema_violation.network_contains_too_few",
            need_line("REC_ROCKSDB_CHANGELOG"),
            "Need 'REC_ROCKSDB_CHANGELOG' has schema violations",
            "required-citation-rocksdb-state-store",
        ),
    ),
    Case(
        "required recommendation that does not exist",
        edit(
            SCHEMA,
            '"enum": [\n              "REC_ROCKSDB_CHANGELOG"',
            '"enum": [\n              "REC_GONE",\n              "REC_ROCKSDB_CHANGELOG"',
        ),
        ("citation", line_of(SCHEMA, '"REC_GONE"'), "selects 'REC_GONE', which is no need"),
    ),
    Case(
        "new advice written as a plain paragraph",
        before_photon_note("Use an r5.4xlarge driver, it halves latency.\n"),
        ("claim", line_of(RUNBOOK, "Use an r5.4xlarge driver"), '"Use an r5.4xlarge driver, it halves latency."'),
    ),
    Case(
        "inference not visibly marked",
        before_photon_note(NEW_INFERENCE_NEED),
        ("inference", line_of(RUNBOOK, "A restart during low input"), "'REC_QUIET_HOUR_RESTART' has basis 'inference'"),
    ),
    Case(
        "citation of an unknown source",
        before_photon_note("Restart weekly {cite}`SRC_NO_SUCH_PAGE#top: restart`.\n"),
        ("cite", line_of(RUNBOOK, "SRC_NO_SUCH_PAGE"), "'SRC_NO_SUCH_PAGE' is no need"),
    ),
    Case(
        "sourced need missing the pinpoint of one cited source",
        before_photon_note(NEW_HALF_PINNED_NEED),
        (
            "pinpoint",
            need_line("REC_PHOTON_STATELESS_ONLY"),
            "sourced 'REC_PHOTON_STATELESS_ONLY' has no pinpoint for SRC_DBX_TRIGGERS",
        ),
    ),
    Case(
        "the same URL registered twice",
        append(SOURCES, REPEATED_SOURCE),
        (
            "register",
            line_of(SOURCES, "{src} Spark trigger, again"),
            "'SRC_SPARK_TRIGGER_AGAIN' repeats the URL of 'SRC_SPARK_TRIGGER_PY'",
        ),
    ),
    Case(
        "a prose link to a page outside the register",
        before_photon_note(
            "**Inference.** Background: <https://docs.databricks.com/aws/en/structured-streaming/stream-monitoring-metrics>.\n"
        ),
        (
            "register",
            line_of(RUNBOOK, "stream-monitoring-metrics"),
            "link to 'https://docs.databricks.com/aws/en/structured-streaming/stream-monitoring-metrics', "
            "a page the source register does not hold",
        ),
    ),
    Case(
        "the same page registered twice through a #fragment",
        append(
            SOURCES,
            REPEATED_SOURCE.replace(
                "https://spark.apache.org/docs/4.1.1/api/python/reference/pyspark.sql/api/pyspark.sql.streaming.DataStreamWriter.trigger.html",
                "https://spark.apache.org/docs/4.1.1/api/python/reference/pyspark.sql/api/pyspark.sql.streaming.DataStreamWriter.trigger.html#pyspark.sql.streaming.DataStreamWriter.trigger",
            ),
        ),
        (
            "register",
            line_of(SOURCES, "{src} Spark trigger, again"),
            "'SRC_SPARK_TRIGGER_AGAIN' repeats the URL of 'SRC_SPARK_TRIGGER_PY'",
            "are the same page",
        ),
    ),
    Case(
        "applies_to that disagrees with runtime_min",
        edit(
            SOURCES,
            ":applies_to: Databricks Runtime 13.3 LTS and above (AWS documentation)\n:runtime_min: DBR 13.3\n",
            ":applies_to: Databricks Runtime 13.3 LTS and above (AWS documentation)\n:runtime_min: DBR 14.3\n",
        ),
        (
            "register",
            line_of(SOURCES, "{src} What is stateful streaming?"),
            "'SRC_DBX_STATEFUL_STREAMING' applies_to",
            "but runtime_min is DBR 14.3",
        ),
    ),
    Case(
        "the operators' permission level changed in the spec alone",
        edit(BUNDLE, "level: CAN_MANAGE_RUN", "level: CAN_VIEW"),
        (
            "spec",
            line_of(RUNBOOK, 'In prod the operators group (<span data-spec="operators_group">'),
            "{spec}`operators_permission=CAN_MANAGE_RUN` but",
            "gives operators_permission = 'CAN_VIEW'",
        ),
    ),
    Case(
        "a vCPU count followed by 'workers'",
        edit(RUNBOOK, '<span data-spec="vcpus">4</span> vCPUs each', '<span data-spec="vcpus">4</span> workers each'),
        (
            "figure",
            line_of(RUNBOOK, '<span data-spec="vcpus">4</span> workers each'),
            "{spec}`vcpus=4` is followed by 'workers', which does not fit vcpus",
        ),
    ),
    Case(
        "summary figure edited by hand",
        nudged("benchmarks/results/job_latency.json", "runbook.trigger_ms.p50.median"),
        (
            "evidence",
            result_figure_line("benchmarks/results/job_latency.json", "runbook.trigger_ms.p50.median"),
            "figure 'runbook.trigger_ms.p50.median'",
            "does not match the raw samples",
        ),
    ),
    Case(
        "broken link from README to the runbook",
        append("README.md", "\nSee [the old runbook](docs/low-latency-streaming-cluster.md).\n"),
        (
            "link",
            line_of("README.md", "[the old runbook]"),
            "link 'docs/low-latency-streaming-cluster.md' does not resolve",
        ),
    ),
    Case(
        "num_workers changed in the spec alone",
        edit(SPEC, "num_workers: 2", "num_workers: 3"),
        (
            "spec",
            need_line("REC_FIXED_SIZE_CLUSTER"),
            "'REC_FIXED_SIZE_CLUSTER' setting 'num_workers' = '2' differs from",
            # ...and names the edit itself: the spec file and the line of the changed value.
            f"the spec writes it at {SPEC}:{spec_line('num_workers: 3')}",
        ),
    ),
    Case(
        "unknown spark key named in the runbook",
        before_photon_note("**Inference.** Leave `spark.sql.streaming.stateStore.providerClazz` unset.\n"),
        (
            "spark-key",
            line_of(RUNBOOK, "providerClazz"),
            "spark key 'spark.sql.streaming.stateStore.providerClazz' is not known",
        ),
    ),
    Case(
        "misspelled word",
        before_photon_note("**Inference.** Deploy the job on this job clustre.\n"),
        (None, line_of(RUNBOOK, "job clustre"), "clustre"),
        builder="spelling",
    ),
]


def test_clean_project_builds_without_warnings(clean_build) -> None:
    _, result = clean_build
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output and "ERROR" not in result.output, result.output


def test_clean_project_passes_spelling(project: Project) -> None:
    result = project.build("spelling")
    assert result.returncode == 0, result.output


def schema_findings(output: str, root: Path, kind: str, where: str | None) -> list[str]:
    """sphinx-needs' schema findings of one type (`sn_schema_violation.local_fail`), several lines each, at
    `where` (the need's `file:line`, which runbook_checks/schema_locations.py adds; None: any place)."""
    return [
        warned.message
        for warned in parse_warnings(output, root)
        if warned.type == kind and (where is None or warned.where == where)
    ]


def warning_lines(output: str, subtype: str | None, where: str | None) -> list[str]:
    """Output lines that report a warning at `where` (a `file:line`) of the subtype."""
    place = re.escape(where) + r"(?!\d)" if where else ""
    kind = re.escape(f" [runbook.{subtype}]") + "$" if subtype else ""
    # Sphinx writes "path:line: WARNING: ..."; the spelling builder "WARNING: path:line: : Spell check: ...".
    return [line for line in output.splitlines() if "WARNING" in line and re.search(place + ".*" + kind, line)]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_fails_naming_the_culprit(project: Project, case: Case) -> None:
    case.mutate(project)
    result = project.build(case.builder)
    assert result.returncode != 0, f"build passed despite: {case.name}\n{result.output}"
    subtype, where, *fragments = case.expected
    location = where(project) if callable(where) else where
    if subtype and subtype.startswith("sn_schema"):
        findings = schema_findings(result.output, project.root, subtype, location)
        found = [text for text in findings if all(f in text for f in fragments)]
        assert found, f"no [{subtype}] finding at {location} with {fragments} in:\n{result.output}"
        return
    lines = [line for line in warning_lines(result.output, subtype, location) if all(f in line for f in fragments)]
    assert lines, f"no [runbook.{subtype}] warning at {location} with {fragments} in:\n{result.output}"


def nudge_figure(project: Project, relative: str, figure: str) -> None:
    """A hand edit: one summary figure changed, the raw samples left as they are."""
    lines = project.read(relative).splitlines(keepends=True)
    index = result_line(project.path(relative), figure) - 1
    key, value = lines[index].split(":")
    lines[index] = f"{key}: {float(value.strip().rstrip(',')) + 100}{',' if value.strip().endswith(',') else ''}\n"
    project.write(relative, "".join(lines))


NEW_SPARK_SOURCE = """
```{src} Performance Tuning
:id: SRC_SPARK_SQL_TUNING
:url: https://spark.apache.org/docs/4.1.1/sql-performance-tuning.html
:publisher: Apache Spark
:applies_to: Apache Spark 4.1.1
:runtime_min: Spark 4.1
:runtime_max: Spark 4.1
:maturity: GA

Tuning.
```
"""
NEW_SOURCED_NEED = """:::{rec} Leave adaptive query execution at its default
<div id="REC_AQE_DEFAULT"><!--
:basis: source
:cites: SRC_SPARK_SQL_TUNING
:pinpoints: SRC_SPARK_SQL_TUNING#adaptive-query-execution: Adaptive Query Execution --></div>

Spark's tuning guide describes adaptive query execution among its performance options.
:::
"""
NEW_SOURCE = (
    "\n```{src} Monitoring Structured Streaming queries on Databricks, metrics\n:id: SRC_DBX_STREAM_METRICS\n"
    ":url: https://docs.databricks.com/aws/en/structured-streaming/stream-monitoring-metrics\n:publisher: Databricks\n"
    ":applies_to: Databricks Runtime 11.3 LTS and above (current documentation)\n:runtime_min: DBR 11.3\n"
    ":maturity: GA\n\nQuery metrics.\n```\n"
)

# Edits a careful author makes: each must build without a single warning.
HARMLESS = [
    Case(
        "a spec value written with its role, and a figure that is not the spec's",
        before_photon_note(
            "**Inference.** The input is tiny: {spec}`cores=8` cores in all; "
            "Spark's default is {notspec}`200 partitions`.\n"
        ),
        (),
    ),
    Case("a new source in the register", append(SOURCES, NEW_SOURCE), ()),
    # A bare link in prose is fine when it names a registered page (prose_links.py), in any of its URL forms.
    Case(
        "bare link to a registered Spark page, at a section",
        before_photon_note(
            "**Inference.** The engine's own page "
            "(<https://spark.apache.org/docs/4.1.1/configuration.html#runtime-sql-configuration>) agrees.\n"
        ),
        (),
    ),
    Case(
        "wildcard key mention",
        before_photon_note("**Inference.** `spark.sql.streaming.stateStore.rocksdb.*` stays unset.\n"),
        (),
    ),
    Case(
        "open-source RocksDB key with no effect probe",
        before_photon_note("**Inference.** `spark.sql.streaming.stateStore.rocksdb.compactOnCommit` stays unset.\n"),
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
            lambda project: project.write(
                RUNBOOK,
                add_pinpoint(
                    project.read(RUNBOOK), "REC_COMPUTE_OPTIMIZED_WORKERS", "SRC_DBX_STATEFUL_STREAMING#top: stateful"
                ),
            )
        ),
        (),
    ),
    Case(
        "need titles that quote spec values",
        with_mapping(before_photon_note(TITLED_NEED)),
        (),
    ),
    Case(
        "the production rate assumption changed within what the capacity curve supports",
        with_sync(edit(POLICY, "production_eps = 50\n", "production_eps = 60\n")),
        (),
    ),
    Case(
        "Databricks-only key allowed with its source and named",
        both(
            edit(POLICY, ALLOW_LIST, ALLOW_LIST + '"spark.databricks.io.cache.enabled" = "SRC_DBX_PHOTON"\n'),
            append(EVIDENCE, "\n`spark.databricks.io.cache.enabled` stays at its default.\n"),
        ),
        (),
    ),
    # Issue 18, items 4, 7 and 3: what the new checks must let through.
    Case(
        "a prose link to a registered Databricks page in its legacy form",
        before_photon_note(
            "**Inference.** The older address "
            "(<https://docs.databricks.com/en/structured-streaming/stateful-streaming.html>) opens the same page.\n"
        ),
        (),
    ),
    Case(
        "a new sourced recommendation on a newly registered Spark page",
        with_mapping(both(append(SOURCES, NEW_SPARK_SOURCE), before_photon_note(NEW_SOURCED_NEED))),
        (),
    ),
    Case(
        "applies_to reworded with the same range",
        edit(
            SOURCES,
            ":applies_to: Databricks Runtime 13.3 LTS and above (AWS documentation)\n",
            ":applies_to: Databricks Runtime 13.3 LTS or above, as the AWS documentation says\n",
        ),
        (),
    ),
    Case(
        # Number words that are not spec facts; in prose with a basis (navigation text may hold none).
        "number words in an inference",
        before_photon_note(
            "**Inference.** Two procedures follow, and the three tables after them hold one row per check.\n"
        ),
        (),
    ),
    Case(
        "the health-rule sentence reworded, its bound count kept",
        edit(
            RUNBOOK,
            '**Inference.** The job\'s <span data-spec="health_rules">two</span> health rules use',
            '**Inference.** The <span data-spec="health_rules">two</span> health rules of the job use',
        ),
        (),
    ),
    Case(
        "the permission sentence reworded, its bound level kept",
        edit(
            RUNBOOK,
            "**Inference.** Prod gives the operators group <span",
            "**Inference.** In prod the operators group has <span",
        ),
        (),
    ),
    Case(
        "the Photon Note gains a sentence after the two fixed ones",
        edit(
            RUNBOOK,
            "reevaluate with `runtime_engine: PHOTON`.\n",
            "reevaluate with `runtime_engine: PHOTON`. Until then the standard engine stays.\n",
        ),
        (),
    ),
    Case(
        "a consistent node type change, synced",
        with_sync(edit(SPEC, "node_type_id: c5.xlarge", "node_type_id: c6i.xlarge")),
        (),
    ),
    Case(
        "the operators group renamed in the spec, synced",
        with_sync(edit(BUNDLE, "default: data-platform-operators", "default: stream-operators")),
        (),
    ),
    Case(
        "the prod permission's keys reordered",
        edit(
            BUNDLE,
            "      - group_name: ${var.operators_group}\n        level: CAN_MANAGE_RUN\n",
            "      - level: CAN_MANAGE_RUN  # the operators\n        group_name: ${var.operators_group}\n",
        ),
        (),
    ),
    Case(
        "a service principal granted CAN_VIEW in prod beside the operators group",
        edit(
            BUNDLE,
            "        level: CAN_MANAGE_RUN\n",
            "        level: CAN_MANAGE_RUN\n      - service_principal_name: ${var.service_principal_application_id}\n"
            "        level: CAN_VIEW\n",
        ),
        (),
    ),
    Case(
        "the docs-index bullet's description reworded",
        edit("README.md", "): on-call index and procedures (who", "): the on-call index and its procedures (who"),
        (),
    ),
]


# Harmless edits are applied in groups, each group to one copy built once: every edit must still let the
# build through, and a warning names its file:line (the message also lists the group's edits). An edit
# that would fail alone fails its group, since warnings only add up; the groups are interleaved slices.
HARMLESS_GROUPS = 4


@pytest.mark.parametrize("group", range(HARMLESS_GROUPS), ids=lambda group: f"group {group + 1} of {HARMLESS_GROUPS}")
def test_harmless_edits_build_clean(project: Project, group: int) -> None:
    cases = HARMLESS[group::HARMLESS_GROUPS]
    assert {case.builder for case in cases} == {"dummy"}
    for case in cases:
        case.mutate(project)
    result = project.build("dummy")
    names = "; ".join(case.name for case in cases)
    assert result.returncode == 0, f"build failed on harmless edits ({names})\n{result.output}"
    assert "WARNING" not in result.output, f"harmless edits ({names}):\n{result.output}"
