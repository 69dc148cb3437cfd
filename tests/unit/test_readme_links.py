"""readme_links.py: README.md's relative links resolve."""

from __future__ import annotations

from pathlib import Path

from runbook_checks import readme_links
from runbook_checks.readme_links import broken_links, relative_link_targets

from unit.fakes import context

README = """# Title

See [the runbook](docs/runbook.md), [a section](#title) and [Databricks](https://docs.databricks.com/).

- [gone](docs/gone.md#anchor)
"""


def test_relative_link_targets_skip_external_and_in_page_links() -> None:
    assert relative_link_targets(README) == [("docs/runbook.md", 3), ("docs/gone.md#anchor", 5)]


def test_broken_link_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "runbook.md").write_text("# R\n")
    (tmp_path / "README.md").write_text(README)
    assert broken_links(tmp_path / "README.md") == [("docs/gone.md#anchor", 5)]
    [problem] = readme_links.check(context(repo_root=tmp_path))
    assert problem.subtype == "link"
    assert problem.location == f"{tmp_path / 'README.md'}:5"
    assert "link 'docs/gone.md#anchor' does not resolve" in problem.message


def test_missing_readme(tmp_path: Path) -> None:
    [problem] = readme_links.check(context(repo_root=tmp_path))
    assert problem.message == "README.md not found"
