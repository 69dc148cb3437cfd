"""Edits anchored on what the runbook's rewrites keep: need IDs, need fields, section titles, table shape.

Each function takes a page's text and returns it edited; it fails loudly when the anchor is missing,
so a mutation can never silently do nothing.
"""

from __future__ import annotations


def need_lines(text: str, need_id: str) -> tuple[list[str], int, int, str]:
    """(lines, index of the need's opening fence, index of its closing fence, its indentation)."""
    lines = text.split("\n")
    # The ID as a field line, or as the GitHub anchor that opens the hidden fields (gfm_source.py).
    ids = (f":id: {need_id}", f'<div id="{need_id}"><!--')
    at = next((i for i, line in enumerate(lines) if line.strip() in ids), None)
    assert at is not None, f"need {need_id} not found"
    start = at
    while not lines[start].lstrip().startswith(("```{", ":::{")):
        start -= 1
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    end = next(i for i in range(at, len(lines)) if lines[i].strip() in ("```", ":::"))
    return lines, start, end, indent


def first_body_line(lines: list[str], start: int, end: int) -> int:
    """The first line of the need's text: after its options and the blank line that ends them."""
    return next(i for i in range(start + 1, end) if not lines[i].strip()) + 1


def reword_need(text: str, need_id: str, prefix: str) -> str:
    """The need's first sentence, reworded by a leading phrase."""
    lines, start, end, indent = need_lines(text, need_id)
    body = first_body_line(lines, start, end)
    lines[body] = indent + prefix + lines[body].strip()
    return "\n".join(lines)


def append_to_need(text: str, need_id: str, paragraph: str) -> str:
    """A paragraph added at the end of the need's text."""
    lines, _, end, indent = need_lines(text, need_id)
    lines[end:end] = ["", indent + paragraph]
    return "\n".join(lines)


def add_pinpoint(text: str, need_id: str, pinpoint: str) -> str:
    """One more `SRC_ID#anchor: term` on the need's `:pinpoints:` line."""
    lines, start, end, _ = need_lines(text, need_id)
    at = next((i for i in range(start, end) if lines[i].strip().startswith(":pinpoints:")), None)
    assert at is not None, f"need {need_id} has no :pinpoints:"
    closing = " --></div>"  # the last field line closes the comment that hides the fields on GitHub
    if lines[at].endswith(closing):
        lines[at] = lines[at].removesuffix(closing) + f" | {pinpoint}{closing}"
    else:
        lines[at] += f" | {pinpoint}"
    return "\n".join(lines)


def add_table_row(text: str, heading: str, first: str, last: str) -> str:
    """A row at the top of the first pipe table under `heading`: `first` and `last` cells, '-' between."""
    lines = text.split("\n")
    at = lines.index(heading)
    delimiter = next(i for i in range(at, len(lines)) if lines[i].startswith("| ---") or lines[i].startswith("|---"))
    columns = lines[delimiter].count("|") - 1
    lines.insert(delimiter + 1, "| " + " | ".join([first, *["-"] * (columns - 2), last]) + " |")
    return "\n".join(lines)
