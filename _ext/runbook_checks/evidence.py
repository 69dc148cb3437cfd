"""Evidence needs must point at a committed result file."""

from __future__ import annotations

from collections.abc import Iterator

from .context import CheckContext, Problem


def check(ctx: CheckContext) -> Iterator[Problem]:
    for need_id, need in ctx.needs.items():
        artifact = need.get("artifact")
        if need["type"] == "evid" and not (ctx.repo_root / artifact).is_file():
            yield Problem("evidence", f"'{need_id}' artifact '{artifact}' does not exist", ctx.need_location(need_id))
