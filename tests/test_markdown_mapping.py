"""The runbook's Markdown carries its claim -> source -> URL table: committed, complete, and
kept current by the build (markdown_mapping.py) and one command (tox -e mapping)."""

from __future__ import annotations

import runpy

from docs_project import REPO_ROOT, RUNBOOK, Project
from markdown_it import MarkdownIt
from runbook_checks.markdown_mapping import END, block_span, updated_text


def committed_rows() -> list[list[str]]:
    """The rows of the committed table, as GitHub's CommonMark + tables would render them."""
    lines = (REPO_ROOT / RUNBOOK).read_text(encoding="utf-8").split("\n")
    start, end = block_span(lines)
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines[start + 1 : end]))
    rows, row = [], None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            rows.append(row)
            row = None
    return rows[1:]  # without the header


def test_committed_table_maps_each_required_url_to_its_claims() -> None:
    required = runpy.run_path(str(REPO_ROOT / "conf.py"))["runbook_required_citations"]
    rows = committed_rows()
    claims_by_url: dict[str, set[str]] = {}
    for claim, _basis, _source, url in rows:
        claims_by_url.setdefault(url.strip("<>"), set()).add(claim.split("`")[1])
    for url, recs in required.items():
        assert set(recs) <= claims_by_url.get(url, set()), url


def test_every_row_names_its_basis() -> None:
    assert {row[1] for row in committed_rows()} == {"source", "inference"}


def test_block_is_replaced_between_the_markers_only() -> None:
    text = "before\n<!-- source-mapping:start old -->\n| old |\n" + END + "\nafter"
    new = updated_text(text, "| new |")
    assert new.startswith("before\n<!-- source-mapping:start") and new.endswith(END + "\nafter")
    assert "| new |" in new and "| old |" not in new
    assert updated_text("no markers here", "| new |") is None


def add_stale_row(project: Project) -> None:
    """A row no need gives, after the table's header and delimiter lines (anchored on the markers)."""
    lines = project.read(RUNBOOK).split("\n")
    start, _ = block_span(lines)
    lines.insert(start + 3, "| `REC_GONE` Gone | source | `SRC_GONE` | <https://docs.databricks.com/> |")
    project.write(RUNBOOK, "\n".join(lines))


def test_stale_table_fails_the_build_naming_the_command(project: Project) -> None:
    add_stale_row(project)
    result = project.build()
    assert result.returncode != 0
    line = block_span(project.read(RUNBOOK).split("\n"))[0] + 1
    assert f"{RUNBOOK}:{line}" in result.output, result.output
    assert "source mapping table is stale: run `tox -e mapping`" in result.output, result.output


def test_write_command_regenerates_the_committed_table(project: Project) -> None:
    committed = project.read(RUNBOOK)
    add_stale_row(project)
    completed = project.write_mapping()
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert project.read(RUNBOOK) == committed
