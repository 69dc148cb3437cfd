"""One edit per spec change: after a value changes in the bundle spec, `tox -e sync` brings the runbook in
line, and no copy of the old value (prose, derived figures, snippet, settings) is left to mean it."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from docs_project import REPO_ROOT, RUNBOOK, TOOL_PATH, Project, copy_project

SPEC = "resources/low_latency_stream_join_simple_job.job.yml"
SYNC = [sys.executable, str(REPO_ROOT / "tools" / "sync_runbook.py"), "--root"]
ENV = {**os.environ, "PYTHONPATH": TOOL_PATH}


def prose_figures(text: str) -> set[str]:
    """Bare numbers in the runbook's prose above Source Mapping, roles and quoted figures left out."""
    prose = text.split("\n## Source Mapping\n")[0]
    prose = re.sub(r"\{(spec|notspec|bench|assumed)\}`[^`]*`", "", prose)
    prose = re.sub(r"<span data-(spec|notspec|bench|assumed)[^>]*>[^<]*</span>", "", prose)
    prose = re.sub(r"<div id=\"[A-Z0-9_]+\"><!--.*?--></div>", "", prose, flags=re.DOTALL)  # need fields
    prose = re.sub(r"\bsteps? \d+(-\d+)?", "", prose)  # references to a procedure's steps are not figures
    return set(re.findall(r"(?<![\w.])\d+(?![\w.])", prose))


@pytest.fixture(scope="module")
def synced(tmp_path_factory) -> tuple[Project, subprocess.CompletedProcess]:
    project = copy_project(tmp_path_factory.mktemp("sync") / "project")
    project.replace(SPEC, 'spark.sql.shuffle.partitions: "8"', 'spark.sql.shuffle.partitions: "12"')
    stale = project.build()
    assert stale.returncode != 0 and "[runbook.spec]" in stale.output  # the edit alone fails the build
    completed = subprocess.run([*SYNC, str(project.root)], capture_output=True, text=True, env=ENV, check=False)
    return project, completed


def test_one_command_brings_the_runbook_in_line(synced) -> None:
    project, completed = synced
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        "partitions: 8 -> 12",
        "scaled_partitions: 16 -> 24",
        "state_stores: 32 -> 48",
    ]
    result = project.build()
    assert result.returncode == 0, result.output


def test_no_copy_of_the_old_partition_count_is_left(synced) -> None:
    project, _ = synced
    text = project.read(RUNBOOK)
    assert not re.search(r"\{spec\}`(partitions=8|scaled_partitions=16|state_stores=32)`", text)
    assert not re.search(r'data-spec="(partitions|scaled_partitions|state_stores)">(8|16|32)<', text)
    assert re.search(r'data-spec="partitions">12<', text)
    assert 'spark.sql.shuffle.partitions: "12"' in text and "spark.sql.shuffle.partitions=12" in text
    assert {"8", "16", "32"}.isdisjoint(prose_figures(text))


def test_a_second_run_changes_nothing(synced) -> None:
    project, _ = synced
    before = project.read(RUNBOOK)
    again = subprocess.run([*SYNC, str(project.root)], capture_output=True, text=True, env=ENV, check=False)
    assert again.returncode == 0 and "nothing to change" in again.stdout
    assert project.read(RUNBOOK) == before


def test_titles_follow_a_moved_value_of_their_kind_only() -> None:
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from runbook_checks.figure_forms import Vocabulary
    from sync_runbook import Config, sync_titles

    text = (
        "### When to scale to 4 workers\n"
        ":::{rec} Use a 500 millisecond processing-time trigger\n"
        "A 500 millisecond line of prose is not a title.\n"
        "## Keep 4 partitions\n"
    )
    moved = {"trigger_ms": ("500", "250"), "scaled_workers": ("4", "6")}
    assert sync_titles(text, moved, Vocabulary.of(Config(REPO_ROOT))) == (
        "### When to scale to 6 workers\n"
        ":::{rec} Use a 250 millisecond processing-time trigger\n"
        "A 500 millisecond line of prose is not a title.\n"
        "## Keep 4 partitions\n"
    )


def test_written_figures_take_the_results_and_assumptions() -> None:
    """A benchmark or assumed figure typed wrong (or left behind by a rerun) is written back from the
    committed results and conf.py; a figure the results lack stops the command, naming it."""
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from sync_runbook import Config, SyncError, sync_figures

    config = Config(REPO_ROOT)
    text = (
        'sustaining <span data-bench="job_capacity:runbook.max_sustained_eps">1 events/s</span> at\n'
        '<span data-assumed="production_eps">7 events/s</span>, <span data-spec="workers">2</span> workers\n'
    )
    synced, moved = sync_figures(text, REPO_ROOT, config)
    assert moved == {
        "job_capacity:runbook.max_sustained_eps": ("1 events/s", "20,000 events/s"),
        "production_eps": ("7 events/s", "50 events/s"),
    }
    assert synced == text.replace(">1 events/s<", ">20,000 events/s<").replace(">7 events/s<", ">50 events/s<")
    assert sync_figures(synced, REPO_ROOT, config) == (synced, {})
    with pytest.raises(SyncError, match=r"job_capacity:runbook\.no_such_figure"):
        sync_figures('<span data-bench="job_capacity:runbook.no_such_figure">1</span>', REPO_ROOT, config)


def test_values_written_in_another_form_stay_and_moved_ones_keep_their_form() -> None:
    """'two' workers and 0.5 s for a 500 ms trigger are the spec's values: a sync leaves them; a value that
    moved is written back in the form and unit it was written in."""
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    from runbook_checks.figure_forms import Vocabulary
    from sync_runbook import Config, sync_roles

    vocabulary = Vocabulary.of(Config(REPO_ROOT))
    text = (
        '<span data-spec="workers">two</span> workers, a <span data-spec="trigger_ms">0.5</span> s trigger,\n'
        'a <span data-spec="budget_ms">1000</span> ms budget\n'
    )
    assert sync_roles(text, {"workers": "2", "trigger_ms": "500", "budget_ms": "1000"}, vocabulary) == (text, {})
    synced, moved = sync_roles(text, {"workers": "3", "trigger_ms": "250", "budget_ms": "1000"}, vocabulary)
    assert moved == {"workers": ("two", "three"), "trigger_ms": ("0.5", "0.25")}
    assert synced == text.replace(">two<", ">three<").replace(">0.5<", ">0.25<")
