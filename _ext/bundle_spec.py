"""Load the Databricks bundle and its job resource files, with `${var.*}` substituted.

The one bundle loader: the docs checks, the tests, the benchmarks and the job's local runner read the
spec through it, so all of them see the same job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

VARIABLE_REFERENCE = re.compile(r"\$\{var\.([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class BundleSpec:
    root: Path
    bundle: dict[str, Any]
    resource_files: dict[str, dict[str, Any]]  # repo-relative path -> parsed YAML

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

    def jobs(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Job key -> (resource file, raw job mapping), across every included resource file."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for path, document in self.resource_files.items():
            for key, job in ((document.get("resources") or {}).get("jobs") or {}).items():
                found[key] = (path, job)
        return found


def load_bundle(root: Path, bundle_file: str = "databricks.yml") -> BundleSpec:
    bundle = yaml.safe_load((root / bundle_file).read_text(encoding="utf-8")) or {}
    resource_files: dict[str, dict[str, Any]] = {}
    for pattern in bundle.get("include") or []:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            resource_files[rel] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return BundleSpec(root=root, bundle=bundle, resource_files=resource_files)


def substitute(value: Any, variables: dict[str, Any]) -> Any:
    """Replace `${var.name}` references recursively; unknown names raise KeyError naming the variable."""
    if isinstance(value, dict):
        return {key: substitute(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [substitute(item, variables) for item in value]
    if isinstance(value, str):
        whole = VARIABLE_REFERENCE.fullmatch(value)
        if whole:
            return variables[whole.group(1)]
        return VARIABLE_REFERENCE.sub(lambda match: str(variables[match.group(1)]), value)
    return value
