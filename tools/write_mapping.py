"""Regenerate the runbook's committed Markdown claim -> source -> URL list (`tox -e mapping`).

A quick Sphinx read of the project (dummy builder, fresh environment, engine checks off) with
`runbook_mapping_write` on: markdown_mapping.check_mapping then rewrites the block between the
markers instead of reporting it stale.

    PYTHONPATH=_ext:src python tools/write_mapping.py [--root PROJECT]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from sphinx.cmd.build import build_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the runbook's Markdown source mapping list.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (holds conf.py and docs/)")
    root = parser.parse_args(argv).root.resolve()
    with tempfile.TemporaryDirectory() as out:
        return build_main(
            [
                "-E",
                "-W",  # missing markers fail the command, not pass silently
                "-q",
                "-b",
                "dummy",
                "-c",
                str(root),
                "-d",
                f"{out}/doctrees",
                "-D",
                "runbook_checks_enabled=0",
                "-D",
                "runbook_mapping_write=1",
                str(root / "docs"),
                f"{out}/dummy",
            ]
        )


if __name__ == "__main__":
    sys.exit(main())
