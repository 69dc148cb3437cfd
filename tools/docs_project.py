"""Copy the docs project to a folder, edit one file, build it: the tests' and benchmarks' one way to do so."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# What a docs build reads: config (and the need model, its schema rules, the runbook policy), extension,
# pages, README (linked and checked), the governed spec and job, and the committed benchmark results the
# evidence page renders, and the source lock (the cited sections' fingerprints).
PROJECT_PARTS = [
    "conf.py",
    "ubproject.toml",
    "needs_schema.json",
    "runbook_policy.toml",
    "source_locks.json",
    "_ext",
    "docs",
    "README.md",
    "databricks.yml",
    "resources",
    "src",
    "benchmarks",
]
RUNBOOK = "docs/low-latency-streaming-cluster-config.md"
# What the tools import: the extension and the bundle model.
TOOL_PATH = os.pathsep.join(str(REPO_ROOT / part) for part in ("_ext", "src"))


def required_citations(root: Path = REPO_ROOT) -> dict[str, list[str]]:
    """The required citations of needs_schema.json's `required-citation-*` rules: URL -> recommendations."""
    schemas = json.loads((root / "needs_schema.json").read_text(encoding="utf-8"))["schemas"]
    return {
        rule["validate"]["network"]["cites"]["contains"]["local"]["properties"]["url"]["const"]: rule["select"][
            "properties"
        ]["id"]["enum"]
        for rule in schemas
        if rule["id"].startswith("required-citation-")
    }


@dataclass
class BuildResult:
    returncode: int
    output: str


class Project:
    """A throwaway copy of the docs project that tests may edit."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Edit a file; fails loudly when `old` is absent so a mutation can never silently do nothing."""
        text = self.read(relative)
        assert old in text, f"mutation target not found in {relative}: {old!r}"
        self.write(relative, text.replace(old, new, count))

    def build(self, builder: str = "html", warnings_are_errors: bool = True, extra: Sequence[str] = ()) -> BuildResult:
        out = self.root / "_build"
        strict = ["-W", "--keep-going"] if warnings_are_errors else []
        command = [sys.executable, "-m", "sphinx", *strict, "-q", "-b", builder, "-c", str(self.root)]
        command += ["-d", str(out / f"doctrees-{builder}"), *extra, str(self.root / "docs"), str(out / builder)]
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        completed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=self.root, check=False)
        return BuildResult(completed.returncode, completed.stdout + completed.stderr)

    def run_tool(self, script: str, env: dict[str, str]) -> subprocess.CompletedProcess:
        """One of tools/ on this copy (`--root`), with the extension and the bundle model on its path."""
        return subprocess.run(
            [sys.executable, str(REPO_ROOT / "tools" / script), "--root", str(self.root)],
            capture_output=True,
            text=True,
            check=False,
            env={**env, "PYTHONPATH": TOOL_PATH},
        )

    def write_mapping(self) -> subprocess.CompletedProcess:
        """What an editor runs after changing needs (tox -e mapping): regenerate the Markdown table."""
        return self.run_tool("write_mapping.py", {"PATH": ""})

    def sync(self) -> subprocess.CompletedProcess:
        """What an editor runs after changing the spec, the results or an assumption (tox -e sync)."""
        return self.run_tool("sync_runbook.py", dict(os.environ))


def copy_project(root: Path) -> Project:
    root.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__", "out"))
        elif source.exists():
            shutil.copy2(source, root / part)
    return Project(root)
