"""Pinpoint citations: each link from a sourced claim to a source says where on the page the support is.

A pinpoint is `SRC_ID#section-anchor: key term; key term`: the heading anchor of the section that
states the fact (rendered as a deep link `url#anchor`) and a few terms that must appear in that
section, such as setting names or numbers with units (facts, not copied sentences).

- A sourced recommendation carries at least one per cited source in its `:pinpoints:` field, separated
  by ` | ` (several for a source whose support sits in several sections). That it has the field at all
  is a schema rule (needs_schema.json, `sourced-recommendation-pinpoints`); the rest is checked here.
- A `{cite}` in prose carries its own: {cite}`SRC_ID#anchor: term; term`.

Offline, the build checks each is complete, names a cited source, and that every source a sourced
recommendation cites has one. It also writes every pinpoint to
`pinpoints.json` next to the builder's output folder; `tools/pinpoint_probe.py` (tox -e pinpoints, online,
on demand) fetches each page and reports whether the anchor and terms are still there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .context import CheckContext, Problem
from .model import Pinpoint, cite_locations, nearest_need, need_pinpoints, parse_pinpoint, pinpoint_by_source

FILE = "pinpoints.json"


def incomplete(pin: Pinpoint) -> str:
    missing = [part for part, present in (("a #section-anchor", pin.anchor), ("key terms", pin.terms)) if not present]
    return " and ".join(missing)


def need_problems(need_id: str, need: Any) -> Iterator[str]:
    cites = need.get("cites") or []
    for raw, pin in need_pinpoints(need):
        if pin is None:
            yield f"'{need_id}' pinpoint '{raw}' does not start with a source ID (SRC_ID#anchor: term; term)"
        elif pin.source not in cites:
            yield f"'{need_id}' pinpoint names '{pin.source}', which the need does not cite"
        elif not pin.complete:
            yield f"'{need_id}' pinpoint for {pin.source} lacks {incomplete(pin)} ('{raw}')"
    if need.get("basis") != "source" or not need_pinpoints(need):
        return  # a sourced need without any pinpoint: the schema rule sourced-recommendation-pinpoints
    missing = [source for source in cites if source not in pinpoint_by_source(need)]
    if missing:
        yield (
            f"sourced '{need_id}' has no pinpoint for {', '.join(missing)}: add "
            f"':pinpoints: {missing[0]}#section-anchor: key term; key term' (one per cited source, ' | ' between)"
        )


def check(ctx: CheckContext) -> Iterator[Problem]:
    records: list[dict[str, Any]] = []
    for need_id, need in sorted(ctx.needs.items()):
        if need["type"] != "rec":
            continue
        for message in need_problems(need_id, need):
            yield Problem("pinpoint", message, ctx.need_location(need_id))
        records += [record(ctx, need_id, pin) for pins in pinpoint_by_source(need).values() for pin in pins]
    for node, where in cite_locations(ctx, ctx.docname):
        pin = parse_pinpoint(node["cite"])
        if pin is None or nearest_need(node) is not None or pin.source not in ctx.needs:
            continue  # malformed and unknown cites are inline_cites.py's; a need's cites are its pinpoints'
        if not pin.complete:
            message = (
                f"{{cite}}`{node['cite']}` in prose lacks {incomplete(pin)}: write {{cite}}`SRC_ID#anchor: term; term`"
            )
            yield Problem("pinpoint", message, where)
        else:
            records.append(record(ctx, f"{ctx.docname}:{where[1]}", pin))
    write_records(Path(ctx.app.outdir).parent / FILE, records)


def record(ctx: CheckContext, claim: str, pin: Pinpoint) -> dict[str, Any]:
    url = (ctx.needs.get(pin.source) or {}).get("url") or ""
    return {"claim": claim, "source": pin.source, "url": url, "anchor": pin.anchor, "terms": list(pin.terms)}


def write_records(path: Path, records: list[dict[str, Any]]) -> None:
    text = json.dumps(records, indent=2) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
