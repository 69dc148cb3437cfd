"""markdown_mapping.py: the committed claim -> source -> URL table and its markers."""

from __future__ import annotations

from runbook_checks.markdown_mapping import END, START, block_span, cell, mapping_table, updated_text

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


def test_mapping_table_rows_in_runbook_order() -> None:
    rows = mapping_table(NEEDS, "runbook").split("\n")
    assert rows[0] == "| Claim | Basis | Source | URL |"
    assert rows[2] == "| `REC_TWO` REC_TWO | inference | `EVD_X` (local evidence) | `benchmarks/results/x.json` |"
    assert rows[3] == (
        "| `REC_ONE` REC_ONE | source | `SRC_A` Page \\| A, § `#sec`: t1; t2 | <https://docs.databricks.com/aws/en/a> |"
    )
    assert rows[4] == "| `REC_ONE` | source | `SRC_B` B (Public Preview) | <https://docs.databricks.com/aws/en/b> |"
    assert cell("a|b") == "a\\|b"


def test_block_is_replaced_between_the_markers() -> None:
    text = f"# Page\n\n{START}\n| old |\n{END}\n\nAfter.\n"
    assert block_span(text.split("\n")) == (2, 4)
    assert updated_text(text, "| new |") == f"# Page\n\n{START}\n| new |\n{END}\n\nAfter.\n"


def test_missing_or_doubled_markers() -> None:
    assert updated_text("# Page\n", "| t |") is None
    assert block_span([START, END, START, END]) is None
    assert block_span([END, START]) is None
