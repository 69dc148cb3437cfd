"""The benchmark pipeline end to end on tiny settings: producer, job, raw samples, summary, plots.

Runs `benchmarks/job_latency.py --quick` (its own processes and JVMs) into a temporary folder and
checks what it wrote, never how fast it was: figures are the benchmark's business, not the tests'.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from runbook_checks.evidence import check_result_file
from runbook_checks.evidence_results import load, summarize, written_by
from runbook_checks.result_runs import run_problems
from runbook_checks.result_seal import seal_problems


@pytest.fixture(scope="module")
def quick_results(smoke_runs) -> Path:
    return smoke_runs["job_latency"].result()


@pytest.mark.parametrize("benchmark", ["job_latency", "job_capacity"])
def test_quick_run_writes_results_of_the_schema_with_provenance(quick_results: Path, benchmark: str) -> None:
    document = load(quick_results / f"{benchmark}.json")
    assert document["benchmark"] == benchmark
    origin = document["provenance"]
    for key in ("git_commit", "pyspark", "java", "cores", "date", "load_average_start", "load_average_end"):
        assert origin[key], key
    assert origin["quick"] is True
    assert document["configurations"] and document["runs"]
    assert (quick_results / f"{benchmark}.png").stat().st_size > 0


@pytest.mark.parametrize("benchmark", ["job_latency", "job_capacity", "progress_cost", "job_levers"])
def test_summary_is_the_raw_samples_summary(quick_results: Path, benchmark: str) -> None:
    document = load(quick_results / f"{benchmark}.json")
    assert document["summary"] == summarize(document)
    # The docs build accepts the file except for one thing: a smoke run cannot back evidence.
    problems = list(check_result_file(quick_results / f"{benchmark}.json", document, ("", "")))
    assert [p.message for p in problems] == ["results of a --quick smoke run cannot back evidence"]


@pytest.mark.parametrize("benchmark", ["job_latency", "job_capacity", "progress_cost"])
def test_results_are_sealed_and_their_parameters_are_their_runs(quick_results: Path, benchmark: str) -> None:
    """The digest the benchmark wrote is the one the build recomputes, and the cross-checks pass."""
    path = quick_results / f"{benchmark}.json"
    document = load(path)
    assert [p.message for p in [*seal_problems(path, document), *run_problems(path, document)]] == []


def test_latency_sets_run_in_their_own_processes_in_rotated_order(quick_results: Path) -> None:
    document = load(quick_results / "job_latency.json")
    orders = {}
    for run in document["runs"]:
        orders.setdefault(run["repetition"], []).append(run["configuration"])
    assert len(orders) == document["parameters"]["repetitions"]
    assert len({tuple(order) for order in orders.values()}) == len(orders), orders


def test_every_pair_written_in_the_window_is_accounted_for(quick_results: Path) -> None:
    """Each producer pair in the window is either committed (exact latency) or counted as waiting."""
    document = load(quick_results / "job_latency.json")
    for run in document["runs"]:
        start, end = run["window_ms"]
        written = sum(pairs for at, pairs, _ in run["produced"] if start <= at <= end)
        accounted = sum(n for _, n in run["e2e_ms"]) + sum(n for _, n in run["e2e_censored_ms"])
        assert written > 0 and accounted == written, run["configuration"]
        assert written_by(run, end) == 2 * sum(pairs for at, pairs, _ in run["produced"] if at <= end)
        assert all(latency > 0 for latency, _ in run["e2e_ms"])


def test_progress_cost_pairs_the_runbook_settings_without_and_with_recording(quick_results: Path) -> None:
    document = load(quick_results / "progress_cost.json")
    recording = {c["name"]: c["record_progress"] for c in document["configurations"]}
    assert recording == {"runbook": False, "progress-table": True}
    sets: dict[int, list[str]] = {}
    for run in document["runs"]:
        sets.setdefault(run["repetition"], []).append(run["configuration"])
    assert all(sorted(names) == ["progress-table", "runbook"] for names in sets.values()), sets
    assert len({tuple(names) for names in sets.values()}) == len(sets) == 2  # rotated order per set


def test_levers_change_one_thing_each_and_take_effect(quick_results: Path) -> None:
    """Each lever differs from the other in its one setting (the join state format, the sink) and keeps the
    rest of the runbook settings; every run accounts for the pairs written in its window (timing is not
    asserted: a smoke run's lever may finish no batch in its few seconds)."""
    document = load(quick_results / "job_levers.json")
    configs = {c["name"]: c for c in document["configurations"]}
    v3, plain = configs["join-state-v3"], configs["sink-plain-append"]
    assert v3["conf"]["spark.sql.streaming.join.stateFormatVersion"] == "3" and v3["sink"] == "job"
    assert plain["conf"]["spark.sql.streaming.join.stateFormatVersion"] == "2" and plain["sink"] == "plain-append"
    assert {k: v for k, v in v3["conf"].items() if "join.stateFormatVersion" not in k} == {
        k: v for k, v in plain["conf"].items() if "join.stateFormatVersion" not in k
    }
    runs = {run["configuration"]: run for run in document["runs"]}
    assert set(runs) == {"join-state-v3", "sink-plain-append"}
    for name, run in runs.items():  # every pair written in the window committed or counted as waiting
        start, end = run["window_ms"]
        written = sum(pairs for at, pairs, _ in run["produced"] if start <= at <= end)
        assert written == sum(n for _, n in run["e2e_ms"]) + sum(n for _, n in run["e2e_censored_ms"]), name
