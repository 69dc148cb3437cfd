"""Every spark.* key the runbook names must be real in the pinned open-source engine.

The docs build reads a committed snapshot of the engine's keys (spark_key_probe.py writes it with
Java and the pinned PySpark); it never starts a JVM. A snapshot taken with another PySpark version
than the installed one is reported as stale, naming the command that regenerates it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .context import CheckContext, Problem

SPARK_KEY = re.compile(r"(?<![\w.])spark\.[A-Za-z0-9_.]*[A-Za-z0-9_]")


def keys_in_text(text: str) -> set[str]:
    return set(SPARK_KEY.findall(text))


@dataclass(frozen=True)
class KeySnapshot:
    pyspark: str
    regenerate: str
    sql_confs: frozenset[str]
    proven_by_effect: dict[str, dict]

    @classmethod
    def load(cls, path: Path) -> KeySnapshot:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["pyspark"], data["regenerate"], frozenset(data["sql_confs"]), data["proven_by_effect"])

    def stale_for_installed_engine(self) -> str | None:
        installed = version("pyspark")
        if installed != self.pyspark:
            return f"taken with pyspark {self.pyspark}, installed {installed}; run `{self.regenerate}`"
        return None

    def lookup(self, key: str) -> dict:
        """{"known": bool, "how": str}, as the engine answered when the snapshot was taken."""
        if key in self.proven_by_effect:
            return self.proven_by_effect[key]
        if key in self.sql_confs:
            return {"known": True, "how": "modifiable SQL conf"}
        return {"known": False, "how": f"not a modifiable SQL conf of pyspark {self.pyspark}, and no effect probe"}


def snapshot_differences(committed: dict, fresh: dict) -> list[str]:
    """What a fresh engine snapshot says that the committed one does not (or the reverse)."""
    problems = []
    if committed.get("pyspark") != fresh["pyspark"]:
        problems.append(f"snapshot pyspark {committed.get('pyspark')} != engine {fresh['pyspark']}")
    ours, theirs = set(committed.get("sql_confs") or []), set(fresh["sql_confs"])
    problems += [f"snapshot lists '{key}', which the engine does not know" for key in sorted(ours - theirs)]
    problems += [f"snapshot lacks '{key}', which the engine knows" for key in sorted(theirs - ours)]
    for key, result in fresh["proven_by_effect"].items():
        if (committed.get("proven_by_effect") or {}).get(key, {}).get("known") != result["known"]:
            problems.append(f"snapshot effect result for '{key}' differs from the engine's ({result['known']})")
    return problems


def check(ctx: CheckContext) -> Iterator[Problem]:
    docname = ctx.docname
    exempt = {
        key: need_id
        for need_id, need in ctx.needs.items()
        if need.get("docname") == docname
        for key in need.get("databricks_only") or []
    }
    named = keys_in_text(ctx.runbook.astext())
    snapshot_file = Path(__file__).with_name(ctx.config.runbook_spark_key_snapshot)
    snapshot = KeySnapshot.load(snapshot_file)
    stale = snapshot.stale_for_installed_engine()
    if stale:
        yield Problem("spark-key", f"spark key snapshot {snapshot_file.name} is stale: {stale}", str(snapshot_file))
    for key in sorted(named | exempt.keys()):
        result = snapshot.lookup(key)
        if key in exempt and result["known"]:
            message = f"'{exempt[key]}' marks '{key}' Databricks-only, but the open-source engine knows it"
            yield Problem("spark-key", message, docname)
        elif key not in exempt and not result["known"]:
            message = (
                f"spark key '{key}' named in the runbook is not known to the pinned engine "
                f"({result['how']}); fix it or mark it in a need's databricks_only field"
            )
            yield Problem("spark-key", message, docname)
        if key in exempt and key not in named:
            yield Problem(
                "spark-key", f"'{exempt[key]}' marks '{key}' Databricks-only but the runbook never names it", docname
            )
