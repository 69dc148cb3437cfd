"""Citation rules sphinx-needs cannot express: required source URLs and who must cite them.

(A recommendation's visible Inference mark is checked on the doctree: inference_marks.py.)"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .context import CheckContext, Problem


def check(ctx: CheckContext) -> Iterator[Problem]:
    for message, need_id in required_citation_problems(ctx.needs, ctx.config.runbook_required_citations):
        yield Problem("citation", message, ctx.need_location(need_id) if need_id else None)


def required_citation_problems(
    needs: Mapping[str, Mapping[str, Any]], required: Mapping[str, list[str]]
) -> list[tuple[str, str | None]]:
    """(message, need id) for each required URL without a source need, or a recommendation not citing it."""
    sources_by_url = {need["url"]: need_id for need_id, need in needs.items() if need["type"] == "src"}
    problems: list[tuple[str, str | None]] = []
    for url, recommendation_ids in required.items():
        source_id = sources_by_url.get(url)
        if source_id is None:
            problems.append((f"required citation missing: no source need has url '{url}'", None))
            continue
        for rec_id in recommendation_ids:
            rec = needs.get(rec_id)
            if rec is None:
                problems.append(
                    (f"required citation: recommendation '{rec_id}' (must cite {source_id}) does not exist", None)
                )
            elif source_id not in (rec.get("cites") or []):
                problems.append((f"required citation missing: '{rec_id}' must cite '{source_id}' ({url})", rec_id))
    return problems
