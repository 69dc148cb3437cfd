"""Docs build scaling: clean HTML build time with N synthetic needs, with and without our checks.

Copies the project to a temporary folder, adds N/2 source needs to the register and a page of N/2
sourced recommendations with their pinpoints (same need model, same schema rules; the build must stay
free of warnings), and times a clean `sphinx-build -W -b html` with
the project's `_ext` checks on and off (`-D runbook_checks_enabled=0`, i.e. plain sphinx-needs plus
rendering). Writes benchmarks/results/docs_scaling.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tools"))

from docs_project import Project, copy_project  # noqa: E402  (the tests' copy-and-build helper)

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
sys.path.insert(0, str(REPO_ROOT / "_ext"))
from provenance import finish, git, load_average  # noqa: E402
from runbook_checks.result_digest import sealed  # noqa: E402


def synthetic_sources(count: int) -> str:
    """Source needs as the register declares them (sources live only there): every field filled."""
    lines = ["", "## Synthetic sources", ""]
    for index in range(count):
        lines += [
            f"```{{src}} Synthetic source {index}",
            f":id: SRC_GEN_{index:05d}",
            f":url: https://docs.databricks.com/aws/en/synthetic/page-{index}",
            ":publisher: Databricks",
            ":applies_to: synthetic benchmark page",
            ":runtime_min: DBR 11.3",
            ":maturity: GA",
            "",
            "A synthetic source.",
            "```",
            "",
        ]
    return "\n".join(lines)


def synthetic_page(recs: int, sources: int) -> str:
    """Sourced recommendations, each with its pinpoint, as the runbook writes them."""
    lines = ["# Synthetic runbook", ""]
    for index in range(recs):
        source = f"SRC_GEN_{index % max(sources, 1):05d}"
        lines += [
            f"```{{rec}} Synthetic recommendation {index}",
            f":id: REC_GEN_{index:05d}",
            ":basis: source",
            f":cites: {source}",
            f":pinpoints: {source}#synthetic-section: synthetic term",
            "",
            "A synthetic recommendation that cites one source.",
            "```",
            "",
        ]
    return "\n".join(lines)


def make_project(root: Path, count: int) -> Project:
    """The project plus `count` synthetic needs: half sources in the register, half recommendations."""
    sources, recs = count // 2, count - count // 2
    project = copy_project(root)
    project.write("docs/sources.md", project.read("docs/sources.md") + synthetic_sources(sources))
    project.write("docs/synthetic.md", synthetic_page(recs, sources))
    project.replace("docs/index.md", "evidence\n```", "evidence\nsynthetic\n```")
    return project


def timed_build(project: Project, checks: bool) -> float:
    shutil.rmtree(project.root / "_build", ignore_errors=True)
    started = time.perf_counter()
    result = project.build(extra=["-D", f"runbook_checks_enabled={int(checks)}"])
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.output[-4000:])
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=3, help="builds per size and variant (fastest kept)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "results")
    args = parser.parse_args()

    record = {
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "load_average_start": load_average(),
    }
    work = Path(tempfile.mkdtemp(prefix="docs-scaling-"))
    rows = []
    try:
        for count in args.sizes:
            project = make_project(work / f"n{count}", count)
            timed_build(project, True)  # warms the file cache; not measured
            plain = min(timed_build(project, False) for _ in range(args.repeats))
            checked = min(timed_build(project, True) for _ in range(args.repeats))
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
            shutil.rmtree(project.root, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    document = {
        "benchmark": "docs_scaling",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "provenance": finish(record),
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "versions": {name: version(name) for name in ("sphinx", "sphinx-needs", "myst-parser")},
        "parameters": {"repeats": args.repeats, "build": "clean sphinx-build -W -b html, fresh doctrees"},
        "results": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(sealed(document), indent=2)  # the digest the build recomputes (result_seal.py)
    (args.out / "docs_scaling.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
