"""evidence.py: result files are their raw samples' and the pin's; evidence needs name real figures
and relations that hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docs_project import REPO_ROOT
from runbook_checks import evidence
from runbook_checks.evidence import check_need, check_result_file, pinned_pyspark
from runbook_checks.evidence_relations import holds
from runbook_checks.evidence_results import ResultError, figures, line_of, load, summarize
from runbook_checks.model import threshold_figures

from unit.fakes import config, context, need

PIN = ("4.1.1", "requirements.txt pins")


def committed(tmp_path: Path, name: str, change=None) -> Path:
    """A copy of a committed result file, changed by `change(document)`, written as the benchmarks write it."""
    document = json.loads((REPO_ROOT / "benchmarks" / "results" / f"{name}.json").read_text())
    if change:
        change(document)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document, indent=1))
    return path


def problems_of(path: Path, pin: tuple[str, str] = PIN) -> list:
    document = load(path)
    return list(check_result_file(path, document, (pin[0] or document["provenance"]["pyspark"], pin[1])))


@pytest.mark.parametrize("name", ["job_latency", "job_capacity", "job_soak", "progress_cost", "job_levers"])
def test_committed_results_are_their_samples(tmp_path: Path, name: str) -> None:
    assert problems_of(committed(tmp_path, name), ("", "pin")) == []


@pytest.mark.parametrize(
    ("name", "figure"),
    [
        pytest.param("job_latency", "runbook.trigger_ms.p50.median", id="summary figure edited by hand"),
        pytest.param("job_capacity", "runbook.max_sustained_eps", id="capacity figure edited by hand"),
    ],
)
def test_hand_edited_figure_named_at_its_line(tmp_path: Path, name: str, figure: str) -> None:
    path = committed(tmp_path, name, lambda d: d["summary"].__setitem__(figure, d["summary"][figure] + 100))
    [problem] = problems_of(path, ("", "pin"))
    assert problem.subtype == "evidence"
    assert problem.location == f"{path}:{line_of(path, figure)}"
    assert f"figure '{figure}' =" in problem.message and "does not match the raw samples" in problem.message


def test_results_produced_by_another_pyspark(tmp_path: Path) -> None:
    path = committed(tmp_path, "job_latency", lambda d: d["provenance"].__setitem__("pyspark", "4.0.0"))
    [problem] = problems_of(path, ("4.1.1", "requirements.txt pins"))
    assert problem.location == f"{path}:{line_of(path, 'pyspark')}"
    assert "results produced by pyspark 4.0.0; requirements.txt pins 4.1.1" in problem.message


def test_results_of_a_quick_smoke_run(tmp_path: Path) -> None:
    path = committed(tmp_path, "job_capacity", lambda d: d["provenance"].__setitem__("quick", True))
    [problem] = problems_of(path, ("", "pin"))
    assert problem.location == f"{path}:{line_of(path, 'quick')}"
    assert "--quick smoke run" in problem.message


def test_pinned_pyspark_reads_requirements(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("Sphinx==9\npyspark==9.9.9\n")
    assert pinned_pyspark(tmp_path) == ("9.9.9", "requirements.txt pins")


SCALING = {
    "benchmark": "docs_scaling",
    "results": [{"needs_synthetic": 100, "plain_s": 3.6, "with_checks_s": 3.1}],
}
ARTIFACT = "benchmarks/results/docs_scaling.json"


def need_problems(fields: dict, documents: dict | None = None, **conf) -> list:
    evd = need("EVD_SCALING", "evid", "evidence", 9, artifact=ARTIFACT, **fields)
    ctx = context({"EVD_SCALING": evd}, runbook_assumptions=conf.get("assumptions", {"production_eps": 50}))
    found = list(check_need(ctx, "EVD_SCALING", evd, documents if documents is not None else {ARTIFACT: SCALING}))
    assert all(p.subtype == "evidence" and p.location == ("evidence", 9) for p in found), found
    return [p.message for p in found]


FIGURES = ["needs_100.plain_s", "needs_100.with_checks_s"]


def test_holding_relation_passes() -> None:
    assert need_problems({"figures": FIGURES, "relations": ["needs_100.with_checks_s <= needs_100.plain_s"]}) == []


@pytest.mark.parametrize(
    ("fields", "documents", "expected"),
    [
        pytest.param(
            {"figures": FIGURES, "relations": ["needs_100.with_checks_s * 2 <= needs_100.plain_s"]},
            None,
            "'EVD_SCALING' claim no longer supported by 'benchmarks/results/docs_scaling.json': "
            "needs_100.with_checks_s * 2 <= needs_100.plain_s is false (6.2 <= 3.6)",
            id="rerun whose results no longer support a claim",
        ),
        pytest.param(
            {
                "figures": ["needs_100.plain_s", "assumed.production_eps"],
                "relations": ["needs_100.plain_s >= assumed.production_eps"],
            },
            None,
            "needs_100.plain_s >= assumed.production_eps is false (3.6 >= 50)",
            id="production rate assumption raised beyond what the capacity curve supports",
        ),
        pytest.param(
            {"figures": FIGURES},
            {},
            f"'EVD_SCALING' artifact '{ARTIFACT}' does not exist",
            id="evidence need pointing at a missing result file",
        ),
        pytest.param(
            {"figures": FIGURES},
            {ARTIFACT: "is not a benchmark result file (JSONDecodeError)"},
            f"'EVD_SCALING' artifact '{ARTIFACT}' is not a benchmark result file",
            id="evidence need pointing at a file that is not a benchmark result",
        ),
        pytest.param(
            {"figures": ["needs_5000.checks_overhead"], "relations": ["needs_5000.checks_overhead < 1"]},
            None,
            "'EVD_SCALING' names figure 'needs_5000.checks_overhead', which neither",
            id="evidence need naming a figure its result lacks",
        ),
        pytest.param(
            {"figures": ["needs_100.plain_s"], "relations": ["needs_100.plain_s > needs_100.with_checks_s"]},
            None,
            "uses undeclared ['needs_100.with_checks_s']",
            id="relation over an undeclared figure",
        ),
    ],
)
def test_evidence_need_problem(fields: dict, documents: dict | None, expected: str) -> None:
    found = need_problems(fields, documents)
    assert any(expected in message for message in found), found


def test_not_a_benchmark_result_file(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Not JSON\n")
    with pytest.raises(ResultError, match="is not a benchmark result file"):
        load(tmp_path / "README.md")


def test_check_reports_a_stray_unreadable_result_file(tmp_path: Path) -> None:
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    (tmp_path / "benchmarks" / "results" / "broken.json").write_text("{")
    [problem] = evidence.check(context({}, repo_root=tmp_path))
    assert problem.location == f"{tmp_path / 'benchmarks/results/broken.json'}:1"


def relation_of(need_id: str) -> str:
    """The `:relations:` line of an evidence need on the evidence page (the relation the build checks)."""
    lines = (REPO_ROOT / "docs" / "evidence.md").read_text(encoding="utf-8").splitlines()
    # The ID as a field line, or as the GitHub anchor that opens the hidden fields (gfm_source.py).
    start = next(i for i, line in enumerate(lines) if line in (f":id: {need_id}", f'<div id="{need_id}"><!--'))
    relations = next(line for line in lines[start:] if line.startswith(":relations: "))
    return relations.removeprefix(":relations: ").removesuffix(" --></div>")


def scaled_batches(document: dict, keep, factor: float) -> None:
    """A rerun in which the batches `keep(run, batch)` selects took `factor` times as long, summarised honestly."""
    for run in document["runs"]:
        for batch in run["batches"]:
            if keep(run, batch):
                batch["parts_ms"]["triggerExecution"] = round(batch["parts_ms"]["triggerExecution"] * factor)
    document["summary"] = summarize(document)


def test_soak_figure_edited_by_hand_is_named_at_its_line(tmp_path: Path) -> None:
    figure = "trigger_p50.final_pct_of_baseline"
    path = committed(tmp_path, "job_soak", lambda d: d["summary"].__setitem__(figure, d["summary"][figure] + 100))
    [problem] = problems_of(path, ("", "pin"))
    assert problem.location == f"{path}:{line_of(path, figure)}" and "does not match the raw samples" in problem.message


@pytest.mark.parametrize(
    ("name", "need_id", "keep", "factor"),
    [
        pytest.param(
            "job_soak",
            "EVD_JOB_SOAK",
            lambda d: lambda run, batch: batch["start_ms"] >= d["parameters"]["final_from_s"] * 1000,
            # the final span's batches brought to 130% of the baseline span's p50
            lambda d: 130 / d["summary"]["trigger_p50.final_pct_of_baseline"],
            id="soak rerun whose batch time grows with the output",
        ),
        pytest.param(
            "progress_cost",
            "EVD_PROGRESS_COST",
            lambda d: lambda run, batch: run["configuration"] == "progress-table",
            lambda d: 1.3,
            id="progress recording that costs the stream more than its limit",
        ),
    ],
)
def test_committed_relation_holds_and_fails_on_a_slower_rerun(
    tmp_path: Path, name: str, need_id: str, keep, factor
) -> None:
    relation = relation_of(need_id)
    thresholds = threshold_figures(config())  # the relation names the policy's threshold
    assert holds(relation, figures(load(committed(tmp_path, name))) | thresholds)[0], relation
    slower = committed(tmp_path, name, lambda d: scaled_batches(d, keep(d), factor(d)))
    assert problems_of(slower, ("", "pin")) == []  # an honest rerun: its summary is its samples'
    assert not holds(relation, figures(load(slower)) | thresholds)[0]


def test_an_evidence_need_without_figures_or_relations_is_left_to_the_schema() -> None:
    """needs_schema.json's evidence-names-figures says it (tests/test_rules_in_sphinx.py builds it)."""
    assert need_problems({}, None) == []
