"""The review record and the judgement of a claim, without Sphinx (claim_reviews.py, claim_fingerprints.py;
the rule suspect_claims.py wires them, tests/test_suspect_claims.py builds them)."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from runbook_checks.claim_fingerprints import ClaimPrint
from runbook_checks.claim_reviews import commit_date, expiry, judge, load_reviews, moved_inputs, record_line
from runbook_checks.suspect_marks import claim_paragraphs

from unit.fakes import page, para, section

PERIODS = {"GA": 365, "Public Preview": 180, "Beta": 90}


def printed(**inputs: str) -> ClaimPrint:
    return ClaimPrint("REC_X", "runbook", 12, {"text": "sha256:aaaa", **inputs}, {"SRC_A": "GA"})


def reviewed(tmp_path: Path, claim: ClaimPrint, date: str = "2026-06-01") -> Path:
    path = tmp_path / "reviews.jsonl"
    path.write_text(record_line(claim.claim, "me", date, claim.as_record()), encoding="utf-8")
    return path


def test_a_record_round_trips_and_an_edited_value_is_refused_at_its_line(tmp_path: Path) -> None:
    path = reviewed(tmp_path, printed(**{"prod workers": "2"}))
    (review,), refused = load_reviews(path)
    assert refused == [] and review.claim == "REC_X" and review.line == 1
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["fingerprint"]["inputs"]["prod workers"]["value"] = "3"
    path.write_text("\n" + json.dumps(entry) + "\n", encoding="utf-8")
    reviews, refused = load_reviews(path)
    assert reviews == [] and refused == [
        (2, "fingerprint of REC_X does not match its own values (input prod workers): forged or edited by hand")
    ]


def test_a_digest_recomputed_for_one_input_alone_is_refused(tmp_path: Path) -> None:
    """Forging the value and its own digest still breaks the fingerprint's digest over all inputs."""
    path = reviewed(tmp_path, printed(**{"prod workers": "2"}))
    entry = json.loads(path.read_text(encoding="utf-8"))
    forged = printed(**{"prod workers": "3"}).as_record()["inputs"]["prod workers"]
    entry["fingerprint"]["inputs"]["prod workers"] = forged
    path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    assert load_reviews(path)[1][0][1].startswith("fingerprint of REC_X does not match its own values:")


def test_what_moved_reads_old_to_new_with_the_text_first() -> None:
    old = printed(**{"prod workers": "2", "via REC_Y: assumed eps": "50"}).as_record()["inputs"]
    now = {"text": "sha256:bbbb", "prod workers": "3", "via REC_Y: assumed eps": "60", "SRC_A maturity": "Beta"}
    assert [m.text() for m in moved_inputs(old, now)] == [
        "text edited",
        "SRC_A maturity (new) Beta",
        "prod workers 2 -> 3",
        "via REC_Y: assumed eps 50 -> 60",
    ]
    assert [m.via for m in moved_inputs(old, now)] == ["", "", "", "REC_Y"]


def test_the_least_mature_source_sets_the_expiry() -> None:
    assert expiry({}, PERIODS) == (365, "")
    assert expiry({"SRC_A": "GA", "SRC_B": "Beta", "SRC_C": "Public Preview"}, PERIODS) == (90, "SRC_B")


def test_judge_reviewed_suspect_unreviewed_and_expired(tmp_path: Path) -> None:
    claim = printed(**{"prod workers": "2"})
    (review,), _ = load_reviews(reviewed(tmp_path, claim))
    assert judge(claim, None, "2026-06-02", PERIODS).state == "unreviewed"
    assert judge(claim, review, "2027-06-01", PERIODS).state == "reviewed"  # the 365th day still counts
    moved = judge(printed(**{"prod workers": "3"}), review, "2026-06-02", PERIODS)
    assert moved.state == "suspect"
    assert moved.message().startswith("REC_X is suspect: prod workers 2 -> 3 since its review on 2026-06-01")
    late = judge(claim, review, "2027-06-02", PERIODS)
    assert late.reasons == ["review expired on 2027-06-01 (GA sources only: reviews last 365 days)"]


def test_the_clock_outside_git(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert commit_date(tmp_path) == ("", "no date (no git, no reviews)")
    (review,), _ = load_reviews(reviewed(tmp_path, printed()))
    assert commit_date(tmp_path, [review]) == ("2026-06-01", "newest review date (no git)")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788134400")
    assert commit_date(tmp_path, [review]) == ("2026-08-31", "SOURCE_DATE_EPOCH")


def test_a_malformed_record_is_refused_at_its_line(tmp_path: Path) -> None:
    path = reviewed(tmp_path, printed())
    good = path.read_text(encoding="utf-8")
    entry = json.loads(good)
    path.write_text(
        good
        + "{not json\n"
        + json.dumps({**entry, "reviewer": ""})
        + "\n"
        + json.dumps({**entry, "verdict": "fine"})
        + "\n",
        encoding="utf-8",
    )
    reviews, refused = load_reviews(path)
    assert len(reviews) == 1
    assert [(line, why.split(":")[0]) for line, why in refused] == [
        (2, "not JSON"),
        (3, "missing reviewer"),
        (4, "verdict 'fine' is not one of holds"),
    ]


def test_the_normalised_text_ignores_whitespace_and_written_values() -> None:
    from docutils import nodes
    from runbook_checks.claim_fingerprints import normalised_text
    from runbook_checks.nodes import spec_value

    def paragraph(*parts: nodes.Node) -> nodes.paragraph:
        return nodes.paragraph("", "", *parts)

    def workers(value: str) -> spec_value:
        return spec_value("", value, key="workers", written=value)

    one = paragraph(nodes.Text("Run "), workers("2"), nodes.Text(" workers\nat the\n  budget."))
    reflowed = paragraph(nodes.Text("Run\n"), workers("3"), nodes.Text("   workers at\nthe budget. "))
    assert normalised_text([one]) == normalised_text([reflowed]) == "Run {spec:workers} workers at the budget."
    assert normalised_text([paragraph(nodes.Text("Run fewer workers."))]) != normalised_text([one])


def test_a_badge_has_a_place_on_a_heading_a_paragraph_and_a_row() -> None:
    row = nodes.row("", nodes.entry("", para("Backlog")), nodes.entry("", para("Stay")))
    table = nodes.table("", nodes.tgroup("", nodes.tbody("", row)))
    table.line = 20
    doc = page("Runbook", section("When to scale to 4 workers", para("Scale.", line=12), table, line=10))
    placed = {line: element.astext() for line, element in claim_paragraphs(doc)}
    assert placed == {1: "Runbook", 10: "When to scale to 4 workers", 12: "Scale.", 22: "Stay"}
