"""spec_consistency.py: the YAML snippet, identity table and settings against the job spec."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from runbook_checks.spec_consistency import (
    diff_mappings,
    flatten,
    identity_from_spec,
    settings_problems,
    snippet_problems,
    task_parameter,
)

from bundle_spec import SpecError, load_bundle, parse_yaml
from unit.fakes import JOB, JOB_FILE, tiny_bundle

JOB_DICT = yaml.safe_load(JOB.format(spark_version="18.x-scala2.13"))["resources"]["jobs"]["tiny_job"]
CLUSTER = JOB_DICT["job_clusters"][0]["new_cluster"]
SNIPPET = """\
job_clusters:
  - job_cluster_key: cluster
    new_cluster:
      spark_version: 18.x-scala2.13
      node_type_id: c5.xlarge
      num_workers: ${var.workers}
      runtime_engine: STANDARD
      spark_conf:
        spark.sql.shuffle.partitions: "8"
"""


def test_flatten_names_dotted_keys() -> None:
    assert flatten({"a": {"spark.x": "1", "b": [{"c": 2}]}}) == {'a["spark.x"]': "1", "a.b[0].c": 2}


def test_identical_snippet_passes() -> None:
    assert snippet_problems(SNIPPET, JOB_DICT, "spec") == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'partitions: "8"',
            'partitions: "16"',
            "runbook YAML snippet key 'job_clusters[0].new_cluster.spark_conf[\"spark.sql.shuffle.partitions\"]' "
            "= '16' differs from spec ('8')",
            id="spark_conf value changed in the runbook alone",
        ),
        pytest.param(
            '        spark.sql.shuffle.partitions: "8"\n',
            '        spark.sql.shuffle.partitions: "8"\n        spark.sql.adaptive.enabled: "true"\n',
            "runbook YAML snippet key 'job_clusters[0].new_cluster.spark_conf[\"spark.sql.adaptive.enabled\"]' "
            "is not in spec",
            id="snippet key the spec lacks",
        ),
        pytest.param(
            "      runtime_engine: STANDARD\n",
            "",
            "spec key 'job_clusters[0].new_cluster.runtime_engine' = 'STANDARD' is missing from the runbook YAML",
            id="spark conf key in the spec but not in the runbook",
        ),
        pytest.param(
            "      num_workers: ${var.workers}\n",
            "      autoscale:\n        min_workers: 1\n        max_workers: 4\n      num_workers: ${var.workers}\n",
            "runbook YAML snippet job_clusters[0] has an 'autoscale' block; the cluster must be fixed-size",
            id="autoscale block in the runbook snippet",
        ),
        pytest.param(
            "      num_workers: ${var.workers}\n",
            "      num_workers: ${var.workers}\n      num_workers: 3\n",
            "duplicate key 'num_workers'",
            id="duplicate key in the YAML snippet",
        ),
        pytest.param(
            "job_clusters:\n", "clusters:\n", "must be a 'job_clusters:' block", id="snippet not a job_clusters block"
        ),
    ],
)
def test_snippet_problem(old: str, new: str, expected: str) -> None:
    assert old in SNIPPET
    found = snippet_problems(SNIPPET.replace(old, new), JOB_DICT, "spec")
    assert any(expected in message for message in found), found


def test_type_difference_counts() -> None:
    assert diff_mappings({"a": 2}, {"a": "2"}, "spec") == ["runbook YAML snippet key 'a' = 2 differs from spec ('2')"]


def test_task_parameter() -> None:
    task = JOB_DICT["tasks"][0]
    assert task_parameter(task, "--trigger-interval") == "500 milliseconds"
    assert task_parameter(task, "--latency-budget-ms") == "1000"
    assert task_parameter(task, "--missing") is None
    assert task_parameter({"spark_python_task": {"parameters": ["--flag"]}}, "--flag") is None


def test_identity_from_spec(tmp_path: Path) -> None:
    root = tiny_bundle(tmp_path)
    job = load_bundle(root).resolved_job("tiny_job", "dev")
    assert identity_from_spec("tiny_job", job, JOB_FILE, root) == {
        "Job file": "src/job.py",
        "Bundle job spec": JOB_FILE,
        "Job resource key": "tiny_job",
        "Job name": "tiny",
        "Job cluster key": "cluster",
        "Task key": "task",
        "Query name": "tiny_query",
        "Trigger interval": "500 milliseconds",
    }


def test_settings_problems() -> None:
    cluster = {**CLUSTER, "num_workers": 2}
    assert (
        settings_problems("REC_X", ["num_workers=2", "spark_conf/spark.sql.shuffle.partitions=8"], cluster, "s") == []
    )
    assert settings_problems("REC_X", ["num_workers=4"], cluster, "s (target prod)") == [
        "'REC_X' setting 'num_workers' = '4' differs from s (target prod) ('2')"
    ]
    assert settings_problems("REC_X", ["node_type_id=c5.xlarge"], {}, "s") == [
        "'REC_X' setting 'node_type_id' is not set in s job cluster"
    ]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        pytest.param("a:\n\tb: 1\n", 2, "cannot start any token", id="tab in the job spec"),
        pytest.param("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'", id="duplicate key in the job spec"),
    ],
)
def test_unreadable_yaml_names_its_line(text: str, line: int, expected: str) -> None:
    with pytest.raises(SpecError) as error:
        parse_yaml(text, JOB_FILE)
    assert str(error.value).startswith(f"{JOB_FILE}:{line}: ")
    assert expected in str(error.value)


def test_a_difference_names_where_the_spec_writes_the_key() -> None:
    locate = {"job_clusters[0].new_cluster.num_workers": "resources/job.yml:16"}.get
    [message] = diff_mappings(
        {"job_clusters": [{"new_cluster": {"num_workers": 2}}]},
        {"job_clusters": [{"new_cluster": {"num_workers": 3}}]},
        "resources/job.yml",
        locate,
    )
    assert message.endswith("differs from resources/job.yml (3); the spec writes it at resources/job.yml:16")
    [setting] = settings_problems("REC_X", ["num_workers=2"], {"num_workers": 3}, "spec", locate)
    assert setting.endswith("the spec writes it at resources/job.yml:16")
    # A key the spec does not write (only the runbook has it) names no spec line.
    [extra] = diff_mappings({"a": 1}, {}, "spec", locate)
    assert "writes it at" not in extra


def test_spec_locations_follow_target_overrides(tmp_path: Path) -> None:
    """The job's value is found in its resource file, or in the bundle file where a target overrides it."""
    override = (
        "    resources:\n      jobs:\n        tiny_job:\n          job_clusters:\n"
        "            - job_cluster_key: cluster\n              new_cluster:\n                num_workers: 4"
    )
    bundle = load_bundle(tiny_bundle(tmp_path, prod=override))
    path = "job_clusters[0].new_cluster.num_workers"
    dev, prod = (bundle.job_value_location("tiny_job", target, path) for target in ("dev", "prod"))
    job_lines = (tmp_path / JOB_FILE).read_text(encoding="utf-8").splitlines()
    assert dev == f"{JOB_FILE}:{next(i for i, line in enumerate(job_lines, 1) if 'num_workers' in line)}"
    bundle_lines = (tmp_path / "databricks.yml").read_text(encoding="utf-8").splitlines()
    assert prod == f"databricks.yml:{next(i for i, line in enumerate(bundle_lines, 1) if 'num_workers: 4' in line)}"
    assert bundle.job_value_location("tiny_job", "dev", "job_clusters[0].new_cluster.no_such_key") is None
