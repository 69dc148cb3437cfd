"""Fixtures for the job tests: one embedded Spark session, configured from the bundle spec."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_project import REPO_ROOT

from template_domain.template_source.staging import local_runner


@pytest.fixture(scope="session")
def spark():
    session = local_runner.create_session(local_runner.LocalSpark(cores=2, bundle_root=str(REPO_ROOT)))
    yield session
    session.stop()


@pytest.fixture
def landing(tmp_path: Path) -> dict[str, Path]:
    return {name: tmp_path / name for name in ("orders", "payments", "output", "checkpoint")}


@pytest.fixture(scope="session")
def progress_run(spark, tmp_path_factory):
    """One local run of the job with --progress-path, shared by the progress-table and runbook-SQL tests."""
    from progress_run import record_progress_run

    return record_progress_run(spark, tmp_path_factory.mktemp("progress_run"))
