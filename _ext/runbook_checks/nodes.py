"""Placeholder and marker node classes shared by rules and views.

A directive leaves a placeholder that a view fills when the page is written; a rule recognises the
placeholders (structure.py: Source Mapping keeps its generated views) without importing the views.
"""

from __future__ import annotations

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
