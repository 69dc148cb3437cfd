"""Placeholder and marker node classes shared by rules and views, and the views' one placeholder filler
and table builder.

A directive leaves a placeholder that a view fills when the page is written; a rule recognises the
placeholders (structure.py: Source Mapping keeps its generated views) without importing the views.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes


class source_matrix(nodes.General, nodes.Element):
    """Placeholder for a traceability table (source_matrix.py fills it)."""


class trace_graph(nodes.General, nodes.Element):
    """Placeholder for the traceability graph (trace_graph.py fills it)."""


class coverage_line(nodes.General, nodes.Element):
    """Placeholder for the claim coverage line (coverage_line.py fills it)."""


class spec_value(nodes.inline):
    """A value written as {spec}`key=value`: checked against the spec, rendered as the value."""


class not_spec(nodes.inline):
    """A figure explicitly not the spec's: rendered as written, ignored by the unbound-value check."""


# What a view makes of one placeholder: its replacement, or None to drop it.
Filler = Callable[[nodes.Element], nodes.Node | None]


def fill_placeholders(doctree: nodes.document, placeholder: type[nodes.Element], prepare: Callable[[], Filler]) -> None:
    """Replace each placeholder of this class with what the filler makes of it; `prepare` (reading
    needs, rendering) runs only on a page that holds one."""
    found = list(doctree.findall(placeholder))
    if not found:
        return
    fill = prepare()
    for node in found:
        new = fill(node)
        if new is None:
            node.parent.remove(node)
        else:
            node.replace_self(new)


def new_table(
    headers: list[nodes.Node | str], widths: list[int], classes: list[str]
) -> tuple[nodes.table, nodes.tbody]:
    """A table with one header row (a column per header, of the given relative widths) and an empty body."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(text=header))
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    group += body
    return table, body
