"""`tox -e run-local` runs the job with the task parameters the spec's dev target deploys (no Spark started)."""

from __future__ import annotations

import configparser
import shlex
import shutil
from pathlib import Path

import pytest
from docs_project import REPO_ROOT

from template_domain.template_source.staging import local_runner
from template_domain.template_source.staging.low_latency_stream_join_simple_job import JobError

SPEC = "resources/low_latency_stream_join_simple_job.job.yml"


def run_local_argv(root: Path) -> list[str]:
    """The runner's arguments exactly as tox.ini's run-local env passes them, for a project at `root`."""
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(REPO_ROOT / "tox.ini")
    command = tox["testenv:run-local"]["commands"].strip().replace("{tox_root}", str(root)).replace("{posargs}", "")
    words = shlex.split(command)
    assert words[1].endswith("local_runner.py"), words
    return words[2:]


def spec_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "resources").mkdir(parents=True)
    shutil.copy2(REPO_ROOT / "databricks.yml", root / "databricks.yml")
    for path in (REPO_ROOT / "resources").glob("*.yml"):
        shutil.copy2(path, root / "resources" / path.name)
    return root


def test_the_committed_spec_drives_the_local_run() -> None:
    config, local, taken = local_runner.local_run(run_local_argv(REPO_ROOT))
    parameters = local_runner.spec_task_parameters(REPO_ROOT)
    assert config.trigger_interval == parameters[parameters.index("--trigger-interval") + 1]
    assert config.latency_budget_ms == int(parameters[parameters.index("--latency-budget-ms") + 1])
    assert config.query_name == parameters[parameters.index("--query-name") + 1]
    assert {"trigger_interval", "latency_budget_ms", "query_name"} <= set(taken)
    assert (config.source, config.run_seconds, local.bundle_root) == ("rate", 30.0, str(REPO_ROOT))


def test_changing_the_trigger_in_the_spec_changes_the_local_run(tmp_path: Path) -> None:
    root = spec_copy(tmp_path)
    spec = (root / SPEC).read_text(encoding="utf-8")
    assert "- --trigger-interval\n              - 500 milliseconds\n" in spec
    (root / SPEC).write_text(spec.replace("- 500 milliseconds\n", "- 2 seconds\n"), encoding="utf-8")
    config, _, taken = local_runner.local_run(run_local_argv(root))
    assert config.trigger_interval == "2 seconds"
    assert taken["trigger_interval"] == "2 seconds"


def test_the_latency_budget_follows_the_spec_and_the_command_line_wins(tmp_path: Path) -> None:
    root = spec_copy(tmp_path)
    spec = (root / SPEC).read_text(encoding="utf-8")
    (root / SPEC).write_text(
        spec.replace('- --latency-budget-ms\n              - "1000"', '- --latency-budget-ms\n              - "2500"')
    )
    config, _, _ = local_runner.local_run(run_local_argv(root))
    assert config.latency_budget_ms == 2500
    config, _, taken = local_runner.local_run([*run_local_argv(root), "--trigger-interval", "1 second"])
    assert config.trigger_interval == "1 second" and "trigger_interval" not in taken


def test_workspace_objects_are_not_taken_from_the_spec() -> None:
    config, _, taken = local_runner.local_run(run_local_argv(REPO_ROOT))
    assert not {"source", "left", "right", "output", "checkpoint_location", "progress_table"} & set(taken)
    assert config.progress_table == ""


def test_an_unknown_target_is_one_error() -> None:
    with pytest.raises(JobError, match="target staging"):
        local_runner.local_run([*run_local_argv(REPO_ROOT), "--target", "staging"])
