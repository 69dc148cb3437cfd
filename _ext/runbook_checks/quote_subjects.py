"""A quoted benchmark figure is about the configuration its sentence names.

A `{bench}` quote of a configuration's figure (`job_latency:partitions-2x.trigger_ms.p50.median`) must
sit where that configuration is named: in its sentence, in the list item it is in, or in its table
row or the table's header. Named means the configuration's name (hyphens read as spaces, any case) or
one of the words the runbook policy declares for it (`[evidence_configuration_words]`:
`partitions-2x = ["2x partitions", "doubling the partitions"]`). A quote of another configuration's
figure than the one the sentence is about fails at the quote's line.

A quote naming several configurations (a ratio `spark-defaults.x / runbook.x`, or a comparison) is
about each of them: every one must be named around it, since the sentence states how they compare.
Figures that are no configuration's (`parameters.*`, a soak's `minute_07.*`, a docs-scaling row,
`assumed.*`, `threshold.*`) are not checked. The rule sees which configuration a quote names, not
which of several named in one sentence a reader will attach it to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes

from .context import CheckContext, Problem
from .evidence_relations import names
from .evidence_results import RESULTS_FOLDER, ResultError
from .model import QUOTED_FIGURE_CLASSES, configuration_words
from .result_cache import load_once
from .text_lines import file_lines, line_of

SENTENCE_END = re.compile(r"[.!?][\"')\]\u2019\u201d]*\s+")


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[-_\u2010-\u2014]", " ", text.lower()).split())


def names_configuration(text: str, configuration: str, words: list[str]) -> bool:
    """Whether `text` names the configuration: its name or one of its declared words, as whole words."""
    haystack = normalised(text)
    for word in [configuration, *words]:
        if re.search(rf"(?<![a-z0-9]){re.escape(normalised(word))}(?![a-z0-9])", haystack):
            return True
    return False


def quoted_configurations(expression: str, configurations: list[str]) -> list[str]:
    """The configurations whose figures an expression names, in order, each once."""
    found = [name.split(".", 1)[0] for name in names(expression)]
    return list(dict.fromkeys(name for name in found if name in configurations))


def text_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding [start, end)."""
    before = [m.end() for m in SENTENCE_END.finditer(text) if m.end() <= start]
    after = [m.start() for m in SENTENCE_END.finditer(text) if m.start() >= end]
    return text[(before[-1] if before else 0) : (after[0] + 1 if after else len(text))]


def paragraph_text(paragraph: nodes.Element, quote: nodes.Element) -> tuple[str, int, int]:
    """The paragraph's text and where the quote's text is in it."""
    pieces: list[str] = []
    start = end = -1
    for text in paragraph.findall(nodes.Text):
        inside = any(parent is quote for parent in ancestors(text))
        if inside and start < 0:
            start = sum(len(piece) for piece in pieces)
        pieces.append(text.astext())
        if inside:
            end = sum(len(piece) for piece in pieces)
    return "".join(pieces), max(start, 0), max(end, 0)


def ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def header_text(row: nodes.row) -> str:
    group = row.parent.parent if row.parent is not None else None
    heads = [child for child in (group.children if group is not None else []) if isinstance(child, nodes.thead)]
    return " ".join(head.astext() for head in heads)


def context_of(quote: nodes.Element) -> tuple[str, str]:
    """(what the quote is read with, what that is): its table row and header, its list item, or its sentence."""
    paragraph = None
    for parent in ancestors(quote):
        if isinstance(parent, nodes.row):
            return parent.astext() + " " + header_text(parent), "table row (and header)"
        if isinstance(parent, nodes.list_item):
            return parent.astext(), "list item"
        if isinstance(parent, nodes.paragraph) and paragraph is None:
            paragraph = parent
        if isinstance(parent, nodes.section | nodes.document):
            break
    if paragraph is None:
        return quote.astext(), "sentence"
    return text_around(*paragraph_text(paragraph, quote)), "sentence"


def quote_line(lines: list[str], quote: nodes.Element, target: str) -> int | None:
    """The quote's own line: from its paragraph's first line, the first line holding it in either form."""
    start = next((parent.line for parent in ancestors(quote) if getattr(parent, "line", None)), None)
    forms = (f'data-bench="{target}"', f"<{target}>`", f"`{target}`")
    found = [line_of(lines, form, start or 1) for form in forms]
    return min((number for number in found if number is not None), default=start)


def problems_in(
    doctree: nodes.document, source: list[str], docname: str, configurations_of, words: dict[str, list[str]]
) -> Iterator[Problem]:
    """Each quote of a configuration's figure whose context does not name that configuration."""
    for quote in doctree.findall(nodes.inline):
        if QUOTED_FIGURE_CLASSES[0] not in quote["classes"] or not quote.get("figure"):
            continue
        target = quote["figure"]
        result, _, expression = target.partition(":")
        named = quoted_configurations(expression, configurations_of(result.strip()))
        if not named:
            continue
        text, unit = context_of(quote)
        for configuration in named:
            if names_configuration(text, configuration, words.get(configuration, [])):
                continue
            declared = ", ".join(f"'{word}'" for word in words.get(configuration, [])) or "none declared"
            yield Problem(
                "evidence",
                f"bench quote '{target}' is a figure of configuration '{configuration}', which its {unit} does "
                f"not name (its name or a word of runbook_policy.toml [evidence_configuration_words]: {declared})",
                (docname, quote_line(source, quote, target)),
            )


def check(ctx: CheckContext) -> Iterator[Problem]:
    known: dict[str, list[str]] = {}

    def configurations_of(result: str) -> list[str]:
        if result not in known:
            try:
                document = load_once(ctx.repo_root / RESULTS_FOLDER / f"{result}.json")
                known[result] = [str(c.get("name")) for c in document.get("configurations") or []]
            except (OSError, ResultError):
                known[result] = []  # the bench role reports a quote of a missing or unreadable file
        return known[result]

    words = configuration_words(ctx.config)
    for docname in ctx.docnames:
        source = file_lines(ctx.doc_path(docname))
        yield from problems_in(ctx.doctree(docname), source, docname, configurations_of, words)
