"""Suspect claims on a small in-process project (tests/roots/test-suspect): after a baseline review,
each kind of input that moves marks exactly the claims resting on it, at their file:line, naming the
input (old -> new) and the need reference it came through; harmless edits mark nothing; a forged
record and an expired review fail; a recorded review clears a suspect claim."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from review_claims import review
from rule_roots import ROOTS, Built, build_root, line_of
from runbook_checks.claim_reviews import load_reviews
from runbook_checks.section_locks import FOUND, SectionRecord, dump_lock, never_fetched, sha256
from test_rules_in_sphinx import edit, root_files

DATE = "2026-06-01"
REVIEWS = "reviews.jsonl"
PAGE = "runbook.md"
FILES = {**root_files("suspect"), "conf.py": (ROOTS / "test-suspect" / "conf.py").read_text(encoding="utf-8")}
# The page's claims by what they say (IDs are read from the build, not typed here).
DEPLOY = "Deploy <span"
REF_FIXED = "Scale only as"
REF_SOURCED = "- Wait for the alert"
CITED_B = "A sourced line"
BENCH = "**Inference.** A plain build"
ROW = "| Backlog | Stay at"


@pytest.fixture
def build(make_app, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runs = iter(range(100))

    def run(files: dict[str, str]) -> Built:
        return build_root(make_app, tmp_path / f"run{next(runs)}", "suspect", files)

    return run


def states(built: Built) -> dict[str, dict]:
    data = json.loads((built.srcdir / "_build" / "claim_fingerprints.json").read_text(encoding="utf-8"))
    return {entry["claim"]: entry for entry in data["claims"]}


def claim_at(built: Built, needle: str) -> str:
    line = line_of((built.srcdir / PAGE).read_text(encoding="utf-8"), needle)
    return next(claim for claim, entry in states(built).items() if entry["line"] == line)


@pytest.fixture
def baseline(build) -> tuple[dict[str, str], Built]:
    """The root's files with a baseline review of every claim, and the build that recorded it."""
    first = build(FILES)
    assert first.of_type("runbook.suspect") == []  # no record yet: fingerprints only
    path = first.srcdir / REVIEWS
    review(path, states(first), list(states(first)), "baseline", DATE, baseline=True)
    return {**FILES, REVIEWS: path.read_text(encoding="utf-8")}, first


def findings(built: Built) -> list:
    """The build's findings (the rules', sphinx-needs' and MyST's; not Sphinx's own set-up notes)."""
    return [warned for warned in built.warnings if warned.type.startswith(("runbook", "needs", "myst", "sn_"))]


def fence_line(files: dict[str, str]) -> int:
    """The line of REC_FIXED's directive fence (where sphinx-needs places the need)."""
    return line_of(files[PAGE], '<div id="REC_FIXED">') - 1


def suspects(built: Built) -> dict[str, str]:
    """Suspect claim -> its finding's file:line and message."""
    found = {}
    for warned in built.of_type("runbook.suspect"):
        found[warned.message.split(" ", 1)[0]] = f"{warned.where} {warned.message}"
    return found


def test_the_baseline_passes_and_names_every_claim(baseline, build) -> None:
    files, first = baseline
    assert set(states(first)) == {
        "REC_FIXED",
        "REC_SOURCED",
        claim_at(first, DEPLOY),
        claim_at(first, REF_FIXED),
        claim_at(first, REF_SOURCED),
        claim_at(first, CITED_B),
        claim_at(first, BENCH),
        claim_at(first, ROW),
    }  # the descriptive line is not a claim to review
    assert build(files).of_type("runbook.suspect") == []


def test_prod_workers_mark_the_claims_that_bind_them_and_a_review_clears_them(baseline, build) -> None:
    files, first = baseline
    moved = edit(files, "databricks.yml", "      workers: 2\n", "      workers: 3\n")
    built = build(moved)
    found = suspects(built)
    deploy, ref, row = claim_at(first, DEPLOY), claim_at(first, REF_FIXED), claim_at(first, ROW)
    assert set(found) == {"REC_FIXED", deploy, ref, row}
    assert found["REC_FIXED"].startswith(f"runbook.md:{fence_line(files)} ")
    assert "REC_FIXED is suspect: prod workers 2 -> 3 since its review on 2026-06-01" in found["REC_FIXED"]
    assert found[deploy].startswith(f"runbook.md:{line_of(files[PAGE], DEPLOY)} ")
    assert "prod workers 2 -> 3; via REC_FIXED: prod workers 2 -> 3" in found[deploy]
    assert found[ref].startswith(f"runbook.md:{line_of(files[PAGE], REF_FIXED)} ")
    assert f"{ref} is suspect: via REC_FIXED: prod workers 2 -> 3 since" in found[ref]
    assert "dev workers" not in found[ref]
    assert found[row].startswith(f"runbook.md:{line_of(files[PAGE], ROW)} ")  # a table row: its own line
    assert "prod workers 2 -> 3; via REC_FIXED: prod workers 2 -> 3" in found[row]
    # The reviewer re-reads the four and records it: the build passes again.
    path = built.srcdir / REVIEWS
    review(path, states(built), sorted(found), "reviewer", "2026-06-02")
    assert build({**moved, REVIEWS: path.read_text(encoding="utf-8")}).of_type("runbook.suspect") == []


def test_a_reflow_a_move_in_its_section_and_yaml_whitespace_mark_nothing(baseline, build) -> None:
    files, _ = baseline
    page = edit(
        files,
        PAGE,
        'Run <span data-spec="workers">2</span> workers for\n<span',
        'Run\n<span data-spec="workers">2</span>   workers for <span',
    )
    page = edit(page, PAGE, "Scale only as [REC_FIXED](#REC_FIXED) says: keep the cluster fixed-size.\n\n", "")
    page = edit(
        page,
        PAGE,
        "The rest is a checklist.",
        "Scale only as\n[REC_FIXED](#REC_FIXED)   says: keep the\ncluster fixed-size.\n\nThe rest is a checklist.",
    )
    page = edit(page, "resources/tiny.job.yml", "num_workers: ${var.workers}", "num_workers:   ${var.workers}   ")
    page = edit(page, "databricks.yml", "bundle:\n", "\nbundle:\n\n")
    assert findings(build(page)) == []


INPUTS = [
    (
        "a benchmark figure",
        [("benchmarks/results/docs_scaling.json", '"plain_s": 3.6', '"plain_s": 3.9'), (PAGE, ">3.6<", ">3.9<")],
        {  # quoted on the page, and through REC_FIXED's evidence link
            BENCH: "bench docs_scaling:needs_100.plain_s 3.6 -> 3.9",
            "REC_FIXED": "via EVD_BUILD: EVD_BUILD figure needs_100.plain_s 3.6 -> 3.9",
            DEPLOY: "via REC_FIXED > EVD_BUILD: EVD_BUILD figure needs_100.plain_s 3.6 -> 3.9",
            REF_FIXED: "via REC_FIXED > EVD_BUILD: EVD_BUILD figure needs_100.plain_s 3.6 -> 3.9",
            ROW: "via REC_FIXED > EVD_BUILD: EVD_BUILD figure needs_100.plain_s 3.6 -> 3.9",
        },
    ),
    (
        "an assumption",
        [("conf.py", '"production_eps": 50', '"production_eps": 60'), (PAGE, ">50 events/s<", ">60 events/s<")],
        {
            "REC_FIXED": "assumed production_eps 50 -> 60",
            ROW: "via REC_FIXED: assumed production_eps 50 -> 60",
            DEPLOY: "via REC_FIXED: assumed production_eps 50 -> 60",
            REF_FIXED: "via REC_FIXED: assumed production_eps 50 -> 60",
        },
    ),
    (
        "a source anchor",
        [(PAGE, "SRC_PAGE_A#changelog:", "SRC_PAGE_A#checkpoints:")],
        {
            "REC_SOURCED": "SRC_PAGE_A pinpoint SRC_PAGE_A#changelog: changelog checkpointing -> "
            "SRC_PAGE_A#checkpoints: changelog checkpointing",
            REF_SOURCED: "via REC_SOURCED: SRC_PAGE_A pinpoint",
        },
    ),
    (
        "a source maturity",
        [
            (
                "sources.md",
                ":runtime_min: any\n:maturity: GA\n\nPage B.",
                ":runtime_min: any\n:maturity: Beta\n\nPage B.",
            )
        ],
        {CITED_B: "SRC_PAGE_B maturity GA -> Beta"},
    ),
]


@pytest.mark.parametrize(("name", "mutation", "expected"), INPUTS, ids=[case[0] for case in INPUTS])
def test_each_input_marks_exactly_its_claims(baseline, build, name, mutation, expected) -> None:
    files, first = baseline
    for relative, old, new in mutation:
        files = edit(files, relative, old, new)
    found = suspects(build(files))
    wanted = {
        (needle if needle.startswith("REC_") else claim_at(first, needle)): text for needle, text in expected.items()
    }
    assert set(found) == set(wanted), f"{name}: {found}"
    for claim, text in wanted.items():
        assert text in found[claim], found[claim]


def test_a_forged_record_fails_at_its_line(baseline, build) -> None:
    files, _ = baseline
    records = files[REVIEWS].split("\n")
    number = next(i for i, line in enumerate(records) if '"claim": "REC_FIXED"' in line)
    records[number] = records[number].replace('"value": "2"', '"value": "3"', 1)
    built = build({**files, REVIEWS: "\n".join(records)})
    built.expect(
        "runbook.suspect",
        f"{REVIEWS}:{number + 1}",
        "review record refused",
        "REC_FIXED",
        "forged or edited by hand",
        "dev workers",
    )
    # The forged review does not count: the claim is unreviewed, at its own line.
    built.expect("runbook.suspect", f"{PAGE}:{fence_line(files)}", "REC_FIXED has no review")


def test_a_review_expires_by_its_least_mature_source(baseline, build, monkeypatch) -> None:
    files, first = baseline
    beta = edit(files, "sources.md", ":maturity: GA\n\nPage B.", ":maturity: Beta\n\nPage B.")
    path = Path(first.srcdir / "beta-reviews.jsonl")
    cited = claim_at(first, CITED_B)
    path.write_text(files[REVIEWS], encoding="utf-8")
    built_beta = build(beta)
    review(path, states(built_beta), [cited], "reviewer", DATE)
    beta = {**beta, REVIEWS: path.read_text(encoding="utf-8")}
    # 2026-06-01 + 90 days = 2026-08-30: the Beta claim expires the day after, the GA claims a year on.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1756512000")  # 2025-08-30: a clock before the review passes
    assert build(beta).of_type("runbook.suspect") == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788134400")  # 2026-08-31
    found = suspects(build(beta))
    assert set(found) == {cited}
    assert "review expired on 2026-08-30 (rests on SRC_PAGE_B, Beta: reviews last 90 days)" in found[cited]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 2026-06-01 + 0: nothing expired
    assert build(beta).of_type("runbook.suspect") == []


def test_a_new_claim_fails_until_reviewed(baseline, build) -> None:
    files, _ = baseline
    page = edit(files, PAGE, "The rest is a checklist.", "**Inference.** A new thought.\n\nThe rest is a checklist.")
    built = build(page)
    (warned,) = built.of_type("runbook.suspect")
    assert warned.where == f"{PAGE}:{line_of(page[PAGE], 'A new thought')}"
    assert "has no review" in warned.message and "tox -e review -- scaling/" in warned.message


def test_the_record_is_append_only_and_keeps_every_review(baseline, build) -> None:
    _files, first = baseline
    path = first.srcdir / REVIEWS
    before = path.read_text(encoding="utf-8")
    review(path, states(first), ["REC_FIXED"], "reviewer", "2026-06-02")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    reviews, refused = load_reviews(path)
    assert refused == [] and [r.claim for r in reviews].count("REC_FIXED") == 2


def test_the_page_shows_a_badge_on_suspect_claims_only(baseline, make_app, tmp_path) -> None:
    """HTML: a badge after the box title, at the end of the inline claim, in the matrix; counted in the
    coverage line; none while every claim is reviewed."""
    files, _ = baseline

    def page(edited: dict[str, str], name: str) -> str:
        srcdir = build_root(make_app, tmp_path / name, "suspect", edited).srcdir
        app = make_app("html", srcdir=srcdir, freshenv=True)
        app.build()
        return (Path(app.outdir) / "runbook.html").read_text(encoding="utf-8")

    clean = page(files, "clean")
    assert "suspect-badge" not in clean and "awaiting a review" not in clean
    moved = page(edit(files, "databricks.yml", "      workers: 2\n", "      workers: 3\n"), "moved")
    assert moved.count('<span class="suspect-badge" title="') == 4  # REC_FIXED's box, the three inline claims
    assert 'title="prod workers 2 -&gt; 3; via REC_FIXED: prod workers 2 -&gt; 3">suspect</span>' in moved
    assert moved.count('class="suspect-badge">suspect</span>') == 1  # the matrix row of REC_FIXED
    assert "4 awaiting a review (suspect, or never reviewed)." in moved


def test_the_committed_baseline_holds_for_the_html_and_the_spelling_builds(project) -> None:
    """The whole project with its committed review record: every claim reviewed, whichever builder
    reads it (the HTML build applies smart quotes, the spelling build does not)."""
    shutil.copy2(REPO_ROOT / REVIEWS, project.path(REVIEWS))
    recorded = {json.loads(line)["claim"] for line in project.read(REVIEWS).splitlines()}
    seen = {}
    for builder in ("html", "spelling"):
        result = project.build(builder)
        assert result.returncode == 0 and "runbook.suspect" not in result.output, result.output
        data = json.loads(project.path("_build/claim_fingerprints.json").read_text(encoding="utf-8"))
        assert data["governed"] and {entry["state"] for entry in data["claims"]} == {"reviewed"}
        seen[builder] = {entry["claim"] for entry in data["claims"]}
        # The record is append-only: a reworded claim's old ID stays in it, reviewed under its new one.
        assert seen[builder] <= recorded and len(seen[builder]) > 100
    assert seen["html"] == seen["spelling"]
    # The committed source lock holds one entry per cited section, and no other.
    cited = json.loads(project.path("_build/pinpoints.json").read_text(encoding="utf-8"))
    stale = "stale source lock: run tools/pinpoint_probe.py --lock source_locks.json --no-fetch (or tox -e pinpoints)"
    locked = set(json.loads(project.read(LOCK))["sections"])
    assert locked == {f"{citation['source']}#{citation['anchor']}" for citation in cited}, stale


# --- the source lock (section_locks.py): the hash of each cited section the online probe fetched ---
LOCK = "source_locks.json"
A_URL = "https://docs.databricks.com/aws/en/a"
B_URL = "https://docs.databricks.com/aws/en/b"
OTHER_A = "Another sourced line"  # cites a second section of page A


def fetched(source: str, anchor: str, url: str, terms: list[str], text: str, on: str = DATE) -> SectionRecord:
    return SectionRecord(source, anchor, url, FOUND, on, sha256(text), dict.fromkeys(terms, True))


SECTIONS = [
    fetched("SRC_PAGE_A", "changelog", A_URL, ["changelog checkpointing"], "changelog v1"),
    fetched("SRC_PAGE_A", "limits", A_URL, ["limit"], "limits v1"),
    fetched("SRC_PAGE_B", "limits", B_URL, ["limit"], "limits v1"),
]
NEVER = [never_fetched(r.source, r.anchor, r.url, list(r.terms)) for r in SECTIONS]


def with_second_section(files: dict[str, str]) -> dict[str, str]:
    return edit(
        files,
        PAGE,
        "The rest is a checklist.",
        f"{OTHER_A} {{cite}}`SRC_PAGE_A#limits: limit`.\n\nThe rest is a checklist.",
    )


def test_a_changed_cited_section_marks_exactly_its_claims_and_a_review_clears_them(build) -> None:
    files = {**with_second_section(FILES), LOCK: dump_lock(SECTIONS)}
    first = build(files)
    path = first.srcdir / REVIEWS
    review(path, states(first), list(states(first)), "baseline", DATE, baseline=True)
    files = {**files, REVIEWS: path.read_text(encoding="utf-8")}
    assert findings(build(files)) == []
    # The probe fetched page A again a week later: section #changelog reads otherwise, #limits as before.
    changed = [fetched("SRC_PAGE_A", "changelog", A_URL, ["changelog checkpointing"], "changelog v2", "2026-06-08")]
    moved = {**files, LOCK: dump_lock(changed + SECTIONS[1:])}
    built = build(moved)
    found = suspects(built)
    ref = claim_at(first, REF_SOURCED)
    assert set(found) == {"REC_SOURCED", ref}  # not the claims citing #limits of page A or of page B
    rec_line = line_of(files[PAGE], '<div id="REC_SOURCED">') - 1
    assert found["REC_SOURCED"].startswith(f"runbook.md:{rec_line} REC_SOURCED is suspect: ")
    assert "SRC_PAGE_A#changelog section text changed since its review on 2026-06-01" in found["REC_SOURCED"]
    assert found[ref].startswith(f"runbook.md:{line_of(files[PAGE], REF_SOURCED)} ")
    assert f"{ref} is suspect: via REC_SOURCED: SRC_PAGE_A#changelog section text changed since" in found[ref]
    path = built.srcdir / REVIEWS
    review(path, states(built), sorted(found), "reviewer", "2026-06-09")
    assert findings(build({**moved, REVIEWS: path.read_text(encoding="utf-8")})) == []


def test_a_lock_of_sections_never_fetched_leaves_every_fingerprint_and_a_first_fetch_is_new(baseline, build) -> None:
    """The committed lock starts with every section never fetched: the reviews stay valid. The probe's
    first fetch of a section adds its hash, which the claims citing it were not reviewed against."""
    files, first = baseline
    built = build({**files, LOCK: dump_lock(NEVER)})
    assert findings(built) == []
    digests = {claim: entry["fingerprint"]["digest"] for claim, entry in states(built).items()}
    assert digests == {claim: entry["fingerprint"]["digest"] for claim, entry in states(first).items()}
    found = suspects(build({**files, LOCK: dump_lock(SECTIONS)}))
    assert set(found) == {"REC_SOURCED", claim_at(first, REF_SOURCED), claim_at(first, CITED_B)}
    assert "REC_SOURCED is suspect: SRC_PAGE_A#changelog section text (new) since" in found["REC_SOURCED"]
    assert "SRC_PAGE_B#limits section text (new) since" in found[claim_at(first, CITED_B)]
