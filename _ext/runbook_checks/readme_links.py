"""Relative links in README.md must resolve to files in the repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from .context import CheckContext, Problem


def check(ctx: CheckContext) -> Iterator[Problem]:
    name = ctx.config.runbook_readme_file
    readme = ctx.repo_root / name
    if not readme.is_file():
        yield Problem("link", f"{name} not found")
        return
    for href, line in broken_links(readme):
        yield Problem("link", f"{name}: link '{href}' does not resolve to a file", f"{readme}:{line}")


def relative_link_targets(markdown_text: str) -> list[tuple[str, int]]:
    """(href, 1-based line) for every link that is not external or a pure in-page anchor."""
    targets: list[tuple[str, int]] = []
    for token in MarkdownIt("commonmark").parse(markdown_text):
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] + 1 if token.map else 0
        for child in token.children:
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if href and not urlsplit(href).scheme and not href.startswith("#"):
                    targets.append((href, line))
    return targets


def broken_links(readme: Path) -> list[tuple[str, int]]:
    broken = []
    for href, line in relative_link_targets(readme.read_text(encoding="utf-8")):
        target = (readme.parent / urlsplit(href).path).resolve()
        if not target.exists():
            broken.append((href, line))
    return broken
