"""Shared helpers: copy the project to a temporary folder, mutate one file, build it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ["conf.py", "_ext", "docs", "README.md", "databricks.yml", "resources", "src", "benchmarks"]
RUNBOOK = "docs/low-latency-streaming-cluster-config.md"


@dataclass
class BuildResult:
    returncode: int
    output: str


class Project:
    """A throwaway copy of the docs project that tests may edit."""

    def __init__(self, root: Path, key_cache: Path):
        self.root = root
        self.key_cache = key_cache

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Edit a file; fails loudly when `old` is absent so a mutation can never silently do nothing."""
        text = self.read(relative)
        assert old in text, f"mutation target not found in {relative}: {old!r}"
        self.path(relative).write_text(text.replace(old, new, count), encoding="utf-8")

    def build(self, builder: str = "html") -> BuildResult:
        out = self.root / "_build"
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            builder,
            "-c",
            str(self.root),
            "-d",
            str(out / "doctrees"),
            str(self.root / "docs"),
            str(out / builder),
        ]
        env = {**os.environ, "RUNBOOK_SPARK_KEY_CACHE": str(self.key_cache), "PYTHONWARNINGS": "ignore"}
        completed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=self.root, check=False)
        return BuildResult(completed.returncode, completed.stdout + completed.stderr)


@pytest.fixture(scope="session")
def spark_key_cache(tmp_path_factory) -> Path:
    # One engine-probe cache for every temporary project: the probe starts a JVM.
    return tmp_path_factory.mktemp("spark-keys") / "spark-key-cache.json"


def copy_project(root: Path, key_cache: Path) -> Project:
    root.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__", "out"))
        elif source.exists():
            shutil.copy2(source, root / part)
    return Project(root, key_cache)


@pytest.fixture
def project(tmp_path: Path, spark_key_cache: Path) -> Project:
    return copy_project(tmp_path / "project", spark_key_cache)
