"""The soak benchmark end to end on its `--quick` setting (2 minutes): raw samples, summary, provenance.

Runs `benchmarks/job_soak.py --quick` in its own process (its own JVM) into a temporary folder and
checks what it wrote, never how fast it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from runbook_checks.evidence import check_result_file
from runbook_checks.evidence_results import load, span_figures, summarize
from runbook_checks.model import policy_values

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from job_soak import QUICK_MINUTES, declared_assumption, spans_s


@pytest.fixture(scope="module")
def soak_result(smoke_runs) -> Path:
    return smoke_runs["job_soak"].result() / "job_soak.json"


def test_spans_are_minutes_5_to_10_and_the_last_5_of_a_30_minute_run() -> None:
    assert spans_s(30) == {"baseline_from_s": 300, "baseline_to_s": 600, "final_from_s": 1500}
    assert spans_s(QUICK_MINUTES) == {"baseline_from_s": 20, "baseline_to_s": 40, "final_from_s": 100}


def test_the_rate_is_the_one_the_policy_declares() -> None:
    declared = policy_values(REPO_ROOT / "runbook_policy.toml")["runbook_assumptions"]
    assert declared_assumption("production_eps") == declared["production_eps"]


def test_quick_soak_writes_raw_samples_per_minute_with_provenance(soak_result: Path) -> None:
    document = load(soak_result)
    assert document["benchmark"] == "job_soak"
    origin = document["provenance"]
    for key in ("git_commit", "pyspark", "java", "cores", "date", "load_average_start", "load_average_end"):
        assert origin[key], key
    assert origin["quick"] is True
    assert document["parameters"]["events_per_second_per_stream"] == declared_assumption("production_eps")
    (run,) = document["runs"]
    assert [sample["minute"] for sample in run["minutes"]] == list(range(1, QUICK_MINUTES + 1))
    for sample in run["minutes"]:
        assert set(sample) >= {"at_ms", "output_files", "output_bytes", "written", "load_1m", "rss_mb"}
    assert run["minutes"][-1]["output_files"] > 0 and run["batches"]
    assert run["batches"][0]["parts_ms"]["addBatch"] >= 0


def test_quick_soak_summary_is_the_raw_samples_summary(soak_result: Path) -> None:
    document = load(soak_result)
    summary = document["summary"]
    assert summary == summarize(document)
    # A minute has a trigger p50 exactly when a batch with data ended in it (on a busy machine a batch can
    # outlast a minute of the 2-minute smoke run); at least one minute has one.
    (run,) = document["runs"]
    for minute in range(1, QUICK_MINUTES + 1):
        ended = span_figures(run["batches"], (minute - 1) * 60_000, minute * 60_000)["batches"]
        assert (f"minute_{minute:02d}.trigger_ms.p50" in summary) == bool(ended), minute
    assert any(f"minute_{minute:02d}.trigger_ms.p50" in summary for minute in range(1, QUICK_MINUTES + 1))
    both_spans = "baseline.trigger_ms.p50" in summary and "final.trigger_ms.p50" in summary
    assert ("trigger_p50.final_pct_of_baseline" in summary) == both_spans
    problems = list(check_result_file(soak_result, document, ("", "")))
    assert [p.message for p in problems] == ["results of a --quick smoke run cannot back evidence"]
