"""Benchmark result files: what a result file of each benchmark holds, and every summary figure
derived from its raw samples.

The benchmarks call `summarize` to write a file's `summary`; the docs build calls it again on the
committed raw samples and compares, so a figure edited by hand, or computed by other code, fails the
build. Pure Python on purpose: the docs build needs no Spark.

Figures are flat, dotted names (`runbook.trigger_ms.p50.median`), one per line in the file, so a
mismatch is reported at the figure's own `file:line`.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import text_lines

# benchmark name -> schema version this code reads
SCHEMAS = {"job_latency": 2, "progress_cost": 2, "job_levers": 1, "job_capacity": 2, "job_soak": 1, "docs_scaling": 1}
# Results with raw samples and a summary the build recomputes.
SAMPLED = {"job_latency", "progress_cost", "job_levers", "job_capacity", "job_soak"}
RESULTS_FOLDER = "benchmarks/results"
SUSTAINED_SHARE = 0.9  # processed at least 90% of what was written in the window...
BACKLOG_LIMIT_S = 5.0  # ...and no more than 5 s of input waiting at the window's end


@dataclass(frozen=True)
class SetPlan:
    """The parameters of a benchmark measured as interleaved repetition sets (job_latency.py): how many
    sets, which configurations (an empty list: the benchmark's default choice), the rate per stream, the
    warm-up and the measurement window."""

    repetitions: str
    configurations: str
    rate: str = "latency_rate"
    warmup: str = "warmup_s"
    window: str = "window_s"


REPETITION_SETS = {
    "job_latency": SetPlan("repetitions", "latency_configs"),
    "progress_cost": SetPlan("progress_repetitions", "progress_configs"),
    "job_levers": SetPlan("lever_repetitions", "lever_configs"),
}
# The capacity curve: one run per configuration and rate, rates rising until a configuration misses one.
CAPACITY = SetPlan("", "capacity_configs", "capacity_rates", "capacity_warmup_s", "capacity_window_s")

Histogram = list[list[int]]  # [[value, count], ...]


class ResultError(Exception):
    """A result file that is not of a known benchmark schema."""


def load(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ResultError(f"is not a benchmark result file ({error.__class__.__name__})") from None
    if not isinstance(document, dict) or document.get("benchmark") not in SCHEMAS:
        raise ResultError(f"is not a benchmark result file (known benchmarks: {', '.join(sorted(SCHEMAS))})")
    expected = SCHEMAS[document["benchmark"]]
    if document.get("schema", 1) != expected:
        raise ResultError(f"has schema {document.get('schema', 1)}; this build reads schema {expected}")
    return document


def percentile(histogram: Histogram, q: float) -> float:
    """Nearest-rank percentile of a [[value, count], ...] histogram."""
    ordered = sorted(histogram)
    total = sum(count for _, count in ordered)
    if not total:
        return float("nan")
    rank = min(total - 1, max(0, round(q / 100 * (total - 1))))
    for value, count in ordered:
        if rank < count:
            return value
        rank -= count
    return ordered[-1][0]


def interval_ms(trigger: str) -> int:
    """'500 milliseconds' -> 500, '1 second' -> 1000, 'default' -> 0."""
    match = re.fullmatch(r"(\d+)\s*(millisecond|second)s?", trigger.strip())
    if not match:
        return 0
    return int(match[1]) * (1000 if match[2] == "second" else 1)


def batch_end(batch: dict) -> int:
    return batch["start_ms"] + batch["parts_ms"]["triggerExecution"]


def written_by(run: dict, ms: int) -> int:
    return max((total for at, _, total in run["produced"] if at <= ms), default=0)


def read_by(run: dict, ms: int) -> int:
    return sum(batch["rows"] for batch in run["batches"] if batch_end(batch) <= ms)


def run_figures(run: dict, trigger: str) -> dict[str, float]:
    """One run's figures: batch time and end-to-end percentiles, where the time goes, state, keeping up.

    A batch still running when the run stopped, and longer than every finished one, counts with the
    time it had run (less one trigger interval): a lower bound, flagged in `trigger_ms.lower_bound`.
    Pairs not committed when the run stopped count likewise (`e2e_ms.lower_bound`).
    """
    start, end = run["window_ms"]
    window = [b for b in run["batches"] if start <= batch_end(b) <= end and b["rows"] > 0]
    trigger_hist = [[b["parts_ms"]["triggerExecution"], 1] for b in window]
    last_end = max((batch_end(b) for b in run["batches"]), default=0)
    open_for = run["snapshot_ms"] - last_end - interval_ms(trigger)
    trigger_open = open_for > max((value for value, _ in trigger_hist), default=0)
    if trigger_open:
        trigger_hist.append([open_for, 1])
    e2e_hist = run["e2e_ms"] + run["e2e_censored_ms"]
    written = written_by(run, end) - written_by(run, start)
    processed = sum(b["rows"] for b in window)
    backlog = written_by(run, end) - read_by(run, end)
    rate = 2 * run["events_per_second_per_stream"]
    figures: dict[str, float] = {
        "batches": len(window),
        "trigger_ms.lower_bound": int(trigger_open),
        "e2e_ms.lower_bound": int(bool(run["e2e_censored_ms"])),
        "sustained": int(bool(window) and processed >= SUSTAINED_SHARE * written and backlog <= BACKLOG_LIMIT_S * rate),
        "backlog_events": backlog,
        "state_rows": max((b["state_rows"] for b in window), default=0),
        "state_memory_mb": max((b["state_memory_bytes"] for b in window), default=0) / 2**20,
        "heap_used_mb": run["memory_at_window_end"]["heap_used_mb"],
        "rss_mb": run["memory_at_window_end"]["rss_mb"],
    }
    for q in (50, 95, 99):
        figures[f"trigger_ms.p{q}"] = percentile(trigger_hist, q)
        figures[f"e2e_ms.p{q}"] = percentile(e2e_hist, q)
    # Where a batch's time goes: median of each durationMs part and of the state stores' commit time.
    for part in window[0]["parts_ms"] if window else []:
        figures[f"parts_ms.{part}.p50"] = percentile([[b["parts_ms"][part], 1] for b in window], 50)
    for metric in ("state_commit_ms", "state_update_ms"):
        figures[f"{metric}.p50"] = percentile([[b[metric], 1] for b in window], 50)
    return {name: round(float(value), 1) for name, value in figures.items()}


def spread(values: list[float]) -> dict[str, float]:
    present = [v for v in values if v == v]  # NaN (no sample) is left out
    if not present:
        return {}
    return {"median": round(statistics.median(present), 1), "min": min(present), "max": max(present)}


def window_ms(warmup_s: float, window_s: float) -> list[int]:
    """A run's measurement window, [start, end] ms after its query started (job_run.measure)."""
    return [round(warmup_s * 1000), round((warmup_s + window_s) * 1000)]


def soak_spans_s(minutes: float) -> dict[str, int]:
    """The soak's compared spans: the run's second sixth (minutes 5-10 of 30) and its last sixth (25-30)."""
    total = round(minutes * 60)
    return {"baseline_from_s": total // 6, "baseline_to_s": total // 3, "final_from_s": total - total // 6}


def span_figures(batches: list[dict], start_ms: int, end_ms: int) -> dict[str, float]:
    """Batches that carried data and ended in [start_ms, end_ms): count, trigger and part p50s."""
    span = [b for b in batches if start_ms <= batch_end(b) < end_ms and b["rows"] > 0]
    if not span:
        return {"batches": 0}
    figures: dict[str, float] = {"batches": len(span)}
    for part in span[0]["parts_ms"]:
        name = "trigger_ms.p50" if part == "triggerExecution" else f"parts_ms.{part}.p50"
        figures[name] = percentile([[b["parts_ms"][part], 1] for b in span], 50)
    figures["state_commit_ms.p50"] = percentile([[b["state_commit_ms"], 1] for b in span], 50)
    return figures


def soak_figures(document: dict) -> dict[str, float]:
    """A soak run: per minute, the batches that ended in it and the output then; the trigger p50 of the
    run's final span as a percentage of its baseline span (spans from the file's parameters)."""
    (run,) = document["runs"]
    parameters = document["parameters"]
    summary: dict[str, float] = {}
    for sample in run["minutes"]:
        key = f"minute_{sample['minute']:02d}"
        span = span_figures(run["batches"], (sample["minute"] - 1) * 60_000, sample["minute"] * 60_000)
        summary |= {f"{key}.{name}": value for name, value in span.items()}
        summary[f"{key}.output_files"] = sample["output_files"]
        summary[f"{key}.output_mb"] = sample["output_bytes"] / 2**20
        summary[f"{key}.load_1m"] = sample["load_1m"]
        summary[f"{key}.rss_mb"] = sample["rss_mb"]
    end = run["minutes"][-1]["at_ms"] if run["minutes"] else 0
    baseline = span_figures(run["batches"], parameters["baseline_from_s"] * 1000, parameters["baseline_to_s"] * 1000)
    final = span_figures(run["batches"], parameters["final_from_s"] * 1000, end + 1)
    summary |= {f"baseline.{name}": value for name, value in baseline.items()}
    summary |= {f"final.{name}": value for name, value in final.items()}
    if baseline.get("trigger_ms.p50") and "trigger_ms.p50" in final:
        summary["trigger_p50.final_pct_of_baseline"] = 100 * final["trigger_ms.p50"] / baseline["trigger_ms.p50"]
    if run["minutes"]:
        last = run["minutes"][-1]
        summary["output_files.end"] = last["output_files"]
        summary["output_mb.end"] = last["output_bytes"] / 2**20
        summary["backlog_events.end"] = last["written"] - sum(b["rows"] for b in run["batches"] if batch_end(b) <= end)
    return {name: round(float(value), 1) for name, value in summary.items()}


def summarize(document: dict) -> dict[str, float]:
    """Every summary figure of a job_latency, progress_cost, job_capacity or job_soak result, from its raw runs."""
    if document["benchmark"] == "job_soak":
        return soak_figures(document)
    triggers = {c["name"]: c["trigger"] for c in document["configurations"]}
    summary: dict[str, float] = {}
    if document["benchmark"] in REPETITION_SETS:  # repetition sets of configurations
        per_config: dict[str, list[dict[str, float]]] = {}
        for run in document["runs"]:
            per_config.setdefault(run["configuration"], []).append(run_figures(run, triggers[run["configuration"]]))
        for name, runs in per_config.items():
            summary[f"{name}.runs"] = len(runs)
            for metric in sorted({m for figures in runs for m in figures}):
                for stat, value in spread([figures.get(metric, float("nan")) for figures in runs]).items():
                    summary[f"{name}.{metric}.{stat}"] = value
        return summary
    # job_capacity: one run per (configuration, rate); the highest sustained rate below the first miss.
    for name in triggers:
        runs = sorted(
            (r for r in document["runs"] if r["configuration"] == name), key=lambda r: r["events_per_second_per_stream"]
        )
        highest, missed = 0, False
        for run in runs:
            rate = run["events_per_second_per_stream"]
            figures = run_figures(run, triggers[name])
            for metric, value in figures.items():
                if value == value:  # NaN: no sample
                    summary[f"{name}.eps_{rate}.{metric}"] = value
            missed = missed or not figures["sustained"]
            if not missed:
                highest = rate
        summary[f"{name}.max_sustained_eps"] = highest
    return summary


def figures(document: dict) -> dict[str, float]:
    """The named figures a result file offers to evidence needs and the page."""
    if document["benchmark"] in SAMPLED:
        # Numeric parameters (rates, windows) and the cores the runs had are quotable too, so the page
        # types none of them.
        parameters = {
            f"{block}.{key}": value
            for block, keys in (("parameters", None), ("provenance", ("cores", "local_cores")))
            for key, value in (document.get(block) or {}).items()
            if (keys is None or key in keys) and isinstance(value, int | float) and not isinstance(value, bool)
        }
        return parameters | (document.get("summary") or {})
    # docs_scaling keeps its measured rows as they are: figures by synthetic need count.
    return {
        f"needs_{row['needs_synthetic']}.{key}": value
        for row in document["results"]
        for key, value in row.items()
        if key != "needs_synthetic"
    }


def line_containing(path: Path, needle: str) -> int:
    """1-based line of the first line holding `needle` (1 when absent)."""
    return text_lines.line_of(text_lines.file_lines(path), needle) or 1


def line_of(path: Path, key: str) -> int:
    """Line of the first `"key":` in a result file."""
    return line_containing(path, json.dumps(key) + ":")


def result_files(repo_root: Path, extra: Iterable[str] = ()) -> list[str]:
    """Every committed result file, and any other file named as an artifact."""
    committed = sorted(str(p.relative_to(repo_root)) for p in (repo_root / RESULTS_FOLDER).glob("*.json"))
    return sorted(set(committed) | set(extra))
