"""Result files carry the seal their benchmark wrote: the digest in the file is the one
`result_digest.digest` recomputes from the file's raw runs, parameters, provenance and configurations.

A file whose digest is missing or differs was made or edited by hand after the run (raw samples scaled
and the summary recomputed, a repetition deleted, a parameter or provenance field changed): it fails
at its digest line. The seal is a consistency check, not a signature (see result_digest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .context import CheckContext, Problem
from .evidence_results import line_of
from .result_cache import committed_results
from .result_digest import DIGEST_KEY, digest

SEAL_TOOL = "tools/seal_results.py"


def seal_problems(path: Path, document: dict) -> Iterator[Problem]:
    written, expected = document.get(DIGEST_KEY), digest(document)
    if written is None:
        yield Problem(
            "evidence",
            f"no '{DIGEST_KEY}': the benchmark seals what it writes; a file written before seals existed "
            f"gets its digest from `{SEAL_TOOL}`",
            f"{path}:{line_of(path, 'benchmark')}",
        )
    elif written != expected:
        yield Problem(
            "evidence",
            f"digest {str(written)[:19]}... is not the digest of the file's runs, parameters and provenance "
            f"({expected[:19]}...): hand-made or edited result file; rerun the benchmark",
            f"{path}:{line_of(path, DIGEST_KEY)}",
        )


def check(ctx: CheckContext) -> Iterator[Problem]:
    for path, document in committed_results(ctx.repo_root):
        yield from seal_problems(path, document)
