"""quote_subjects.py: a quoted figure of a configuration sits where that configuration is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from runbook_checks import quote_subjects
from runbook_checks.quote_subjects import names_configuration, quoted_configurations, text_around

from unit.fakes import context, document, para

WORDS = {"partitions-2x": ["2x partitions", "doubling the partitions"], "spark-defaults": []}
CONFIGURATIONS = ["runbook", "spark-defaults", "partitions-2x"]


@pytest.mark.parametrize(
    ("text", "configuration", "named"),
    [
        ("the runbook's median", "runbook", True),
        ("Spark defaults fall far behind", "spark-defaults", True),
        ("Doubling the partitions raised it", "partitions-2x", True),
        ("the 2x partitions curve", "partitions-2x", True),
        ("the partitions-2x row", "partitions-2x", True),
        ("the runbooks", "runbook", False),
        ("half the partitions", "partitions-2x", False),
    ],
)
def test_names_configuration(text: str, configuration: str, named: bool) -> None:
    assert names_configuration(text, configuration, WORDS.get(configuration, [])) is named


def test_quoted_configurations_of_a_ratio_and_of_other_figures() -> None:
    assert quoted_configurations("spark-defaults.x.min / runbook.x.max", CONFIGURATIONS) == [
        "spark-defaults",
        "runbook",
    ]
    assert quoted_configurations("runbook.x * threshold.f <= runbook.y", CONFIGURATIONS) == ["runbook"]
    assert quoted_configurations("parameters.latency_rate * 2", CONFIGURATIONS) == []


def test_text_around_is_the_sentence() -> None:
    text = "First about runbook. Then 1.10 s for defaults, at 26.4x. Last."
    start = text.index("1.10")
    assert text_around(text, start, start + 6) == "Then 1.10 s for defaults, at 26.4x."


def quote(target: str, shown: str = "1.10 s") -> nodes.inline:
    return nodes.inline(f"{{bench}}`{shown} <{target}>`", shown, classes=["bench-figure"], figure=target)


NAMED = ", ".join(f'{{"name": "{name}"}}' for name in CONFIGURATIONS)
LATENCY = f'{{"benchmark": "job_latency", "schema": 2, "configurations": [{NAMED}]}}'


def findings(tmp_path: Path, *blocks: nodes.Node, source: str) -> list:
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    (tmp_path / "benchmarks" / "results" / "job_latency.json").write_text(LATENCY)
    (tmp_path / "evidence.md").write_text(source)
    doctree = document()
    doctree += list(blocks)
    ctx = context({}, {"evidence": doctree}, repo_root=tmp_path, runbook_evidence_configuration_words=WORDS)
    return list(quote_subjects.check(ctx))


def test_a_quote_of_another_configurations_figure_fails_at_its_line(tmp_path: Path) -> None:
    target = "job_latency:partitions-2x.trigger_ms.p50.median"
    block = para("Spark defaults are slow. The runbook settings took ", quote(target), " per batch.", line=3)
    source = "# Evidence\n\nSpark defaults are slow.\nThe runbook settings took\n"
    source += f'<span data-bench="{target}">2.27 s</span>.\n'
    [problem] = findings(tmp_path, block, source=source)
    assert problem.subtype == "evidence" and problem.location == ("evidence", 5)
    assert f"bench quote '{target}' is a figure of configuration 'partitions-2x', which its sentence" in problem.message
    assert "'2x partitions', 'doubling the partitions'" in problem.message


def test_a_ratio_is_about_both_configurations(tmp_path: Path) -> None:
    target = "job_latency:spark-defaults.x / runbook.x"
    block = para("First sentence on Spark defaults. The runbook is ", quote(target, "28.2x"), " faster.", line=1)
    [problem] = findings(tmp_path, block, source=f'<span data-bench="{target}">28.2x</span>\n')
    assert "configuration 'spark-defaults'" in problem.message and problem.location == ("evidence", 1)


def table(header: str, cell: nodes.Node) -> nodes.table:
    row = nodes.row("", nodes.entry("", para("a target")), nodes.entry("", para(cell)))
    head = nodes.thead("", nodes.row("", nodes.entry("", para("Target")), nodes.entry("", para(header))))
    return nodes.table("", nodes.tgroup("", nodes.colspec(), nodes.colspec(), head, nodes.tbody("", row)))


def test_a_table_row_reads_with_its_header(tmp_path: Path) -> None:
    target = "job_latency:runbook.e2e_ms.p50.median"
    assert findings(tmp_path, table("Runbook settings", quote(target)), source="") == []
    [problem] = findings(tmp_path / "2", table("Median of the sets", quote(target)), source="")
    assert "its table row (and header) does not name" in problem.message


def test_a_list_item_names_its_configuration_once_for_all_its_sentences(tmp_path: Path) -> None:
    item = nodes.list_item(
        "",
        para(
            nodes.strong("", "Partitions track cost."),
            " Doubling the partitions raised the trigger p50 to ",
            quote("job_latency:partitions-2x.trigger_ms.p50.median"),
            ". Its fastest set ",
            quote("job_latency:partitions-2x.trigger_ms.p50.min"),
            " was slower than the runbook's median.",
        ),
    )
    assert findings(tmp_path, nodes.bullet_list("", item), source="") == []


def test_figures_of_no_configuration_and_unknown_results_are_left_alone(tmp_path: Path) -> None:
    block = para(
        "Measured in ",
        quote("job_latency:parameters.repetitions", "3"),
        " sets; ",
        quote("gone:runbook.x"),
        ".",
    )
    assert findings(tmp_path, block, source="") == []
