"""spec_values.py: the values the spec deploys, figures that must be bound, and figures in titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from runbook_checks.figure_forms import Vocabulary
from runbook_checks.spec_values import (
    count_word,
    deployed_facts,
    facts,
    job_mode,
    notification_destinations,
    notification_events,
    title_mismatches,
    unbound_figures,
    value_line,
)

from bundle_spec import load_bundle
from unit.fakes import config, tiny_bundle

VOCABULARY = Vocabulary.of(config())
# The durations the tiny bundle's spec gives, in milliseconds: the 500 ms trigger and the 1000 ms budget.
DURATIONS = {500.0, 1000.0}


def unbound(text: str) -> list[str]:
    return unbound_figures(text, VOCABULARY, DURATIONS)


def deployed(tmp_path: Path, prod: str = "    variables:\n      workers: 2") -> dict[str, dict[str, str]]:
    bundle = load_bundle(tiny_bundle(tmp_path, prod=prod))
    conf = config(runbook_scale_to_workers=4, runbook_runtime_spark={"18": "4.1.0"})
    return {target: facts(bundle.resolved_job("tiny_job", target), conf) for target in bundle.targets()}


def test_facts_of_a_target(tmp_path: Path) -> None:
    dev = deployed(tmp_path)["dev"]
    assert {k: dev[k] for k in ("workers", "vcpus", "cores", "cores_2x", "partitions")} == {
        "workers": "2",
        "vcpus": "4",
        "cores": "8",
        "cores_2x": "16",
        "partitions": "8",
    }
    assert (dev["scaled_workers"], dev["scaled_cores"], dev["scaled_partitions"]) == ("4", "16", "16")
    assert (dev["trigger"], dev["trigger_ms"], dev["budget_ms"]) == ("500 milliseconds", "500", "1000")
    assert (dev["spark"], dev["spark_line"], dev["engine"], dev["node_type"]) == (
        "4.1.0",
        "4.1",
        "STANDARD",
        "c5.xlarge",
    )


def test_a_prod_variable_changes_prod_only(tmp_path: Path) -> None:
    values = deployed(tmp_path, prod="    variables:\n      workers: 3")
    assert (values["dev"]["workers"], values["prod"]["workers"]) == ("2", "3")


@pytest.mark.parametrize(
    ("prose", "figure"),
    [
        pytest.param("Scale to 4 workers when needed.", "4 workers", id="a checklist row that says 4 workers"),
        pytest.param("Alert at 6000 records of backlog.", "6000 records", id="a backlog threshold typed in the prose"),
        pytest.param(
            'Set `spark.sql.shuffle.partitions: "32"` after scaling.',
            '.partitions: "32',
            id="a partition count typed inside a config line in inline code",
        ),
        pytest.param("Runs Spark 4.1 on c5.xlarge with STANDARD.", "Spark 4.1", id="a Spark version in prose"),
        pytest.param("Trigger every 500 ms.", "500 ms", id="milliseconds in prose"),
        pytest.param("Operators hold `CAN_MANAGE_RUN`.", "CAN_MANAGE_RUN", id="a permission level in prose"),
        pytest.param("The job's two backlog health rules.", "two backlog health rules", id="a count of health rules"),
        pytest.param("Prod sets it to `UNPAUSED`.", "UNPAUSED", id="the pause status in prose"),
        pytest.param(
            "Under /Volumes/main/streaming/checkpoints.", "/Volumes/main/streaming/checkpoints", id="a volume path"
        ),
    ],
)
def test_unbound_figures_are_found(prose: str, figure: str) -> None:
    assert figure in unbound(prose)


# Issue 18 item 2: figures in other forms, each found in prose (a paragraph, a list item or a table cell).
@pytest.mark.parametrize(
    ("prose", "figure"),
    [
        pytest.param("Scale out to three workers.", "three workers", id="number words: three workers"),
        pytest.param("The stateful stage runs sixteen tasks.", "sixteen tasks", id="number words: sixteen tasks"),
        pytest.param("Use a 0.5 s trigger.", "0.5 s", id="seconds for a millisecond value"),
        pytest.param("Trigger every 2 seconds.", "2 seconds", id="seconds near the word trigger"),
        pytest.param("Alert at 12k records of backlog.", "12k records", id="12k records"),
        pytest.param("Run it on a 16-core cluster.", "16-core", id="hyphenated: 16-core"),
        pytest.param("A 4-worker cluster.", "4-worker", id="hyphenated: 4-worker"),
        pytest.param("Raise to two hundred partitions.", "two hundred partitions", id="number words with hundred"),
        pytest.param("Size it at 3-4 workers.", "3-4 workers", id="a range"),
        pytest.param("Go from 8 to 16 partitions.", "8 to 16 partitions", id="a range with to"),
        pytest.param("Trigger every 500ms.", "500ms", id="milliseconds without a space"),
        pytest.param("The budget is 1.5 seconds.", "1.5 seconds", id="a decimal of seconds near budget"),
        pytest.param("Alert at 45 s of backlog.", "45 s", id="seconds of backlog"),
    ],
)
def test_figures_in_other_forms_are_found(prose: str, figure: str) -> None:
    assert unbound(prose) == [figure]


@pytest.mark.parametrize(
    "prose",
    [
        pytest.param("The alert is resent every 30 minutes while the backlog lasts.", id="a resend interval"),
        pytest.param("Stay at one partition per core, 1.5 partitions per worker core.", id="a ratio"),
        pytest.param("The listener writes every 30 seconds.", id="seconds that state no spec value"),
        pytest.param("Wait for the alert's 30-minute resend interval.", id="a resend interval in minutes"),
        pytest.param("Keep 7 days of files and 20 GB of logs.", id="units of no spec kind"),
        pytest.param("Two procedures follow, then three tables.", id="number words without a unit"),
    ],
)
def test_figures_of_no_spec_kind_pass(prose: str) -> None:
    assert unbound(prose) == []


def test_seconds_equal_to_a_spec_duration_state_it() -> None:
    """'one second' is the 1000 ms budget in other words: bound or marked, like '1000 ms'."""
    assert unbound("The default, \u00a7 ms and one second gave the same latency.") == ["one second"]
    assert unbound("A 60 s wait.") == []  # 60 s is no duration of the tiny spec


def test_bound_placeholder_leaves_no_figure() -> None:
    assert unbound("Deploy \u00a7 workers on \u00a7 nodes.") == []


def test_title_figures_must_be_spec_values(tmp_path: Path) -> None:
    values = deployed(tmp_path)
    assert title_mismatches("Keep 2 workers", values, VOCABULARY) == []
    assert title_mismatches("Scale to 4 workers", values, VOCABULARY) == []  # the scale rule's size
    assert title_mismatches("Use a 500 millisecond trigger", values, VOCABULARY) == []
    assert title_mismatches("Use a 0.5 s trigger", values, VOCABULARY) == []  # 0.5 s = 500 ms
    assert title_mismatches("When to scale to four workers", values, VOCABULARY) == []
    [trigger] = title_mismatches("Use a 250 millisecond trigger", values, VOCABULARY)
    assert "'250 millisecond' is not a spec value for target dev (allowed: 500)" in trigger
    [workers] = title_mismatches("When to scale to 3-4 workers", values, VOCABULARY)
    assert "'3-4 workers' is not a spec value for target dev (allowed: 2, 4)" in workers
    prod_only = deployed(tmp_path / "p", prod="    variables:\n      workers: 3")
    assert "for target prod" in title_mismatches("Keep 2 workers", prod_only, VOCABULARY)[0]


@pytest.mark.parametrize(
    ("title", "figure"),
    [
        pytest.param("When to scale to three workers", "'three workers'", id="a heading with a worker count in words"),
        pytest.param("Use a 2-second trigger", "'2-second'", id="a need title with a trigger in seconds"),
        pytest.param("Run on a 12-core cluster", "'12-core'", id="a heading with a hyphenated core count"),
        pytest.param("Runs on Spark 3.5", "'Spark 3.5'", id="a heading with another Spark version"),
    ],
)
def test_figures_in_other_forms_in_titles(tmp_path: Path, title: str, figure: str) -> None:
    [message] = title_mismatches(title, deployed(tmp_path), VOCABULARY)
    assert f"{figure} is not a spec value for target dev" in message


def test_a_spark_35_runtime_gives_spark_35(tmp_path: Path) -> None:
    """A Spark 3.5 runtime in spec and snippet while the prose says Spark 4.1: the spec value is 3.5.0."""
    bundle = load_bundle(tiny_bundle(tmp_path, spark_version="15.4.x-scala2.12"))
    conf = config(runbook_scale_to_workers=4, runbook_runtime_spark={"15": "3.5.0", "18": "4.1.0"})
    values = facts(bundle.resolved_job("tiny_job", "dev"), conf)
    assert (values["spark"], values["spark_line"], values["spark_version"]) == ("3.5.0", "3.5", "15.4.x-scala2.12")


def test_a_quoted_benchmark_figure_is_bound_but_a_typed_one_is_not() -> None:
    from runbook_checks.spec_values import unbound_paragraphs

    from unit.fakes import context, page, para, section

    quoted = nodes.inline("", "795 ms", classes=["bench-figure"])
    doc = page(
        "Runbook",
        section("Operations Checklist", para("Trigger p50 was ", quoted, "."), para("Trigger every 500 ms.")),
    )
    texts = [text for text, _ in unbound_paragraphs(context(doctrees={"runbook": doc}))]
    assert [figure for text in texts for figure in unbound(text)] == ["500 ms"]


def test_notification_and_mode_facts() -> None:
    job = {
        "continuous": {"pause_status": "PAUSED"},
        "webhook_notifications": {"on_streaming_backlog_exceeded": [{"id": "d1"}], "on_failure": [{"id": "d1"}]},
        "email_notifications": {"on_start": ["oncall-list"], "on_success": []},
    }
    assert notification_events(job) == "start, failure and streaming-backlog"
    assert notification_events({"webhook_notifications": {"on_failure": [{"id": "d"}]}}) == "failure"
    assert notification_destinations(job) == {"d1", "oncall-list"}
    assert (job_mode(job), job_mode({"schedule": {"x": 1}}), job_mode({})) == ("continuous", "scheduled", "manual")
    assert (count_word(0), count_word(2), count_word(10), count_word(11)) == ("no", "two", "ten", "11")


PRODUCTION = """    mode: production
    permissions:
      - group_name: ops
        level: CAN_MANAGE_RUN
      - user_name: someone
        level: CAN_VIEW
    variables:
      workers: 2"""


def test_production_facts_are_the_same_in_every_target(tmp_path: Path) -> None:
    bundle = load_bundle(tiny_bundle(tmp_path, prod=PRODUCTION))
    conf = config(runbook_scale_to_workers=4, runbook_runtime_spark={"18": "4.1.0"})
    values = deployed_facts(bundle, "tiny_job", conf)
    for target in ("dev", "prod"):
        assert (values[target]["operators_permission"], values[target]["operators_group"]) == ("CAN_MANAGE_RUN", "ops")
        assert (values[target]["job_mode"], values[target]["health_rules"]) == ("manual", "no")


def test_no_production_target_gives_no_production_facts(tmp_path: Path) -> None:
    bundle = load_bundle(tiny_bundle(tmp_path))
    conf = config(runbook_scale_to_workers=4, runbook_runtime_spark={"18": "4.1.0"})
    assert deployed_facts(bundle, "tiny_job", conf)["prod"]["operators_permission"] == ""


def test_a_finding_names_the_line_the_value_is_written_on() -> None:
    lines = [
        "A paragraph that starts here,",
        'holds <span data-spec="workers">2</span> workers and',
        'again <span data-spec="workers">2</span> and {spec}`workers=2` on one line.',
    ]
    assert [value_line(lines, 1, "workers", "2", nth) for nth in range(3)] == [2, 3, 3]
    assert value_line(lines, 1, "workers", "3", 0) == 1  # not written as given: the paragraph's line


@pytest.mark.parametrize(
    ("block", "line", "figure"),
    [
        pytest.param(
            "databricks bundle deploy -t prod\ntox -e run-local -- --trigger-interval '2 seconds'\n",
            1,
            "'2 seconds' is not a spec value for target dev (allowed: 0.5)",
            id="a command in a code block with a trigger in seconds",
        ),
        pytest.param(
            "# scale out\nnum_workers = three workers\n",
            1,
            "'three workers' is not a spec value for target dev (allowed: 2, 4)",
            id="a worker count in words in a code block",
        ),
    ],
)
def test_figures_in_code_blocks_must_be_spec_values(tmp_path: Path, block: str, line: int, figure: str) -> None:
    from runbook_checks.spec_values import block_mismatches

    [(found_line, message)] = block_mismatches(block, deployed(tmp_path), VOCABULARY)
    assert found_line == line and figure in message


def test_figures_in_code_blocks_that_are_the_spec_values_pass(tmp_path: Path) -> None:
    from runbook_checks.spec_values import block_mismatches

    block = "tox -e run-local -- --trigger-interval '500 milliseconds'\nSELECT * FROM t WHERE x > INTERVAL 30 MINUTES\n"
    assert block_mismatches(block, deployed(tmp_path), VOCABULARY) == []
    assert block_mismatches("--trigger-interval '0.5 seconds'", deployed(tmp_path), VOCABULARY) == []


def test_a_written_value_in_another_form_is_the_spec_value() -> None:
    """'two' workers, 0.5 s for a 500 ms trigger: the spec's values in other words (figure_forms.same_value)."""
    from runbook_checks.figure_forms import same_value

    assert same_value("two", "workers", "workers", "2", VOCABULARY)
    assert same_value("0.5", "s", "trigger_ms", "500", VOCABULARY)
    assert same_value("500", None, "trigger_ms", "500", VOCABULARY)
    assert not same_value("three", "workers", "workers", "2", VOCABULARY)
    assert not same_value("0.5", "ms", "trigger_ms", "500", VOCABULARY)
    assert not same_value("500", "s", "trigger_ms", "500", VOCABULARY)


def test_a_unit_that_does_not_fit_is_not_also_a_wrong_value() -> None:
    """'4 workers' for the vCPU count is figures.py's finding (the unit), not a second one about the value."""
    from runbook_checks.figure_forms import same_value

    assert same_value("4", "workers", "vcpus", "4", VOCABULARY)
