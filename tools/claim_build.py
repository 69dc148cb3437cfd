"""Build a project (or a revision of it) just far enough to read its claims' fingerprints and states.

A quiet Sphinx run (dummy builder, fresh environment, warnings not errors) in a subprocess, so a
revision is built with its own extension: `suspect_claims.py` writes `claim_fingerprints.json` next
to the output folder. Used by `review_claims.py` and `impact_report.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


class BuildError(RuntimeError):
    pass


def source_folder(root: Path) -> Path:
    """The pages: `docs/` in the project, the root itself in a small test project."""
    return root / "docs" if (root / "docs").is_dir() else root


def fingerprints_of(root: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """{"date": ..., "claims": [...]} of the project at `root` ({"claims": []} when it writes none:
    a revision from before the review record)."""
    with tempfile.TemporaryDirectory() as out:
        paths = [str(root / "_ext"), str(root / "src"), os.environ.get("PYTHONPATH", "")]
        run_env = {**os.environ, **(env or {}), "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-E",
            "-Q",
            "-b",
            "dummy",
            "-c",
            str(root),
            "-d",
            f"{out}/doctrees",
            str(source_folder(root)),
            f"{out}/build/dummy",
        ]
        done = subprocess.run(command, capture_output=True, text=True, env=run_env, cwd=root, check=False)
        written = Path(out) / "build" / "claim_fingerprints.json"
        if written.is_file():
            return json.loads(written.read_text(encoding="utf-8"))
        if done.returncode not in (0, 1):
            raise BuildError(f"the docs build of {root} stopped:\n{done.stdout}{done.stderr}")
        return {"claims": []}
