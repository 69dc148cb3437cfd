"""GitHub-readable source: pages written so that GitHub's renderer (GFM, which knows no MyST) shows
them as a runbook, turned back into MyST before Sphinx parses them (`source-read`), line for line.

    :::{rec} Title                              GFM shows the title; MyST reads the directive
    <div id="REC_X"><!--                        -> :id: REC_X       (GFM: the anchor need links land on)
    :basis: source                              (field lines: hidden from GFM in the comment)
    :cites: SRC_A --></div>                     -> :cites: SRC_A
    <span data-spec="workers">2</span>          -> {spec}`workers=2`
    <span data-notspec>200 partitions</span>    -> {notspec}`200 partitions`
    <span data-bench="job_soak:x_ms">612 ms</span>   -> {bench}`612 ms <job_soak:x_ms>`
    <span data-assumed="production_eps">50 events/s</span> -> {assumed}`50 events/s <production_eps>`
    <span data-threshold="soak_growth_pct">115</span>   -> {threshold}`115 <soak_growth_pct>`
    [REC_X](#REC_X), [EVD_X](evidence.md#EVD_X) -> {need}`REC_X`
    <!-- site-only                              -> blank line  (a generated view GitHub need not show:
    :::{source-matrix}                              the committed mapping list stands in for it there)
    :::
    -->                                         -> blank line

GFM shows each figure as the value the build checks (`{spec}` for every target, `{bench}`,
`{assumed}` and `{threshold}` against the results and the runbook policy, each naming its line), and
hides the keys. Every line keeps its number, so each `file:line` the build reports points at the
committed source. Fenced code (``` or ~~~) is left as written.
"""

from __future__ import annotations

import re

NEED_ID = r"(?:REC|SRC|EVD)_[A-Z0-9_]{3,}"
# A directive fence line: `:::{name} title`, indented as the need sits.
DIRECTIVE = re.compile(r"^(?P<indent>\s*):::+\{[a-z-]+\}")
# The first line after a need's fence: its ID as a GitHub anchor, opening the comment that hides its fields.
FIELDS_OPEN = re.compile(rf"^(?P<indent>\s*)<div id=\"(?P<id>{NEED_ID})\"><!--\s*$")
FIELDS_CLOSE = re.compile(r"^(?P<field>.*?)\s*--></div>\s*$")
SITE_ONLY_OPEN = re.compile(r"^\s*<!-- site-only\s*$")
COMMENT_CLOSE = re.compile(r"^\s*-->\s*$")
CODE_FENCE = re.compile(r"^\s*(```|~~~)")
SPAN = re.compile(
    r"<span data-(?P<kind>spec|notspec|bench|assumed|threshold)(?:=\"(?P<key>[^\"]*)\")?>(?P<text>[^<]*)</span>"
)
NEED_LINK = re.compile(rf"\[(?P<id>{NEED_ID})\]\((?:[\w./-]*\.md)?#(?P=id)\)")


def role(match: re.Match) -> str:
    kind, key, text = match["kind"], match["key"] or "", match["text"]
    if kind == "spec":
        return f"{{spec}}`{key}={text}`"
    if kind == "notspec":
        return f"{{notspec}}`{text}`"
    return f"{{{kind}}}`{text} <{key}>`"


def inline(line: str) -> str:
    return NEED_LINK.sub(lambda m: f"{{need}}`{m['id']}`", SPAN.sub(role, line))


FIELD = re.compile(r"^\s*:[a-z_]+:")


def fields_closed(lines: list[str], start: int) -> bool:
    """Field lines from `start`, the last one closing the comment. If not, the opening line is left as
    written: the need then has no ID, and sphinx-needs fails the build at its line."""
    for line in lines[start:]:
        if not FIELD.match(line):
            return False
        if FIELDS_CLOSE.match(line):
            return True
    return False


def to_myst(text: str) -> str:
    """The MyST Sphinx parses: the same number of lines, the GitHub-readable forms written as roles
    and directive options."""
    lines = text.split("\n")
    out: list[str] = []
    code: str | None = None  # the fence that opened the code block we are in
    fields = site_only = False
    for number, line in enumerate(lines):
        fence = CODE_FENCE.match(line)
        if code is not None:
            if fence and fence.group(1) == code:
                code = None
            out.append(line)
            continue
        if fence and not fields and not site_only:
            code = fence.group(1)
            out.append(line)
            continue
        opened = FIELDS_OPEN.match(line)
        if opened and number and DIRECTIVE.match(lines[number - 1]) and fields_closed(lines, number + 1):
            fields = True
            out.append(f"{opened['indent']}:id: {opened['id']}")
        elif fields and FIELDS_CLOSE.match(line):
            fields = False
            out.append(FIELDS_CLOSE.match(line)["field"])
        elif fields:
            out.append(line)
        elif SITE_ONLY_OPEN.match(line):
            site_only = True
            out.append("")
        elif site_only and COMMENT_CLOSE.match(line):
            site_only = False
            out.append("")
        else:
            out.append(inline(line))
    return "\n".join(out)


def gfm_source_read(app: object, docname: str, source: list[str]) -> None:
    """`source-read`: every page may use the GitHub-readable forms."""
    source[0] = to_myst(source[0])
