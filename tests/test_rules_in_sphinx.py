"""Each build rule on a tiny in-process Sphinx project (tests/roots): the warning's subtype, culprit
and `file:line`. The full project is built only by test_build_failures.py (one case per subtype)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_roots import build_root

PAGE = "runbook.md"


@pytest.fixture
def build(make_app, tmp_path: Path):
    def run(root: str, files: dict[str, str] | None = None, **conf):
        return build_root(make_app, tmp_path, root, files, **conf)

    return run


def test_clean_cite_root_has_no_warning(build) -> None:
    built = build("cite")
    assert built.warnings == []
