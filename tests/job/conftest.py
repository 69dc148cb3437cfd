"""Embedded Spark for the job tests: one session, configured by the job itself from the spec."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from template_domain.template_source.staging import low_latency_stream_join_simple_job as job

T0 = datetime(2026, 1, 1, 12, 0, 0)


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    config = job.JobConfig(local_cores=2, output="unused", checkpoint_location="unused")
    session = job.create_local_session(config)
    yield session
    session.stop()


def write_events(folder: Path, name: str, events: list[tuple[int, float]]) -> None:
    """One JSON landing file: (order_id, seconds after T0) per event; written then renamed, as producers should."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"order_id": order_id, "event_time": (T0 + timedelta(seconds=offset)).isoformat(), "amount": 1.0})
        for order_id, offset in events
    ]
    staging = folder / f".{name}.tmp"
    staging.write_text("\n".join(lines) + "\n", encoding="utf-8")
    staging.rename(folder / f"{name}.json")


@pytest.fixture
def landing(tmp_path: Path) -> dict[str, Path]:
    return {name: tmp_path / name for name in ("orders", "payments", "output", "checkpoint")}


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
