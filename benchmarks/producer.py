"""A steady local producer for the job's JSON landing folders, with millisecond event times.

Every tick (100 ms by default) it writes one file per input (orders, then payments) holding the
tick's share of the rate; each event's `event_time` is the wall-clock millisecond at which its file
is written, so end-to-end latency starts when the event could first be read. Files are written under
a hidden name and renamed, as the job's file source requires (it must never see half a file).

The producer logs (time, events written so far) per tick: the raw record from which the build
recomputes backlog and whether a configuration kept up.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

TICK_S = 0.1


def iso_ms(epoch_ms: int) -> str:
    """Millisecond UTC timestamp in the form Spark's JSON reader parses by default (integer maths:
    no float rounding between the time logged and the time written)."""
    seconds, millis = divmod(epoch_ms, 1000)
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{millis:03d}Z"


def write_file(folder: Path, name: str, first_id: int, count: int, amount: float) -> int:
    """Write `count` events with ids first_id.. and return the event time they carry (epoch ms)."""
    written_at = round(time.time() * 1000)
    stamp = iso_ms(written_at)
    lines = "".join(f'{{"order_id":{first_id + i},"event_time":"{stamp}","amount":{amount}}}\n' for i in range(count))
    staging = folder / f".{name}.tmp"
    staging.write_text(lines, encoding="utf-8")
    staging.rename(folder / f"{name}.json")
    return written_at


class Producer(threading.Thread):
    """Writes `events_per_second` events per stream into `orders` and `payments` until stopped.

    Ticks are scheduled on absolute times (start + k x tick), so a slow tick does not lower the rate.
    """

    def __init__(self, orders: Path, payments: Path, events_per_second: int, t0: float, tick_s: float = TICK_S):
        super().__init__(daemon=True)
        self.orders, self.payments = orders, payments
        self.events_per_second, self.t0, self.tick_s = events_per_second, t0, tick_s
        # Per tick: [payments' event time in ms after t0, pairs written in the tick, events written so far].
        self.log: list[list[int]] = []
        self.stopping = threading.Event()
        for folder in (orders, payments):
            folder.mkdir(parents=True, exist_ok=True)

    def run(self) -> None:
        written, tick, owed = 0, 0, 0.0
        start = time.time()
        while not self.stopping.is_set():
            owed += self.events_per_second * self.tick_s
            count = int(owed)
            owed -= count
            if count:
                name = f"{tick:08d}"
                write_file(self.orders, name, written // 2, count, 1.0)
                # A pair's later event is its payment: the tick's second file.
                paid_at = write_file(self.payments, name, written // 2, count, 1.1)
                written += 2 * count
                self.log.append([paid_at - round(self.t0 * 1000), count, written])
            tick += 1
            self.stopping.wait(max(0.0, start + tick * self.tick_s - time.time()))

    def written_by(self, ms: int) -> int:
        """Events (both streams) written at or before `ms` after t0."""
        return max((total for at, _, total in self.log if at <= ms), default=0)

    def stop(self) -> None:
        self.stopping.set()
        self.join()
