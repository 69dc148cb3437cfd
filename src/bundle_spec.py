"""Load the Databricks bundle and its job resource files, with `${var.*}` substituted.

The one bundle loader: the docs checks, the tests, the benchmarks and the job's local runner read the
spec through it, so all of them see the same job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from databricks.bundles.jobs import Job

# `${var.x}`, `${bundle.name}`, `${bundle.target}` and `${resources.<kind>.<key>.<field>}` references.
REFERENCE = re.compile(r"\$\{([A-Za-z0-9_]+(?:\.[A-Za-z0-9_-]+)+)\}")
# vCPUs per worker node type the spec may use: the 1-2x-cores partition rule and the local runner's
# scaling both count cores from it (add a node type here before using it in the spec).
NODE_VCPUS = {"c5.xlarge": 4, "c5.2xlarge": 8, "c6i.xlarge": 4, "c6i.2xlarge": 8}
# Lists the bundle merges item by item under a target override, keyed by these fields.
MERGE_KEYS = {"job_clusters": "job_cluster_key", "tasks": "task_key"}


class SpecError(ValueError):
    """A spec file that cannot be read as the bundle means it; the message starts with file:line."""


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML that refuses a key given twice in one mapping (plain YAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (first at line {seen[key] + 1})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str, name: str) -> Any:
    """Parse with duplicate keys refused; errors name the file and line, not '<unicode string>'."""
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SpecError(f"{name}:{line}: {error.problem or error.context}") from None


def merge_override(base: Any, override: Any, key: str = "") -> Any:
    """A target override merged over the base the way bundles do: mappings deeply, known lists by key."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for name, value in override.items():
            merged[name] = merge_override(base.get(name), value, name) if name in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list) and key in MERGE_KEYS:
        field_name = MERGE_KEYS[key]
        merged_list = list(base)
        for item in override:
            match = next((i for i, old in enumerate(merged_list) if old.get(field_name) == item.get(field_name)), None)
            if match is None:
                merged_list.append(item)
            else:
                merged_list[match] = merge_override(merged_list[match], item)
        return merged_list
    return override


@dataclass(frozen=True)
class BundleSpec:
    root: Path
    bundle: dict[str, Any]
    resource_files: dict[str, dict[str, Any]]  # repo-relative path -> parsed YAML
    bundle_file: str = "databricks.yml"

    def variable_defaults(self) -> dict[str, Any]:
        return {
            name: spec.get("default")
            for name, spec in (self.bundle.get("variables") or {}).items()
            if isinstance(spec, dict) and "default" in spec
        }

    def target_variables(self, target: str) -> dict[str, Any]:
        values = self.variable_defaults()
        values.update((self.bundle.get("targets") or {}).get(target, {}).get("variables") or {})
        return values

    def job(self, key: str) -> dict[str, Any]:
        """One job's raw mapping; KeyError names the missing job key."""
        return self.jobs()[key][1]

    def targets(self) -> list[str]:
        return sorted(self.bundle.get("targets") or {})

    def resolved_job(self, key: str, target: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The job as `target` deploys it: the target's resource overrides merged, its variables substituted
        (`variables` as a deploy's `--var name=value` gives them, over the target's)."""
        override = ((self.bundle.get("targets") or {}).get(target, {}).get("resources") or {}).get("jobs") or {}
        job = merge_override(self.job(key), override.get(key) or {})
        return substitute(job, self.references(target, variables))

    def typed_job(self, key: str, target: str, variables: Mapping[str, Any] | None = None) -> Job:
        """The job as `target` deploys it, in databricks-bundles' typed model (which refuses unknown fields
        and bad enum values with a ValueError naming them)."""
        return Job.from_dict(self.resolved_job(key, target, variables))

    def default_target(self) -> str | None:
        """The target a command without `-t` deploys (`default: true`), if one is marked."""
        marked = [name for name, spec in (self.bundle.get("targets") or {}).items() if (spec or {}).get("default")]
        return marked[0] if len(marked) == 1 else None

    def references(self, target: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Every `${...}` name `target` resolves: its variables (`variables` over them), the bundle's name
        and target, and each resource's scalar fields (as written, variables substituted; development
        mode's name prefixes are applied by the CLI at deploy time and are not modelled here)."""
        values = {**self.target_variables(target), **(variables or {})}
        found: dict[str, Any] = {f"var.{name}": value for name, value in values.items()}
        found |= {"bundle.name": (self.bundle.get("bundle") or {}).get("name", ""), "bundle.target": target}
        for document in self.resource_files.values():
            for kind, resources in (document.get("resources") or {}).items():
                for key, resource in (resources or {}).items():
                    for field_name, value in (resource or {}).items():
                        if isinstance(value, str | int | float | bool):
                            found[f"resources.{kind}.{key}.{field_name}"] = substitute(value, found)
        return found

    def job_value_location(self, key: str, target: str, path: str) -> str | None:
        """'file:line' where the value at flattened `path` of job `key`, as `target` deploys it, is written:
        the target's override in the bundle file when it sets that path, else the job's resource file."""
        candidates = [
            (self.bundle_file, flat_key(flat_key(flat_key(flat_key("targets", target), "resources"), "jobs"), key)),
            (self.jobs().get(key, ("", {}))[0], flat_key(flat_key("resources", "jobs"), key)),
        ]
        for file, prefix in candidates:
            if not file:
                continue
            line = yaml_lines((self.root / file).read_text(encoding="utf-8")).get(
                prefix + ("" if path.startswith("[") else ".") + path
            )
            if line:
                return f"{file}:{line}"
        return None

    def jobs(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Job key -> (resource file, raw job mapping), across every included resource file."""
        return self.resources("jobs")

    def resources(self, kind: str) -> dict[str, tuple[str, dict[str, Any]]]:
        """Resource key -> (resource file, raw mapping) for one kind ('jobs', 'schemas', ...)."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for path, document in self.resource_files.items():
            for key, resource in ((document.get("resources") or {}).get(kind) or {}).items():
                found[key] = (path, resource)
        return found


def flat_key(prefix: str, key: Any) -> str:
    """One step of a flattened key path: 'a.b', 'a[0]', 'a["dotted.key"]' (keys with dots are quoted)."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f'{prefix}["{key}"]' if "." in str(key) else (f"{prefix}.{key}" if prefix else str(key))


def yaml_lines(text: str) -> dict[str, int]:
    """Flattened key path (as `flat_key` builds it) -> 1-based line of its value, for every node of a YAML text;
    {} when the text does not parse (the loader reports that itself)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, prefix: str) -> None:
        children: list[tuple[Any, yaml.Node, yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            children = [(key.value, key, value) for key, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(index, value, value) for index, value in enumerate(node.value)]
        for key, anchor, value in children:
            path = flat_key(prefix, key)
            lines[path] = anchor.start_mark.line + 1
            walk(value, path)

    if root is not None:
        walk(root, "")
    return lines


def load_bundle(root: Path, bundle_file: str = "databricks.yml") -> BundleSpec:
    bundle = parse_yaml((root / bundle_file).read_text(encoding="utf-8"), bundle_file) or {}
    resource_files: dict[str, dict[str, Any]] = {}
    for pattern in bundle.get("include") or []:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            resource_files[rel] = parse_yaml(path.read_text(encoding="utf-8"), rel) or {}
    return BundleSpec(root=root, bundle=bundle, resource_files=resource_files, bundle_file=bundle_file)


def substitute(value: Any, references: dict[str, Any]) -> Any:
    """Replace `${...}` references recursively (names as `BundleSpec.references` gives them); an unknown
    name raises KeyError naming it."""
    if isinstance(value, dict):
        return {key: substitute(item, references) for key, item in value.items()}
    if isinstance(value, list):
        return [substitute(item, references) for item in value]
    if isinstance(value, str):
        whole = REFERENCE.fullmatch(value)
        if whole:
            return references[whole.group(1)]
        return REFERENCE.sub(lambda match: str(references[match.group(1)]), value)
    return value


def task_parameter(task: Mapping[str, Any], flag: str) -> str | None:
    """Value following `flag` in a spark_python_task parameter list."""
    parameters = task_parameters(task)
    if flag in parameters and parameters.index(flag) + 1 < len(parameters):
        return parameters[parameters.index(flag) + 1]
    return None


def job_cluster(job: Mapping[str, Any]) -> dict[str, Any]:
    """The job's (first and only) job cluster's `new_cluster` mapping; {} when the job declares none."""
    clusters = job.get("job_clusters") or [{}]
    return dict((clusters[0] or {}).get("new_cluster") or {})


def first_task(job: Mapping[str, Any]) -> dict[str, Any]:
    """The job's (first and only) task mapping; {} when the job declares none."""
    return dict((job.get("tasks") or [{}])[0] or {})


def task_parameters(task: Mapping[str, Any]) -> list[str]:
    """A spark_python_task's parameter list, as strings."""
    return [str(item) for item in (task.get("spark_python_task") or {}).get("parameters") or []]
