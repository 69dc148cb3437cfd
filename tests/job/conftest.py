"""Fixtures for the job tests: one embedded Spark session, configured from the bundle spec."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from smoke_runs import claim_and_start, runs

from template_domain.template_source.staging import local_runner

# Modules whose tests read a smoke run's results: collected last, so their runs have had time to finish.
SMOKE_MODULES = ("test_bench_quick.py", "test_bench_soak_quick.py")
# The Spark key snapshot asks the shared session before any other test has used it.
FIRST_MODULE = "test_spark_key_snapshot.py"
ROOT_OPTION = "smoke_root"
ROOT = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """The controller (or the only process) names the smoke runs' folder; xdist workers get it passed."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        config.stash[ROOT] = Path(tempfile.mkdtemp(prefix="job-smoke-"))
    else:
        config.stash[ROOT] = Path(workerinput[ROOT_OPTION])


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    node.workerinput[ROOT_OPTION] = str(node.config.stash[ROOT])


@pytest.hookimpl(trylast=True)  # after -k / -m have deselected
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Key snapshot first, smoke tests last; the smoke runs start now, in the background, if any was collected."""
    # Stable: other tests keep their order. The key snapshot first, in the still fresh session; smoke tests last.
    items.sort(key=lambda item: (item.path.name != FIRST_MODULE) + 2 * (item.path.name in SMOKE_MODULES))
    if any(item.path.name in SMOKE_MODULES for item in items):
        claim_and_start(config.stash[ROOT])


def pytest_unconfigure(config: pytest.Config) -> None:
    if getattr(config, "workerinput", None) is None and ROOT in config.stash:
        for run in runs(config.stash[ROOT]).values():
            run.stop()
        shutil.rmtree(config.stash[ROOT], ignore_errors=True)


@pytest.fixture(scope="session")
def spark():
    session = local_runner.create_session(local_runner.LocalSpark(cores=2, bundle_root=str(REPO_ROOT)))
    yield session
    session.stop()


@pytest.fixture(scope="session")
def smoke_runs(pytestconfig: pytest.Config):
    """Both benchmarks' --quick runs, started at collection and waited for by the smoke tests."""
    return runs(pytestconfig.stash[ROOT])


@pytest.fixture
def landing(tmp_path: Path) -> dict[str, Path]:
    return {name: tmp_path / name for name in ("orders", "payments", "output", "checkpoint")}


@pytest.fixture(scope="session")
def progress_run(spark, tmp_path_factory):
    """One local run of the job with --progress-path, shared by the progress-table and runbook-SQL tests."""
    from progress_run import record_progress_run

    return record_progress_run(spark, tmp_path_factory.mktemp("progress_run"))
