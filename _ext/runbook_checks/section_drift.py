"""What the online probe recorded against a citation: a missing anchor, a removed key term, a gone page.

The build never fetches a page. It reads the committed source lock (section_locks.py; the runbook
policy's `source_lock_file`, written by `tox -e pinpoints`) and, for each complete pinpoint of the
runbook (a recommendation's, at the need; a `{cite}`'s in prose, at its line), reports what the probe
found at its last fetch of that page:

    'REC_X' pinpoint SRC_X#anchor: removed term 'changelog': section #anchor no longer held it when the
    probe fetched it on 2026-12-01 (source_locks.json); re-read the page, then fix the pinpoint or the claim

A section never fetched, or a lock entry for another URL than the register's, says nothing here. A
changed section text is not a finding of this rule: it is an input of the claims citing it, which the
review record judges (suspect_claims.py). An unreadable lock entry is refused at its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import CheckContext, Problem
from .model import pinpoint_uses
from .section_locks import drift, lock_entry, read_lock


def check(ctx: CheckContext) -> Iterator[Problem]:
    if not ctx.config.runbook_source_lock_file:
        return
    path = ctx.repo_root / ctx.config.runbook_source_lock_file
    lock, refused = read_lock(path)
    for line, why in refused:
        yield Problem("pinpoint", f"source lock {why}", f"{path}:{line}")
    for claim, pin, where in pinpoint_uses(ctx):
        url = str((ctx.needs.get(pin.source) or {}).get("url") or "")
        who = claim if claim.startswith("{cite}") else f"'{claim}'"
        for found in drift(lock_entry(lock, pin.source, str(pin.anchor), url), pin.terms):
            message = (
                f"{who} pinpoint {pin.source}#{pin.anchor}: {found} ({path.name}); "
                "re-read the page, then fix the pinpoint or the claim"
            )
            yield Problem("pinpoint", message, where)
