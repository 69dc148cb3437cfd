"""The review record and what it says of each claim now: reviewed, suspect (an input moved since its
review, or the review expired) or unreviewed.

The record is a committed JSON Lines file (the runbook policy's `reviews_file`), append-only, written
by `tools/review_claims.py` (`tox -e review -- CLAIM_ID ...`): one review a line, keys sorted:

    {"baseline": false, "claim": "REC_X", "date": "2026-12-01", "fingerprint": {"digest": ...,
     "inputs": {"prod workers": {"digest": ..., "value": "2"}, ...}}, "reviewer": "...", "verdict": "holds"}

The date is the commit date of the revision the review was recorded on, and the clock the build
compares it with is the commit date of the revision being built (`git log -1`, its UTC date), so a
build of a given commit always says the same. Outside git the clock is SOURCE_DATE_EPOCH when set,
else the newest review date (nothing expires in an export without history). A record whose digests do
not match its own values (a hand-edited or forged fingerprint) is refused at its line. A claim's last
review counts; a review expires after the period the runbook policy's `[review_expiry_days]` gives
the least mature source it rests on (GA when it rests on none).
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .claim_fingerprints import ClaimPrint, digest, fingerprint_digest

VERDICTS = ("holds",)
FINGERPRINTS_FILE = "claim_fingerprints.json"
STATES = ("reviewed", "suspect", "unreviewed")


@dataclass(frozen=True)
class Review:
    claim: str
    reviewer: str
    date: str
    verdict: str
    baseline: bool
    fingerprint: dict[str, Any]
    line: int


def record_line(claim: str, reviewer: str, date: str, fingerprint: dict[str, Any], baseline: bool = False) -> str:
    """One review as the file holds it (the one writer's format)."""
    entry = {
        "baseline": baseline,
        "claim": claim,
        "date": date,
        "fingerprint": fingerprint,
        "reviewer": reviewer,
        "verdict": VERDICTS[0],
    }
    return json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n"


def record_problem(entry: Any) -> str:
    """Why a parsed line is not a valid review ('' when it is)."""
    if not isinstance(entry, dict):
        return "not a JSON object"
    missing = [key for key in ("claim", "reviewer", "date", "verdict", "fingerprint") if not entry.get(key)]
    if missing:
        return f"missing {', '.join(missing)}"
    if entry["verdict"] not in VERDICTS:
        return f"verdict '{entry['verdict']}' is not one of {', '.join(VERDICTS)}"
    try:
        datetime.date.fromisoformat(entry["date"])
    except (TypeError, ValueError):
        return f"date '{entry['date']}' is not YYYY-MM-DD"
    printed = entry["fingerprint"]
    inputs = printed.get("inputs") if isinstance(printed, dict) else None
    if not isinstance(inputs, dict) or any(not isinstance(v, dict) for v in inputs.values()):
        return "fingerprint without inputs"
    wrong = [label for label, item in sorted(inputs.items()) if item.get("digest") != digest(str(item.get("value")))]
    if wrong or printed.get("digest") != fingerprint_digest(inputs):
        named = f" (input {', '.join(wrong)})" if wrong else ""
        return f"fingerprint of {entry['claim']} does not match its own values{named}: forged or edited by hand"
    return ""


def load_reviews(path: Path) -> tuple[list[Review], list[tuple[int, str]]]:
    """The valid reviews in file order, and (line, why) for each refused line."""
    reviews: list[Review] = []
    refused: list[tuple[int, str]] = []
    if not path.is_file():
        return reviews, refused
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not text.strip():
            continue
        try:
            entry = json.loads(text)
        except ValueError as error:
            refused.append((number, f"not JSON: {error}"))
            continue
        why = record_problem(entry)
        if why:
            refused.append((number, why))
            continue
        reviews.append(
            Review(
                entry["claim"],
                entry["reviewer"],
                entry["date"],
                entry["verdict"],
                bool(entry.get("baseline")),
                entry["fingerprint"],
                number,
            )
        )
    return reviews, refused


def latest(reviews: list[Review]) -> dict[str, Review]:
    found: dict[str, Review] = {}
    for review in reviews:
        found[review.claim] = review
    return found


def commit_date(root: Path, reviews: list[Review] = ()) -> tuple[str, str]:
    """(YYYY-MM-DD, where it came from): the built revision's commit date; see the module doc."""
    try:
        command = ["git", "-C", str(root), "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"]
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=30, env={**os.environ, "TZ": "UTC"}
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip(), "git commit date"
    except (OSError, subprocess.SubprocessError):
        pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat(), "SOURCE_DATE_EPOCH"
    dates = sorted(review.date for review in reviews)
    return (dates[-1], "newest review date (no git)") if dates else ("", "no date (no git, no reviews)")


def last_commit_with(root: Path, relative: str) -> str | None:
    """The short hash of the newest commit that touched `relative` in the repository at `root` (its deletion
    included), or None outside git or when no commit ever held it."""
    try:
        command = ["git", "-C", str(root), "log", "-1", "--format=%h", "--", relative]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


@dataclass(frozen=True)
class Moved:
    label: str
    old: str | None
    new: str | None

    def text(self) -> str:
        digested = (self.old or "").startswith("sha256:") or (self.new or "").startswith("sha256:")
        if self.old is None:
            return f"{self.label} (new) {self.new}" if not digested else f"{self.label} (new)"
        if self.new is None:
            return f"{self.label} {self.old} -> (gone)" if not digested else f"{self.label} (gone)"
        if self.label == "text" or self.label.endswith(": text"):  # the claim's own text (a section's changes)
            return f"{self.label} edited"
        return f"{self.label} changed" if digested else f"{self.label} {self.old} -> {self.new}"

    @property
    def via(self) -> str:
        return self.label[4:].split(":")[0] if self.label.startswith("via ") else ""


def moved_inputs(reviewed: dict[str, Any], now: dict[str, str]) -> list[Moved]:
    old = {label: str(item.get("value")) for label, item in reviewed.items()}
    labels = sorted(set(old) | set(now), key=lambda label: (label.startswith("via "), label != "text", label))
    return [Moved(label, old.get(label), now.get(label)) for label in labels if old.get(label) != now.get(label)]


def expiry(maturities: dict[str, str], periods: dict[str, int]) -> tuple[int, str]:
    """(days a review lasts, the source that sets it: '' when GA's period applies)."""
    default = int(periods.get("GA", 0) or 0)
    shortest = (default, "")
    for source, maturity in sorted(maturities.items()):
        days = int(periods.get(maturity, default) or 0)
        if days and (not shortest[0] or days < shortest[0]):
            shortest = (days, source)
    return shortest


@dataclass
class State:
    claim: str
    docname: str
    line: int | None
    state: str
    reasons: list[str] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    reviewed_on: str = ""

    def message(self) -> str:
        if self.state == "unreviewed":
            return f"{self.claim} has no review: read it, then record one (`tox -e review -- {self.claim}`)"
        return (
            f"{self.claim} is suspect: {'; '.join(self.reasons)} since its review on {self.reviewed_on} "
            f"(re-read it, then `tox -e review -- {self.claim}`)"
        )


def judge(printed: ClaimPrint, review: Review | None, today: str, periods: dict[str, int]) -> State:
    state = State(printed.claim, printed.docname, printed.line, "reviewed")
    if review is None:
        state.state = "unreviewed"
        return state
    state.reviewed_on = review.date
    state.moved = moved_inputs(review.fingerprint["inputs"], printed.inputs)
    state.reasons = [moved.text() for moved in state.moved]
    days, source = expiry(printed.maturities, periods)
    if days and today:
        ends = datetime.date.fromisoformat(review.date) + datetime.timedelta(days=days)
        if datetime.date.fromisoformat(today) > ends:
            rests = f"rests on {source}, {printed.maturities.get(source, '')}" if source else "GA sources only"
            state.reasons.append(f"review expired on {ends.isoformat()} ({rests}: reviews last {days} days)")
    if state.reasons:
        state.state = "suspect"
    return state


def fingerprints_path(outdir: str | Path) -> Path:
    """Where the build writes the fingerprints and states: next to the builder's output folder."""
    return Path(outdir).parent / FINGERPRINTS_FILE


def read_states(outdir: str | Path) -> dict[str, dict[str, Any]]:
    """The last build's claim states by claim ID, for the views ({} when none were written, or before the
    baseline review: then no claim is judged)."""
    path = fingerprints_path(outdir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {entry["claim"]: entry for entry in data["claims"]} if data["governed"] else {}
    except (OSError, ValueError, KeyError):
        return {}
