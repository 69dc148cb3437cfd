"""The claims a change puts in question (`tox -e impact -- BASE [HEAD]`), as a Markdown table fit for a
pull-request comment.

Each revision (HEAD by default) is exported with `git archive` and built quietly with its own
extension (claim_build.py), with its commit date as the review clock (SOURCE_DATE_EPOCH); then each
claim whose fingerprint differs between the two is listed with its `file:line` at HEAD, what moved
(old -> new), the need reference it moved through, and its state at HEAD (reviewed, suspect,
unreviewed). A claim new at HEAD is listed as new, one gone as removed. Rows in page order; no
paths, times or run-dependent text, so two runs print the same bytes.

    PYTHONPATH=_ext:src python tools/impact_report.py BASE [HEAD] [--repo PATH]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from claim_build import fingerprints_of
from runbook_checks.claim_reviews import moved_inputs


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def claims_at(repo: Path, revision: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """(short commit, claims by ID) of one revision."""
    commit = git(repo, "rev-parse", "--short=12", revision + "^{commit}")
    if commit.returncode:
        raise SystemExit(f"no such revision: {revision}")
    epoch = git(repo, "log", "-1", "--format=%ct", revision).stdout.decode().strip()
    archive = git(repo, "archive", "--format=tar", revision)
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        printed = fingerprints_of(Path(folder), {"SOURCE_DATE_EPOCH": epoch})
    return commit.stdout.decode().strip(), {entry["claim"]: entry for entry in printed["claims"]}


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rows(base: dict[str, dict[str, Any]], head: dict[str, dict[str, Any]]) -> list[tuple[Any, ...]]:
    found = []
    for claim_id in sorted(set(base) | set(head)):
        old, new = base.get(claim_id), head.get(claim_id)
        entry = new or old
        where = f"{entry['file']}:{entry['line']}"
        if old is None or new is None:
            what, via = ("new claim", "") if old is None else ("removed", "")
            state = new["state"] if new else "gone"
        else:
            if old["fingerprint"]["digest"] == new["fingerprint"]["digest"]:
                continue
            inputs = {label: item["value"] for label, item in new["fingerprint"]["inputs"].items()}
            moved = moved_inputs(old["fingerprint"]["inputs"], inputs)
            # What moved, each once however many ways it reached the claim; the column after says which ways.
            what = "; ".join(dict.fromkeys(m.text().split(": ", 1)[-1] if m.via else m.text() for m in moved))
            via = ", ".join(dict.fromkeys(m.via or "direct" for m in moved))
            state = new["state"]
        found.append((entry["file"], entry["line"] or 0, claim_id, where, what, via, state))
    return sorted(found)


def report(base_name: str, head_name: str, base: dict, head: dict) -> str:
    table = rows(base, head)
    lines = [f"### Claims put in question: {base_name} -> {head_name}", ""]
    if not table:
        return "\n".join([*lines, "No claim's inputs moved.", ""])
    lines += ["| Claim | Where | What moved (old -> new) | Via | State at head |", "| --- | --- | --- | --- | --- |"]
    for _, _, claim_id, where, what, via, state in table:
        lines.append(f"| {cell(claim_id)} | {cell(where)} | {cell(what)} | {cell(via)} | {state} |")
    suspect = sum(1 for row in table if row[-1] != "reviewed")
    return "\n".join([*lines, "", f"{len(table)} claims put in question, {suspect} not reviewed at head.", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Claims a change puts in question, as a Markdown table.")
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--repo", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    base_commit, base = claims_at(repo, args.base)
    head_commit, head = claims_at(repo, args.head)
    sys.stdout.write(report(f"{args.base} ({base_commit})", f"{args.head} ({head_commit})", base, head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
