"""An incremental build (no -E, the doctree cache kept) re-runs the rules after an edit to any file the
pages are checked against, not only after an edit to a page."""

from __future__ import annotations

import json
import shutil

import pytest
from docs_project import REPO_ROOT, Project, copy_project

SPEC = "resources/low_latency_stream_join_simple_job.job.yml"
RESULT = "benchmarks/results/job_latency.json"
SNAPSHOT = "_ext/runbook_checks/spark_keys_snapshot.json"
REVIEWS = "reviews.jsonl"
LOCK = "source_locks.json"
# Which files a page depends on, and so what the next build re-reads, is the environment's: the same for
# every builder. The dummy builder checks as the HTML builder does and writes nothing.
BUILDER = "dummy"


def scale_first_summary_figure(project: Project) -> None:
    result = json.loads(project.read(RESULT))
    key = next(k for k, v in result["summary"].items() if isinstance(v, int | float) and v)
    result["summary"][key] = result["summary"][key] * 2
    project.write(RESULT, json.dumps(result, indent=2))


def forge_first_review(project: Project) -> None:
    """One recorded value changed by hand: the record no longer matches its own digests."""
    lines = project.read(REVIEWS).split("\n")
    entry = json.loads(lines[0])
    first = next(iter(entry["fingerprint"]["inputs"].values()))
    first["value"] += " (edited)"
    project.write(REVIEWS, "\n".join([json.dumps(entry, sort_keys=True), *lines[1:]]))


# (name, the governed file, the edit, the subtype the next incremental build must report)
EDITS = [
    ("spec", SPEC, lambda p: p.replace(SPEC, 'shuffle.partitions: "8"', 'shuffle.partitions: "12"'), "[runbook.spec]"),
    (
        "README",
        "README.md",
        lambda p: p.replace("README.md", "](docs/sources.md)", "](docs/missing.md)"),
        "[runbook.link]",
    ),
    ("result file", RESULT, scale_first_summary_figure, "[runbook.evidence]"),
    (
        "assumption",
        "runbook_policy.toml",
        lambda p: p.replace("runbook_policy.toml", "production_eps = 50\n", "production_eps = 60\n"),
        "[runbook.evidence]",
    ),
    (
        "need model",
        "ubproject.toml",
        lambda p: p.replace("ubproject.toml", 'enum = ["GA", "Public', 'enum = ["Public'),
        "[sn_schema_violation.field_fail]",
    ),
    (
        "schema rules",
        "needs_schema.json",
        lambda p: p.replace(
            "needs_schema.json",
            '"enum": [\n              "REC_ROCKSDB_CHANGELOG"',
            '"enum": [\n              "REC_SCALE_TRIGGERS",\n              "REC_ROCKSDB_CHANGELOG"',
        ),
        "[sn_schema_violation.network_contains_too_few]",
    ),
    (
        "key snapshot",
        SNAPSHOT,
        lambda p: p.replace(SNAPSHOT, '"spark.sql.shuffle.partitions",', ""),
        "[runbook.spark-key]",
    ),
    (
        "review record",
        REVIEWS,
        forge_first_review,
        "[runbook.suspect]",
    ),
    (
        "source lock",
        LOCK,
        lambda p: p.replace(LOCK, '"status": "never fetched"', '"status": "stale"'),
        "[runbook.pinpoint]",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("incremental") / "project")
    shutil.copy2(REPO_ROOT / REVIEWS, project.path(REVIEWS))  # the committed review record, judged too
    first = project.build(BUILDER)
    assert first.returncode == 0, first.output
    return project


@pytest.mark.parametrize(("name", "relative", "edit", "subtype"), EDITS, ids=[edit[0] for edit in EDITS])
def test_incremental_build_fails_after_a_governed_file_changes(built: Project, name, relative, edit, subtype) -> None:
    original = built.read(relative)
    edit(built)
    try:
        result = built.build(BUILDER)
        assert result.returncode != 0 and subtype in result.output, result.output
    finally:
        built.write(relative, original)
