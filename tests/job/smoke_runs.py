"""The benchmarks' `--quick` smoke runs, started together in the background when the job tests start.

Each run is its own process (its own JVM) and mostly waits on its measurement windows, so both run while
the other job tests use the CPU; the smoke tests, collected last, wait for their run's result folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from docs_project import REPO_ROOT

SCRIPTS = {"job_latency": "job_latency.py", "job_soak": "job_soak.py"}


class SmokeRun:
    def __init__(self, script: str, out: Path):
        self.out = out
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), str(REPO_ROOT / "_ext")])}
        command = [sys.executable, str(REPO_ROOT / "benchmarks" / script), "--quick", "--out", str(out)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self._output: str | None = None

    def result(self) -> Path:
        """The result folder once the run has ended; fails with the run's last output if it failed."""
        if self._output is None:
            self._output, _ = self.process.communicate()
        assert self.process.returncode == 0, self._output[-6000:]
        return self.out

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def start_all(root: Path) -> dict[str, SmokeRun]:
    return {name: SmokeRun(script, root / name) for name, script in SCRIPTS.items()}
