"""Fixtures for the docs tests; the helpers themselves live in docs_project.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from docs_project import Project, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")
