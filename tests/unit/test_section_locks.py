"""section_locks.py: cited sections' fingerprints on fixture page pairs, and the lock the build reads.

The pages (tests/fixtures/section_pages) are small hand-written HTML: `base.html`, and four edits of it:
`nav_date.html` (navigation, site header, sidebar, footer, scripts, the "last updated" date and line
breaks changed), `sentence.html` (one sentence of #batch-size changed), `term_removed.html` (the key
term `tide.batch.maxRows` gone from #batch-size) and `anchor_renamed.html` (#batch-size now #batching).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from runbook_checks.section_locks import (
    FOUND,
    GONE,
    MISSING,
    NEVER,
    SectionRecord,
    changes,
    drift,
    dump_lock,
    fetched_record,
    input_label,
    lock_entry,
    never_fetched,
    normalised_section,
    page_soup,
    parse_lock,
    register_note,
    section_input,
    section_text,
)

PAGES = Path(__file__).parents[1] / "fixtures" / "section_pages"
URL = "https://docs.databricks.com/aws/en/tide-queue"
TODAY = "2026-12-01"
# The cited sections of the page, each with its pinpoints' key terms.
CITED = {"top": ["tide queue"], "batch-size": ["tide.batch.maxRows", "10-20 batches"], "retention": ["twice"]}


def html(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def records(name: str) -> dict[str, SectionRecord]:
    soup = page_soup(html(name))
    return {anchor: fetched_record("SRC_TIDE", anchor, URL, soup, terms, TODAY) for anchor, terms in CITED.items()}


def hashes(name: str) -> dict[str, str | None]:
    return {anchor: record.section_sha256 for anchor, record in records(name).items()}


def test_the_base_page_holds_every_cited_section_and_term() -> None:
    found = records("base")
    assert {record.status for record in found.values()} == {FOUND}
    assert all(all(record.terms.values()) for record in found.values())
    assert len(set(hashes("base").values())) == 3  # three sections, three texts


def test_the_section_ends_at_the_next_heading_of_its_level_and_at_the_article() -> None:
    text = normalised_section(section_text(page_soup(html("base")), "batch-size") or "")
    assert text.startswith("batch size keep each batch under tide.batch.maxrows rows")
    assert "the hard limit is 10-20 batches" in text  # its subsection, the en dash as a hyphen
    assert "retention" not in text
    last = normalised_section(section_text(page_soup(html("base")), "retention") or "")
    assert last.endswith("the longest outage you plan for.")  # not the table of contents or the footer after it
    intro = normalised_section(section_text(page_soup(html("base")), "top") or "")
    assert (
        intro
        == "tuning the tide queue the tide queue buffers events between two stages. this page says how to size it."
    )


def test_a_navigation_or_date_change_leaves_every_hash_unchanged() -> None:
    assert html("nav_date") != html("base")
    assert hashes("nav_date") == hashes("base")
    pairs = zip(records("base").values(), records("nav_date").values(), strict=True)
    assert [changes(before, after) for before, after in pairs] == [[], [], []]


def test_one_sentence_changed_changes_that_section_only() -> None:
    before, after = hashes("base"), hashes("sentence")
    assert after["batch-size"] != before["batch-size"]
    assert after["top"] == before["top"] and after["retention"] == before["retention"]  # same page, other anchors
    assert changes(records("base")["batch-size"], records("sentence")["batch-size"]) == ["section text changed"]
    assert changes(records("base")["retention"], records("sentence")["retention"]) == []


def test_a_removed_key_term_is_reported_as_a_removed_term() -> None:
    after = records("term_removed")["batch-size"]
    assert after.status == FOUND and after.terms == {"tide.batch.maxRows": False, "10-20 batches": True}
    assert changes(records("base")["batch-size"], after) == ["section text changed", "removed term: tide.batch.maxRows"]
    assert drift(after, ["tide.batch.maxRows"]) == [
        "removed term 'tide.batch.maxRows': section #batch-size no longer held it "
        "when the probe fetched it on 2026-12-01"
    ]
    assert drift(after, ["10-20 batches"]) == []


def test_a_renamed_anchor_is_reported_as_a_missing_anchor() -> None:
    after = records("anchor_renamed")
    assert after["batch-size"].status == MISSING and after["batch-size"].section_sha256 is None
    assert changes(records("base")["batch-size"], after["batch-size"]) == [
        "missing anchor: #batch-size is not on the page"
    ]
    assert drift(after["batch-size"], CITED["batch-size"]) == [
        "missing anchor: #batch-size was not on the page when the probe fetched it on 2026-12-01"
    ]
    assert after["retention"].section_sha256 == records("base")["retention"].section_sha256


def test_a_gone_page_and_a_first_fetch() -> None:
    gone = fetched_record("SRC_TIDE", "retention", URL, None, ["twice"], TODAY)
    assert gone.status == GONE and changes(records("base")["retention"], gone) == ["page gone"]
    assert drift(gone, ["twice"]) == [f"page gone: the probe found no page at {URL} on 2026-12-01"]
    assert changes(None, records("base")["retention"]) == ["first fetched"]
    assert changes(never_fetched("SRC_TIDE", "retention", URL, ["twice"]), records("base")["retention"]) == [
        "first fetched"
    ]


def test_the_lock_stores_no_page_text_and_round_trips() -> None:
    found = [*records("base").values(), never_fetched("SRC_OTHER", "top", URL + "-other", ["limit"])]
    text = dump_lock(found)
    for sentence in ("buffers events", "slow consumer", "longest outage", "Tuning the tide queue"):
        assert sentence not in text
    assert list(json.loads(text)["sections"]) == sorted(record.key for record in found)
    lock, refused = parse_lock(text)
    assert refused == [] and list(lock.values()) == sorted(found, key=lambda record: record.key)


def test_a_section_never_fetched_is_no_input_and_no_finding() -> None:
    never = never_fetched("SRC_TIDE", "batch-size", URL, ["tide.batch.maxRows"])
    assert never.status == NEVER and never.terms == {"tide.batch.maxRows": None}
    assert section_input(never) is None and section_input(None) is None
    assert drift(never, ["tide.batch.maxRows"]) == [] and drift(None, ["x"]) == []
    found = records("base")["batch-size"]
    assert section_input(found) == "sha256:" + str(found.section_sha256)[:16]
    assert input_label("SRC_TIDE", "batch-size") == "SRC_TIDE#batch-size section text"


def test_a_lock_entry_for_another_url_says_nothing_of_the_registered_page() -> None:
    lock = {record.key: record for record in records("base").values()}
    assert lock_entry(lock, "SRC_TIDE", "retention", URL) is lock["SRC_TIDE#retention"]
    assert lock_entry(lock, "SRC_TIDE", "retention", URL + "-moved") is None
    assert lock_entry(lock, "SRC_TIDE", "limits", URL) is None


def test_the_register_note_says_which_sections_were_never_fetched() -> None:
    found = records("base")["retention"]
    never = never_fetched("SRC_TIDE", "top", URL, ["tide queue"])
    assert register_note([]) == ""
    assert register_note([never, None]) == "cited sections never fetched"
    assert register_note([found, never]) == "1 of 2 cited sections never fetched"
    assert register_note([found]) == "cited sections fetched on 2026-12-01"


def lock_text(**entry: object) -> str:
    base = never_fetched("SRC_TIDE", "top", URL, ["tide queue"]).as_json()
    return json.dumps({"sections": {"SRC_TIDE#top": {**base, **entry}}}, indent=1)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{not json", "not JSON"),
        ('{"entries": {}}', "no 'sections' object"),
        (lock_text(status="stale"), "status 'stale' is not one of"),
        (lock_text(fetched="2026-12-01"), "a section never fetched none"),
        (lock_text(status=FOUND, fetched="2026-12-01"), "a found section, and only a found one, has a section_sha256"),
        (lock_text(section_sha256="ab" * 32), "a found section, and only a found one"),
        (lock_text(anchor="limits"), "its key is not 'SRC_TIDE#limits'"),
        (lock_text(terms={"tide queue": True}), "a section never fetched holds no known terms"),
        (lock_text(url=None), "missing url"),
    ],
    ids=[
        "not-json",
        "no-sections",
        "status",
        "never-with-date",
        "found-without-hash",
        "never-with-hash",
        "key",
        "terms",
        "url",
    ],
)
def test_a_malformed_lock_entry_is_refused_at_its_line(text: str, why: str) -> None:
    lock, refused = parse_lock(text)
    assert lock == {}
    ((line, message),) = refused
    assert why in message
    if why.startswith(("not JSON", "no 'sections'")):
        return
    assert message.startswith("entry 'SRC_TIDE#top' refused: ")
    assert '"SRC_TIDE#top"' in text.split("\n")[line - 1]
