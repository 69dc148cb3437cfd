"""Bring the runbook in line with the bundle spec after a spec change: one command, then review the diff.

Rewrites what the build compares with the spec, and nothing else: every `{spec}`key=value`` in the
runbook's prose takes the value the spec gives now (derived values such as the scaled partition count
follow), the baseline YAML snippet's values and the recommendations' `:settings:` follow the job
cluster, and a figure in a heading or need title that named an old value of a spec key names the new
one. Then the Markdown mapping table is regenerated. A key whose targets disagree cannot be written as
one value in prose: the command stops and names it, and the sentence needs rewording by hand.

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
from runbook_checks.model import policy_values
from runbook_checks.spec_values import facts
from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from bundle_spec import job_cluster, load_bundle

ROLE = re.compile(r"\{spec\}`(?P<key>[a-z0-9_]+)=(?P<value>[^`]*)`")
SETTING = re.compile(r"^(?P<lead>\s*:settings:\s*)(?P<items>.+)$", re.MULTILINE)
TITLE_LINE = re.compile(r"^(?P<lead>\s*(?:#{1,6} |```\{rec\} |:::\{rec\} ))(?P<title>.+)$", re.MULTILINE)
# The words a title puts after a figure of each spec key (the build's title rule reads the same kinds).
UNITS = {
    "workers": ("workers?",),
    "scaled_workers": ("workers?",),
    "partitions": ("partitions?",),
    "scaled_partitions": ("partitions?",),
    "cores": ("cores?",),
    "scaled_cores": ("cores?",),
    "trigger_ms": ("millisecond", "milliseconds", "ms"),
    "budget_ms": ("millisecond", "milliseconds", "ms"),
}


class SyncError(Exception):
    pass


def current_facts(bundle: Any, job_key: str, config: Any) -> dict[str, str]:
    """Each spec fact's value, which every target must agree on to be written once in prose."""
    per_target = {target: facts(bundle.resolved_job(job_key, target), config) for target in bundle.targets()}
    merged: dict[str, str] = {}
    for key in sorted({k for values in per_target.values() for k in values}):
        values = {target: values.get(key, "") for target, values in per_target.items()}
        if len(set(values.values())) == 1:
            merged[key] = next(iter(values.values()))
        else:
            merged[key] = ""  # reported only if the runbook writes it
            merged[f"{key}@targets"] = ", ".join(f"{t}={v}" for t, v in sorted(values.items()))
    return merged


def sync_roles(text: str, now: dict[str, str]) -> tuple[str, dict[str, tuple[str, str]]]:
    """Rewrite `{spec}` roles; return the text and key -> (old, new) for every value that moved."""
    moved: dict[str, tuple[str, str]] = {}

    def replace(match: re.Match) -> str:
        key, written = match["key"], match["value"]
        if key not in now:
            raise SyncError(f"{{spec}}`{key}=...`: the spec gives no '{key}'")
        if now.get(f"{key}@targets"):
            raise SyncError(f"{{spec}}`{key}=...`: the targets disagree ({now[f'{key}@targets']}); reword by hand")
        if written != now[key]:
            moved.setdefault(key, (written, now[key]))
        return f"{{spec}}`{key}={now[key]}`"

    return ROLE.sub(replace, text), moved


def sync_titles(text: str, moved: dict[str, tuple[str, str]]) -> str:
    """A heading or need title figure that named a key's old value names its new one."""

    def retitle(match: re.Match) -> str:
        title = match["title"]
        for key, (old, new) in moved.items():
            for unit in UNITS.get(key, ()):
                title = re.sub(rf"(?<![\d.]){re.escape(old)}([- ]{unit})\b", rf"{new}\g<1>", title)
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
        return match["lead"] + ", ".join(items)

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
    """Rewrite the runbook in place; return what moved, one line per key."""
    page = root / "docs" / f"{config.runbook_docname}.md"
    text = page.read_text(encoding="utf-8")
    bundle = load_bundle(root, config.runbook_bundle_file)
    [job_key] = list(bundle.jobs())
    job = bundle.resolved_job(job_key, "dev")
    cluster = job_cluster(job)
    text, moved = sync_roles(text, current_facts(bundle, job_key, config))
    text = sync_titles(text, moved)
    text = sync_settings(text, cluster)
    text = sync_snippet(text, cluster)
    page.write_text(text, encoding="utf-8")
    return [f"{key}: {old} -> {new}" for key, (old, new) in sorted(moved.items())]


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
    print("\n".join(moved) if moved else "nothing to change: the runbook's spec values match the spec")
    return 0


if __name__ == "__main__":
    sys.exit(main())
