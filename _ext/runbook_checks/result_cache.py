"""Benchmark result files read once per build.

The `{bench}` role quotes figures of the same few result files dozens of times per build, and the
evidence rule reads them again; each file is a few hundred KB of JSON. `load_once` keeps what
`evidence_results.load` returned, keyed by path, modification time and size, so a file edited between
two reads is read again; `forget` (connected to `builder-inited`) empties the cache when a build starts.
Callers must not change the returned document.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .evidence_results import ResultError, load, result_files

_documents: dict[tuple[str, int, int], dict[str, Any]] = {}


def load_once(path: Path) -> dict[str, Any]:
    """`evidence_results.load(path)`, read once while the file is unchanged."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _documents:
        _documents[key] = load(path)  # a ResultError is raised every time, never cached
    return _documents[key]


def forget(*_: Any) -> None:
    _documents.clear()


def committed_results(repo_root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(path, document) of each committed result file that reads as one; evidence.py reports the others."""
    for relative in result_files(repo_root):
        path = repo_root / relative
        try:
            yield path, load_once(path)
        except (OSError, ResultError):
            continue
