"""Plots of the committed job results, drawn from their summaries (so a replot needs no Spark)."""

from __future__ import annotations

import json
from pathlib import Path

TARGETS = {"trigger p50": 700, "e2e p50": 1000, "e2e p99": 2000}  # ms, on 2 cores at 100 events/s


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def latency(document: dict, path: Path) -> None:
    """Median and min-max over repetitions, per configuration: trigger p50, end-to-end p50 and p99."""
    plt = pyplot()
    summary = document["summary"]
    names = [c["name"] for c in document["configurations"]]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.55 * len(names) + 2.2))
    rows = list(range(len(names)))
    panels = (
        (left, [("trigger_ms.p50", "trigger p50")]),
        (right, [("e2e_ms.p50", "e2e p50"), ("e2e_ms.p99", "e2e p99")]),
    )
    for axis, metrics in panels:
        for offset, (metric, label) in zip((-0.15, 0.15), metrics, strict=False):
            med = [summary.get(f"{n}.{metric}.median", 0) / 1000 for n in names]
            low = [m - summary.get(f"{n}.{metric}.min", 0) / 1000 for m, n in zip(med, names, strict=True)]
            high = [summary.get(f"{n}.{metric}.max", 0) / 1000 - m for m, n in zip(med, names, strict=True)]
            axis.errorbar(
                med,
                [r + offset for r in rows],
                xerr=[low, high],
                fmt="o",
                capsize=3,
                label=f"{label} (median, min-max)",
            )
        for label, ms in TARGETS.items():
            if label.split()[0] in metrics[0][1]:
                axis.axvline(
                    ms / 1000, linestyle="--" if "p50" in label else ":", color="#444444", label=f"target {label}"
                )
        axis.set_xscale("log")
        axis.set_yticks(rows, names if axis is left else [""] * len(names))
        axis.invert_yaxis()
        axis.grid(axis="x", alpha=0.3)
        axis.legend(loc="lower right", fontsize=8)
    for n, r in zip(names, rows, strict=True):
        if summary.get(f"{n}.trigger_ms.lower_bound.max"):
            left.annotate(
                "lower bound: a batch never finished",
                (summary.get(f"{n}.trigger_ms.p50.median", 0) / 1000, r),
                xytext=(-160, 8),
                textcoords="offset points",
                fontsize=7,
            )
    left.set_title("Micro-batch trigger execution (s, log)")
    right.set_title("End-to-end latency (s, log)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def capacity(document: dict, path: Path) -> None:
    """Trigger p50 and end-to-end p99 against the input rate; hollow markers: not sustained."""
    plt = pyplot()
    summary = document["summary"]
    fig, axis = plt.subplots(figsize=(9, 5))
    for config in document["configurations"]:
        name = config["name"]
        rates = sorted(r["events_per_second_per_stream"] for r in document["runs"] if r["configuration"] == name)
        for metric, style in (("trigger_ms.p50", "-"), ("e2e_ms.p99", "--")):
            points = [(r, summary.get(f"{name}.eps_{r}.{metric}")) for r in rates]
            points = [(r, v / 1000) for r, v in points if v is not None]
            line = axis.plot(*zip(*points, strict=True), style, label=f"{name} {metric.replace('_ms', '')}")[0]
            for r, v in points:
                held = summary.get(f"{name}.eps_{r}.sustained")
                axis.plot(r, v, "o", color=line.get_color(), fillstyle="full" if held else "none")
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("input rate per stream (events/s, log)")
    axis.set_ylabel("seconds (log)")
    axis.set_title("Latency against input rate (filled: sustained, hollow: fell behind)")
    axis.grid(alpha=0.3)
    axis.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def draw_all(folder: Path) -> None:
    for name, draw in (("job_latency", latency), ("job_capacity", capacity)):
        source = folder / f"{name}.json"
        if source.is_file():
            draw(json.loads(source.read_text(encoding="utf-8")), folder / f"{name}.png")
