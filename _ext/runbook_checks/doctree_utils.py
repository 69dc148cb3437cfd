"""Small helpers to read the parsed runbook (docutils doctree), not its Markdown source."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes


def top_level_sections(doctree: nodes.document) -> list[nodes.section]:
    """Sections directly under the page title (the runbook's `##` headings)."""
    title_sections = [node for node in doctree.children if isinstance(node, nodes.section)]
    if not title_sections:
        return []
    return [child for child in title_sections[0].children if isinstance(child, nodes.section)]


def section_title(section: nodes.section) -> str:
    return section.next_node(nodes.title).astext().strip()


def find_section(doctree: nodes.document, title: str) -> nodes.section | None:
    for section in top_level_sections(doctree):
        if section_title(section) == title:
            return section
    return None


def inline_literals(node: nodes.Node) -> Iterator[nodes.literal]:
    yield from node.findall(nodes.literal)


def code_blocks(node: nodes.Node, *languages: str) -> Iterator[nodes.literal_block]:
    for block in node.findall(nodes.literal_block):
        if block.get("language") in languages:
            yield block


def ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    """The node itself, then each parent up to the document."""
    while node is not None:
        yield node
        node = node.parent


def nearest_line(node: nodes.Node) -> int | None:
    """The node's source line, or its nearest ancestor's (text nodes carry none)."""
    return next((ancestor.line for ancestor in ancestors(node) if ancestor.line), None)


def following_text(node: nodes.Node, limit: int = 40) -> str:
    """The text that follows an inline node in its paragraph or title (up to `limit` characters): the
    unit after a value ('2' -> ' workers (compute-optimized'). Leaves inline markup it sits in."""
    pieces: list[str] = []
    parent = node.parent
    while parent is not None:
        pieces += [sibling.astext() for sibling in parent.children[parent.index(node) + 1 :]]
        if not isinstance(parent, nodes.Inline) or len("".join(pieces)) >= limit:
            break
        node, parent = parent, parent.parent
    return "".join(pieces)[:limit]
