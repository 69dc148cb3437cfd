"""claim_coverage.py: the claim classifier's pieces, on hand-made doctrees."""

from __future__ import annotations

from docutils import nodes
from runbook_checks.claim_model import (
    claims,
    figures,
    first_words,
    is_index_entry,
    prose_kind,
    visible_html_text,
)
from runbook_checks.model import CITE_CLASS, DESCRIPTIVE_CLASS

from unit.fakes import page, para, section

NEEDS = {"REC_X": {"type": "rec", "basis": "source"}, "SRC_A": {"type": "src"}}


def cite(text: str = "SRC_A#top: a") -> nodes.inline:
    return nodes.inline("", "", classes=[CITE_CLASS], cite=text)


def descriptive() -> nodes.inline:
    return nodes.inline("", "", classes=[DESCRIPTIVE_CLASS], reason="navigation")


def strong(text: str) -> nodes.strong:
    return nodes.strong(text, text)


def test_prose_kinds() -> None:
    assert prose_kind(para(strong("Inference."), " We think so."), NEEDS) == "inference"
    assert prose_kind(para("Databricks says so ", cite(), "."), NEEDS) == "sourced"
    assert prose_kind(para("The next table lists checks. ", descriptive()), NEEDS) == "descriptive"
    assert prose_kind(para("Use an r5.4xlarge driver, it halves latency."), NEEDS) == "unaccounted"
    # emphasis is not a mark; nor is a mark in mid-paragraph
    assert prose_kind(para(nodes.emphasis("Inference.", "Inference."), " c5 is fine."), NEEDS) == "unaccounted"
    assert prose_kind(para("Use a larger driver, no ", strong("Inference"), " here."), NEEDS) == "unaccounted"


def test_list_item_is_judged_by_its_first_paragraph_and_table_rows_by_any_cell() -> None:
    item = nodes.list_item("", para("Raise partitions from 8 to 32."), para(strong("Inference."), " later"))
    assert prose_kind(item, NEEDS) == "unaccounted"
    row = nodes.row("", nodes.entry("", para("Workers")), nodes.entry("", para(strong("Inference."), " 2")))
    assert prose_kind(row, NEEDS) == "inference"


def test_index_entry_is_descriptive_only_when_links_read_as_their_sections() -> None:
    titles = {"tuning-playbook": "Tuning Playbook"}
    good = para(nodes.reference("Tuning Playbook", "Tuning Playbook", refid="tuning-playbook"))
    assert is_index_entry([good], titles)
    renamed = para(nodes.reference("Tuning", "Tuning", refid="tuning-playbook"))
    assert not is_index_entry([renamed], titles)
    with_prose = para(nodes.reference("Tuning Playbook", "Tuning Playbook", refid="tuning-playbook"), "; then restart")
    assert not is_index_entry([with_prose], titles)


def test_visible_html_text() -> None:
    raw = nodes.raw("", "<!-- **Inference.** --><p>Use a larger driver.</p>", format="html")
    assert visible_html_text(raw) == "Use a larger driver."
    assert visible_html_text(nodes.raw("", "<p>x</p>", format="latex")) == ""


def test_claims_walks_sections_lists_tables_and_needs() -> None:
    table = nodes.table(
        "",
        nodes.tgroup(
            "", nodes.tbody("", nodes.row("", nodes.entry("", para("Worker count")), nodes.entry("", para("4"))))
        ),
    )
    table.line = 30
    bullet = nodes.bullet_list("", nodes.list_item("", para("Four workers would halve batch times.")))
    bullet[0].line = 20
    admonition = nodes.note("", para("Restart the job every night.", line=40))
    doc = page(
        "Runbook",
        section("Baseline", bullet, table, admonition, line=10),
        section("Source Mapping", para("Generated.", line=51), line=50),
    )
    found = claims(doc, NEEDS, ["Source Mapping"])
    assert [(c.kind, c.line, c.text) for c in found] == [
        ("unaccounted", 20, "Four workers would halve batch times."),
        ("unaccounted", 32, "Worker count 4"),  # header line, delimiter line, then the row
        ("unaccounted", 40, "Restart the job every night."),
    ]
    assert figures(found)["unaccounted"] == 3 and figures(found)["total"] == 3


def test_first_words() -> None:
    assert first_words("one two three", 2) == "one two ..."
    assert first_words("one two", 2) == "one two"
