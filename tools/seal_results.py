"""Add the digest to result files written before the benchmarks sealed what they write (a one-off migration).

The benchmarks now write a digest of each result file's raw runs, parameters, provenance and
configurations (`runbook_checks.result_digest`), which the docs build recomputes. A file written
before that has none, and the build refuses it. This inserts the missing `"digest"` line right after the
file's `"benchmark"` line and changes nothing else: not one measured value, not the layout. A file that
already has a digest is left alone (a mismatch is reported, never resealed: rerun its benchmark).

    PYTHONPATH=_ext:src python tools/seal_results.py [benchmarks/results/x.json ...]   (default: every result file)

The digest is a consistency seal, not a signature: sealing a file vouches only that its content is what
this code read, so seal only files as their benchmark wrote them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from runbook_checks.evidence_results import RESULTS_FOLDER, ResultError, load
from runbook_checks.result_digest import DIGEST_KEY, digest

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCHMARK_LINE = re.compile(r'^(?P<indent>[ \t]*)"benchmark": "[^"]*",[ \t]*$', re.MULTILINE)


def seal_text(text: str) -> str:
    """The file's text with its digest line added after the `"benchmark"` line (ValueError if it cannot be)."""
    document = json.loads(text)
    if DIGEST_KEY in document:
        raise ValueError("already has a digest")
    line = BENCHMARK_LINE.search(text)
    if not line:
        raise ValueError('has no `"benchmark": "...",` line to put the digest after')
    seal = digest(document)
    sealed = f'{text[: line.end()]}\n{line["indent"]}"{DIGEST_KEY}": "{seal}",{text[line.end() :]}'
    check = json.loads(sealed)
    if check.pop(DIGEST_KEY) != seal or check != document:
        raise ValueError("inserting the digest would change the file's content")
    return sealed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="result files (default: every committed result file)")
    args = parser.parse_args(argv)
    files = args.files or sorted((REPO_ROOT / RESULTS_FOLDER).glob("*.json"))
    failed = 0
    for path in files:
        try:
            document = load(path)
        except ResultError as error:
            print(f"{path}: {error}", file=sys.stderr)
            failed += 1
            continue
        if DIGEST_KEY in document:
            same = document[DIGEST_KEY] == digest(document)
            print(f"{path}: {'sealed' if same else 'digest does not match: rerun its benchmark'}")
            failed += not same
            continue
        path.write_text(seal_text(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"{path}: digest added")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
