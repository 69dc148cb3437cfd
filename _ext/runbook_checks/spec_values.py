"""Values the bundle defines, written in the runbook's prose, bound to the spec for every target.

    Deploy <span data-spec="workers">2</span> <span data-spec="node_type">c5.xlarge</span> workers ...

GitHub shows the value; gfm_source.py turns the span into the role {spec}`workers=2` before
parsing (the role is also accepted as written). `{spec}` renders the value and the build checks it
against the job as each target (dev, prod) deploys it, overrides and variables resolved.
`{notspec}` (`<span data-notspec>`) marks a figure that is not the spec's (an engine default,
another product's version) and renders it as it is. Any other worker, core, vCPU, partition,
millisecond, node type, engine or Spark version figure, job permission level (`CAN_MANAGE_RUN`), count of
health rules, `UNPAUSED` or `/Volumes/` path in the runbook's prose fails the build, so a value cannot
drift from the spec unnoticed. Besides the job cluster and task, the facts (`facts`, `production_facts`)
cover the job's notifications (events, destinations), its health rules, its mode (continuous), its
checkpoint folder and storage, and what the production target deploys: the group permission on the job
(level and group), the continuous trigger's pause status and the checkpoint root. Titles (headings
and need titles) cannot hold a role, so each figure in a title must equal a spec value of its kind for
every target. Left out: the
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
from .doctree_utils import ancestors, find_section, nearest_line
from .model import QUOTED_FIGURE_CLASSES, Sections, task_parameter
from .nodes import not_spec, spec_value
from .text_lines import file_lines, line_of

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
UNBOUND = re.compile(
    r"\b\d+(?:-\d+)?\s+(?:x\s+)?(?:workers?|worker cores|cores|vCPUs?|partitions)\b"
    r"|\b\d+\s*(?:ms|milliseconds?)\b|num_workers:\s*\d+|\bSpark \d+\.\d+(?:\.\d+)?"
    r"|\b[a-z]\d[a-z]?\.\d*x?large\b|\b(?:STANDARD|PHOTON)\b"
    r"|\b\d+\s+(?:records|trigger\s+intervals|s\s+of\s+backlog)\b"
    r"|\.partitions[\"']?\s*[:=]\s*[\"']?\d+"  # a partition count inside a config line in inline code
    # A job permission level, a count of health rules, the continuous trigger's state, a checkpoint path.
    r"|\bCAN_(?:MANAGE_RUN|VIEW)\b|\b(?:no|one|two|three|four|five|six|\d+)\s+(?:\w+\s+)?health\s+rules?\b"
    r"|\bUNPAUSED\b|/Volumes/[\w/.-]*[\w-]"
)
# Which spec values a figure in a title may stand for, by the words around it.
TITLE_KINDS = (
    (re.compile(r"worker cores|cores"), ("cores", "scaled_cores", "cores_2x")),
    (re.compile(r"workers?"), ("workers", "scaled_workers")),
    (re.compile(r"vCPUs?"), ("vcpus",)),
    (re.compile(r"partitions"), ("partitions", "scaled_partitions")),
    (re.compile(r"ms|milliseconds?"), ("trigger_ms", "budget_ms")),
    (re.compile(r"records"), ("backlog_records",)),
    (re.compile(r"trigger\s+intervals"), ("backlog_trigger_intervals",)),
    (re.compile(r"s\s+of\s+backlog"), ("backlog_s",)),
    (re.compile(r"Spark"), ("spark", "spark_line")),
    (re.compile(r"large"), ("node_type",)),
    (re.compile(r"STANDARD|PHOTON"), ("engine",)),
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
        "budget_ms": task_parameter(task, "--latency-budget-ms") or "",
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
        for target, values in deployed.items():
            if values[key] != written:
                message = f"{{spec}}`{key}={written}` but {spec_file} (target {target}) gives {key} = {values[key]!r}"
                yield Problem("spec", message, where)
    for text, paragraph in unbound_paragraphs(ctx):
        for match in UNBOUND.finditer(text):
            message = (
                f"'{match.group(0)}' is a spec figure not bound to the spec: write "
                '<span data-spec="key">value</span> (keys: spec_values.facts), '
                "or <span data-notspec>...</span> for a figure that is not the spec's"
            )
            start = nearest_line(paragraph)
            first_line = match.group(0).split("\n")[0].strip()
            line = line_of(lines, first_line, start or 1, limit=PARAGRAPH_LINES) if first_line else None
            yield Problem("spec", message, (ctx.docname, line or start))
    for title, where in titles(ctx):
        for match in UNBOUND.finditer(title):
            message = title_mismatch(match.group(0), deployed)
            if message:
                yield Problem("spec", f"title '{title}': {message}", where)


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


def titles(ctx: CheckContext) -> Iterator[tuple[str, Any]]:
    """(text, location) of each heading and need title of the runbook, Source Mapping excepted."""
    mapping = find_section(ctx.runbook, Sections.of(ctx.config).mapping)
    for title in ctx.runbook.findall(nodes.title):
        if mapping is None or title not in mapping.findall(nodes.title):
            yield title.astext(), (ctx.docname, nearest_line(title))
    for need_id, need in sorted(ctx.needs.items()):
        if need.get("docname") == ctx.docname:
            yield need.get("title") or "", ctx.need_location(need_id)


def title_mismatch(figure: str, deployed: dict[str, dict[str, str]]) -> str:
    """Why a figure written in a title is not a spec value of its kind for every target ('' if it is)."""
    kinds = next((keys for pattern, keys in TITLE_KINDS if pattern.search(figure)), ())
    written = re.findall(r"\d+(?:\.\d+)*|[a-z]\d[a-z]?\.\d*x?large|STANDARD|PHOTON", figure)
    for target, values in deployed.items():
        allowed = {values[key] for key in kinds if values.get(key)}
        wrong = [value for value in written if value not in allowed]
        if wrong:
            listed = ", ".join(sorted(allowed)) or "none"
            return (
                f"'{figure}' is not a spec value for target {target} (allowed: {listed}); "
                "titles cannot hold {spec}, so reword the title or change the spec"
            )
    return ""
