"""result_seal.py and result_runs.py: a result file is what its benchmark wrote, and its parameters and
provenance are its raw runs'. One test per attack on a committed file, and the edits that must pass."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from runbook_checks import result_runs, result_seal
from runbook_checks.evidence import check_result_file
from runbook_checks.evidence_results import RESULTS_FOLDER, line_of, load, summarize
from runbook_checks.result_digest import DIGEST_KEY, digest, sealed
from runbook_checks.result_runs import run_problems
from runbook_checks.result_seal import seal_problems
from seal_results import seal_text

from unit.fakes import context

COMMITTED = sorted(path.stem for path in (REPO_ROOT / RESULTS_FOLDER).glob("*.json"))


def committed(tmp_path: Path, name: str, change: Callable[[dict], None] | None = None, indent: int = 1) -> Path:
    """A copy of a committed result file, changed by `change(document)` (the seal left as it was)."""
    document = json.loads((REPO_ROOT / RESULTS_FOLDER / f"{name}.json").read_text(encoding="utf-8"))
    if change:
        change(document)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document, indent=indent), encoding="utf-8")
    return path


def problems(path: Path) -> list:
    document = load(path)
    return [*seal_problems(path, document), *run_problems(path, document)]


def where(path: Path, key: str) -> str:
    return f"{path}:{line_of(path, key)}"


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_results_are_sealed_and_agree_with_their_runs(tmp_path: Path, name: str) -> None:
    path = REPO_ROOT / RESULTS_FOLDER / f"{name}.json"
    assert problems(path) == []


def test_the_rules_read_every_committed_result_file() -> None:
    assert list(result_seal.check(context())) == [] and list(result_runs.check(context())) == []


def scaled_samples(document: dict) -> None:
    """Every batch made twice as fast, and the summary recomputed from the doctored samples."""
    for run in document["runs"]:
        for batch in run["batches"]:
            batch["parts_ms"]["triggerExecution"] //= 2
    document["summary"] = summarize(document)


def test_raw_samples_scaled_and_the_summary_recomputed_fail_at_the_digest(tmp_path: Path) -> None:
    path = committed(tmp_path, "job_latency", scaled_samples)
    assert list(check_result_file(path, load(path), ("", ""))) == []  # the summary is the samples': no help
    [problem] = problems(path)
    assert problem.subtype == "evidence" and problem.location == where(path, DIGEST_KEY)
    assert "hand-made or edited result file" in problem.message


def test_a_result_file_without_a_digest_fails_at_its_benchmark_line(tmp_path: Path) -> None:
    path = committed(tmp_path, "docs_scaling", lambda d: d.pop(DIGEST_KEY))
    [problem] = problems(path)
    assert problem.location == where(path, "benchmark") and "no 'digest'" in problem.message
    assert "tools/seal_results.py" in problem.message


def test_the_machines_core_count_edited_fails_at_the_digest(tmp_path: Path) -> None:
    """The caption shows the provenance's `cores`; nothing in the runs says it, so the seal alone does."""
    path = committed(tmp_path, "job_capacity", lambda d: d["provenance"].__setitem__("cores", 8))
    [problem] = problems(path)
    assert problem.location == where(path, DIGEST_KEY) and "hand-made or edited result file" in problem.message


def drop_repetition(document: dict) -> None:
    document["runs"] = [run for run in document["runs"] if run["repetition"] != 2]
    document["summary"] = summarize(document)


def copy_repetition(document: dict) -> None:
    """Three sets shown from two: set 1's runs relabelled as set 2."""
    kept = [run for run in document["runs"] if run["repetition"] != 2]
    document["runs"] = kept + [run | {"repetition": 2} for run in kept if run["repetition"] == 1]
    document["summary"] = summarize(document)


def levers_from_progress(document: dict) -> None:
    """A job_levers file (same shape as the latency sets, counted by `lever_repetitions`), one set short."""
    document["benchmark"], document["schema"] = "job_levers", 1
    document["parameters"] |= {"lever_repetitions": 5, "lever_configs": ["runbook", "progress-table"]}
    document["runs"] = [run for run in document["runs"] if run["repetition"] != 4]
    document["summary"] = summarize(document)


@pytest.mark.parametrize(
    ("name", "change", "key", "fragments"),
    [
        pytest.param(
            "job_latency",
            drop_repetition,
            "repetitions",
            ["parameters.repetitions = 3, but 2 repetition set(s) (0, 1) in the runs of 'runbook', 'spark-defaults'"],
            id="a repetition deleted, its count left at 3",
        ),
        pytest.param(
            "job_latency",
            copy_repetition,
            "runs",
            ["run 20 ('spark-defaults') is a copy of run 10: a repetition shown twice"],
            id="a repetition set copied to show 3 sets from 2",
        ),
        pytest.param(
            "progress_cost",
            lambda d: d["parameters"].__setitem__("progress_repetitions", 8),
            "progress_repetitions",
            ["parameters.progress_repetitions = 8, but 5 repetition set(s)"],
            id="the progress-cost repetition count edited",
        ),
        pytest.param(
            "progress_cost",
            levers_from_progress,
            "lever_repetitions",
            ["parameters.lever_repetitions = 5, but 4 repetition set(s) (0, 1, 2, 3)"],
            id="a levers repetition deleted",
        ),
        pytest.param(
            "progress_cost",
            lambda d: d["parameters"].__setitem__("latency_rate", 500),
            "latency_rate",
            ["parameters.latency_rate = 500 events/s per stream, but the runs ran at 50"],
            id="the rate parameter edited to one the runs did not have",
        ),
        pytest.param(
            "job_latency",
            lambda d: d["parameters"].__setitem__("window_s", 60.0),
            "window_s",
            [
                "parameters.warmup_s = 6.0 and parameters.window_s = 60.0 give the window [6000, 66000] ms",
                "[6000, 26000]",
            ],
            id="the window parameter edited",
        ),
        pytest.param(
            "job_capacity",
            lambda d: d["parameters"].__setitem__("capacity_rates", [50, 200, 1000, 2000, 5000, 10000, 40000]),
            "capacity_rates",
            ["configuration 'runbook' ran at [50, 200, 1000, 2000, 5000, 10000, 20000] events/s per stream"],
            id="a capacity rate edited",
        ),
        pytest.param(
            "job_soak",
            lambda d: d["parameters"].__setitem__("events_per_second_per_stream", 500),
            "events_per_second_per_stream",
            ["parameters.events_per_second_per_stream = 500 events/s per stream, but the runs ran at 50"],
            id="the soak rate edited",
        ),
        pytest.param(
            "job_soak",
            lambda d: d["parameters"].__setitem__("minutes", 60),
            "minutes",
            ["parameters.minutes = 60, but the run sampled minutes", "(30 samples)"],
            id="the soak length edited",
        ),
        pytest.param(
            "job_latency",
            lambda d: d["provenance"].__setitem__("local_cores", 1),
            "local_cores",
            ["provenance local_cores = 1, but the runs' scaling note", "scaled to 2 local cores"],
            id="the provenance core count edited",
        ),
        pytest.param(
            "job_latency",
            lambda d: d["configurations"][0]["conf"].__setitem__("spark.sql.shuffle.partitions", "8"),
            "runbook_local_scaling",
            ["configuration 'runbook' ran with spark.sql.shuffle.partitions = 8, but", "gives 2"],
            id="the runbook configuration's partitions edited against the scaling note",
        ),
    ],
)
def test_parameters_and_provenance_are_the_runs(
    tmp_path: Path, name: str, change: Callable[[dict], None], key: str, fragments: list[str]
) -> None:
    path = committed(tmp_path, name, change)
    found = problems(path)
    assert where(path, DIGEST_KEY) in [p.location for p in found]  # the seal sees every edit as well
    named = [p for p in found if p.location == where(path, key) and all(f in p.message for f in fragments)]
    assert named and all(p.subtype == "evidence" for p in found), [(p.location, p.message) for p in found]


def test_a_resealed_edit_still_fails_the_cross_checks(tmp_path: Path) -> None:
    """Sealing an edited file again (the seal is no signature) still leaves the runs to disagree."""
    path = committed(tmp_path, "job_latency", lambda d: d.update(sealed(d | {"runs": d["runs"][:20]})))
    found = problems(path)
    assert [p.location for p in found] == [where(path, "repetitions")]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(None, id="re-indented"),
        pytest.param(lambda d: d.update(dict(reversed(list(d.items())))), id="entries reordered"),
        pytest.param(lambda d: d["summary"].update(summarize(d)), id="summary recomputed from the same runs"),
    ],
)
def test_harmless_rewrites_keep_the_seal(tmp_path: Path, change) -> None:
    path = committed(tmp_path, "progress_cost", change, indent=3)
    assert problems(path) == []


def test_the_digest_covers_everything_but_the_summary() -> None:
    document = json.loads((REPO_ROOT / RESULTS_FOLDER / "progress_cost.json").read_text(encoding="utf-8"))
    assert digest(document | {"summary": {}}) == document[DIGEST_KEY]
    for key in ("runs", "parameters", "provenance", "configurations", "schema"):
        assert digest(document | {key: None}) != document[DIGEST_KEY], key


def test_the_benchmark_writer_seals_what_the_build_checks(tmp_path: Path) -> None:
    """benchmarks/job_run.write_result, the function every job benchmark writes through."""
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from job_run import Variant, write_result

    source = json.loads((REPO_ROOT / RESULTS_FOLDER / "progress_cost.json").read_text(encoding="utf-8"))
    variants = [Variant(**c) for c in source["configurations"]]
    path = tmp_path / "progress_cost.json"
    write_result(path, "progress_cost", source["provenance"], source["parameters"], variants, source["runs"])
    written = load(path)
    assert next(iter(written)) == "benchmark" and list(written)[1] == DIGEST_KEY
    assert problems(path) == [] and list(check_result_file(path, written, ("", ""))) == []


def test_the_seal_tool_adds_one_line_and_changes_nothing_else() -> None:
    text = (REPO_ROOT / RESULTS_FOLDER / "job_soak.json").read_text(encoding="utf-8")
    document = json.loads(text)
    seal = document.pop(DIGEST_KEY)
    unsealed = "\n".join(line for line in text.split("\n") if f'"{DIGEST_KEY}"' not in line)
    assert seal_text(unsealed) == text and digest(document) == seal
    with pytest.raises(ValueError, match="already has a digest"):
        seal_text(text)
