"""Values the bundle defines, written in the runbook's prose, bound to the spec for every target.

    Deploy <span data-spec="workers">2</span> <span data-spec="node_type">c5.xlarge</span> workers ...

GitHub shows the value; gfm_source.py turns the span into the role {spec}`workers=2` before
parsing (the role is also accepted as written). `{spec}` renders the value and the build checks it
against the job as each target (dev, prod) deploys it, overrides and variables resolved.
`{notspec}` (`<span data-notspec>`) marks a figure that is not the spec's (an engine default,
another product's version) and renders it as it is. Any other figure of a spec kind, in any form
figure_forms.py reads (`three workers`, `0.5 s` for a millisecond value, `12k records`, `16-core`: the
units of `[figures.key_units]` in runbook_policy.toml), any node type, engine or Spark version, job
permission level (`CAN_MANAGE_RUN`), count of health rules, `UNPAUSED` or `/Volumes/` path in the
runbook's prose (paragraphs, list items, table cells) fails the build, so a value cannot drift from the
spec unnoticed. A spec value may be written in another form that means it (`two` workers, `0.5` s for a
500 ms trigger). Besides the job cluster and task, the facts (`facts`, `production_facts`)
cover the job's notifications (events, destinations), its health rules, its mode (continuous), its
checkpoint folder and storage, and what the production target deploys: the group permission on the job
(level and group), the continuous trigger's pause status and the checkpoint root. Titles (headings
and need titles) and code blocks cannot hold a role, so each figure of a spec kind in a title or a code
block must equal a spec value of its kind for every target. Left out: the
YAML snippet and the identity table (spec_consistency.py compares them), the Photon Note's fixed
sentences (structure.py), and Source Mapping (generated).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docutils import nodes

from bundle_spec import NODE_VCPUS, BundleSpec, SpecError, first_task, job_cluster, substitute

from .context import CheckContext, Problem
from .doctree_utils import ancestors, find_section, following_text, nearest_line
from .figure_forms import Vocabulary, figure_mismatch, same_value, spec_durations
from .model import QUOTED_FIGURE_CLASSES, Sections, task_parameter
from .nodes import not_spec, spec_value
from .text_lines import PARAGRAPH_LINES, file_lines, line_of, value_line

# What the prose may call a spec value; the code-like ones render as inline code.
CODE_LIKE = {
    "node_type",
    "trigger",
    "spark_version",
    "engine",
    "operators_permission",
    "operators_group",
    "prod_pause_status",
    "prod_checkpoint_root",
    "checkpoint_folder",
}
# What the prose may not write unbound besides the figures figure_forms.py finds (a number and a unit, or
# a product's version: `[figures]` of runbook_policy.toml): node types, engines, config lines, permission
# levels, counts of health rules, the pause status and checkpoint paths.
UNBOUND = re.compile(
    r"num_workers:\s*\d+|\b[a-z]\d[a-z]?\.\d*x?large\b|\b(?:STANDARD|PHOTON)\b"
    r"|\.partitions[\"']?\s*[:=]\s*[\"']?\d+"  # a partition count inside a config line in inline code
    # A job permission level, a count of health rules, the continuous trigger's state, a checkpoint path.
    r"|\bCAN_(?:MANAGE_RUN|VIEW)\b|\b(?:no|one|two|three|four|five|six|\d+)\s+(?:\w+\s+)?health\s+rules?\b"
    r"|\bUNPAUSED\b|/Volumes/[\w/.-]*[\w-]"
)
# Which spec values a name in a title may stand for (figures say their keys through their unit).
TITLE_NAMES = (
    (re.compile(r"\b[a-z]\d[a-z]?\.\d*x?large\b"), ("node_type",)),
    (re.compile(r"\b(?:STANDARD|PHOTON)\b"), ("engine",)),
)


def spec_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = ()):
    key, _, written = (part.strip() for part in text.partition("="))
    node = spec_value(rawtext, "", classes=["spec-value"], key=key, written=written)
    node += nodes.literal(written, written) if key in CODE_LIKE else nodes.Text(written)
    node.source, node.line = inliner.reporter.get_source_and_line(lineno)
    return [node], []


def notspec_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = ()):
    return [not_spec(rawtext, text, classes=["not-spec"])], []


def facts(job: dict[str, Any], config: Any) -> dict[str, str]:
    """The values a target deploys, as the prose writes them."""
    cluster = job_cluster(job)
    task = first_task(job)
    workers, node_type = int(cluster.get("num_workers") or 0), str(cluster.get("node_type_id"))
    vcpus = NODE_VCPUS.get(node_type, 0)
    partitions = int((cluster.get("spark_conf") or {}).get("spark.sql.shuffle.partitions") or 0)
    cores, scaled_cores = workers * vcpus, config.runbook_scale_to_workers * vcpus
    trigger = task_parameter(task, "--trigger-interval") or ""
    runtime = str(cluster.get("spark_version", "")).split(".")[0]
    health = {rule.get("metric"): str(rule.get("value")) for rule in (job.get("health") or {}).get("rules") or []}
    backlog_s = health.get("STREAMING_BACKLOG_SECONDS", "")
    trigger_ms = trigger.removesuffix(" milliseconds") if trigger.endswith(" milliseconds") else ""
    budget_ms = task_parameter(task, "--latency-budget-ms") or ""
    spark = config.runbook_runtime_spark.get(runtime, "")
    checkpoint = task_parameter(task, "--checkpoint-location") or ""
    return {
        "workers": str(workers),
        "node_type": node_type,
        "vcpus": str(vcpus),
        "cores": str(cores),
        "cores_2x": str(2 * cores),
        "partitions": str(partitions),
        # A stream-stream join keeps four state stores per partition (REC_PARTITIONS_LOW_END).
        "state_stores": str(4 * partitions),
        # The scale rule's size, and the partitions that keep today's partitions-per-core ratio on it.
        "scaled_workers": str(config.runbook_scale_to_workers),
        "scaled_cores": str(scaled_cores),
        "scaled_partitions": str(round(scaled_cores * partitions / cores)) if cores else "",
        "trigger": trigger,
        "trigger_ms": trigger_ms,
        "budget_ms": budget_ms,
        "spark_version": str(cluster.get("spark_version", "")),
        "spark": spark,
        "spark_line": ".".join(spark.split(".")[:2]),
        "engine": str(cluster.get("runtime_engine", "")),
        # The health rules' thresholds, and the backlog threshold counted in trigger intervals.
        "backlog_s": backlog_s,
        "backlog_records": health.get("STREAMING_BACKLOG_RECORDS", ""),
        "backlog_trigger_intervals": (
            f"{float(backlog_s) * 1000 / float(trigger_ms):g}" if backlog_s and trigger_ms else ""
        ),
        # The latency budget counted in trigger intervals (REC_LATENCY_BUDGET).
        "budget_trigger_intervals": (f"{float(budget_ms) / float(trigger_ms):g}" if budget_ms and trigger_ms else ""),
        # How many health rules, notification events and destinations the job has, as the prose says them.
        "health_rules": count_word(len((job.get("health") or {}).get("rules") or [])),
        "notifications": notification_events(job),
        "notification_destinations": count_word(len(notification_destinations(job))),
        # How the job runs (a `continuous` block, a `schedule`, a `trigger`), and where its checkpoint lives.
        "job_mode": job_mode(job),
        "checkpoint_folder": checkpoint.rstrip("/").rsplit("/", 1)[-1] if checkpoint else "",
        "checkpoint_storage": "Unity Catalog volume"
        if checkpoint.startswith("/Volumes/")
        else checkpoint.split("/")[0],
    }


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# The job's notification events, as the prose names them (the settings' keys, in the order listed here).
EVENTS = {
    "on_start": "start",
    "on_success": "success",
    "on_failure": "failure",
    "on_duration_warning_threshold_exceeded": "duration warning",
    "on_streaming_backlog_exceeded": "streaming-backlog",
}
NOTIFICATION_KINDS = ("email_notifications", "webhook_notifications")


def count_word(count: int) -> str:
    """A small count as the prose writes it: 'two'; 11 and more as digits."""
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def notification_events(job: dict[str, Any]) -> str:
    """'failure and streaming-backlog': the events any of the job's notifications (email, webhook) fire on."""
    fired = {event for kind in NOTIFICATION_KINDS for event, to in (job.get(kind) or {}).items() if to}
    names = [name for event, name in EVENTS.items() if event in fired] + sorted(fired - set(EVENTS))
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def notification_destinations(job: dict[str, Any]) -> set[str]:
    """The distinct addresses and destination IDs the job's notifications go to."""
    found = set()
    for kind in NOTIFICATION_KINDS:
        for targets in (job.get(kind) or {}).values():
            for target in targets or []:
                found.add(str(target.get("id") if isinstance(target, dict) else target))
    return found


def job_mode(job: dict[str, Any]) -> str:
    for key, mode in (("continuous", "continuous"), ("schedule", "scheduled"), ("trigger", "triggered")):
        if job.get(key):
            return mode
    return "manual"


def production_facts(bundle: BundleSpec, job_key: str) -> dict[str, str]:
    """What the production target (`mode: production`) deploys and the prose states as prod's: the group
    permission on the job (level and group), the continuous trigger's pause status, the checkpoint root.
    The same in every target's facts, as the prose says them of prod wherever it stands."""
    targets = bundle.bundle.get("targets") or {}
    prod = [name for name, target in sorted(targets.items()) if (target or {}).get("mode") == "production"]
    if len(prod) != 1:
        return {key: "" for key in PRODUCTION_KEYS}
    target = prod[0]
    permissions = substitute(targets[target].get("permissions") or [], bundle.references(target))
    groups = [entry for entry in permissions if entry.get("group_name")]
    job = bundle.resolved_job(job_key, target)
    checkpoint = task_parameter(first_task(job), "--checkpoint-location") or ""
    return {
        "operators_permission": "; ".join(str(entry.get("level", "")) for entry in groups),
        "operators_group": "; ".join(str(entry["group_name"]) for entry in groups),
        "prod_pause_status": str((job.get("continuous") or {}).get("pause_status", "")),
        "prod_checkpoint_root": checkpoint.rstrip("/").rsplit("/", 1)[0] if "/" in checkpoint else "",
    }


PRODUCTION_KEYS = ("operators_permission", "operators_group", "prod_pause_status", "prod_checkpoint_root")


def deployed_facts(bundle: BundleSpec, job_key: str, config: Any) -> dict[str, dict[str, str]]:
    """target -> every spec fact as that target deploys it (the production facts in each)."""
    production = production_facts(bundle, job_key)
    return {
        target: {**facts(bundle.resolved_job(job_key, target), config), **production} for target in bundle.targets()
    }


def is_quoted_figure(node: nodes.Node) -> bool:
    """A benchmark figure or an assumption rendered by its role: bound to its result file or the runbook policy."""
    return isinstance(node, nodes.inline) and bool(set(QUOTED_FIGURE_CLASSES) & set(node["classes"]))


def unbound_paragraphs(ctx: CheckContext) -> Iterator[tuple[str, nodes.paragraph]]:
    """(text, paragraph) for the runbook's prose that must hold no unbound spec figure. A paragraph's
    text is joined from its pieces (a line break starts a new text node), with each bound or
    not-spec value replaced by a placeholder, so '{spec}`workers=2` workers' leaves no figure."""
    skipped: list[nodes.Node] = []
    sections = Sections.of(ctx.config)
    for title in (sections.mapping, sections.purpose, sections.photon):
        section = find_section(ctx.runbook, title)
        if section is None:
            continue
        if title == sections.mapping:
            skipped.append(section)
        else:  # the identity table and the Photon sentences are compared exactly elsewhere
            identity = title == sections.purpose
            skipped += list(section.findall(nodes.table))[:1] if identity else [section.next_node(nodes.paragraph)]
    for paragraph in ctx.runbook.findall(nodes.paragraph):
        if any(node in skipped or isinstance(node, (nodes.title, nodes.raw)) for node in ancestors(paragraph)):
            continue
        pieces = []
        for text in paragraph.findall(nodes.Text):
            bound = any(isinstance(node, (spec_value, not_spec)) or is_quoted_figure(node) for node in ancestors(text))
            pieces.append("\u00a7" if bound else text.astext())
        yield "".join(pieces), paragraph


def check(ctx: CheckContext) -> Iterator[Problem]:
    spec_file = ctx.config.runbook_job_spec_file
    try:
        deployed = deployed_facts(ctx.bundle, ctx.governed_jobs()[0], ctx.config)
    except (SpecError, IndexError):
        return  # the spec rule reports an unreadable or missing job
    vocabulary = Vocabulary.of(ctx.config)
    known = sorted(next(iter(deployed.values()), {}))
    lines = file_lines(ctx.doc_path(ctx.docname))
    seen: dict[tuple, int] = {}
    for node in ctx.runbook.findall(spec_value):
        key, written = node["key"], node["written"]
        nth = seen[(node.line, key, written)] = seen.get((node.line, key, written), -1) + 1
        where = (ctx.docname, value_line(lines, node.line, key, written, nth))
        if key not in known:
            yield Problem("spec", f"{{spec}}`{key}` is not a spec value; known: {', '.join(known)}", where)
            continue
        unit = vocabulary.unit_after(following_text(node))
        for target, values in deployed.items():
            if not same_value(written, unit, key, values[key], vocabulary):
                message = f"{{spec}}`{key}={written}` but {spec_file} (target {target}) gives {key} = {values[key]!r}"
                yield Problem("spec", message, where)
    every_duration = set().union(*(spec_durations(values, vocabulary) for values in deployed.values()))
    for text, paragraph in unbound_paragraphs(ctx):
        for figure in unbound_figures(text, vocabulary, every_duration):
            message = (
                f"'{figure}' is a spec figure not bound to the spec: write "
                '<span data-spec="key">value</span> (keys: spec_values.facts), '
                "or <span data-notspec>...</span> for a figure that is not the spec's"
            )
            start = nearest_line(paragraph)
            first_line = figure.split("\n")[0].strip()
            line = line_of(lines, first_line, start or 1, limit=PARAGRAPH_LINES) if first_line else None
            yield Problem("spec", message, (ctx.docname, line or start))
    for title, where in titles(ctx):
        for message in title_mismatches(title, deployed, vocabulary):
            yield Problem("spec", f"title '{title}': {message}", where)
    for block, offset, message in code_block_mismatches(ctx, deployed, vocabulary):
        yield Problem("spec", f"code block: {message}", (ctx.docname, block.line + 1 + offset if block.line else None))


def unbound_figures(text: str, vocabulary: Vocabulary, durations: set[float]) -> list[str]:
    """The spec figures of a text that must be bound: names (UNBOUND), versions, and every figure whose
    unit states a spec key (figure_forms.py), in the order written."""
    found = [(match.start(), match.end(), match.group(0)) for match in UNBOUND.finditer(text)]
    figures = vocabulary.find(text) + vocabulary.versions(text)
    for figure in figures:
        if (figure.unit in vocabulary.version_prefixes or vocabulary.stated_keys(figure, text, durations)) and not any(
            start < figure.end and figure.start < end for start, end, _ in found
        ):
            found.append((figure.start, figure.end, figure.text))
    return [text for _, _, text in sorted(found)]


def title_mismatches(title: str, deployed: dict[str, dict[str, str]], vocabulary: Vocabulary) -> list[str]:
    """Why the figures and names written in a title are not spec values of their kind for every target."""
    messages = []
    durations = set().union(*(spec_durations(values, vocabulary) for values in deployed.values()))
    for figure in vocabulary.find(title) + vocabulary.versions(title):
        keys = vocabulary.version_prefixes.get(figure.unit) or vocabulary.stated_keys(figure, title, durations)
        message = figure_mismatch(figure, keys, deployed, vocabulary) if keys else ""
        if message:
            messages.append(message + "; titles cannot hold {spec}, so reword the title or change the spec")
    for pattern, keys in TITLE_NAMES:
        for match in pattern.finditer(title):
            for target, values in deployed.items():
                if match.group(0) not in {values.get(key) for key in keys}:
                    allowed = ", ".join(sorted({values[key] for key in keys if values.get(key)})) or "none"
                    messages.append(
                        f"'{match.group(0)}' is not a spec value for target {target} (allowed: {allowed}); "
                        "titles cannot hold {spec}, so reword the title or change the spec"
                    )
                    break
    return messages


def code_block_mismatches(
    ctx: CheckContext, deployed: dict[str, dict[str, str]], vocabulary: Vocabulary
) -> Iterator[tuple[nodes.literal_block, int, str]]:
    """(block, line within it, why) for each code block on the runbook (Source Mapping aside)."""
    mapping = find_section(ctx.runbook, Sections.of(ctx.config).mapping)
    skipped = set(mapping.findall(nodes.literal_block)) if mapping is not None else set()
    for block in ctx.runbook.findall(nodes.literal_block):
        if block not in skipped:
            for offset, message in block_mismatches(block.astext(), deployed, vocabulary):
                yield block, offset, message


def block_mismatches(text: str, deployed: dict[str, dict[str, str]], vocabulary: Vocabulary) -> list[tuple[int, str]]:
    """(line within the block, why) for each figure of a code block or command that states a spec key but is
    not its value for every target: a block cannot hold {spec}, so it must hold the spec's value."""
    durations = set().union(*(spec_durations(values, vocabulary) for values in deployed.values()))
    found = []
    for figure in vocabulary.find(text) + vocabulary.versions(text):
        keys = vocabulary.version_prefixes.get(figure.unit) or vocabulary.stated_keys(figure, text, durations)
        message = figure_mismatch(figure, keys, deployed, vocabulary) if keys else ""
        if message:
            found.append((text[: figure.start].count("\n"), message + "; a code block cannot hold {spec}"))
    return found


def titles(ctx: CheckContext) -> Iterator[tuple[str, Any]]:
    """(text, location) of each heading and need title of the runbook, Source Mapping excepted."""
    mapping = find_section(ctx.runbook, Sections.of(ctx.config).mapping)
    for title in ctx.runbook.findall(nodes.title):
        if mapping is None or title not in mapping.findall(nodes.title):
            yield title.astext(), (ctx.docname, nearest_line(title))
    for need_id, need in sorted(ctx.needs.items()):
        if need.get("docname") == ctx.docname:
            yield need.get("title") or "", ctx.need_location(need_id)
