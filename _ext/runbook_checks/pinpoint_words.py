"""Pinpoint wording: a sourced recommendation says what its pinpoints point at (issue 18, items 5 and 8).

A pinpoint's key terms are what a reader looks for in the cited section (pinpoints.py); this rule ties
them to the recommendation's own words, so that the page, the pinpoint and the claim say one thing:

a. every key term of a sourced recommendation's pinpoints is in its text (title or body), compared
   normalised (`normalised`: case, hyphens and dashes, trivial plurals, number words, "1-2" = "1 to 2" =
   "one to two", "2x" = "2 times"); a term written as a key or name (no space, and a dot, an underscore,
   a hyphen or an inner capital: `changelogCheckpointing.enabled`, `--job-id`, `list-runs`, `txnAppId`)
   must be there exactly as written;
b. every number and version its text states (digits, number words, ranges, "Runtime 18.3", "Spark 4.1")
   is a figure of one of its pinpoints' terms, or is bound: a `data-spec`, `data-bench` or
   `data-assumed` span, which the spec and evidence rules check against the spec, the results and the
   assumptions. A `data-notspec` span binds nothing: it only says that a figure is not the spec's, and
   nothing checks its value, so its figure must be among the terms like any other. A number word that
   is also a pronoun or an article ("a new one", "one cluster") counts only in a range or a multiple. A
   quantity word without a value ("twice", "double", "half", "dozen", "thirty", "hundred": `[claim_words]`
   number words and `[figures]` multipliers) is a figure as written: it too must be among the terms;
c. no key term is generic: a stop list, and a shortest length (runbook_policy.toml `[pinpoint_wording]`,
   which also declares the number words);
d. no pinpoint (the same source, anchor and terms) sits on two recommendations: a copy is reported at
   the second, naming the first.

Each finding is a `runbook.pinpoint` warning naming the need, the term or figure and the pinpoint, at
the line of that pinpoint in the `:pinpoints:` field, or at the line the figure is written on (item 8).
The functions above `check` are pure: text and needs in, findings out (tests/unit/test_pinpoint_words.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_ref import NeedRef

from .context import CheckContext, Problem
from .doctree_utils import nearest_line
from .gfm_source import NEED_LINK, SPAN
from .model import QUOTED_FIGURE_CLASSES, Pinpoint, is_cite, need_pinpoints
from .nodes import spec_value
from .text_lines import file_lines, line_of

# --- the normaliser ---
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Sphinx's smart quotes and the typographic forms, back to what the source types; one character for one,
# so positions in the text stay positions in the normalised text.
PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00d7": "x"})
TOKEN = re.compile(rf"\d+(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)*|[^\W\d_]+|[-{DASHES}]|\S")
KEY_MARK = re.compile(r"[._-]|[a-z][A-Z]")


@dataclass(frozen=True)
class Wording:
    """runbook_policy.toml `[pinpoint_wording]`: number words, the stop list, the shortest term."""

    number_words: dict[str, str] = field(default_factory=dict)  # "two" -> "2"
    quantity_words: frozenset[str] = frozenset()  # "twice", "half", "hundred": figures without a value
    range_only: frozenset[str] = frozenset()  # number words that are figures only in a range or multiple
    stop_terms: frozenset[str] = frozenset()  # normalised
    min_term_length: int = 0

    @classmethod
    def of(
        cls,
        declared: dict[str, Any] | None,
        number_words: list[str] | tuple[str, ...] = (),
        quantity_words: Iterable[str] = (),
    ) -> Wording:
        """From `[pinpoint_wording]`, the number words of `[figures]` (each word's value its place) and the
        quantity words the claim rule counts besides them (`[figures]` multipliers, `[claim_words]`)."""
        declared = dict(declared or {})
        words = {str(word).lower(): str(value) for value, word in enumerate(number_words)}
        quantities = frozenset(str(w).lower() for w in quantity_words if len(str(w)) > 1) - set(words)
        range_only = frozenset(str(w).lower() for w in declared.get("range_only_words") or [])
        plain = cls(words, quantities, range_only)
        stops = frozenset(normalised(str(term), plain) for term in declared.get("stop_terms") or [])
        return cls(words, quantities, range_only, stops, int(declared.get("min_term_length") or 0))


@dataclass(frozen=True)
class Token:
    text: str  # normalised: lower case, singular, a number word as digits, a multiple's "x" as "time"
    start: int  # where the written word starts and ends in the text
    end: int
    number: bool = False
    spelled: str = ""  # the number word a number was written as ('' for digits)
    quantity: bool = False  # a quantity word without a value ("twice", "half"): a figure as written


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str, wording: Wording) -> list[Token]:
    """The words and numbers of a text, normalised; punctuation dropped, a dash between two numbers read as
    'to' (a range), a digit glued to a name ('c5', 'REC_18') part of the name, not a number."""
    found = list(TOKEN.finditer(text.translate(PLAIN)))
    out: list[Token | None] = []  # None: a dash, decided once its right neighbour is known
    dashes: list[int] = []
    for index, match in enumerate(found):
        word, start, end = match.group(0), match.start(), match.end()
        before = found[index - 1] if index else None
        glued = before is not None and before.end() == start
        if word[0].isdigit():
            in_name = glued and (before.group(0)[-1].isalpha() or before.group(0) == "_")
            out.append(Token(word.lower(), start, end) if in_name else Token(word.replace(",", ""), start, end, True))
        elif word.isalpha():
            lower = word.lower()
            last = out[-1] if out else None
            if lower in wording.number_words:
                out.append(Token(wording.number_words[lower], start, end, True, lower))
            elif singular(lower) in wording.quantity_words:
                out.append(Token(singular(lower), start, end, quantity=True))
            elif lower == "x" and glued and before.group(0)[0].isdigit() and last is not None and last.number:
                out.append(Token("time", start, end))  # "2x": two times
            else:
                out.append(Token(singular(lower), start, end))
        elif (word == "-" or word in DASHES) and not (glued and out and out[-1] is None):  # "--": one dash
            dashes.append(len(out))
            out.append(None)
    for at in dashes:  # "1-2", "one-to-two": a range between numbers; otherwise a hyphen joins two words
        left = out[at - 1] if at else None
        right = out[at + 1] if at + 1 < len(out) else None
        if left is not None and right is not None and left.number and right.number:
            out[at] = Token("to", left.end, right.start)
    return [token for token in out if token is not None]


def normalised(text: str, wording: Wording) -> str:
    return " ".join(token.text for token in tokens(text, wording))


def is_key(term: str) -> bool:
    """A term written as a key, option, command or identifier: compared exactly, not normalised."""
    term = term.strip()
    return (
        not re.search(r"\s", term)
        and bool(re.search(r"[A-Za-z]", term))
        and not term[0].isdigit()
        and bool(KEY_MARK.search(term))
    )


def says(text: str, term: str, wording: Wording) -> bool:
    """True when the text holds the term: a key exactly, anything else normalised, as whole words."""
    if is_key(term):
        return term.strip() in text
    wanted = normalised(term, wording)
    return bool(wanted) and f" {wanted} " in f" {normalised(text, wording)} "


@dataclass(frozen=True)
class Figure:
    value: str  # "2", "18.3", "1 to 2"
    start: int
    end: int


def figures(text: str, wording: Wording, every_word: bool = False) -> list[Figure]:
    """The numbers and ranges a text states. A range-only word ('one') counts in a range ('one to two') or
    a multiple ('one times'), or everywhere with `every_word` (a pinpoint term says no pronoun)."""
    found = tokens(text, wording)
    out = []
    index = 0
    while index < len(found):
        token = found[index]
        if token.quantity:
            out.append(Figure(token.text, token.start, token.end))
        if not token.number:
            index += 1
            continue
        ranged = index + 2 < len(found) and found[index + 1].text == "to" and found[index + 2].number
        if ranged:
            last = found[index + 2]
            out.append(Figure(f"{token.text} to {last.text}", token.start, last.end))
            index += 3
            continue
        multiple = index + 1 < len(found) and found[index + 1].text == "time"
        if every_word or multiple or token.spelled not in wording.range_only:
            out.append(Figure(token.text, token.start, token.end))
        index += 1
    return out


# --- the findings of one need, and across needs (pure) ---
@dataclass(frozen=True)
class Part:
    """A piece of a need's text: its title (line None) or a paragraph of its body. `text` as rendered
    (bound figures by their value), `unbound` with each bound figure as BOUND: the figures it states itself."""

    text: str
    unbound: str
    line: int | None = None


BOUND = "\u00a7"


@dataclass(frozen=True)
class Finding:
    message: str
    pinpoint: str | None = None  # the raw pinpoint the finding is about: reported at its line
    part: Part | None = None  # or the part of the text a figure is in, and the figure
    figure: Figure | None = None


def term_figures(pins: Iterable[Pinpoint], wording: Wording) -> set[str]:
    return {figure.value for pin in pins for term in pin.terms for figure in figures(term, wording, every_word=True)}


def need_findings(
    need_id: str, basis: str, pins: Sequence[tuple[str, Pinpoint | None]], parts: Sequence[Part], wording: Wording
) -> Iterator[Finding]:
    """(c) generic terms on any recommendation's pinpoints; (a) and (b) on a sourced one's."""
    pinned = [(raw, pin) for raw, pin in pins if pin is not None and pin.complete]
    for raw, pin in pinned:
        for term in pin.terms:
            if len(term.strip()) < wording.min_term_length:
                yield Finding(
                    f"'{need_id}' pinpoint {pin.source}#{pin.anchor}: key term '{term}' is shorter than "
                    f"{wording.min_term_length} characters, too short to find the support on the page",
                    raw,
                )
            elif normalised(term, wording) in wording.stop_terms:
                yield Finding(
                    f"'{need_id}' pinpoint {pin.source}#{pin.anchor}: key term '{term}' is too generic to find "
                    "the support on the page (runbook_policy.toml [pinpoint_wording] stop_terms): name what "
                    "the section says",
                    raw,
                )
    if basis != "source" or not pinned:
        return
    whole = "\n".join(part.text for part in parts)
    for raw, pin in pinned:
        for term in pin.terms:
            if not says(whole, term, wording):
                how = "as written (a key compares exactly)" if is_key(term) else f"('{normalised(term, wording)}')"
                yield Finding(
                    f"'{need_id}' pinpoint {pin.source}#{pin.anchor}: key term '{term}' is not in the "
                    f"recommendation's text {how}: say it in the text, or pinpoint what the text says",
                    raw,
                )
    offered = term_figures((pin for _, pin in pinned), wording)
    held = ", ".join(sorted(offered)) or "none"
    named = ", ".join(dict.fromkeys(f"{pin.source}#{pin.anchor}" for _, pin in pinned))
    for part in parts:
        for figure in figures(part.unbound, wording):
            if figure.value not in offered:
                written = " ".join(part.unbound[figure.start : figure.end].split())
                yield Finding(
                    f"'{need_id}' states '{written}' ({figure.value}), a figure none of its pinpoints' terms "
                    f"holds ({named}: {held}) and no bound span gives: add it to a pinpoint as the cited "
                    "section gives it, or bind it (data-spec, data-bench, data-assumed)",
                    part=part,
                    figure=figure,
                )


@dataclass(frozen=True)
class Pinned:
    need_id: str
    raw: str
    pin: Pinpoint


def pinpoint_key(pin: Pinpoint, wording: Wording) -> tuple[str, str, frozenset[str]]:
    return (pin.source, pin.anchor or "", frozenset(normalised(term, wording) for term in pin.terms))


def copies(pinned: Iterable[Pinned], wording: Wording) -> Iterator[tuple[Pinned, Pinned]]:
    """(first, copy) for each pinpoint that repeats, on another need, one seen before (in the order given)."""
    first: dict[tuple, Pinned] = {}
    for entry in pinned:
        key = pinpoint_key(entry.pin, wording)
        seen = first.setdefault(key, entry)
        if seen.need_id != entry.need_id:
            yield seen, entry


# --- where a finding is (item 8) ---
# How far below a need's directive line its fields run, and below a paragraph's first line its text.
FIELD_LINES = 20
PARAGRAPH_LINES = 60
ROLE = re.compile(r"\{(?P<kind>[a-z]+)\}`(?P<text>[^`]*)`")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
TAG = re.compile(r"<[^>]+>")


def visible_source(line: str) -> str:
    """A source line as the figures check reads it: bound figures, need links, cites and link targets
    blanked, a `data-notspec` span's text kept."""
    line = SPAN.sub(lambda m: m["text"] if m["kind"] == "notspec" else " ", line)
    line = ROLE.sub(lambda m: m["text"] if m["kind"] == "notspec" else " ", line)
    return TAG.sub(" ", LINK_TARGET.sub("] ", NEED_LINK.sub(" ", line)))


def written_pattern(written: str) -> re.Pattern[str]:
    """The figure as it may be written in the source: any line breaks, and '-', '--' or a dash alike."""
    pieces = []
    for piece in re.findall(rf"\s+|[-{DASHES}]+|[^\s\-{DASHES}]+", written):
        if piece.isspace():
            pieces.append(r"\s+")
        elif piece[0] == "-" or piece[0] in DASHES:
            pieces.append(rf"[-{DASHES}]{{1,3}}")
        else:
            pieces.append(re.escape(piece))
    tail = r"(?![A-Za-z])" if written[-1:].isalpha() else r"(?!\d|\.\d)"
    return re.compile(r"(?<![\w.])" + "".join(pieces) + tail, re.IGNORECASE)


def pinpoint_line(lines: Sequence[str], need_line: int | None, raw: str) -> int | None:
    start = need_line or 1
    return line_of(lines, raw, start, FIELD_LINES) or line_of(lines, ":pinpoints:", start, FIELD_LINES) or need_line


def figure_line(lines: Sequence[str], part: Part, figure: Figure) -> int | None:
    """The line the figure is written on: its nth written form from the paragraph's first line, n counted
    in the paragraph's text (bound figures blanked in both)."""
    if not part.line:
        return None
    written = part.unbound[figure.start : figure.end]
    pattern = written_pattern(written)
    nth = sum(1 for match in pattern.finditer(part.unbound) if match.start() < figure.start)
    last = min(len(lines), part.line + PARAGRAPH_LINES)
    source = "\n".join(visible_source(line) for line in lines[part.line - 1 : last])
    matches = list(pattern.finditer(source))
    if nth >= len(matches):
        return part.line
    return part.line + source.count("\n", 0, matches[nth].start())


# --- the need's text, read from the doctree ---
def is_bound(node: nodes.Node) -> bool:
    quoted = isinstance(node, nodes.inline) and bool(set(QUOTED_FIGURE_CLASSES) & set(node["classes"]))
    return isinstance(node, spec_value) or quoted


def paragraph_part(paragraph: nodes.paragraph) -> Part:
    rendered: list[str] = []
    unbound: list[str] = []

    def visit(node: nodes.Node) -> None:
        if isinstance(node, NeedRef) or is_cite(node):
            return  # a reference to a need or a citation: not the need's wording
        if is_bound(node):
            rendered.append(node.astext())
            unbound.append(BOUND)
        elif isinstance(node, nodes.Text):
            rendered.append(node.astext())
            unbound.append(node.astext())
        else:
            for child in node.children:
                visit(child)

    visit(paragraph)
    return Part("".join(rendered), "".join(unbound), nearest_line(paragraph))


def need_parts(title: str, node: Need | None) -> list[Part]:
    parts = [Part(title, title)]
    if node is not None:
        parts += [paragraph_part(p) for p in node.findall(nodes.paragraph)]
    return parts


def check(ctx: CheckContext) -> Iterator[Problem]:
    figures = getattr(ctx.config, "runbook_figures", None) or {}
    claim_words = getattr(ctx.config, "runbook_claim_words", None) or {}
    quantities = [*(figures.get("multipliers") or {}), *(claim_words.get("number_words") or ())]
    wording = Wording.of(
        getattr(ctx.config, "runbook_pinpoint_wording", None), figures.get("number_words") or (), quantities
    )
    recs = sorted(
        ((need_id, need) for need_id, need in ctx.needs.items() if need.get("type") == "rec" and need.get("docname")),
        key=lambda item: (item[1]["docname"], item[1].get("lineno") or 0),
    )
    lines: dict[str, list[str]] = {}
    need_nodes: dict[str, Need] = {}
    for docname in sorted({need["docname"] for _, need in recs}):
        lines[docname] = file_lines(ctx.doc_path(docname))
        need_nodes.update({node["refid"]: node for node in ctx.doctree(docname).findall(Need)})
    pinned: list[Pinned] = []
    for need_id, need in recs:
        docname, need_line = need["docname"], need.get("lineno")
        pins = need_pinpoints(need)
        sourced = need.get("basis") == "source"
        parts = need_parts(str(need.get("title") or ""), need_nodes.get(need_id)) if sourced else []
        for found in need_findings(need_id, str(need.get("basis") or ""), pins, parts, wording):
            if found.pinpoint is not None:
                line = pinpoint_line(lines[docname], need_line, found.pinpoint)
            elif found.part is not None and found.figure is not None:
                line = figure_line(lines[docname], found.part, found.figure) or need_line
            else:
                line = need_line
            yield Problem("pinpoint", found.message, (docname, line))
        pinned += [Pinned(need_id, raw, pin) for raw, pin in pins if pin is not None and pin.complete]
    for first, copy in copies(pinned, wording):
        first_need, copy_need = ctx.needs[first.need_id], ctx.needs[copy.need_id]
        first_line = pinpoint_line(lines[first_need["docname"]], first_need.get("lineno"), first.raw)
        there = "" if first_need["docname"] == copy_need["docname"] else f"{first_need['docname']}, "
        message = (
            f"'{copy.need_id}' pinpoint '{copy.raw}' repeats the pinpoint of '{first.need_id}' ({there}line "
            f"{first_line}): a copied recommendation; pinpoint where the page supports this claim, in its terms"
        )
        line = pinpoint_line(lines[copy_need["docname"]], copy_need.get("lineno"), copy.raw)
        yield Problem("pinpoint", message, (copy_need["docname"], line))
