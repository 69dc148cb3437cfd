"""Required citations: what sphinx-needs' schema cannot say about them.

Which recommendation must cite which page is a schema rule of needs_schema.json (`required-citation-*`:
the recommendations selected by ID must link a source with that URL), and sphinx-needs reports a
recommendation that does not. A rule that selects a need by an ID no need has selects nothing and
so passes unchecked: this rule names each such ID, at its line in the schema file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .context import CheckContext, Problem
from .text_lines import file_lines, line_of


def selected_ids(schema: Mapping[str, Any]) -> list[str]:
    """The need IDs a schema rule's `select` names (`id` as `const` or `enum`)."""
    selector = ((schema.get("select") or {}).get("properties") or {}).get("id") or {}
    return ([selector["const"]] if "const" in selector else []) + list(selector.get("enum") or [])


def missing_selections(schemas: list[Mapping[str, Any]], need_ids: set[str]) -> list[tuple[str, str]]:
    """(schema rule ID, need ID) for each need ID a rule selects that no need has."""
    return [
        (schema.get("id") or "?", need_id)
        for schema in schemas
        for need_id in selected_ids(schema)
        if need_id not in need_ids
    ]


def check(ctx: CheckContext) -> Iterator[Problem]:
    definitions = ctx.config.needs_schema_definitions or {}
    schema_file = ctx.config.needs_schema_definitions_from_json
    path = Path(ctx.app.confdir, schema_file) if schema_file else None
    lines = file_lines(path) if path is not None and path.is_file() else []
    for rule_id, need_id in missing_selections(definitions.get("schemas") or [], set(ctx.needs)):
        message = f"schema rule '{rule_id}' selects '{need_id}', which is no need: the rule would pass unchecked"
        where = f"{path}:{line_of(lines, json_string(need_id)) or 1}" if path is not None else None
        yield Problem("citation", message, where)


def json_string(text: str) -> str:
    return f'"{text}"'
