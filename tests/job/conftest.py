"""Fixtures for the job tests: one embedded Spark session, configured from the bundle spec."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from docs_project import REPO_ROOT

from template_domain.template_source.staging import local_runner

# Modules whose tests read a smoke run's results: collected last, so their runs have had time to finish.
SMOKE_MODULES = ("test_bench_quick.py", "test_bench_soak_quick.py")
RUNS = pytest.StashKey[dict]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Smoke tests last; their benchmark runs start now, in the background, when any was collected."""
    items.sort(key=lambda item: item.path.name in SMOKE_MODULES)  # stable: other tests keep their order
    if any(item.path.name in SMOKE_MODULES for item in items):
        from smoke_runs import start_all

        config.stash[RUNS] = start_all(Path(tempfile.mkdtemp(prefix="job-smoke-")))


def pytest_unconfigure(config: pytest.Config) -> None:
    for run in config.stash.get(RUNS, {}).values():
        run.stop()
        shutil.rmtree(run.out.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def spark():
    session = local_runner.create_session(local_runner.LocalSpark(cores=2, bundle_root=str(REPO_ROOT)))
    yield session
    session.stop()


@pytest.fixture(scope="session")
def smoke_runs(pytestconfig: pytest.Config):
    """Both benchmarks' --quick runs, started at collection and waited for by the smoke tests."""
    return pytestconfig.stash[RUNS]


@pytest.fixture
def landing(tmp_path: Path) -> dict[str, Path]:
    return {name: tmp_path / name for name in ("orders", "payments", "output", "checkpoint")}


@pytest.fixture(scope="session")
def progress_run(spark, tmp_path_factory):
    """One local run of the job with --progress-path, shared by the progress-table and runbook-SQL tests."""
    from progress_run import record_progress_run

    return record_progress_run(spark, tmp_path_factory.mktemp("progress_run"))
