"""Deterministic job inputs: JSON landing files and the config that reads them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

T0 = datetime(2026, 1, 1, 12, 0, 0)


def write_events(folder: Path, name: str, events: list[tuple[int, float]], amount: float = 1.0) -> None:
    """One JSON landing file: (order_id, seconds after T0) per event; written then renamed, as producers should."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"order_id": order_id, "event_time": (T0 + timedelta(seconds=offset)).isoformat(), "amount": amount})
        for order_id, offset in events
    ]
    staging = folder / f".{name}.tmp"
    staging.write_text("\n".join(lines) + "\n", encoding="utf-8")
    staging.rename(folder / f"{name}.json")


def at(offset: float) -> datetime:
    return T0 + timedelta(seconds=offset)


def json_config(landing: dict[str, Path], **overrides) -> job.JobConfig:
    values = {
        "source": "json",
        "left": str(landing["orders"]),
        "right": str(landing["payments"]),
        "output": str(landing["output"]),
        "checkpoint_location": str(landing["checkpoint"]),
        "trigger_interval": "200 milliseconds",
        "watermark_delay": "10 seconds",
        "join_range_seconds": 5,
    }
    values.update(overrides)
    return job.JobConfig(**values)
