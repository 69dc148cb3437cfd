"""figures.py: a spec value's unit fits its key, a figure marked not the spec's says what it is instead,
scale-target values stand where scaling is described, `--var` names a declared variable (issue 18 item 2);
and figure_forms.py, the finder they read figures with."""

from __future__ import annotations

import pytest
from runbook_checks.figure_forms import Vocabulary, written_like
from runbook_checks.figures import bare_notspec, scaling_place, unit_misfit, var_problems

from unit.fakes import config, page, para, section

VOCABULARY = Vocabulary.of(config())
# What the runbook's spec gives each target (spec_values.facts), as far as these checks read it.
FACTS = {
    "workers": "2",
    "scaled_workers": "4",
    "vcpus": "4",
    "cores": "8",
    "scaled_cores": "16",
    "cores_2x": "16",
    "partitions": "8",
    "scaled_partitions": "16",
    "trigger_ms": "500",
    "budget_ms": "1000",
    "backlog_s": "60",
    "spark": "4.1.0",
    "spark_line": "4.1",
}
DEPLOYED = {"dev": FACTS, "prod": FACTS}


# --- the finder ---
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("three workers", 3, "workers"),
        ("Sixteen tasks", 16, "tasks"),
        ("0.5 s", 0.5, "s"),
        ("12k records", 12000, "records"),
        ("1,000 ms", 1000, "ms"),
        ("a 16-core cluster", 16, "core"),
        ("two hundred partitions", 200, "partitions"),
        ("8 worker cores", 8, "worker cores"),
        ("two trigger\nintervals", 2, "trigger intervals"),
    ],
)
def test_the_finder_reads_every_form(text: str, value: float, unit: str) -> None:
    [figure] = VOCABULARY.find(text)
    assert (figure.low, figure.unit) == (value, unit)


def test_the_finder_reads_no_figure_inside_names_or_ratios() -> None:
    assert VOCABULARY.find("c5.4xlarge, p50_ms, 18.3 or later, 1-2x the cores, one task per partition") == []


def test_a_moved_value_is_written_back_in_its_form() -> None:
    assert written_like("two", "workers", "workers", "3", VOCABULARY) == "three"
    assert written_like("0.5", "s", "trigger_ms", "250", VOCABULARY) == "0.25"
    assert written_like("500", "ms", "trigger_ms", "250", VOCABULARY) == "250"


# --- a spec value's unit fits its key ---
def test_a_vcpu_count_followed_by_workers_is_refused() -> None:
    message = unit_misfit("vcpus", " workers each", VOCABULARY)
    assert message == (
        "is followed by 'workers', which does not fit vcpus (it may be followed by: vCPUs, vCPU, cores, core)"
    )


@pytest.mark.parametrize(
    ("key", "following"),
    [
        ("vcpus", " vCPUs each"),
        ("cores", " worker cores. No"),
        ("scaled_workers", "-worker cluster"),
        ("scaled_partitions", " tasks. Then"),
        ("trigger_ms", " s trigger"),  # 0.5 s for a 500 ms spec: a duration fits a duration key
        ("workers", " x 4 = 8"),  # no unit follows
        ("budget_trigger_intervals", " trigger\nintervals, so"),
    ],
)
def test_a_fitting_unit_or_none_passes(key: str, following: str) -> None:
    assert unit_misfit(key, following, VOCABULARY) == ""


@pytest.mark.parametrize(
    ("key", "following", "unit"),
    [
        pytest.param("partitions", " workers", "workers", id="a partition count followed by workers"),
        pytest.param("workers", " cores", "cores", id="a worker count followed by cores"),
        pytest.param("backlog_s", " ms", "ms", id="the backlog seconds followed by ms"),
    ],
)
def test_a_unit_of_another_key_is_refused(key: str, following: str, unit: str) -> None:
    assert f"is followed by '{unit}', which does not fit {key}" in unit_misfit(key, following, VOCABULARY)


# --- a marked figure says what it is instead ---
def notspec_in(sentence: str, marked: str) -> str:
    return bare_notspec(marked, sentence, sentence.index(marked), DEPLOYED, VOCABULARY)


def test_a_bare_differing_notspec_is_refused() -> None:
    message = notspec_in("Run the join on 3 workers for now.", "3 workers")
    assert message.startswith("marks '3 workers', a figure of workers, scaled_workers that differs from the spec")
    assert "without saying what it is instead" in message


@pytest.mark.parametrize(
    ("sentence", "marked"),
    [
        pytest.param("The job now runs Spark 3.5 jobs.", "Spark 3.5", id="another Spark version, bare"),
        pytest.param("Every batch waits 2 seconds for the trigger.", "2 seconds", id="a trigger in seconds, bare"),
        pytest.param("Give it sixteen workers.", "sixteen workers", id="a worker count in words, bare"),
    ],
)
def test_other_bare_differing_notspecs_are_refused(sentence: str, marked: str) -> None:
    assert "without saying what it is instead" in notspec_in(sentence, marked)


@pytest.mark.parametrize(
    ("sentence", "marked"),
    [
        pytest.param("On that count the Spark default of 200 partitions would", "200 partitions", id="a default"),
        pytest.param("On the benchmark's 2 local cores the batch", "2 local cores", id="local cores"),
        pytest.param("written by Spark 4.0 or Databricks Runtime 14.3 or later.", "Spark 4.0", id="a version floor"),
        pytest.param("older Databricks pages stated a 500 ms default.", "500 ms", id="the spec's own value"),
        pytest.param("the default trigger, 500 ms and one second gave", "one second", id="a benchmark's trigger"),
        pytest.param("The listener writes every 30 seconds.", "30 seconds", id="no spec kind"),
    ],
)
def test_a_qualified_or_equal_notspec_passes(sentence: str, marked: str) -> None:
    assert notspec_in(sentence, marked) == ""


# --- scale-target values where scaling is described ---
def test_scale_target_values_only_where_scaling_is_described() -> None:
    baseline = para("Deploy 4 workers.")
    when = para("Scale to 4 workers.")
    tuning = para("Go from 2 to 4 workers.")
    page(
        "Runbook",
        section("Recommended Baseline Cluster Configuration", baseline, section("When to scale to 4 workers", when)),
        section("Tuning Playbook", section("Route A", tuning)),
    )
    conf = config()
    assert [scaling_place(node, conf) for node in (baseline, when, tuning)] == [False, True, True]


def test_a_nested_section_titled_like_a_scaling_role_is_not_one() -> None:
    nested = para("Use 4 workers.")
    page("Runbook", section("Photon Note", section("Tuning Playbook", nested)))
    assert not scaling_place(nested, config())


# --- --var in commands ---
def accept(name: str, value: str, target: str) -> str:
    return "" if value in ("PAUSED", "UNPAUSED") else f"'{value}' is not a valid PauseStatus"


def test_a_var_the_bundle_does_not_declare_is_refused() -> None:
    command = "databricks bundle deploy -t prod --var continuous_pause=PAUSED"
    [(offset, message)] = var_problems(command, ["catalog", "continuous_pause_status"], accept)
    assert command[offset:].startswith("--var continuous_pause=")
    assert message == (
        "'--var continuous_pause=...' names no variable the bundle declares "
        "(declared: catalog, continuous_pause_status)"
    )


def test_a_var_value_the_spec_refuses_is_refused() -> None:
    seen = []

    def validate(name: str, value: str, target: str) -> str:
        seen.append(target)
        return accept(name, value, target)

    command = 'databricks bundle deploy --target prod --var="continuous_pause_status=PAUSD"'
    [(_, message)] = var_problems(command, ["continuous_pause_status"], validate)
    assert message == "'--var continuous_pause_status=PAUSD': 'PAUSD' is not a valid PauseStatus"
    assert seen == ["prod"]


def test_a_declared_var_with_an_accepted_value_passes() -> None:
    command = "databricks bundle deploy -t prod --var\n   continuous_pause_status=PAUSED"
    assert list(var_problems(command, ["continuous_pause_status"], accept)) == []
