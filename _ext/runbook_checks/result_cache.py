"""Benchmark result files read once per build.

The `{bench}` role quotes figures of the same few result files dozens of times per build, and the
evidence rule reads them again; each file is a few hundred KB of JSON. `load_once` keeps what
`evidence_results.load` returned for the current build (the cache lives on the Sphinx application, so
a new build starts empty), keyed by path, modification time and size, so a file edited during a build
session is read again. Callers must not change the returned document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .evidence_results import load

_ATTRIBUTE = "_runbook_result_documents"


def load_once(app: Any, path: Path) -> dict[str, Any]:
    """`evidence_results.load(path)`, read at most once per build while the file is unchanged."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    cache: dict[tuple[str, int, int], dict[str, Any]] = app.__dict__.setdefault(_ATTRIBUTE, {})
    if key not in cache:
        cache[key] = load(path)  # a ResultError is raised every time, never cached
    return cache[key]
