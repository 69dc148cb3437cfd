"""The seal of a benchmark result file: a sha256 over what the benchmark recorded, one function for the
benchmark that writes it and the build that checks it (result_seal.py).

The digest covers every top-level entry of the file but its `summary` (derived from the raw runs,
and recomputed by the build: evidence.py) and itself: the raw runs (or, for the docs benchmark, its
measured rows), the parameters, the provenance, the configurations, the schema. They are serialised
canonically (keys sorted, no whitespace, UTF-8), so the digest does not depend on how the file is
indented, and the benchmark writes it next to `benchmark`, the file's first entry.

A consistency seal, not a signature: whoever runs this function can seal any content. It shows that a
file was not edited by hand after the run only as far as the code path that wrote it is honest; what
it does catch is an edit that forgot to reseal (raw samples scaled and the summary recomputed, a
repetition deleted, a parameter or provenance field changed), and a reseal shows in the diff as a
changed digest without a new benchmark run.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

DIGEST_KEY = "digest"
UNSEALED = ("summary", DIGEST_KEY)
PREFIX = "sha256:"


def canonical(document: dict[str, Any]) -> bytes:
    """The sealed entries of a result document, serialised canonically."""
    sealed = {key: value for key, value in document.items() if key not in UNSEALED}
    return json.dumps(sealed, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest(document: dict[str, Any]) -> str:
    """'sha256:<hex>' of the document's canonical sealed entries."""
    return PREFIX + hashlib.sha256(canonical(document)).hexdigest()


def sealed(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its digest, placed right after `benchmark` (the entry order the writers keep)."""
    seal = digest(document)
    out: dict[str, Any] = {}
    for key, value in document.items():
        if key == DIGEST_KEY:
            continue
        out[key] = value
        if key == "benchmark":
            out[DIGEST_KEY] = seal
    if DIGEST_KEY not in out:
        out = {DIGEST_KEY: seal, **out}
    return out
