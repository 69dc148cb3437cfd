"""Fixtures for the docs tests; the helpers themselves live in docs_project.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_project import BuildResult, Project, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """One unedited copy of the project, built once (HTML) for every test that only reads the result."""
    project = copy_project(tmp_path_factory.mktemp("clean") / "project")
    return project, project.build()


# sphinx.testing's fixtures (make_app) build the small rule projects in tests/roots in-process.
pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"
