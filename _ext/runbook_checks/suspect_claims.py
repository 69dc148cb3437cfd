"""Claims whose inputs moved since their review, or whose review expired, fail the build: suspect.

    REC_SCALE_TRIGGERS is suspect: prod workers 2 -> 3 since its review on 2026-12-01 (...)

Each claim's fingerprint (claim_fingerprints.py: its normalised text, the spec values it binds per
target, the benchmark figures and assumptions it quotes, the register entries it cites and the hashes
of their cited sections in the source lock, the needs it references, followed transitively) is
compared with the one its last review recorded (claim_reviews.py), and the finding names each input
that moved, old -> new, at the claim's file:line. A claim with no review fails too, and so does a
review record whose fingerprint does not match its own values (at its line in the record). The
fingerprints and states are written to `claim_fingerprints.json` next to the builder's output folder
(the page's badges, the matrix and the coverage line read them; `tools/impact_report.py` compares two
revisions' files).

The feature starts with its baseline review: a project without the review file (the tests' copies of
the project) is not reviewed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .claim_fingerprints import Collector, fingerprints
from .claim_reviews import commit_date, fingerprints_path, judge, last_commit_with, latest, load_reviews
from .context import CheckContext, Problem
from .section_locks import read_lock


def check(ctx: CheckContext) -> Iterator[Problem]:
    if not ctx.config.runbook_reviews_file:
        return
    path = ctx.repo_root / ctx.config.runbook_reviews_file
    governed = path.is_file()  # without a record (before the baseline) the fingerprints are only written
    if not governed and (commit := last_commit_with(ctx.repo_root, ctx.config.runbook_reviews_file)):
        # Once committed, the record cannot be dropped to silence the check: only the policy can turn it off.
        message = (
            f"the review record {ctx.config.runbook_reviews_file} is missing, but the repository's history has it "
            f"(last touched in commit {commit}): restore it from git (`git checkout {commit} -- "
            f"{ctx.config.runbook_reviews_file}`, or from that commit's parent if it deleted the file); only an "
            "empty `reviews_file` in runbook_policy.toml turns reviews off"
        )
        yield Problem("suspect", message, f"{path}:1")
    reviews, refused = load_reviews(path)
    for line, why in refused:
        yield Problem("suspect", f"review record refused: {why}", f"{path}:{line}")
    facts = ctx.target_facts()
    assumptions = dict(ctx.config.runbook_assumptions or {})
    lock_file = ctx.config.runbook_source_lock_file
    sections = read_lock(ctx.repo_root / lock_file)[0] if lock_file else {}  # section_drift.py reports refusals
    thresholds = dict(getattr(ctx.config, "runbook_evidence_thresholds", None) or {})
    collector = Collector(ctx.needs, ctx.doctree, facts, ctx.repo_root, assumptions, sections, thresholds)
    printed = fingerprints(ctx.runbook, ctx.docname, ctx.needs, ctx.claims, collector)
    today, clock = commit_date(ctx.repo_root, reviews)
    last = latest(reviews)
    periods = dict(ctx.config.runbook_review_expiry_days or {})
    states = [judge(claim, last.get(claim.claim), today, periods) for claim in printed]
    for state in states:
        if governed and state.state != "reviewed":
            yield Problem("suspect", state.message(), (state.docname, state.line))
    page = Path(ctx.doc_path(ctx.docname))
    relative = page.relative_to(ctx.repo_root).as_posix() if page.is_relative_to(ctx.repo_root) else page.name
    write(
        fingerprints_path(ctx.app.outdir),
        {
            "date": today,
            "governed": governed,
            "date_from": clock,
            "claims": [
                {
                    "claim": claim.claim,
                    "file": relative,
                    "line": claim.line,
                    "state": state.state,
                    "reasons": state.reasons,
                    "moved": [[moved.label, moved.old, moved.new] for moved in state.moved],
                    "reviewed_on": state.reviewed_on,
                    "fingerprint": claim.as_record(),
                    "maturities": claim.maturities,
                }
                for claim, state in zip(printed, states, strict=True)
            ],
        },
    )


def write(path: Path, data: dict) -> None:
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
