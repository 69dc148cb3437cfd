"""claim_coverage.py: the claim classifier's pieces, on hand-made doctrees."""

from __future__ import annotations

from docutils import nodes
from runbook_checks.claim_model import (
    claims,
    code_comments,
    figures,
    first_words,
    is_index_entry,
    prose_kind,
    visible_html_text,
)
from runbook_checks.claim_text import ClaimWords
from runbook_checks.model import CITE_CLASS, DESCRIPTIVE_CLASS
from runbook_checks.nodes import source_matrix
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_ref import NeedRef

from unit.fakes import config, page, para, section

WORDS = ClaimWords.of(config())

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
        section("Source Mapping", source_matrix(), para("Written by hand.", line=51), line=50),
    )
    found = claims(doc, NEEDS)
    assert [(c.kind, c.line, c.text) for c in found if c.kind == "unaccounted"] == [
        ("unaccounted", 20, "Four workers would halve batch times."),
        ("unaccounted", 32, "Worker count 4"),  # header line, delimiter line, then the row
        ("unaccounted", 40, "Restart the job every night."),
        ("unaccounted", 51, "Written by hand."),  # Source Mapping exempts only its generated views
    ]
    # the headings are claims too, navigation ones descriptive
    assert [(c.kind, c.text) for c in found if c.kind == "descriptive"] == [
        ("descriptive", "Runbook"),
        ("descriptive", "Baseline"),
        ("descriptive", "Source Mapping"),
    ]
    assert figures(found)["unaccounted"] == 4 and figures(found)["total"] == 7


def recommendation(need_id: str, *children: nodes.Node) -> Need:
    node = Need("", *children, refid=need_id)
    return node


SCALE = {
    "REC_SCALE": {
        "type": "rec",
        "basis": "inference",
        "title": "Scale to 4 workers only on a sustained shortage of compute",
        "cites": ["SRC_DBX"],
        "lineno": 12,
    },
    "SRC_DBX": {"type": "src", "publisher": "Databricks"},
    "SRC_SPARK": {"type": "src", "publisher": "Apache Spark"},
}


def judged(doc: nodes.document, needs: dict | None = None) -> list[tuple[str, str, str]]:
    return [(c.kind, c.text, c.reason) for c in claims(doc, needs or SCALE, words=WORDS)]


def test_a_heading_with_a_figure_is_covered_only_by_a_recommendation_of_its_section_it_restates() -> None:
    rec = recommendation("REC_SCALE", para(strong("Inference."), " Wait for half an hour."))
    covered = page("Runbook", section("When to scale to 4 workers", rec, line=3))
    found = claims(covered, SCALE, words=WORDS)
    heading = next(c for c in found if c.text == "When to scale to 4 workers")
    assert (heading.kind, heading.refs) == ("reference", ("REC_SCALE",))
    elsewhere = page("Runbook", section("Scale to 8 workers at month-end", para("x ", descriptive()), line=3))
    kind, _, reason = next(c for c in judged(elsewhere) if c[1].startswith("Scale to 8"))
    assert kind == "unaccounted" and "a figure ('8')" in reason


def test_a_recommendation_s_title_rests_on_its_basis() -> None:
    doc = page("Runbook", section("Scaling", recommendation("REC_SCALE", para(strong("Inference."), " Wait.")), line=3))
    assert ("inference", SCALE["REC_SCALE"]["title"], "") in judged(doc)


def test_header_rows_captions_and_terms_are_read() -> None:
    head = nodes.thead("", nodes.row("", nodes.entry("", para("Check")), nodes.entry("", para("Expect 8 partitions"))))
    table = nodes.table("", nodes.tgroup("", head, nodes.tbody()))
    table.line = 5
    figure = nodes.figure("", nodes.caption("Latency falls by 40%", "Latency falls by 40%"))
    term = nodes.definition_list(
        "",
        nodes.definition_list_item(
            "",
            nodes.term("Two workers halve it", "Two workers halve it"),
            nodes.definition("", para("See below. ", descriptive())),
        ),
    )
    doc = page("Runbook", section("Checks", table, figure, term, line=3))
    unaccounted = [(text, reason) for kind, text, reason in judged(doc) if kind == "unaccounted"]
    assert [text for text, _ in unaccounted] == [
        "Check Expect 8 partitions",
        "Latency falls by 40%",
        "Two workers halve it See below.",
    ]
    assert "a number word ('Two')" in unaccounted[2][1]


def test_raw_html_with_text_is_refused_inside_a_recommendation_too() -> None:
    raw = nodes.raw("", "<p>Four workers halve the latency.</p>", format="html")
    doc = page(
        "Runbook", section("Scaling", recommendation("REC_SCALE", para(strong("Inference."), " Wait."), raw), line=3)
    )
    assert ("unaccounted", "Four workers halve the latency.") in [(k, t) for k, t, _ in judged(doc)]
    assert any("raw HTML inside REC_SCALE" in reason for _, _, reason in judged(doc))


def test_code_comments_by_the_block_s_lexer() -> None:
    assert code_comments("SELECT 1\n-- the newest bucket is still filling\n", "sql") == [
        (1, "the newest bucket is still filling")
    ]
    assert code_comments("#!/bin/sh\n# Databricks recommends this\nls\n", "sh") == [(1, "Databricks recommends this")]
    assert code_comments("x = 1", "no-such-language") == []


def test_a_comment_is_navigation_or_restates_its_step_s_recommendation() -> None:
    def step(comment: str) -> nodes.document:
        block = nodes.literal_block("", f"# {comment}\nls\n", language="sh")
        block.line = 6
        ref = NeedRef("", nodes.Text("REC_SCALE"), reftarget="REC_SCALE")
        item = nodes.list_item("", para("Scale on a sustained shortage of compute (", ref, ")."), block)
        return page("Runbook", section("Steps", nodes.enumerated_list("", item), line=3))

    assert ("descriptive", "list the files", "") in judged(step("list the files"))
    found = claims(step("scale to 4 workers when compute is short"), SCALE, words=WORDS)
    assert [(c.kind, c.line, c.refs) for c in found if c.text.startswith("scale")] == [("reference", 7, ("REC_SCALE",))]
    kind, _, reason = next(
        c for c in judged(step("Databricks recommends 8 partitions")) if c[1].startswith("Databricks")
    )
    assert kind == "unaccounted" and "code comment" in reason


def test_an_inference_that_attributes_must_cite_that_publisher() -> None:
    said = para(strong("Inference."), " Databricks advises a small cluster.")
    in_need = page("Runbook", section("Scaling", recommendation("REC_SCALE", said), line=3))
    assert ("inference", "Inference. Databricks advises a small cluster.", "") in judged(in_need)  # :cites: SRC_DBX
    spark = para(strong("Inference."), " Spark states a default.")
    in_need = page("Runbook", section("Scaling", recommendation("REC_SCALE", spark), line=3))
    assert judged(in_need)[-1][0] == "unaccounted"  # it cites no Spark page
    prose = page("Runbook", section("Scaling", para(strong("Inference."), " Databricks advises it."), line=3))
    assert "has Databricks say something cites it" in judged(prose)[-1][2]
    cited = page(
        "Runbook",
        section("Scaling", para(strong("Inference."), " Databricks advises it ", cite("SRC_DBX"), "."), line=3),
    )
    assert judged(cited)[-1][0] == "inference"


def test_a_reference_covers_only_a_text_that_restates_it() -> None:
    ref = NeedRef("", nodes.Text("REC_SCALE"), reftarget="REC_SCALE")
    restating = page(
        "Runbook", section("Steps", para("Scale only on a sustained shortage (", ref.deepcopy(), ")."), line=3)
    )
    assert judged(restating)[-1][0] == "reference"
    vouching = page("Runbook", section("Steps", para("Restart the producers (", ref.deepcopy(), ")."), line=3))
    kind, _, reason = judged(vouching)[-1]
    assert kind == "unaccounted" and "references REC_SCALE but does not restate it" in reason


def test_a_descriptive_mark_holds_navigation_only() -> None:
    good = page("Runbook", section("Steps", para("The steps follow; the playbook says why. ", descriptive()), line=3))
    assert judged(good)[-1][0] == "descriptive"
    bad = page("Runbook", section("Steps", para("The job joins two streams. ", descriptive()), line=3))
    kind, _, reason = judged(bad)[-1]
    assert kind == "unaccounted" and reason.startswith("{descriptive} marks navigation only") and "'two'" in reason


def test_the_sweep_reads_text_the_walk_does_not_know() -> None:
    lines = nodes.line_block("", nodes.line("Databricks advises 8 partitions", "Databricks advises 8 partitions"))
    doc = page("Runbook", section("Steps", lines, line=3))
    assert ("unaccounted", "Databricks advises 8 partitions") in [(k, t) for k, t, _ in judged(doc)]


def test_first_words() -> None:
    assert first_words("one two three", 2) == "one two ..."
    assert first_words("one two", 2) == "one two"


def test_a_source_entry_s_title_is_sourced() -> None:
    needs = {"SRC_DBX": {"type": "src", "publisher": "Databricks", "title": "What is Photon?", "lineno": 4}}
    doc = page("Runbook", section("Sources", recommendation("SRC_DBX", para("Photon.")), line=3))
    assert ("sourced", "What is Photon?", "") in judged(doc, needs)
