"""spec_values.py: the values the spec deploys, figures that must be bound, and figures in titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from runbook_checks.spec_values import (
    UNBOUND,
    count_word,
    deployed_facts,
    facts,
    job_mode,
    notification_destinations,
    notification_events,
    title_mismatch,
    value_line,
)

from bundle_spec import load_bundle
from unit.fakes import config, tiny_bundle


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
    assert figure in [match.group(0) for match in UNBOUND.finditer(prose)]


def test_bound_placeholder_leaves_no_figure() -> None:
    assert list(UNBOUND.finditer("Deploy \u00a7 workers on \u00a7 nodes.")) == []


def test_title_figures_must_be_spec_values(tmp_path: Path) -> None:
    values = deployed(tmp_path)
    assert title_mismatch("2 workers", values) == ""
    assert title_mismatch("4 workers", values) == ""  # the scale rule's size
    assert title_mismatch("500 millisecond", values) == ""
    trigger = title_mismatch("250 millisecond", values)
    assert "'250 millisecond' is not a spec value for target dev (allowed: 1000, 500)" in trigger
    workers = title_mismatch("3-4 workers", values)
    assert "'3-4 workers' is not a spec value for target dev (allowed: 2, 4)" in workers
    prod_only = deployed(tmp_path / "p", prod="    variables:\n      workers: 3")
    assert "for target prod" in title_mismatch("2 workers", prod_only)


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
    assert [m.group(0) for text in texts for m in UNBOUND.finditer(text)] == ["500 ms"]


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
