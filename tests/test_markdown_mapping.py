"""The runbook's Markdown carries its claim -> source -> URL table: committed, complete, and
kept current by the build (markdown_mapping.py) and one command (tox -e mapping)."""

from __future__ import annotations

from docs_project import REPO_ROOT, RUNBOOK, Project, required_citations
from markdown_it import MarkdownIt
from runbook_checks.markdown_mapping import END, block_span, updated_text


def committed_claims() -> dict[str, dict]:
    """Each claim of the committed mapping, as GitHub's CommonMark renders it: its basis and the URLs and
    result files of the sources nested under it."""
    lines = (REPO_ROOT / RUNBOOK).read_text(encoding="utf-8").split("\n")
    start, end = block_span(lines)
    tokens = MarkdownIt("commonmark").parse("\n".join(lines[start + 1 : end]))
    claims: dict[str, dict] = {}
    depth, current = 0, None
    for token in tokens:
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "inline" and depth == 1:
            current = token.content.split("`")[1]
            claims[current] = {"basis": token.content.rsplit("(", 1)[1].rstrip(")"), "targets": []}
        elif token.type == "inline" and depth == 2:
            links = [child.attrs["href"] for child in token.children if child.type == "link_open"]
            claims[current]["targets"] += links or [token.content.split("`")[-2]]
    return claims


def test_committed_mapping_maps_each_required_url_to_its_claims() -> None:
    required = required_citations()
    claims = committed_claims()
    for url, recs in required.items():
        assert {rec for rec in recs if url in claims.get(rec, {}).get("targets", [])} == set(recs), url


def test_every_claim_names_its_basis_and_every_url_is_a_link() -> None:
    claims = committed_claims()
    assert {claim["basis"] for claim in claims.values()} == {"source", "inference"}
    assert all(claim["targets"] for claim in claims.values())


def test_block_is_replaced_between_the_markers_only() -> None:
    text = "before\n<!-- source-mapping:start old -->\n- old\n" + END + "\nafter"
    new = updated_text(text, "- new")
    assert new.startswith("before\n<!-- source-mapping:start") and new.endswith(END + "\nafter")
    assert "- new" in new and "- old" not in new
    assert updated_text("no markers here", "- new") is None


def add_stale_row(project: Project) -> int:
    """A claim no need gives, after the first claim and its sources (anchored on the markers)."""
    lines = project.read(RUNBOOK).split("\n")
    start, _ = block_span(lines)
    second_claim = next(i for i in range(start + 3, len(lines)) if lines[i].startswith("- "))
    lines.insert(second_claim, "- `REC_GONE` Gone (source)")
    project.write(RUNBOOK, "\n".join(lines))
    return second_claim + 1


def test_stale_table_fails_the_build_naming_the_command(project: Project) -> None:
    line = add_stale_row(project)
    result = project.build("dummy")  # only the warning matters
    assert result.returncode != 0
    assert f"{RUNBOOK}:{line}:" in result.output, result.output
    assert "source mapping is stale from this line: run `tox -e mapping`" in result.output, result.output


def test_write_command_regenerates_the_committed_table(project: Project) -> None:
    committed = project.read(RUNBOOK)
    add_stale_row(project)
    completed = project.write_mapping()
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert project.read(RUNBOOK) == committed
