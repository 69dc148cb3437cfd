"""Every spark.* key the runbook names must be real in the pinned open-source engine.

SQL confs are checked with `spark.conf.isModifiable` (true for every registered SQL conf).
RocksDB state-store keys are not SQL conf entries, so they are proven by effect (see
spark_key_probe.py). The engine runs in a subprocess, and results are cached per PySpark version.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

SPARK_KEY = re.compile(r"(?<![\w.])spark\.[A-Za-z0-9_.]*[A-Za-z0-9_]")
PROBE_SCRIPT = Path(__file__).with_name("spark_key_probe.py")


def keys_in_text(text: str) -> set[str]:
    return set(SPARK_KEY.findall(text))


def cache_file(default: Path) -> Path:
    # Tests share one cache across their temporary projects through this variable.
    override = os.environ.get("RUNBOOK_SPARK_KEY_CACHE")
    return Path(override) if override else default


def probe_keys(keys: set[str], cache_path: Path) -> dict[str, dict]:
    """key -> {"known": bool, "how": str}; runs the engine only for keys not cached."""
    engine = f"pyspark=={version('pyspark')}"
    cache: dict[str, dict[str, dict]] = {}
    if cache_path.exists():
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    known = cache.setdefault(engine, {})
    missing = sorted(keys - known.keys())
    if missing:
        completed = subprocess.run(
            [sys.executable, str(PROBE_SCRIPT), *missing], capture_output=True, text=True, check=False
        )
        if completed.returncode != 0:
            raise RuntimeError(f"spark key probe failed:\n{completed.stderr[-2000:]}")
        known.update(json.loads(completed.stdout.strip().splitlines()[-1]))
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache, indent=2, sort_keys=True), encoding="utf-8")
    return {key: known[key] for key in keys}
