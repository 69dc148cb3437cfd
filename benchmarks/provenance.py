"""Where a result came from: commit, versions, machine and how busy it was."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def git(*args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    return completed.stdout.strip()


def java_version() -> str:
    completed = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    return (completed.stderr.splitlines() or ["unknown"])[0]


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def provenance(local_cores: int, quick: bool) -> dict:
    """Taken at the start; `finish` adds the end time and load."""
    return {
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "pyspark": version("pyspark"),
        "java": java_version(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "local_cores": local_cores,
        "quick": quick,
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "load_average_start": load_average(),
        # The run's scheduling priority: a negative nice value gives it the CPU ahead of other work
        # on a shared machine (the load average still counts that work).
        "nice": os.nice(0),
    }


def finish(record: dict) -> dict:
    return record | {"finished": datetime.now(UTC).isoformat(timespec="seconds"), "load_average_end": load_average()}
