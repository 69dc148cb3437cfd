"""How the runbook writes its figures (`runbook.figure`), on the vocabulary of runbook_policy.toml
`[figures]` and `[scaling]` (figure_forms.py reads every form: words, decimals, `12k`, hyphenated):

- a spec value's unit fits its key: `<span data-spec="vcpus">4</span> workers` is refused, as the
  key counts vCPUs (`[figures.key_units]` lists the units each key may be followed by);
- a `data-notspec` figure of a spec kind whose value differs from the spec says what it is instead (an
  engine default, another product's or version's figure, a local measurement): a declared word near it
  (`notspec_words`), so a wrong figure cannot hide behind the mark;
- a scale-target value (`[scaling] keys`) stands only where the runbook describes scaling: the sections
  and recommendations `[scaling]` names, never where the baseline is meant;
- a `--var name=value` in a command (code block or inline code) names a variable the bundle declares,
  and its value is one the spec accepts where the variable feeds a typed field (databricks-bundles'
  model of the job, for the target the command deploys).

Whether a figure is bound at all, and whether a bound value is the spec's, is spec_values.py's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from docutils import nodes
from sphinx_needs.nodes import Need

from bundle_spec import SpecError

from .context import CheckContext, Problem
from .doctree_utils import ancestors, following_text, nearest_line, top_level_sections
from .figure_forms import Figure, Vocabulary, figure_mismatch, spec_durations
from .model import Sections
from .nodes import not_spec, spec_value
from .text_lines import PARAGRAPH_LINES, file_lines, line_of, value_line

VAR = re.compile(r"--var(?:\s+|=)[\"']?(?P<name>[A-Za-z_][\w-]*)=(?P<value>[^\s\"'`]*)")
TARGET = re.compile(r"(?:^|\s)(?:-t|--target)(?:\s+|=)(?P<target>[\w-]+)")


def unit_misfit(key: str, following: str, vocabulary: Vocabulary) -> str:
    """Why the unit after a spec value does not fit its key ('' when it fits, or no unit follows)."""
    unit = vocabulary.unit_after(following)
    fits = vocabulary.key_units.get(key)
    if unit is None or fits is None or unit in fits:
        return ""
    return f"is followed by '{unit}', which does not fit {key} (it may be followed by: {', '.join(fits)})"


def marked_figure(marked: str, vocabulary: Vocabulary) -> Figure | None:
    """The figure a `data-notspec` text marks: a version, a figure, or a number with words before its unit."""
    found = vocabulary.versions(marked) or vocabulary.find(marked)
    return found[0] if found else vocabulary.loose(marked)


def bare_notspec(
    marked: str, text: str, start: int, deployed: Mapping[str, Mapping[str, str]], vocabulary: Vocabulary
) -> str:
    """Why a figure marked not the spec's must say what it is instead ('' when it need not or does): it
    states a spec key (its unit, or a duration word near it), differs from that key's value for some
    target, and has no declared word in it or near it. `start` is where the marked text is in `text`."""
    figure = marked_figure(marked, vocabulary)
    if figure is None:
        return ""
    placed = Figure(figure.text, figure.low, figure.high, figure.unit, start, start + len(marked))
    durations = set().union(*(spec_durations(values, vocabulary) for values in deployed.values()))
    keys = vocabulary.version_prefixes.get(figure.unit) or vocabulary.stated_keys(placed, text, durations)
    if not keys or not figure_mismatch(figure, keys, deployed, vocabulary):
        return ""
    if vocabulary.qualified(text, placed.start, placed.end, marked, figure.unit):
        return ""
    return (
        f"marks '{marked}', a figure of {', '.join(keys)} that differs from the spec, without saying what it "
        f"is instead: name it near the figure (one of: {', '.join(vocabulary.notspec_words)}), or bind the "
        "spec's value"
    )


def scaling_place(node: nodes.Node, config: Any) -> bool:
    """Whether a node stands where the runbook describes scaling (`[scaling]` of the policy): in a
    top-level section of a listed role, under a heading that opens with a listed prefix, or in a listed
    recommendation."""
    scaling = config.runbook_scaling or {}
    roles = Sections.of(config).titles(list(scaling.get("section_roles") or []))
    prefixes = tuple(scaling.get("heading_prefixes") or ())
    recommendations = set(scaling.get("recommendations") or ())
    for ancestor in ancestors(node):
        if isinstance(ancestor, Need) and ancestor.get("refid") in recommendations:
            return True
        if isinstance(ancestor, nodes.section):
            title = ancestor.next_node(nodes.title)
            text = title.astext().strip() if title is not None else ""
            if (prefixes and text.startswith(prefixes)) or (text in roles and is_top_level(ancestor)):
                return True
    return False


def is_top_level(section: nodes.section) -> bool:
    document = section.document
    return document is not None and section in top_level_sections(document)


def var_problems(
    command: str, variables: list[str], validate: Callable[[str, str, str], str]
) -> Iterator[tuple[int, str]]:
    """(offset in the command, why) for each `--var name=value` naming no declared variable, or giving a
    value the spec refuses: `validate(name, value, target)` says why ('' when accepted), `target` being
    what the command's `-t` names ('' for the bundle's default)."""
    target = TARGET.search(command)
    for match in VAR.finditer(command):
        name, value = match["name"], match["value"]
        if name not in variables:
            declared = ", ".join(variables) or "none"
            yield match.start(), f"'--var {name}=...' names no variable the bundle declares (declared: {declared})"
            continue
        refused = validate(name, value, target["target"] if target else "")
        if refused:
            yield match.start(), f"'--var {name}={value}': {refused}"


def check(ctx: CheckContext) -> Iterator[Problem]:
    vocabulary = Vocabulary.of(ctx.config)
    try:
        deployed = ctx.target_facts()
    except SpecError:
        deployed = {}  # the spec rule reports an unreadable spec
    lines = file_lines(ctx.doc_path(ctx.docname))
    scale_keys = set((ctx.config.runbook_scaling or {}).get("keys") or ())
    seen: dict[tuple, int] = {}
    for node in ctx.runbook.findall(spec_value):
        key, written = node["key"], node["written"]
        nth = seen[(node.line, key, written)] = seen.get((node.line, key, written), -1) + 1
        where = (ctx.docname, value_line(lines, node.line, key, written, nth))
        misfit = unit_misfit(key, following_text(node), vocabulary)
        if misfit:
            yield Problem("figure", f"{{spec}}`{key}={written}` {misfit}", where)
        if key in scale_keys and not scaling_place(node, ctx.config):
            message = (
                f"{{spec}}`{key}={written}` is a scale-target value outside the places that describe scaling "
                f"({describe_places(ctx.config)}); where the baseline is meant, bind its own key"
            )
            yield Problem("figure", message, where)
    if deployed:
        yield from notspec_problems(ctx, deployed, vocabulary, lines)
    yield from command_problems(ctx, lines)


def describe_places(config: Any) -> str:
    scaling = config.runbook_scaling or {}
    sections = Sections.of(config).titles(list(scaling.get("section_roles") or []))
    headings = [f"'{prefix} ...'" for prefix in scaling.get("heading_prefixes") or ()]
    return ", ".join([*(f"'{title}'" for title in sections), *headings, *(scaling.get("recommendations") or ())])


def paragraph_text(paragraph: nodes.Element, marked: nodes.Node) -> tuple[str, int]:
    """The paragraph's text and where the marked node's text starts in it."""
    text, start = "", -1
    for piece in paragraph.findall(nodes.Text):
        if start < 0 and any(node is marked for node in ancestors(piece)):
            start = len(text)
        text += piece.astext()
    return text, max(start, 0)


def notspec_problems(
    ctx: CheckContext, deployed: dict[str, dict[str, str]], vocabulary: Vocabulary, lines: list[str]
) -> Iterator[Problem]:
    for node in ctx.runbook.findall(not_spec):
        paragraph = next((a for a in ancestors(node) if isinstance(a, nodes.paragraph | nodes.title)), node)
        text, start = paragraph_text(paragraph, node)
        marked = node.astext()
        message = bare_notspec(marked, text, start, deployed, vocabulary)
        if message:
            first = nearest_line(node)
            needles = (f"<span data-notspec>{marked}</span>", f"{{notspec}}`{marked}`")
            found = [line_of(lines, needle, first or 1, limit=PARAGRAPH_LINES) for needle in needles]
            line = min((number for number in found if number), default=first)
            yield Problem("figure", f"{{notspec}}`{marked}` {message}", (ctx.docname, line))


def command_problems(ctx: CheckContext, lines: list[str]) -> Iterator[Problem]:
    """`--var` in the runbook's code blocks and inline code."""
    try:
        bundle = ctx.bundle
        jobs = ctx.governed_jobs()
    except SpecError:
        return  # the spec rule reports an unreadable spec
    variables = sorted(bundle.bundle.get("variables") or {})

    def validate(name: str, value: str, target: str) -> str:
        target = target or bundle.default_target() or ""
        if target not in bundle.targets():
            return f"the bundle has no target '{target}'"
        for job_key in jobs:
            try:
                bundle.typed_job(job_key, target, {name: value})
            except (ValueError, KeyError, TypeError) as error:
                return f"the spec refuses it (target {target}): {error}"
        return ""

    for node in ctx.runbook.findall(lambda n: isinstance(n, nodes.literal_block | nodes.literal)):
        text = node.astext()
        if "--var" not in text:
            continue
        for offset, message in var_problems(text, variables, validate):
            if isinstance(node, nodes.literal_block) and node.line:
                line = node.line + 1 + text[:offset].count("\n")
            else:
                first = nearest_line(node)
                line = line_of(lines, "--var", first or 1, limit=PARAGRAPH_LINES) or first
            yield Problem("figure", message, (ctx.docname, line))
