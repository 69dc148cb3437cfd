"""No failure mode is lost: each listed mode names a test that exists, and each subtype keeps a full build."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from docs_project import REPO_ROOT
from failure_modes import MODES
from runbook_checks.context import SUBTYPES

FULL_BUILD = "tests/test_build_failures.py::"


def collected(files: set[str]) -> set[str]:
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *sorted(files)]
    output = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False).stdout
    return {line.strip() for line in output.splitlines() if "::" in line}


def test_every_mode_maps_to_an_existing_test() -> None:
    ids = collected({node_id.split("::")[0] for _, _, node_id in MODES})
    missing = [(mode, node_id) for _, mode, node_id in MODES if node_id not in ids]
    assert not missing, missing


def test_no_mode_is_listed_twice_and_none_was_dropped() -> None:
    names = Counter(mode for _, mode, _ in MODES)
    assert [name for name, count in names.items() if count > 1] == []
    assert len(MODES) >= 117  # 116 cases of the old test_build_failures.py, and the stale mapping table


def test_every_runbook_subtype_keeps_a_full_project_case() -> None:
    full = {kind for kind, _, node_id in MODES if node_id.startswith(FULL_BUILD) or "test_markdown_mapping" in node_id}
    assert {f"runbook.{subtype}" for subtype in SUBTYPES} <= full
