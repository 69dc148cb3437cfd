"""The benchmarks' `--quick` smoke runs, started together in the background when the job tests start.

Each run is its own process (its own JVM) and mostly waits on its measurement windows, so both run while
the other job tests use the CPU; the smoke tests, collected last, wait for their run's exit file.

Under pytest-xdist every worker collects the same tests, so the runs live in one folder the controller
names (`SMOKE_ROOT` below, passed to the workers) and the first process to collect a smoke test claims
them (an atomic `mkdir`); any worker's smoke test waits for `exit` in the run's folder. The controller
(or the single process without xdist) stops what still runs and removes the folder at the end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from docs_project import REPO_ROOT, TOOL_PATH

SCRIPTS = {"job_latency": "job_latency.py", "job_soak": "job_soak.py"}
WAIT_S = 900  # a smoke run takes 2-3 minutes alone; far longer means it hangs


def wrapped(script: str, out: Path) -> list[str]:
    """The run, its output to `log`, then its exit code to `exit` (written last: its presence means done)."""
    command = [sys.executable, str(REPO_ROOT / "benchmarks" / script), "--quick", "--out", str(out)]
    waiter = (
        "import subprocess, sys, pathlib\n"
        "folder = pathlib.Path(sys.argv[1])\n"
        "with open(folder / 'log', 'w') as log:\n"
        "    code = subprocess.call(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)\n"
        "(folder / 'exit.tmp').write_text(str(code))\n"
        "(folder / 'exit.tmp').rename(folder / 'exit')\n"
    )
    return [sys.executable, "-c", waiter, str(out.parent), *command]


class SmokeRun:
    def __init__(self, name: str, root: Path):
        self.folder = root / name
        self.out = self.folder / "results"

    def start(self) -> None:
        self.folder.mkdir(parents=True)
        env = {**os.environ, "PYTHONPATH": TOOL_PATH}
        process = subprocess.Popen(
            wrapped(SCRIPTS[self.folder.name], self.out), env=env, start_new_session=True, stdout=subprocess.DEVNULL
        )
        (self.folder / "pid").write_text(str(process.pid))

    def result(self) -> Path:
        """The result folder once the run has ended; fails with the run's last output if it failed."""
        deadline = time.monotonic() + WAIT_S
        while not (self.folder / "exit").exists():
            assert time.monotonic() < deadline, f"smoke run {self.folder.name} did not end in {WAIT_S} s"
            time.sleep(1)
        log = (self.folder / "log").read_text(encoding="utf-8", errors="replace")
        assert (self.folder / "exit").read_text() == "0", log[-6000:]
        return self.out

    def stop(self) -> None:
        """Stop the run's process group if it still runs (the waiter and the benchmark with its JVMs)."""
        pid_file = self.folder / "pid"
        if pid_file.exists() and not (self.folder / "exit").exists():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(pid_file.read_text()), signal.SIGKILL)


def runs(root: Path) -> dict[str, SmokeRun]:
    return {name: SmokeRun(name, root) for name in SCRIPTS}


def claim_and_start(root: Path) -> bool:
    """Start both runs unless another process already claimed them; True if this one did."""
    try:
        (root / "claimed").mkdir(parents=True)
    except FileExistsError:
        return False
    for run in runs(root).values():
        run.start()
    return True
