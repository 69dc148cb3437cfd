"""The claim classifier: every text the runbook renders is a claim, and the basis each shows
(claim_coverage.py checks them; coverage_line.py shows the figures; claim_fingerprints.py prints them).

What it reads, by docutils node type:
- prose units: a paragraph, a list item (its own paragraphs), a definition-list item (its term and its
  definition's paragraphs), a table body row (every cell);
- labels: every title (sections, admonitions, tables, topics), caption, rubric, field name, block-quote
  attribution, table header row; a recommendation's title (from the need, as its box shows it);
- raw HTML with visible text, in a need or not (no mark can sit in it, and the rules that read a
  recommendation's wording, figures and keys read Markdown);
- comments in code blocks (`# ...`, `-- ...`), found with the block's Pygments lexer;
- any other text node the page renders (a sweep after the walk, so a new construct is not skipped).
Skipped: targets, comments, substitution definitions, footnote labels, system messages, code itself
(the spec rules read it), and the placeholders of generated views (source matrices, the graph, the
coverage line): in Source Mapping nothing else is exempt.

A text inside a recommendation rests on the recommendation's basis, except raw HTML and an inference
that attributes a statement to a publisher without citing one of that publisher's sources. Elsewhere a
text has a basis when, in this order:
- it starts with strong "Inference" (an attribution to a publisher then needs a `{cite}` of it);
- it carries a `{cite}` of a source;
- it references a recommendation with `{need}` and restates it (claim_text.restates: enough of the
  need's title terms, or one of its settings); a reference it does not restate covers nothing;
- it carries `{descriptive}` and is navigation only (claim_text.navigation_problem);
- it is an index entry: only same-page links, each reading as the title of the section it opens;
- it is a label that is navigation only, or a top-level section title the policy fixes (the brief's
  seven, which the structure rule checks word for word: "Recommended Baseline Cluster Configuration"
  names a section, it advises nothing of its own), or a label that restates a recommendation of its
  section (a heading with a figure: "When to scale to 4 workers" over REC_SCALE_TRIGGERS' "Scale to 4
  workers only ...");
- it is a code comment that is navigation only or restates a recommendation its step references;
- it is a row of the identity table (compared with the spec cell by cell).
A nested list item with no basis of its own takes its item's (sourced, inference or reference), unless
a mark or reference of its own failed (a reason is never overridden).

Restating is judged per claim unit (the paragraph, item or row the reference sits in), not per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment
from pygments.util import ClassNotFound
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_ref import NeedRef

from .claim_text import ClaimWords, attributed_publishers, navigation_problem, restates, setting_keys
from .doctree_utils import ancestors, find_section, nearest_line
from .model import Sections, cite_nodes, is_cite, is_descriptive, parse_pinpoint, starts_with_inference_mark
from .nodes import coverage_line, source_matrix, trace_graph

KINDS = ("sourced", "inference", "reference", "spec", "descriptive", "unaccounted")
# The bases a nested list item takes from the item it sits in when it shows none of its own.
INHERITED = ("sourced", "inference", "reference")
# Nodes whose text is not shown as prose, and the placeholders of generated views.
SKIPPED = (
    nodes.target,
    nodes.comment,
    nodes.substitution_definition,
    nodes.label,
    nodes.system_message,
    source_matrix,
    trace_graph,
    coverage_line,
)
# Short texts that name or head what follows: navigation when they hold no claim (claim_text.py).
LABELS = (nodes.title, nodes.caption, nodes.rubric, nodes.field_name, nodes.attribution)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"<[^>]*>")
COMMENT_MARKERS = re.compile(r"^\s*(?:#+|--|//|/\*+)\s*|\s*\*+/\s*$")


def visible_html_text(raw: nodes.raw) -> str:
    """What a browser shows of a raw HTML block: its text outside comments and tags."""
    if "html" not in raw.get("format", "").split():
        return ""
    return " ".join(HTML_TAG.sub(" ", HTML_COMMENT.sub(" ", raw.astext())).split())


@dataclass(frozen=True)
class Claim:
    kind: str
    in_need: bool
    line: int | None
    text: str
    # The unit the claim is (claim_fingerprints.py reads it): a paragraph, list item, row, label, raw block,
    # or, for a code comment, a text node whose parent is its code block.
    node: Any = field(default=None, compare=False, repr=False)
    # Why a claim has no basis, when it has a mark or reference that does not cover it.
    reason: str = field(default="", compare=False)
    # The recommendations it rests on by restating them.
    refs: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Verdict:
    kind: str
    reason: str = ""
    refs: tuple[str, ...] = ()


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def parts(unit: nodes.Node) -> list[nodes.Element]:
    """The text elements of a claim unit (a list item's nested lists are units of their own)."""
    if isinstance(unit, nodes.list_item):
        return [child for child in unit.children if isinstance(child, nodes.paragraph)]
    if isinstance(unit, nodes.definition_list_item):
        found: list[nodes.Element] = []
        for child in unit.children:
            if isinstance(child, (nodes.term, nodes.classifier)):
                found.append(child)
            elif isinstance(child, nodes.definition):
                found += [p for p in child.children if isinstance(p, nodes.paragraph)]
        return found
    if isinstance(unit, nodes.row):
        return [p for entry in unit.children for p in entry.children if isinstance(p, nodes.paragraph)]
    if isinstance(unit, (nodes.TextElement, nodes.Text)):
        return [unit]
    return []


def visible_text(elements: list[nodes.Element]) -> str:
    """What a reader sees of the elements, without need references and marks (the words a rule judges)."""
    pieces: list[str] = []

    def visit(node: nodes.Node) -> None:
        if isinstance(node, (NeedRef, *SKIPPED)) or is_cite(node) or is_descriptive(node):
            pieces.append(" ")
        elif isinstance(node, nodes.raw):
            pieces.append(f" {visible_html_text(node)} ")
        elif isinstance(node, nodes.Text):
            pieces.append(node.astext())
        else:
            for child in node.children:
                visit(child)
            pieces.append(" ")

    for element in elements:
        visit(element)
    return " ".join("".join(pieces).split())


def section_titles(doctree: nodes.document) -> dict[str, str]:
    """Each section's anchor -> its title text."""
    return {
        anchor: section[0].astext()
        for section in doctree.findall(nodes.section)
        for anchor in (*section["ids"], section.get("slug") or "")
        if anchor
    }


def is_index_entry(paragraphs: list[nodes.Element], titles: dict[str, str]) -> bool:
    """Only same-page links, each reading exactly as the title of the section it opens."""
    links = [node for p in paragraphs for node in p.children if isinstance(node, nodes.reference)]
    if not links or any(not isinstance(node, nodes.reference) for p in paragraphs for node in p.children):
        return False
    return all(titles.get(link.get("refid", "")) == link.astext() for link in links)


def code_comments(code: str, language: str) -> list[tuple[int, str]]:
    """(0-based line in the block, text) of each comment of the code, by the language's Pygments lexer."""
    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        return []
    found = []
    for index, token, value in lexer.get_tokens_unprocessed(code):
        if token in Comment and token not in Comment.Hashbang and token not in Comment.Preproc:
            text = " ".join(COMMENT_MARKERS.sub("", value).split())
            if text:
                found.append((code.count("\n", 0, index), text))
    return found


@dataclass
class Reader:
    """What judging a text needs: the needs, the policy's words and the page's section titles."""

    needs: Any
    words: ClaimWords = field(default_factory=ClaimWords.none)
    titles: dict[str, str] = field(default_factory=dict)
    fixed_titles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.keys = setting_keys(self.needs)

    def recommendation(self, need_id: str) -> Any:
        need = self.needs.get(need_id) or {}
        return need if need.get("type") == "rec" else None

    def navigation_problem(self, text: str) -> str:
        return navigation_problem(text, self.words, self.keys)

    def restated(self, text: str, need_ids: list[str]) -> tuple[str, ...]:
        return tuple(
            need_id
            for need_id in dict.fromkeys(need_ids)
            if self.recommendation(need_id)
            and restates(text, self.recommendation(need_id), self.words.restate_min_terms)
        )

    def unattributed(self, text: str, cited: list[str]) -> list[str]:
        """The publishers the text has saying something that none of the cited sources is by."""
        publishers = {str((self.needs.get(source) or {}).get("publisher") or "") for source in cited}
        missing = []
        for name in attributed_publishers(text, self.words):
            wanted = self.words.publishers.get(name, "")
            if not cited or (wanted and wanted not in publishers):
                missing.append(name)
        return missing

    def prose(self, unit: nodes.Node, label: bool = False) -> Verdict:
        """The basis a prose unit (or a label, judged with its marks first) shows."""
        elements = parts(unit)
        text = visible_text(elements)
        leading = elements[:1] if isinstance(unit, (nodes.list_item, nodes.paragraph)) else elements[:2]
        if isinstance(unit, nodes.row):
            leading = elements
        cited = [pin.source for e in elements for node in cite_nodes(e) if (pin := parse_pinpoint(node["cite"]))]
        if any(isinstance(e, nodes.paragraph) and starts_with_inference_mark(e) for e in leading):
            missing = self.unattributed(text, cited)
            if missing:
                return Verdict("unaccounted", attribution_reason(missing))
            return Verdict("inference")
        if cited or any(cite_nodes(e) for e in elements):
            return Verdict("sourced")
        references = [ref["reftarget"].split(".")[0] for e in elements for ref in e.findall(NeedRef)]
        recommendations = [ref for ref in references if self.recommendation(ref)]
        reason = ""
        if recommendations:
            restated = self.restated(text, recommendations)
            if restated:
                return Verdict("reference", refs=restated)
            reason = (
                f"it references {', '.join(dict.fromkeys(recommendations))} but does not restate it (fewer than "
                f"{self.words.restate_min_terms} of the title's terms, none of its settings): say what the "
                "recommendation says, or give this text its own basis"
            )
        if any(is_descriptive(node) for e in elements for node in e.findall(nodes.inline)):
            problem = self.navigation_problem(text)
            if not problem:
                return Verdict("descriptive")
            return Verdict("unaccounted", f"{{descriptive}} marks navigation only, and this text holds {problem}")
        if self.titles and not label and is_index_entry(elements, self.titles):
            return Verdict("descriptive")
        return Verdict("unaccounted", reason)

    def label(self, node: nodes.Node, section_recs: tuple[str, ...]) -> Verdict:
        """A heading, caption, term or header row: its marks, else navigation, else its section's recommendations."""
        verdict = self.prose(node, label=True)
        if verdict.kind != "unaccounted" or verdict.reason:
            return verdict
        text = visible_text(parts(node))
        if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section) and text in self.fixed_titles:
            return Verdict("descriptive")
        return self.navigation_or_restating(
            text,
            section_recs,
            "a heading or label with {problem} is a claim: reword it as navigation, or let it restate a "
            "recommendation of its section",
        )

    def comment(self, text: str, unit_refs: tuple[str, ...]) -> Verdict:
        return self.navigation_or_restating(
            text,
            unit_refs,
            "a code comment with {problem} is a claim: move it into the step's text, where it can show a basis",
        )

    def navigation_or_restating(self, text: str, candidates: Iterable[str], unaccounted: str) -> Verdict:
        """Navigation text is descriptive; otherwise it must restate one of `candidates` (recommendation IDs),
        else it is unaccounted with `unaccounted` ({problem}: what makes it more than navigation)."""
        problem = self.navigation_problem(text)
        if not problem:
            return Verdict("descriptive")
        restated = self.restated(text, list(candidates))
        if restated:
            return Verdict("reference", refs=restated)
        return Verdict("unaccounted", unaccounted.format(problem=problem))


def attribution_reason(names: list[str]) -> str:
    return (
        f"an inference that has {', '.join(names)} say something cites it: add a {{cite}} of that publisher's "
        "page (or, in a recommendation, list it in :cites:)"
    )


def raw_reason(need_id: str | None) -> str:
    where = f"inside {need_id}" if need_id else "outside a recommendation"
    return f"raw HTML {where} shows text that no mark can cover and the rules do not read: write it as Markdown"


def section_recommendations(section: nodes.Element, needs: Any) -> tuple[str, ...]:
    return tuple(
        node["refid"] for node in section.findall(Need) if (needs.get(node["refid"]) or {}).get("type") == "rec"
    )


def claims(
    doctree: nodes.document,
    needs: Any,
    spec_tables: tuple[nodes.table, ...] = (),
    words: ClaimWords | None = None,
    fixed_titles: frozenset[str] = frozenset(),
) -> list[Claim]:
    found: list[Claim] = []
    reader = Reader(needs, words or ClaimWords.none(), section_titles(doctree), fixed_titles)
    judged: set[int] = set()  # id() of every node whose text a claim holds

    def need_of(need: Need | None) -> Any:
        return needs.get(need["refid"]) or {} if need is not None else {}

    def need_kind(need: Need) -> str:
        """A sourced recommendation's text, or a register entry's (which describes its own page), is sourced."""
        data = need_of(need)
        return "sourced" if data.get("basis") == "source" or data.get("type") == "src" else "inference"

    def record(verdict: Verdict, in_need: bool, line: int | None, text: str, unit: nodes.Node) -> str:
        found.append(Claim(verdict.kind, in_need, line, text, unit, verdict.reason, verdict.refs))
        judged.add(id(unit))
        judged.update(id(part) for part in parts(unit))
        return verdict.kind

    def in_need_verdict(unit: nodes.Node, need: Need) -> Verdict:
        """A need's text rests on its basis; an inference attributing to a publisher must cite them."""
        data = need_of(need)
        if data.get("type") == "rec" and data.get("basis") == "inference":
            elements = parts(unit)
            inline = [p.source for e in elements for n in cite_nodes(e) if (p := parse_pinpoint(n["cite"]))]
            missing = reader.unattributed(visible_text(elements), [*(data.get("cites") or []), *inline])
            if missing:
                return Verdict("unaccounted", attribution_reason(missing))
        return Verdict(need_kind(need))

    def add(unit: nodes.Element, need: Need | None, line: int | None, inherited: str = "") -> str:
        text = " ".join(p.astext() for p in parts(unit)).strip()
        if not text:
            return ""
        if need is not None:
            return record(in_need_verdict(unit, need), True, line, text, unit)
        verdict = reader.prose(unit)
        if verdict.kind == "unaccounted" and inherited and not verdict.reason:
            verdict = Verdict(inherited)
        return record(verdict, False, line, text, unit)

    def add_label(node: nodes.Element, need: Need | None, line: int | None, recs: tuple[str, ...]) -> None:
        text = " ".join(p.astext() for p in parts(node)).strip()
        if not text:
            return
        verdict = in_need_verdict(node, need) if need is not None else reader.label(node, recs)
        record(verdict, need is not None, line, text, node)

    def add_comments(block: nodes.literal_block, need: Need | None, unit_refs: tuple[str, ...]) -> None:
        judged.add(id(block))
        for offset, text in code_comments(block.astext(), block.get("language", "")):
            holder = nodes.Text(text)
            holder.parent = block  # not a child: the claim's section is its block's
            line = (block.line + 1 + offset) if block.line else None  # MyST: the fence line, then the code
            verdict = Verdict(need_kind(need)) if need is not None else reader.comment(text, unit_refs)
            found.append(Claim(verdict.kind, need is not None, line, text, holder, verdict.reason, verdict.refs))

    def walk(
        node: nodes.Element,
        need: Need | None,
        inherited: str = "",
        recs: tuple[str, ...] = (),
        unit_refs: tuple[str, ...] = (),
    ) -> None:
        for child in node.children:
            if isinstance(child, SKIPPED) or not isinstance(child, nodes.Element):
                continue
            if isinstance(child, nodes.section):
                walk(child, need, inherited, section_recommendations(child, needs), unit_refs)
            elif isinstance(child, LABELS):
                add_label(child, need, child.line or nearest_line(child), recs)
            elif isinstance(child, nodes.literal_block):
                add_comments(child, need, unit_refs)
            elif isinstance(child, nodes.raw):
                judged.add(id(child))
                text = visible_html_text(child)
                if text:
                    # No mark can sit in raw HTML, and the rules that read a need's words read Markdown.
                    reason = raw_reason(need["refid"] if need is not None else None)
                    found.append(Claim("unaccounted", need is not None, child.line, text, child, reason))
            elif isinstance(child, Need):
                title = str(need_of(child).get("title") or "")
                if title:
                    found.append(Claim(need_kind(child), True, need_of(child).get("lineno"), title, child))
                walk(child, child, "", recs)
            elif isinstance(child, nodes.table):
                walk_table(child, need, recs)
            elif isinstance(child, (nodes.list_item, nodes.definition_list_item)):
                kind = add(child, need, child.line or nearest_line(child), inherited)
                refs = found[-1].refs if found and found[-1].node is child else ()
                # Nested lists only (the item's paragraphs are counted above). A sub-item rests on its
                # item's basis, as a second paragraph of the item does; navigation and spec rows lend none.
                walk(child, need, kind if kind in INHERITED else "", recs, refs or unit_refs)
            elif isinstance(child, nodes.paragraph):
                if not isinstance(node, (nodes.list_item, nodes.definition)):
                    add(child, need, child.line)
            else:
                walk(child, need, inherited, recs, unit_refs)

    def walk_table(table: nodes.table, need: Need | None, recs: tuple[str, ...]) -> None:
        for title in table.findall(nodes.title):
            add_label(title, need, table.line, recs)
        for head in table.findall(nodes.thead):
            for row in (r for r in head.children if isinstance(r, nodes.row)):
                add_label(row, need, table.line or row.line, recs)
        for body in table.findall(nodes.tbody):
            for index, row in enumerate(r for r in body.children if isinstance(r, nodes.row)):
                # MyST pipe tables: header line, delimiter line, then one line per row.
                line = (table.line or 0) + 2 + index if table.line else row.line
                if table in spec_tables and need is None:
                    text = " ".join(p.astext() for p in parts(row))
                    record(Verdict("spec"), False, line, text, row)
                else:
                    add(row, need, line)
        judged.update(id(node) for node in table.findall(nodes.Element))

    walk(doctree, None)
    sweep(doctree, judged, found, reader)
    return found


def sweep(doctree: nodes.document, judged: set[int], found: list[Claim], reader: Reader) -> None:
    """Text the walk did not reach (a construct it does not know) is judged as a label: nothing rendered
    goes unread."""
    for text in doctree.findall(nodes.Text):
        holder = None
        skip = False
        for ancestor in ancestors(text.parent):
            if id(ancestor) in judged or isinstance(ancestor, (*SKIPPED, nodes.raw, nodes.literal_block, Need)):
                skip = True
                break
            if holder is None and isinstance(ancestor, nodes.TextElement):
                holder = ancestor
        if skip or holder is None or not text.astext().strip():
            continue
        judged.add(id(holder))
        verdict = reader.label(holder, ())
        found.append(Claim(verdict.kind, False, nearest_line(holder), holder.astext(), holder, verdict.reason))


def prose_kind(unit: nodes.Element, needs: Any, titles: dict[str, str] | None = None) -> str:
    """The kind of basis a prose unit shows, with the policy's words left empty (unit tests)."""
    return Reader(needs, titles=titles or {}).prose(unit).kind


def figures(found: list[Claim]) -> dict[str, int]:
    counts = {kind: sum(1 for claim in found if claim.kind == kind) for kind in KINDS}
    counts["sourced_in_needs"] = sum(1 for claim in found if claim.kind == "sourced" and claim.in_need)
    counts["sourced_inline"] = counts["sourced"] - counts["sourced_in_needs"]
    counts["inference_in_needs"] = sum(1 for claim in found if claim.kind == "inference" and claim.in_need)
    counts["inference_inline"] = counts["inference"] - counts["inference_in_needs"]
    return {"total": len(found), **counts}


def runbook_claims(runbook: nodes.document, needs: Any, config: Any) -> list[Claim]:
    """The runbook's claims, its identity table's rows bound to the spec (shared with coverage_line.py)."""
    sections = Sections.of(config)
    purpose = find_section(runbook, sections.purpose)
    identity = tuple(purpose.findall(nodes.table))[:1] if purpose is not None else ()
    fixed = frozenset(Sections.ordered(config))
    return claims(runbook, needs, identity, ClaimWords.of(config), fixed)
