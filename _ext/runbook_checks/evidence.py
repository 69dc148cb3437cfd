"""Evidence holds: each evidence need points at a benchmark result file and at named figures inside
it, and states the relation its claim rests on; the results behind it are their own raw samples'.

- An evidence need's `artifact` is a result file of a known benchmark schema; its `figures` (at least
  one, with a relation: schema rule `evidence-names-figures` of needs_schema.json) exist in it, or
  are the policy's assumptions (`assumed.<name>`) or evidence thresholds (`threshold.<name>`); each
  of its `relations` holds on the committed figures (else the need is named: a rerun no
  longer supports the claim) and types no number: its thresholds are the policy's, declared once.
- Every result file with raw samples: its summary equals the one recomputed from the samples
  (a figure edited by hand fails at its line), it comes from the PySpark `requirements.txt` pins,
  and it is not a `--quick` smoke run.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .context import CheckContext, Problem
from .evidence_relations import RelationError, holds, literals, names
from .evidence_results import SAMPLED, ResultError, figures, line_of, result_files, summarize
from .model import THRESHOLD, assumed_figures, threshold_figures
from .result_cache import load_once

TOLERANCE = 0.05  # figures are rounded to 0.1


def pinned_pyspark(repo_root: Path) -> tuple[str, str]:
    """(version, where it comes from): the requirements.txt pin, else the installed package."""
    requirements = repo_root / "requirements.txt"
    if requirements.is_file():
        for line in requirements.read_text(encoding="utf-8").splitlines():
            if line.strip().lower().startswith("pyspark=="):
                return line.split("==", 1)[1].strip(), "requirements.txt pins"
    try:
        return version("pyspark"), "the installed PySpark is"
    except PackageNotFoundError:
        return "", ""


def check_result_file(path: Path, document: dict, pin: tuple[str, str]) -> Iterator[Problem]:
    produced_by = document.get("provenance", {}).get("pyspark")
    if pin[0] and produced_by != pin[0]:
        yield Problem(
            "evidence",
            f"results produced by pyspark {produced_by}; {pin[1]} {pin[0]}: rerun `tox -e bench`",
            f"{path}:{line_of(path, 'pyspark')}",
        )
    if document.get("provenance", {}).get("quick"):
        yield Problem(
            "evidence", "results of a --quick smoke run cannot back evidence", f"{path}:{line_of(path, 'quick')}"
        )
    committed, recomputed = document.get("summary") or {}, summarize(document)
    for name in sorted(set(committed) | set(recomputed)):
        if name not in committed:
            yield Problem("evidence", f"figure '{name}' missing from the summary", f"{path}:{line_of(path, 'summary')}")
        elif name not in recomputed:
            yield Problem("evidence", f"figure '{name}' has no raw samples behind it", f"{path}:{line_of(path, name)}")
        elif abs(committed[name] - recomputed[name]) > TOLERANCE:
            yield Problem(
                "evidence",
                f"figure '{name}' = {committed[name]} does not match the raw samples ({recomputed[name]})",
                f"{path}:{line_of(path, name)}",
            )


def check_need(ctx: CheckContext, need_id: str, need: dict, documents: dict[str, dict | str]) -> Iterator[Problem]:
    where = ctx.need_location(need_id)
    artifact = need.get("artifact") or ""
    document = documents.get(artifact)
    if document is None:
        yield Problem("evidence", f"'{need_id}' artifact '{artifact}' does not exist", where)
        return
    if isinstance(document, str):
        yield Problem("evidence", f"'{need_id}' artifact '{artifact}' {document}", where)
        return
    offered = figures(document) | assumed_figures(ctx.config) | threshold_figures(ctx.config)
    declared = list(need.get("figures") or [])  # none, or no relation: schema rule evidence-names-figures
    for name in declared:
        if name not in offered:
            yield Problem(
                "evidence",
                f"'{need_id}' names figure '{name}', which neither '{artifact}' nor the policy's assumptions "
                "or evidence thresholds hold",
                where,
            )
    for relation in need.get("relations") or []:
        typed = literals(relation)
        if typed:
            yield Problem(
                "evidence",
                f"'{need_id}' relation '{relation}' types the threshold {', '.join(typed)}: declare it once in "
                f"runbook_policy.toml [evidence_thresholds] and name it {THRESHOLD}<name>",
                where,
            )
        undeclared = [name for name in names(relation) if name not in declared]
        if undeclared:
            yield Problem("evidence", f"'{need_id}' relation '{relation}' uses undeclared {undeclared}", where)
            continue
        try:
            supported, values = holds(relation, offered)
        except RelationError as error:
            yield Problem("evidence", f"'{need_id}' relation '{relation}': {error}", where)
            continue
        if not supported:
            yield Problem(
                "evidence",
                f"'{need_id}' claim no longer supported by '{artifact}': {relation} is false ({values})",
                where,
            )


def check(ctx: CheckContext) -> Iterator[Problem]:
    evidence = {need_id: need for need_id, need in ctx.needs.items() if need["type"] == "evid"}
    artifacts = {need.get("artifact") or "" for need in evidence.values()}
    documents: dict[str, dict | str] = {}
    pin = pinned_pyspark(ctx.repo_root)
    for relative in result_files(ctx.repo_root, artifacts):
        path = ctx.repo_root / relative
        if not path.is_file():
            continue
        try:
            documents[relative] = load_once(path)
        except ResultError as error:
            documents[relative] = str(error)
            if relative not in artifacts:  # a need's bad artifact is reported at the need
                yield Problem("evidence", f"{relative} {error}", f"{path}:1")
            continue
        if documents[relative]["benchmark"] in SAMPLED:
            yield from check_result_file(path, documents[relative], pin)
    for need_id, need in evidence.items():
        yield from check_need(ctx, need_id, need, documents)
