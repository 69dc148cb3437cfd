"""The runbook's commands and SQL name what the prod target deploys (tests/runbook_commands.py)."""

from __future__ import annotations

import pytest
from docs_project import REPO_ROOT, RUNBOOK
from runbook_commands import Block, ProdTask, blocks, prod_task, run_now_problems, table_problems

from bundle_spec import load_bundle

JOB = "low_latency_stream_join_simple_job"
DRAIN = {"--trigger-interval": "available-now"}


@pytest.fixture(scope="module")
def prod() -> ProdTask:
    return prod_task(load_bundle(REPO_ROOT), JOB)


@pytest.fixture(scope="module")
def runbook() -> str:
    return (REPO_ROOT / RUNBOOK).read_text(encoding="utf-8")


def test_sql_and_commands_name_only_tables_prod_deploys(runbook: str, prod: ProdTask) -> None:
    known = prod.tables()
    found = [block for lang in ("sql", "sh") for block in blocks(runbook, lang)]
    assert len(blocks(runbook, "sql")) >= 8
    assert [p for block in found for p in table_problems(block, known, RUNBOOK)] == []


def test_the_drain_run_passes_the_whole_prod_parameter_list(runbook: str, prod: ProdTask) -> None:
    commands = [block for block in blocks(runbook, "sh") if "python_params" in block.body]
    assert commands, "the runbook has no run-now command with python_params"
    assert [p for block in commands for p in run_now_problems(block, prod, RUNBOOK, DRAIN)] == []


def test_a_stale_parameter_list_is_named_with_its_line(prod: ProdTask) -> None:
    body = '{"job_id": JOB_ID, "python_params": ["--source", "table"]}'
    stale = Block("sh", 12, f"databricks jobs run-now --json '{body}'")
    [problem] = run_now_problems(stale, prod, RUNBOOK, DRAIN)
    assert problem.startswith(f"{RUNBOOK}:12: python_params differs") and "--checkpoint-location" in problem


def test_a_renamed_table_is_named_with_its_line(prod: ProdTask) -> None:
    text = "intro\n\n   ```sql\n   SELECT * FROM main.streaming.orders_joined_v2\n   ```\n"
    [block] = blocks(text, "sql")
    [problem] = table_problems(block, prod.tables(), RUNBOOK)
    assert problem == (
        f"{RUNBOOK}:3: sql block names table main.streaming.orders_joined_v2, which the prod target does not deploy"
    )
