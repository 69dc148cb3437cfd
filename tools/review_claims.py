"""Record reviews of named claims (`tox -e review -- CLAIM_ID ... [--reviewer NAME]`).

Builds the project quietly to read each claim's fingerprint (claim_build.py), shows for each named
claim what moved since its last review (or that it has none), then appends one review a claim to the
review record (the runbook policy's `reviews_file`), dated with the commit date of HEAD
(claim_reviews.commit_date). Only named claims: 'all' is refused, because a review vouches that a
person re-read the claim. `--baseline` records every claim once, marked as the baseline, and only on
an empty record (introducing the feature). The reviewer is `--reviewer`, else `git config user.name`.

    PYTHONPATH=_ext:src python tools/review_claims.py [--root PROJECT] CLAIM_ID ...
"""

from __future__ import annotations

import argparse
import datetime
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from claim_build import fingerprints_of
from runbook_checks.claim_reviews import commit_date, latest, load_reviews, moved_inputs, record_line

BLANKET = {"all", "*", "everything", "--all"}


def reviews_file(root: Path) -> Path:
    with (root / "runbook_policy.toml").open("rb") as handle:
        return root / tomllib.load(handle)["reviews_file"]


def git_user(root: Path) -> str:
    done = subprocess.run(["git", "-C", str(root), "config", "user.name"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def review(
    path: Path, claims: dict[str, dict[str, Any]], named: list[str], reviewer: str, date: str, baseline: bool = False
) -> list[str]:
    """Append a review of each named claim to the record at `path`; the lines to show (what moved)."""
    reviews, _refused = load_reviews(path)
    last = latest(reviews)
    shown, lines = [], []
    for claim_id in named:
        entry = claims[claim_id]
        where = f"{entry['file']}:{entry['line']}"
        before = last.get(claim_id)
        if before is None:
            shown.append(f"{claim_id} ({where}): no review yet")
        else:
            moved = moved_inputs(
                before.fingerprint["inputs"], {k: v["value"] for k, v in entry["fingerprint"]["inputs"].items()}
            )
            what = "; ".join(f"{m.label}: {m.old} -> {m.new}" for m in moved) or "nothing moved"
            shown.append(f"{claim_id} ({where}) since {before.date}: {what}")
        lines.append(record_line(claim_id, reviewer, date, entry["fingerprint"], baseline))
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(lines)
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record reviews of named claims.")
    parser.add_argument("claims", nargs="*", help="claim IDs (a need ID, or section-anchor/hash of an inline claim)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (holds conf.py)")
    parser.add_argument("--reviewer", default="", help="who re-read the claims (default: git config user.name)")
    parser.add_argument("--baseline", action="store_true", help="record every claim once (an empty record only)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    blanket = sorted(BLANKET & {claim.lower() for claim in args.claims})
    if blanket:
        print(f"refused: '{blanket[0]}' is not a claim; name the claims you re-read", file=sys.stderr)
        return 2
    if bool(args.claims) == args.baseline:
        print("name the claims you re-read (or --baseline alone, on an empty record)", file=sys.stderr)
        return 2
    path = reviews_file(root)
    if args.baseline and load_reviews(path)[0]:
        print(f"refused: {path.name} already holds reviews; the baseline is recorded once", file=sys.stderr)
        return 2
    reviewer = args.reviewer or git_user(root)
    if not reviewer:
        print("who reviewed? give --reviewer NAME (or set git config user.name)", file=sys.stderr)
        return 2
    claims = {entry["claim"]: entry for entry in fingerprints_of(root)["claims"]}
    unknown = [claim for claim in args.claims if claim not in claims]
    if unknown:
        print(f"no such claim: {', '.join(unknown)} (claim IDs: _build/claim_fingerprints.json)", file=sys.stderr)
        return 2
    # HEAD's commit date; outside git (an export, a test project) the clock's fallback, else today (UTC).
    date = commit_date(root, load_reviews(path)[0])[0] or datetime.datetime.now(datetime.UTC).date().isoformat()
    named = list(claims) if args.baseline else list(dict.fromkeys(args.claims))
    for line in review(path, claims, named, reviewer, date, args.baseline):
        print(line)
    print(f"{len(named)} review(s) recorded in {path.name} on {date} by {reviewer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
