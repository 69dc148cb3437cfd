"""A source's `applies_to` text says the runtime range its `runtime_min` and `runtime_max` fields hold.

`applies_to` is the register's readable sentence; the fields are what the register rule computes
with. Its lead (the text before the first `;` or `(`, where the caveats begin) must state the range:

- `runtime_min: any`: the lead names no runtime version ('current Databricks documentation');
- an open range (no `runtime_max`): the lead names the minimum and says it is open,
  'Databricks Runtime 13.3 LTS and above', 'Apache Spark 4.1 and later';
- a closed range: the lead names a version inside it without 'and above' ('Apache Spark 4.1.1' for
  Spark 4.1 - Spark 4.1; 'Databricks Runtime 18' for DBR 18 - DBR 18).

The product must agree too: 'Databricks Runtime' for DBR, 'Apache Spark' or 'Spark' for Spark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import CheckContext, Problem
from .source_model import parse_runtime

STATED = re.compile(
    r"\b(?P<product>Databricks Runtime|Apache Spark|Spark)\s+(?P<version>\d+(?:\.\d+){0,2})"
    r"(?:\s+LTS)?(?P<open>\s+(?:and\s+(?:above|later|newer)|or\s+(?:above|later|newer)|\+))?",
)
PRODUCTS = {"Databricks Runtime": "DBR", "Apache Spark": "Spark", "Spark": "Spark"}


def lead(applies_to: str) -> str:
    return re.split(r"[;(]", applies_to, maxsplit=1)[0]


def disagreement(applies_to: str, runtime_min: str | None, runtime_max: str | None) -> str:
    """Why `applies_to` does not state the fields' range ('' when it does)."""
    low, high = parse_runtime(runtime_min), parse_runtime(runtime_max)
    stated = STATED.search(lead(applies_to or ""))
    if low is None:
        if stated:
            return f"names {stated.group(0).strip()!r} but runtime_min is {runtime_min or 'empty'}"
        return ""
    span = f"{runtime_min} - {runtime_max or 'newer'}"
    if stated is None:
        return f"does not state the range {span} before its first ';' or '('"
    product, version = PRODUCTS[stated.group("product")], tuple(int(p) for p in stated.group("version").split("."))
    said = stated.group(0).strip()
    if product != low[0]:
        return f"names {said!r}, another product than runtime_min {runtime_min}"
    if stated.group("open"):
        if high is not None:
            return f"says {said!r}, an open range, but runtime_max is {runtime_max}"
        if version != low[1]:
            return f"says {said!r} but runtime_min is {runtime_min}"
        return ""
    if high is None:
        return f"says {said!r}, one version, but the range {span} is open: write 'and above' or set runtime_max"
    if not (version[: len(low[1])] >= low[1] and version[: len(high[1])] <= high[1]):
        return f"says {said!r}, outside the range {span}"
    return ""


def check(ctx: CheckContext) -> Iterator[Problem]:
    for need_id, need in sorted(ctx.needs.items()):
        if need["type"] != "src":
            continue
        why = disagreement(need.get("applies_to") or "", need.get("runtime_min"), need.get("runtime_max"))
        if why:
            message = f"'{need_id}' applies_to '{need.get('applies_to')}' {why}"
            yield Problem("register", message, ctx.need_location(need_id))
