"""Docs build scaling: clean HTML build time with N synthetic needs, with and without our checks.

Copies the project to a temporary folder, adds a synthetic runbook page with N/2 source needs and N/2
recommendations (same need model, same schema rules), and times a clean `sphinx-build -b html` with
the project's `_ext` checks on and off (`-D runbook_checks_enabled=0`, i.e. plain sphinx-needs plus
rendering). Writes benchmarks/results/docs_scaling.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PARTS = ["conf.py", "_ext", "docs", "README.md", "databricks.yml", "resources", "src", "benchmarks/results"]


def synthetic_page(count: int) -> str:
    sources, recs = count // 2, count - count // 2
    lines = ["# Synthetic runbook", ""]
    for index in range(sources):
        lines += [
            f"```{{src}} Synthetic source {index}",
            f":id: SRC_GEN_{index:05d}",
            f":url: https://docs.databricks.com/aws/en/synthetic/page-{index}",
            ":publisher: Databricks",
            ":applies_to: synthetic benchmark page",
            "",
            "A synthetic source.",
            "```",
            "",
        ]
    for index in range(recs):
        lines += [
            f"```{{rec}} Synthetic recommendation {index}",
            f":id: REC_GEN_{index:05d}",
            ":basis: source",
            f":cites: SRC_GEN_{index % max(sources, 1):05d}",
            "",
            "A synthetic recommendation that cites one source.",
            "```",
            "",
        ]
    return "\n".join(lines)


def make_project(root: Path, count: int) -> None:
    for part in PARTS:
        source = REPO_ROOT / part
        target = root / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (root / "docs" / "synthetic.md").write_text(synthetic_page(count), encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("evidence\n```", "evidence\nsynthetic\n```"))


def timed_build(root: Path, checks: bool, key_cache: Path) -> float:
    out = root / "_build"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-b",
        "html",
        "-c",
        str(root),
        "-d",
        str(out / "doctrees"),
        "-D",
        f"runbook_checks_enabled={int(checks)}",
        str(root / "docs"),
        str(out / "html"),
    ]
    env = {**os.environ, "RUNBOOK_SPARK_KEY_CACHE": str(key_cache), "PYTHONWARNINGS": "ignore"}
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(completed.stdout[-2000:] + completed.stderr[-2000:])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=3, help="builds per size and variant (fastest kept)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "results")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="docs-scaling-"))
    key_cache = work / "spark-key-cache.json"
    repo_cache = REPO_ROOT / "_build" / "spark-key-cache.json"
    if repo_cache.exists():
        shutil.copy2(repo_cache, key_cache)
    rows = []
    try:
        for count in args.sizes:
            root = work / f"n{count}"
            make_project(root, count)
            timed_build(root, True, key_cache)  # fills the engine-key cache once; not measured
            plain = min(timed_build(root, False, key_cache) for _ in range(args.repeats))
            checked = min(timed_build(root, True, key_cache) for _ in range(args.repeats))
            row = {
                "needs_synthetic": count,
                "plain_s": round(plain, 2),
                "with_checks_s": round(checked, 2),
                "checks_overhead_pct": round(100 * (checked - plain) / plain, 1),
                "plain_ms_per_need": round(1000 * plain / count, 2),
                "with_checks_ms_per_need": round(1000 * checked / count, 2),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
            shutil.rmtree(root, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    document = {
        "benchmark": "docs_scaling",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "versions": {name: version(name) for name in ("sphinx", "sphinx-needs", "myst-parser")},
        "parameters": {"repeats": args.repeats, "build": "clean sphinx-build -b html (no -W), fresh doctrees"},
        "results": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "docs_scaling.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
