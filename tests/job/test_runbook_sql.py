"""Every SQL snippet in the runbook runs on embedded Spark against a progress table the local job wrote."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bundle_spec import load_bundle
from docs_project import REPO_ROOT, RUNBOOK

from template_domain.template_source.staging.local_runner import JOB_KEY

# The documents whose ```sql blocks must run; the runbook holds them (add a file here to check a draft).
SQL_DOCUMENTS = [REPO_ROOT / RUNBOOK]
VIEW = "local_stream_join_progress"
SQL_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*sql\s*$", re.IGNORECASE)


def prod_progress_table() -> str:
    """The table the prod target's task parameters name: what the snippets query."""
    parameters = load_bundle(REPO_ROOT).resolved_job(JOB_KEY, "prod")["tasks"][0]["spark_python_task"]["parameters"]
    return parameters[parameters.index("--progress-table") + 1]


@dataclass(frozen=True)
class Snippet:
    where: str  # file:line of the opening fence
    text: str


def sql_blocks(path: Path) -> list[Snippet]:
    """The ```sql fenced blocks of a Markdown file, with the line of each opening fence."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, start, fence = [], None, ""
    for number, line in enumerate(lines, start=1):
        if start is None:
            match = SQL_FENCE.match(line.strip())
            if match:
                start, fence, body = number, match["fence"], []
        elif line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            found.append(Snippet(f"{path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}:{start}",
                                 "\n".join(body)))  # fmt: skip
            start = None
        else:
            body.append(line)
    return found


SNIPPETS = [snippet for document in SQL_DOCUMENTS for snippet in sql_blocks(document)]
PROD_TABLE = prod_progress_table()


def test_the_runbook_holds_sql_snippets() -> None:
    assert SNIPPETS, f"no ```sql blocks in {', '.join(str(path) for path in SQL_DOCUMENTS)}"


def test_sql_blocks_are_found_with_their_lines(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("text\n\n```sql\nSELECT 1\n```\n\n```python\nx = 1\n```\n````SQL\nSELECT 2\n````\n")
    assert [(s.where.rsplit(":", 1)[1], s.text) for s in sql_blocks(page)] == [("3", "SELECT 1"), ("10", "SELECT 2")]


@pytest.fixture(scope="module")
def progress_view(spark, progress_run) -> str:
    spark.read.parquet(str(progress_run.folder)).createOrReplaceTempView(VIEW)
    yield VIEW
    spark.catalog.dropTempView(VIEW)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[snippet.where for snippet in SNIPPETS])
def test_runbook_sql_runs_and_returns_rows(snippet: Snippet, spark, progress_view: str) -> None:
    assert PROD_TABLE in snippet.text, f"{snippet.where}: the snippet does not query {PROD_TABLE}"
    try:
        rows = spark.sql(snippet.text.replace(PROD_TABLE, progress_view)).collect()
    except Exception as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        pytest.fail(f"{snippet.where}: {first_line}", pytrace=False)
    assert rows, f"{snippet.where}: returned no rows on the local progress table"
