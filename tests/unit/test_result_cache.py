"""result_cache: a result file is parsed once, again once it changes, and afresh in each build."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from runbook_checks import result_cache
from runbook_checks.evidence_results import ResultError


def write(path: Path, runs: int) -> None:
    path.write_text(json.dumps({"benchmark": "docs_scaling", "schema": 1, "results": [], "runs": runs}))


def test_one_parse_per_unchanged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, calls = tmp_path / "r.json", []
    write(path, 1)
    real = result_cache.load
    monkeypatch.setattr(result_cache, "load", lambda p: calls.append(p) or real(p))
    first = result_cache.load_once(path)
    assert result_cache.load_once(path) is first
    assert len(calls) == 1
    result_cache.forget()  # a new build starts empty
    assert result_cache.load_once(path) is not first


def test_edited_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    write(path, 1)
    assert result_cache.load_once(path)["runs"] == 1
    write(path, 22)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert result_cache.load_once(path)["runs"] == 22


def test_unreadable_file_fails_every_time(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("{")
    for _ in range(2):
        with pytest.raises(ResultError):
            result_cache.load_once(path)
