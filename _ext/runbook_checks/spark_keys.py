"""Every spark.* key named on any page or in any need title must be real.

Open-source keys are checked against a committed snapshot of the pinned engine's keys
(tools/spark_key_probe.py writes it with Java; the docs build never starts a JVM). Keys that exist only
on Databricks come from one allow-list in runbook_policy.toml, `databricks_only_keys`, where each key
names the source need that documents it. URLs (spark.apache.org) and wildcards (`...rocksdb.*`)
are not keys. A snapshot taken with another PySpark than the installed one is reported as stale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from docutils import nodes

from .context import CheckContext, Location, Problem
from .doctree_utils import nearest_line
from .model import SPARK_KEY

URL = re.compile(r"\b[a-z]+://\S+")


def keys_in_text(text: str) -> set[str]:
    """spark.* keys in prose; URLs are removed first and wildcard patterns are not keys."""
    found = (match.group(0) for match in SPARK_KEY.finditer(URL.sub(" ", text)))
    return {key for key in found if not key.endswith(".*")}


def named_keys(ctx: CheckContext) -> dict[str, Location]:
    """Every key named on any page or in a need title -> where it is first named."""
    where: dict[str, Location] = {}
    for docname in ctx.docnames:
        for text in ctx.doctree(docname).findall(nodes.Text):
            content = text.astext()
            if "spark." not in content:  # most text names no key: skip the regexes and the line walk
                continue
            line = nearest_line(text)
            for key in keys_in_text(content):
                where.setdefault(key, (docname, line))
    for need_id, need in ctx.needs.items():
        for key in keys_in_text(need.get("title") or ""):
            where.setdefault(key, ctx.need_location(need_id))
    return where


@dataclass(frozen=True)
class KeySnapshot:
    pyspark: str
    regenerate: str
    sql_confs: frozenset[str]
    rocksdb_confs: frozenset[str]  # lower case: the provider matches its keys case-insensitively
    proven_by_effect: dict[str, dict]

    @classmethod
    def load(cls, path: Path) -> KeySnapshot:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            data["pyspark"],
            data["regenerate"],
            frozenset(data["sql_confs"]),
            frozenset(data["rocksdb_confs"]),
            data["proven_by_effect"],
        )

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
        if key.lower() in self.rocksdb_confs:
            return {"known": True, "how": "read by the open-source RocksDB state store provider"}
        how = f"neither a modifiable SQL conf nor a RocksDB provider key of pyspark {self.pyspark}"
        return {"known": False, "how": how}


def snapshot_differences(committed: dict, fresh: dict) -> list[str]:
    """What a fresh engine snapshot says that the committed one does not (or the reverse)."""
    problems = []
    if committed.get("pyspark") != fresh["pyspark"]:
        problems.append(f"snapshot pyspark {committed.get('pyspark')} != engine {fresh['pyspark']}")
    for kind in ("sql_confs", "rocksdb_confs"):
        ours, theirs = set(committed.get(kind) or []), set(fresh[kind])
        problems += [f"snapshot lists '{key}', which the engine does not know" for key in sorted(ours - theirs)]
        problems += [f"snapshot lacks '{key}', which the engine knows" for key in sorted(theirs - ours)]
    for key, result in fresh["proven_by_effect"].items():
        if (committed.get("proven_by_effect") or {}).get(key, {}).get("known") != result["known"]:
            problems.append(f"snapshot effect result for '{key}' differs from the engine's ({result['known']})")
    return problems


def check(ctx: CheckContext) -> Iterator[Problem]:
    snapshot_file = Path(__file__).with_name(ctx.config.runbook_spark_key_snapshot)
    snapshot = KeySnapshot.load(snapshot_file)
    stale = snapshot.stale_for_installed_engine()
    if stale:
        yield Problem("spark-key", f"spark key snapshot {snapshot_file.name} is stale: {stale}", str(snapshot_file))
    allowed: dict[str, str] = ctx.config.runbook_databricks_only_keys
    named = named_keys(ctx)
    for key, source_id in sorted(allowed.items()):
        if (ctx.needs.get(source_id) or {}).get("type") != "src":
            yield Problem("spark-key", f"Databricks-only key '{key}' must name a source need, not '{source_id}'")
        if snapshot.lookup(key)["known"]:
            yield Problem("spark-key", f"'{key}' is allowed as Databricks-only, but the open-source engine knows it")
        if key not in named:
            message = f"Databricks-only key '{key}' is allowed in the runbook policy but no page names it"
            yield Problem("spark-key", message)
    for key, location in sorted(named.items()):
        result = snapshot.lookup(key)
        if key not in allowed and not result["known"]:
            message = (
                f"spark key '{key}' is not known to the pinned engine ({result['how']}); fix it, or if it "
                "exists only on Databricks add it to runbook_databricks_only_keys with the source that documents it"
            )
            yield Problem("spark-key", message, location)
