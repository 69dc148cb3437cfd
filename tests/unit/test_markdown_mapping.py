"""markdown_mapping.py: the committed claim -> source -> URL list and its markers."""

from __future__ import annotations

from runbook_checks.markdown_mapping import (
    END,
    START,
    block_span,
    cell,
    first_difference,
    mapping_table,
    updated_text,
)

from unit.fakes import need, source

NEEDS = {
    "SRC_A": {**source("SRC_A", "https://docs.databricks.com/aws/en/a"), "title": "Page | A"},
    "SRC_B": {**source("SRC_B", "https://docs.databricks.com/aws/en/b", maturity="Public Preview"), "title": "B"},
    "REC_ONE": need(
        "REC_ONE", "rec", lineno=5, basis="source", cites=["SRC_A", "SRC_B"], pinpoints="SRC_A#sec: t1; t2"
    ),
    "REC_TWO": need("REC_TWO", "rec", lineno=2, basis="inference", cites=[], evidence=["EVD_X"]),
    "EVD_X": need("EVD_X", "evid", artifact="benchmarks/results/x.json"),
}


def test_mapping_lists_each_claim_with_its_sources_in_runbook_order() -> None:
    assert mapping_table(NEEDS, "runbook").split("\n") == [
        "- `REC_TWO` REC_TWO (inference)",
        "  - `EVD_X` (local evidence): `benchmarks/results/x.json`",
        "- `REC_ONE` REC_ONE (source)",
        "  - `SRC_A` Page \\| A, § `#sec`: t1; t2:",
        "    <https://docs.databricks.com/aws/en/a>",
        "  - `SRC_B` B (Public Preview):",
        "    <https://docs.databricks.com/aws/en/b>",
    ]
    assert cell("a|b") == "a\\|b"


def test_stale_mapping_is_reported_at_its_first_stale_line() -> None:
    assert first_difference(["a", "b", "c"], ["a", "x", "c"]) == 1
    assert first_difference(["a", "b"], ["a", "b", "c"]) == 2


def test_block_is_replaced_between_the_markers() -> None:
    text = f"# Page\n\n{START}\n| old |\n{END}\n\nAfter.\n"
    assert block_span(text.split("\n")) == (2, 4)
    assert updated_text(text, "- new") == f"# Page\n\n{START}\n\n- new\n\n{END}\n\nAfter.\n"


def test_missing_or_doubled_markers() -> None:
    assert updated_text("# Page\n", "| t |") is None
    assert block_span([START, END, START, END]) is None
    assert block_span([END, START]) is None
