"""The review command and the change-impact report on a temporary git repository holding the small
suspect project (tests/roots/test-suspect): the baseline, a change of the prod worker count, the
report naming exactly the claims that rest on it (byte-identical across runs), the review command
refusing a blanket 'all' and clearing the claims it names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from rule_roots import ROOTS

TOOLS = REPO_ROOT / "tools"
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(str(REPO_ROOT / part) for part in ("_ext", "src", "tools", "tests")),
    "GIT_AUTHOR_NAME": "Tester",
    "GIT_AUTHOR_EMAIL": "tester",
    "GIT_COMMITTER_NAME": "Tester",
    "GIT_COMMITTER_EMAIL": "tester",
    "GIT_AUTHOR_DATE": "2026-06-01T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-06-01T12:00:00+00:00",
}
ENV.pop("SOURCE_DATE_EPOCH", None)


def run(repo: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=repo, env=ENV, capture_output=True, text=True, check=False)


def tool(repo: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    return run(repo, sys.executable, str(TOOLS / name), *args)


def commit(repo: Path, message: str) -> None:
    assert run(repo, "git", "add", "-A").returncode == 0
    done = run(repo, "git", "commit", "-q", "-m", message)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """base: the project with its baseline review; head: the prod worker count 2 -> 3."""
    root = tmp_path_factory.mktemp("review") / "repo"
    shutil.copytree(ROOTS / "test-suspect", root)
    (root / "runbook_policy.toml").write_text('reviews_file = "reviews.jsonl"\n', encoding="utf-8")
    assert run(root, "git", "init", "-q", "-b", "main").returncode == 0
    commit(root, "project")
    baseline = tool(root, "review_claims.py", "--root", str(root), "--baseline", "--reviewer", "Baseline")
    assert baseline.returncode == 0, baseline.stderr
    assert baseline.stdout.splitlines()[-1] == "8 review(s) recorded in reviews.jsonl on 2026-06-01 by Baseline"
    commit(root, "baseline review")
    run(root, "git", "tag", "base")
    text = (root / "databricks.yml").read_text(encoding="utf-8")
    (root / "databricks.yml").write_text(text.replace("      workers: 2\n", "      workers: 3\n"), encoding="utf-8")
    commit(root, "prod: 3 workers")
    return root


def test_the_impact_report_names_exactly_the_claims_and_is_byte_identical(repo: Path) -> None:
    first = tool(repo, "impact_report.py", "--repo", str(repo), "base")  # HEAD by default
    second = tool(repo, "impact_report.py", "--repo", str(repo), "base", "HEAD")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    rows = [line.split(" | ") for line in first.stdout.splitlines() if line.startswith("| ")][2:]
    assert [row[0][:9] for row in rows] == ["| sizing/", "| REC_FIX", "| scaling", "| scaling"], first.stdout
    assert [row[1:] for row in rows] == [
        ["runbook.md:5", "prod workers 2 -> 3", "direct, REC_FIXED", "suspect |"],
        ["runbook.md:7", "prod workers 2 -> 3", "direct", "suspect |"],
        ["runbook.md:27", "prod workers 2 -> 3", "REC_FIXED", "suspect |"],
        ["runbook.md:37", "prod workers 2 -> 3", "direct, REC_FIXED", "suspect |"],
    ]
    assert first.stdout.endswith("4 claims put in question, 4 not reviewed at head.\n")


def test_the_review_command_refuses_a_blanket_all(repo: Path) -> None:
    for blanket in ("all", "ALL", "*"):
        done = tool(repo, "review_claims.py", "--root", str(repo), "--reviewer", "R", blanket)
        assert done.returncode == 2 and "name the claims you re-read" in done.stderr
    assert tool(repo, "review_claims.py", "--root", str(repo), "--reviewer", "R").returncode == 2
    again = tool(repo, "review_claims.py", "--root", str(repo), "--reviewer", "R", "--baseline")
    assert again.returncode == 2 and "the baseline is recorded once" in again.stderr
    unknown = tool(repo, "review_claims.py", "--root", str(repo), "--reviewer", "R", "REC_NOPE")
    assert unknown.returncode == 2 and "no such claim: REC_NOPE" in unknown.stderr


def test_a_named_review_shows_what_moved_and_clears_the_claims(repo: Path) -> None:
    clone = repo.parent / "clone"
    shutil.copytree(repo, clone)
    head = tool(clone, "impact_report.py", "--repo", str(clone), "base")
    named = [line.split(" | ")[0].removeprefix("| ") for line in head.stdout.splitlines() if line.startswith("| ")][2:]
    done = tool(clone, "review_claims.py", "--root", str(clone), "--reviewer", "Reviewer", *named)
    assert done.returncode == 0, done.stderr
    assert "REC_FIXED (runbook.md:7) since 2026-06-01: prod workers: 2 -> 3" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1] == "4 review(s) recorded in reviews.jsonl on 2026-06-01 by Reviewer"
    commit(clone, "review")
    after = tool(clone, "impact_report.py", "--repo", str(clone), "base")
    assert after.stdout.count("| reviewed |") == 4 and after.stdout.endswith("0 not reviewed at head.\n")
    assert tool(clone, "impact_report.py", "--repo", str(clone), "HEAD~1").stdout.endswith("No claim's inputs moved.\n")


def test_the_clock_is_the_commit_date(repo: Path) -> None:
    """In git the build's clock is the built revision's commit date (UTC), whatever the day it runs."""
    from runbook_checks.claim_reviews import commit_date

    assert commit_date(repo) == ("2026-06-01", "git commit date")


def build_warnings(root: Path, out: Path) -> str:
    """A fresh dummy build of the small project at `root` (as CI builds a clone): its warnings."""
    command = [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "dummy", "-c", str(root)]
    done = run(root, *command, "-d", str(out / "doctrees"), str(root), str(out / "dummy"))
    return done.stdout + done.stderr


def test_a_committed_review_record_cannot_be_dropped_to_silence_the_check(repo: Path, tmp_path: Path) -> None:
    """Deleting reviews.jsonl (left in the work tree, or committed) fails the build, naming the file and the
    commit that has it; a copy outside git (the tests' project copies) is simply not reviewed."""
    from runbook_checks.claim_reviews import last_commit_with

    clone = tmp_path / "clone"
    shutil.copytree(repo, clone)
    (clone / "reviews.jsonl").unlink()
    found = build_warnings(clone, tmp_path / "deleted")
    assert f"{clone / 'reviews.jsonl'}:1: WARNING: the review record reviews.jsonl is missing" in found, found
    assert f"last touched in commit {last_commit_with(repo, 'reviews.jsonl')}" in found
    commit(clone, "drop the review record")
    assert "the review record reviews.jsonl is missing" in build_warnings(clone, tmp_path / "committed")
    export = tmp_path / "export"
    shutil.copytree(clone, export, ignore=shutil.ignore_patterns(".git"))
    assert last_commit_with(export, "reviews.jsonl") is None
    assert "runbook.suspect" not in build_warnings(export, tmp_path / "outside-git")
