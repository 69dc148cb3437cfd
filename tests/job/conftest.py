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
