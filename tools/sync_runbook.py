"""Bring the runbook in line with the bundle spec after a spec change: one command, then review the diff.

Rewrites what the build compares with the spec and the results, and nothing else: every spec value in
the runbook's prose (`<span data-spec="key">value</span>`, or the role `{spec}`key=value``) takes the
value the spec gives now (derived values such as the scaled partition count follow), the baseline YAML
snippet's values and the recommendations' `:settings:` follow the job cluster, and a figure in a
heading or need title that named an old value of a spec key names the new one. Every benchmark or
assumed figure or evidence threshold written on a page (`<span data-bench="result:figure">612 ms</span>`,
`<span data-assumed="name">50 events/s</span>`, `<span data-threshold="name">115</span>`) takes the
figure the committed results and the runbook policy give. Then the Markdown mapping table is
regenerated. A key whose targets disagree cannot be written as one value in prose: the command stops
and names it, and the sentence needs rewording by hand.

    PYTHONPATH=_ext:src python tools/sync_runbook.py --root .      (tox -e sync)
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from runbook_checks.evidence_quotes import formatted, formatted_threshold, offered_figures, quote, result_path
from runbook_checks.evidence_relations import RelationError
from runbook_checks.evidence_results import ResultError
from runbook_checks.figure_forms import Vocabulary, same_value, written_like
from runbook_checks.model import ASSUMED, THRESHOLD, assumed_figures, policy_values, threshold_figures
from runbook_checks.spec_values import deployed_facts
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from bundle_spec import job_cluster, load_bundle

ROLE = re.compile(
    r"\{spec\}`(?P<key>[a-z0-9_]+)=(?P<value>[^`]*)`"
    r"|<span data-spec=\"(?P<span_key>[a-z0-9_]+)\">(?P<span_value>[^<]*)</span>"
)
TAG = re.compile(r"<[^>]+>")
FIGURE = re.compile(r"<span data-(?P<kind>bench|assumed|threshold)=\"(?P<target>[^\"]*)\">(?P<written>[^<]*)</span>")
# A need's `:settings:` line; the last field line of a need also closes the comment that hides its fields.
SETTING = re.compile(r"^(?P<lead>\s*:settings:\s*)(?P<items>.+?)(?P<tail>\s*--></div>)?$", re.MULTILINE)
TITLE_LINE = re.compile(r"^(?P<lead>\s*(?:#{1,6} |```\{rec\} |:::\{rec\} ))(?P<title>.+)$", re.MULTILINE)


class SyncError(Exception):
    pass


def current_facts(bundle: Any, job_key: str, config: Any) -> dict[str, str]:
    """Each spec fact's value, which every target must agree on to be written once in prose."""
    per_target = deployed_facts(bundle, job_key, config)
    merged: dict[str, str] = {}
    for key in sorted({k for values in per_target.values() for k in values}):
        values = {target: values.get(key, "") for target, values in per_target.items()}
        if len(set(values.values())) == 1:
            merged[key] = next(iter(values.values()))
        else:
            merged[key] = ""  # reported only if the runbook writes it
            merged[f"{key}@targets"] = ", ".join(f"{t}={v}" for t, v in sorted(values.items()))
    return merged


def sync_roles(text: str, now: dict[str, str], vocabulary: Vocabulary) -> tuple[str, dict[str, tuple[str, str]]]:
    """Rewrite `{spec}` roles; return the text and key -> (old, new) for every value that moved. A value
    written in another form that means the spec's ('two' workers, 0.5 s for 500 ms) stays as written; a
    moved one is written back in its form and unit (figure_forms.written_like)."""
    moved: dict[str, tuple[str, str]] = {}

    def replace(match: re.Match) -> str:
        span = match["span_key"] is not None
        key, written = (match["span_key"], match["span_value"]) if span else (match["key"], match["value"])
        if key not in now:
            raise SyncError(f"{{spec}}`{key}=...`: the spec gives no '{key}'")
        if now.get(f"{key}@targets"):
            raise SyncError(f"{{spec}}`{key}=...`: the targets disagree ({now[f'{key}@targets']}); reword by hand")
        unit = vocabulary.unit_after(TAG.sub("", text[match.end() : match.end() + 80]))
        if same_value(written, unit, key, now[key], vocabulary):
            return match.group(0)
        new = written_like(written, unit, key, now[key], vocabulary)
        moved.setdefault(key, (written, new))
        return f'<span data-spec="{key}">{new}</span>' if span else f"{{spec}}`{key}={new}`"

    return ROLE.sub(replace, text), moved


def sync_figures(text: str, root: Path, config: Any) -> tuple[str, dict[str, tuple[str, str]]]:
    """Written benchmark and assumed figures take what the results and the runbook policy give now."""
    moved: dict[str, tuple[str, str]] = {}
    assumed, thresholds = assumed_figures(config), threshold_figures(config)

    def replace(match: re.Match) -> str:
        kind, target, written = match["kind"], match["target"], match["written"]
        try:
            if kind == "assumed":
                now = formatted(ASSUMED + target, assumed[ASSUMED + target])
            elif kind == "threshold":
                now = formatted_threshold(THRESHOLD + target, thresholds[THRESHOLD + target])
            else:
                result, _, expression = target.partition(":")
                now = quote(expression, offered_figures(result_path(root, result), config))
        except (KeyError, OSError, ResultError, RelationError) as error:
            raise SyncError(f"{kind} figure '{target}': {error}") from error
        if now != written:
            moved.setdefault(target, (written, now))
        return f'<span data-{kind}="{target}">{now}</span>'

    return FIGURE.sub(replace, text), moved


def sync_titles(text: str, moved: dict[str, tuple[str, str]], vocabulary: Vocabulary) -> str:
    """A heading or need title figure that named a key's old value names its new one (the units each key
    may be followed by: `[figures.key_units]` of the runbook policy)."""

    def retitle(match: re.Match) -> str:
        title = match["title"]
        for key, (old, new) in moved.items():
            for unit in vocabulary.key_units.get(key, ()):
                title = re.sub(rf"(?<![\d.]){re.escape(old)}([- ]{re.escape(unit)})\b", rf"{new}\g<1>", title)
        return match["lead"] + title

    return TITLE_LINE.sub(retitle, text)


def leaf_values(cluster: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(cluster, dict):
        found: dict[str, str] = {}
        for key, value in cluster.items():
            found |= leaf_values(value, f"{prefix}/{key}" if prefix else str(key))
        return found
    return {prefix: str(cluster)}


def sync_settings(text: str, cluster: dict[str, Any]) -> str:
    """`:settings: path=value, path=value` lines take the job cluster's values."""
    values = leaf_values(cluster)

    def resettle(match: re.Match) -> str:
        items = []
        for item in match["items"].split(","):
            path, _, value = item.strip().partition("=")
            items.append(f"{path}={values.get(path, value)}")
        return match["lead"] + ", ".join(items) + (match["tail"] or "")

    return SETTING.sub(resettle, text)


def sync_snippet(text: str, cluster: dict[str, Any]) -> str:
    """The baseline's `job_clusters` YAML snippet: each leaf line takes the spec's value, quoting kept."""
    start = text.index("```yaml\njob_clusters:")
    end = text.index("```", start + 3)
    snippet = text[start:end].splitlines(keepends=True)
    values = leaf_values(cluster)
    path: list[tuple[int, str]] = []
    for index, line in enumerate(snippet):
        match = re.match(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z0-9_.]+):(?P<rest>.*)$", line.rstrip("\n"))
        if not match:
            continue
        depth = len(match["indent"])  # a list item's "- " counts as indentation: its keys are siblings
        path = [(d, k) for d, k in path if d < depth]
        path.append((depth, match["key"]))
        dotted = "/".join(k for _, k in path if k not in ("job_clusters", "new_cluster"))
        rest = match["rest"].strip()
        if not rest or dotted not in values:
            continue
        quoted = rest.startswith('"')
        value = yaml.safe_load(rest)
        if str(value) != values[dotted]:
            written = f'"{values[dotted]}"' if quoted else values[dotted]
            snippet[index] = line[: line.index(":") + 1] + f" {written}\n"
    return text[:start] + "".join(snippet) + text[end:]


def sync(root: Path, config: Any) -> list[str]:
    """Rewrite the runbook in place (and the figures of every page); return what moved, one line per key."""
    page = root / "docs" / f"{config.runbook_docname}.md"
    figures_moved: dict[str, tuple[str, str]] = {}
    for other in sorted((root / "docs").glob("*.md")):
        if other != page:
            text, moved = sync_figures(other.read_text(encoding="utf-8"), root, config)
            figures_moved |= moved
            other.write_text(text, encoding="utf-8")
    text, moved = sync_figures(page.read_text(encoding="utf-8"), root, config)
    figures_moved |= moved
    bundle = load_bundle(root, config.runbook_bundle_file)
    [job_key] = list(bundle.jobs())
    job = bundle.resolved_job(job_key, "dev")
    cluster = job_cluster(job)
    vocabulary = Vocabulary.of(config)
    text, moved = sync_roles(text, current_facts(bundle, job_key, config), vocabulary)
    text = sync_titles(text, moved, vocabulary)
    text = sync_settings(text, cluster)
    text = sync_snippet(text, cluster)
    page.write_text(text, encoding="utf-8")
    return [f"{key}: {old} -> {new}" for key, (old, new) in sorted((moved | figures_moved).items())]


class Config:
    """The runbook settings this command needs: the policy file conf.py points at, read as the extension reads it."""

    def __init__(self, root: Path):
        namespace = eval_config_file(root / "conf.py", Tags())
        for name, value in policy_values(root / namespace["runbook_policy"]).items():
            setattr(self, name, value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        moved = sync(root, Config(root))
    except SyncError as error:
        print(f"sync_runbook: {error}", file=sys.stderr)
        return 2
    mapping = [sys.executable, str(Path(__file__).with_name("write_mapping.py")), "--root", str(root)]
    subprocess.run(mapping, check=True)
    print("\n".join(moved) if moved else "nothing to change: the spec values and figures match the spec and results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
