"""The runbook's copy-paste commands and SQL, read from its fenced code blocks and checked against the
prod target of the bundle spec: the paged engineer runs them as written, so a drifting name or parameter
list must fail here, at the block's `file:line`."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bundle_spec import task_parameter

FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[a-z]+)\n(?P<body>.*?)^(?P=indent)```", re.DOTALL | re.MULTILINE)
# Catalog.schema.table names as SQL and commands write them (three dotted identifiers).
TABLE_NAME = re.compile(r"\b[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\b")
# The flags whose value names a Unity Catalog table in the task's parameters.
TABLE_FLAGS = ("--left-table", "--right-table", "--output-table", "--progress-table")
PROD = "prod"


@dataclass(frozen=True)
class ProdTask:
    """The governed job's task as the prod target deploys it."""

    task: dict[str, Any]

    def parameter(self, flag: str) -> str:
        value = task_parameter(self.task, flag)
        assert value, f"the prod task sets no {flag}"
        return value

    def tables(self) -> set[str]:
        return {value for flag in TABLE_FLAGS if (value := task_parameter(self.task, flag))}


def prod_task(bundle: Any, job_key: str) -> ProdTask:
    return ProdTask(bundle.resolved_job(job_key, PROD)["tasks"][0])


@dataclass(frozen=True)
class Block:
    lang: str
    line: int  # 1-based line of the opening fence
    body: str  # dedented


def blocks(text: str, lang: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(text):
        if match["lang"] != lang:
            continue
        indent = len(match["indent"])
        body = "\n".join(line[indent:] for line in match["body"].splitlines())
        found.append(Block(lang, text.count("\n", 0, match.start()) + 1, body))
    return found


def table_problems(block: Block, known: set[str], where: str) -> Iterator[str]:
    for name in sorted(set(TABLE_NAME.findall(block.body)) - known):
        yield f"{where}:{block.line}: {block.lang} block names table {name}, which the prod target does not deploy"


def python_params(command: str) -> list[str] | None:
    """The `python_params` of a `run-now --json` request body in a shell command, or None when there is
    none (the placeholder JOB_ID stands for a number)."""
    words = shlex.split(command.replace("\\\n", " "))
    if "run-now" not in words or "--json" not in words:
        return None
    body = json.loads(re.sub(r"\bJOB_ID\b", "0", words[words.index("--json") + 1]))
    return body.get("python_params")


def run_now_problems(block: Block, task: ProdTask, where: str, overrides: dict[str, str]) -> Iterator[str]:
    """A run-now replaces the task's whole list: it must be the prod list with only `overrides` changed."""
    given = python_params(block.body)
    if given is None:
        return
    expected = [str(item) for item in task.task["spark_python_task"]["parameters"]]
    for flag, value in overrides.items():
        expected[expected.index(flag) + 1] = value
    if given != expected:
        missing = [item for item in expected if item not in given]
        extra = [item for item in given if item not in expected]
        yield (
            f"{where}:{block.line}: python_params differs from the prod task's parameters "
            f"(overrides {overrides}): missing {missing}, unexpected {extra}"
        )
