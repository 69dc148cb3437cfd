"""Result files say what their raw runs did: the parameters and provenance the page quotes or shows are
cross-checked against the runs themselves.

- Repetition sets (job_latency, progress_cost, job_levers: evidence_results.REPETITION_SETS): each
  configuration ran once in each of the sets the parameters count, and no run is a copy of another;
  the configurations parameter, when it names them, names the file's configurations.
- Every run of a set or of the capacity curve ran at the parameters' rate per stream (the curve: its
  first rates, rising) and measured the window the parameters' warm-up and window give.
- The soak ran at its parameters' rate for its parameters' minutes, and compared the spans they give.
- Provenance: the runs' scaling note (`runbook_local_scaling`) scaled to the provenance's local cores
  (what Spark ran on), and its partitions are the runbook configuration's. The machine's `cores` follow
  from nothing in the runs (Spark may run 2 threads on 1 core): only the digest holds them.

Each finding names the field and points at its line in the result file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .context import CheckContext, Problem
from .evidence_results import (
    CAPACITY,
    REPETITION_SETS,
    SAMPLED,
    SetPlan,
    line_of,
    soak_spans_s,
    window_ms,
)
from .result_cache import committed_results

# local_runner.local_spark_conf's note: how the spec's partitions were scaled to the local cores.
SCALING = re.compile(
    r"shuffle partitions (?P<local>\d+) = spec (?P<spec>\d+) partitions x (?P<cores>\d+) local cores"
    r" / (?P<cluster>\d+) cluster cores"
)
PARTITIONS = "spark.sql.shuffle.partitions"

At = Callable[[str], str]  # a key of the result file -> "path:line" of its first occurrence


def listed(values: Iterable[object]) -> str:
    """Distinct values, sorted as text: '0, 1' or '[6000, 26000]'."""
    return ", ".join(sorted({str(value) for value in values}))


def configuration_problems(names: list[str], runs: list[dict], at: At) -> Iterator[Problem]:
    ran = {run.get("configuration") for run in runs}
    for name in sorted(ran - set(names), key=str):
        yield Problem(
            "evidence", f"runs of configuration '{name}', which 'configurations' does not declare", at("configurations")
        )
    for name in [name for name in names if name not in ran]:
        yield Problem("evidence", f"configuration '{name}' has no runs", at("configurations"))
    seen: dict[str, int] = {}
    for index, run in enumerate(runs):
        key = json.dumps({k: v for k, v in run.items() if k != "repetition"}, sort_keys=True)
        if key in seen:
            yield Problem(
                "evidence",
                f"run {index} ('{run.get('configuration')}') is a copy of run {seen[key]}: a repetition shown twice",
                at("runs"),
            )
        seen.setdefault(key, index)


def rate_problems(parameters: dict, key: str, runs: list[dict], at: At) -> Iterator[Problem]:
    rates = {run.get("events_per_second_per_stream") for run in runs}
    if runs and rates != {parameters.get(key)}:
        yield Problem(
            "evidence",
            f"parameters.{key} = {parameters.get(key)} events/s per stream, but the runs ran at {listed(rates)}",
            at(key),
        )


def window_problems(parameters: dict, plan: SetPlan, runs: list[dict], at: At) -> Iterator[Problem]:
    warmup, window = parameters.get(plan.warmup), parameters.get(plan.window)
    if not isinstance(warmup, int | float) or not isinstance(window, int | float):
        yield Problem(
            "evidence", f"parameters.{plan.warmup} and parameters.{plan.window} must be numbers", at(plan.window)
        )
        return
    expected = window_ms(warmup, window)
    found = {tuple(run.get("window_ms") or ()) for run in runs}
    if runs and found != {tuple(expected)}:
        yield Problem(
            "evidence",
            f"parameters.{plan.warmup} = {warmup} and parameters.{plan.window} = {window} give the window "
            f"{expected} ms, but the runs measured {listed(list(w) for w in found)}",
            at(plan.window),
        )


def named_configurations(parameters: dict, key: str, names: list[str], at: At) -> Iterator[Problem]:
    declared = parameters.get(key)
    if declared and list(declared) != names:
        yield Problem(
            "evidence", f"parameters.{key} = {list(declared)}, but the file's configurations are {names}", at(key)
        )


def set_problems(plan: SetPlan, parameters: dict, names: list[str], runs: list[dict], at: At) -> Iterator[Problem]:
    count = parameters.get(plan.repetitions)
    short: dict[str, list[str]] = {}  # the sets found -> the configurations that ran in just those
    for name in names:
        sets = [run.get("repetition") for run in runs if run.get("configuration") == name]
        if len(set(sets)) != count:
            short.setdefault(listed(sets), []).append(name)
        for repeated in sorted({s for s in sets if sets.count(s) > 1}, key=str):
            yield Problem("evidence", f"configuration '{name}' ran twice in repetition set {repeated}", at("runs"))
    for found, configurations in short.items():
        yield Problem(
            "evidence",
            f"parameters.{plan.repetitions} = {count}, but {len(found.split(', ')) if found else 0} repetition "
            f"set(s) ({found or 'none'}) in the runs of {', '.join(repr(name) for name in configurations)}",
            at(plan.repetitions),
        )
    yield from named_configurations(parameters, plan.configurations, names, at)
    yield from rate_problems(parameters, plan.rate, runs, at)
    yield from window_problems(parameters, plan, runs, at)


def capacity_problems(parameters: dict, names: list[str], runs: list[dict], at: At) -> Iterator[Problem]:
    rates = list(parameters.get(CAPACITY.rate) or [])
    for name in names:
        ran = sorted(run.get("events_per_second_per_stream") for run in runs if run.get("configuration") == name)
        if ran != rates[: len(ran)]:
            yield Problem(
                "evidence",
                f"configuration '{name}' ran at {ran} events/s per stream, not the first rates of "
                f"parameters.{CAPACITY.rate} {rates}",
                at(CAPACITY.rate),
            )
    yield from named_configurations(parameters, CAPACITY.configurations, names, at)
    yield from window_problems(parameters, CAPACITY, runs, at)


def soak_problems(parameters: dict, runs: list[dict], at: At) -> Iterator[Problem]:
    yield from rate_problems(parameters, "events_per_second_per_stream", runs, at)
    minutes = parameters.get("minutes")
    for run in runs:
        sampled = [sample.get("minute") for sample in run.get("minutes") or []]
        if sampled != list(range(1, len(sampled) + 1)) or len(sampled) != minutes:
            yield Problem(
                "evidence",
                f"parameters.minutes = {minutes}, but the run sampled minutes {sampled[:3]}...{sampled[-1:]} "
                f"({len(sampled)} samples)",
                at("minutes"),
            )
    if isinstance(minutes, int | float):
        for key, value in soak_spans_s(minutes).items():
            if parameters.get(key) != value:
                yield Problem(
                    "evidence",
                    f"parameters.{key} = {parameters.get(key)}, "
                    f"but a {minutes}-minute soak's compared spans give {value}",
                    at(key),
                )


def core_problems(document: dict, at: At) -> Iterator[Problem]:
    origin, parameters = document.get("provenance") or {}, document.get("parameters") or {}
    note = parameters.get("runbook_local_scaling")
    local = origin.get("local_cores")
    if note is None:
        return
    scaled = SCALING.search(str(note))
    if not scaled:
        yield Problem(
            "evidence",
            "parameters.runbook_local_scaling does not say how the partitions were scaled to the local cores",
            at("runbook_local_scaling"),
        )
        return
    numbers = {key: int(value) for key, value in scaled.groupdict().items()}
    if numbers["cores"] != local:
        yield Problem(
            "evidence",
            f"provenance local_cores = {local}, but the runs' scaling note (parameters.runbook_local_scaling) "
            f"scaled to {numbers['cores']} local cores",
            at("local_cores"),
        )
    if numbers["local"] != max(1, round(numbers["spec"] * numbers["cores"] / numbers["cluster"])):
        yield Problem(
            "evidence",
            f"parameters.runbook_local_scaling: {numbers['spec']} partitions x {numbers['cores']} cores / "
            f"{numbers['cluster']} cores is not {numbers['local']} partitions",
            at("runbook_local_scaling"),
        )
    runbook = next((c for c in document.get("configurations") or [] if c.get("name") == "runbook"), None)
    if runbook and str((runbook.get("conf") or {}).get(PARTITIONS)) != str(numbers["local"]):
        yield Problem(
            "evidence",
            f"configuration 'runbook' ran with {PARTITIONS} = {(runbook.get('conf') or {}).get(PARTITIONS)}, "
            f"but parameters.runbook_local_scaling gives {numbers['local']}",
            at("runbook_local_scaling"),
        )


def run_problems(path: Path, document: dict) -> Iterator[Problem]:
    """Every disagreement between a result file's parameters or provenance and its raw runs."""

    def at(key: str) -> str:
        return f"{path}:{line_of(path, key)}"

    if document.get("benchmark") not in SAMPLED:
        return
    parameters, runs = document.get("parameters") or {}, document.get("runs") or []
    names = [str(c.get("name")) for c in document.get("configurations") or []]
    yield from configuration_problems(names, runs, at)
    if document["benchmark"] in REPETITION_SETS:
        yield from set_problems(REPETITION_SETS[document["benchmark"]], parameters, names, runs, at)
    elif document["benchmark"] == "job_capacity":
        yield from capacity_problems(parameters, names, runs, at)
    elif document["benchmark"] == "job_soak":
        yield from soak_problems(parameters, runs, at)
    yield from core_problems(document, at)


def check(ctx: CheckContext) -> Iterator[Problem]:
    for path, document in committed_results(ctx.repo_root):
        yield from run_problems(path, document)
