"""Every SQL snippet in the runbook runs on embedded Spark against the tables the local job wrote: the
progress table and the output, each standing in for the table the prod target names."""

from __future__ import annotations

import pytest
from docs_project import REPO_ROOT, RUNBOOK
from runbook_commands import Block, blocks
from runbook_commands import prod_task as resolved_prod_task

from bundle_spec import load_bundle
from template_domain.template_source.staging.local_runner import JOB_KEY

SNIPPETS = blocks((REPO_ROOT / RUNBOOK).read_text(encoding="utf-8"), "sql")
PROD_TASK = resolved_prod_task(load_bundle(REPO_ROOT), JOB_KEY)
# Prod table (from the task's parameters) -> the local view that stands in for it.
STAND_INS = {"--progress-table": "local_stream_join_progress", "--output-table": "local_stream_join_output"}


def test_the_runbook_holds_sql_snippets() -> None:
    assert len(SNIPPETS) >= 8, f"{RUNBOOK}: expected the procedures' SQL, found {len(SNIPPETS)} sql blocks"


@pytest.fixture(scope="module")
def local_tables(spark, progress_run) -> dict[str, str]:
    spark.read.parquet(str(progress_run.folder)).createOrReplaceTempView(STAND_INS["--progress-table"])
    spark.read.parquet(progress_run.config.output).createOrReplaceTempView(STAND_INS["--output-table"])
    yield {PROD_TASK.parameter(flag): view for flag, view in STAND_INS.items()}
    for view in STAND_INS.values():
        spark.catalog.dropTempView(view)


def localised(block: Block, tables: dict[str, str]) -> str:
    text = block.body
    for table, view in tables.items():
        text = text.replace(table, view)
    return text


@pytest.mark.parametrize("block", SNIPPETS, ids=[f"{RUNBOOK}:{block.line}" for block in SNIPPETS])
def test_runbook_sql_runs_and_returns_rows(block: Block, spark, local_tables: dict[str, str]) -> None:
    where = f"{RUNBOOK}:{block.line}"
    assert any(table in block.body for table in local_tables), f"{where}: queries none of {sorted(local_tables)}"
    try:
        rows = spark.sql(localised(block, local_tables)).collect()
    except Exception as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        pytest.fail(f"{where}: {first_line}", pytrace=False)
    assert rows, f"{where}: returned no rows on the local tables"
