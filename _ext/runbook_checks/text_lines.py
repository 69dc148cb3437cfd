"""Where a text is in a source file: the one line finder of the rules, views and tests.

MyST gives a role or a need its paragraph's first line, and JSON and TOML files have no line map;
a finding still names the line that holds its culprit, read from the source only for that.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def line_of(lines: Sequence[str], needle: str, start: int = 1, limit: int | None = None) -> int | None:
    """1-based number of the first line from `start` on (at most `limit` lines) that holds `needle`."""
    first = max(start, 1)
    last = len(lines) if limit is None else min(len(lines), first + limit)
    return next((number for number in range(first, last + 1) if needle in lines[number - 1]), None)


def file_lines(path: Path | str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").split("\n")


# How far below its paragraph's first line (which MyST gives every role in it) a value is looked for.
PARAGRAPH_LINES = 60


def value_line(lines: list[str], start: int | None, key: str, written: str, nth: int) -> int | None:
    """The line of the `nth` spec value `key=written` of a paragraph that starts at `start`: MyST gives a
    role its paragraph's first line, a finding names the line the value is written on."""
    needles = (f'<span data-spec="{key}">{written}</span>', f"{{spec}}`{key}={written}`")
    found = [
        number
        for number in range(start or 1, min(len(lines), (start or 1) + PARAGRAPH_LINES) + 1)
        for needle in needles
        for _ in range(lines[number - 1].count(needle))
    ]
    return found[nth] if nth < len(found) else start
