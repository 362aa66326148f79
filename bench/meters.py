"""Meters the benchmarks read: the memory of processes, the CPU each one spent."""

from __future__ import annotations

import contextlib
import statistics
import threading
from collections.abc import Callable
from typing import Any

import psutil


class MemorySampler:
    """The peak resident memory of each process while a scenario runs."""

    def __init__(self, processes: dict[str, int]) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in processes.items()}
        self.peak = dict.fromkeys(processes, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def snapshot(self) -> dict[str, float]:
        return {n: round(p.memory_info().rss / 2**20, 1) for n, p in self.processes.items()}

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            for name, process in self.processes.items():
                self.peak[name] = max(self.peak[name], process.memory_info().rss)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak_mb(self) -> dict[str, float]:
        return {name: round(rss / 2**20, 1) for name, rss in self.peak.items()}


class CpuMeter:
    """CPU time each process spends on a scenario, per operation: on a shared machine
    this drifts far less than wall-clock rates. PostgreSQL counts with its backends,
    living and exited."""

    def __init__(self, processes: dict[str, Callable[[], int]]) -> None:
        self.processes = processes
        self.before: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        out = {}
        for name, pid_of in self.processes.items():
            try:
                process = psutil.Process(pid_of())
                family = [process, *process.children(recursive=True)]
            except psutil.Error:
                continue
            total = 0.0
            for member in family:
                with contextlib.suppress(psutil.Error):
                    times = member.cpu_times()
                    total += times.user + times.system
            # Children that have exited (a PostgreSQL backend whose connection closed, an
            # autovacuum worker) count in their reaped parent's times; left out, a
            # scenario could show a negative CPU time for PostgreSQL.
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.children_user + times.children_system
            out[name] = total
        return out

    def start(self) -> None:
        self.before = self._now()

    def ms_per(self, operations: int) -> dict[str, float]:
        after = self._now()
        # A process not running at the start (NATS restarted for the drain) started
        # during the scenario: all its CPU time is the scenario's.
        return {
            name: round((after[name] - self.before.get(name, 0.0)) * 1000 / operations, 3)
            for name in after
        }


# What a driver of load looks like (bench/run.py passes the one it chose): `Measure` runs a
# fixed amount of work and reports it, `Pace` offers a steady rate.
Measure = Callable[[int, list[bytes], int, float, int, int], dict[str, Any]]
Pace = Callable[[int, list[bytes], float], dict[str, Any]]


# Every figure is the median of this many rounds, in the same run as its reference.
ROUNDS = 3


def median_round(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the rounds; the rounds themselves alongside."""
    median: dict[str, Any] = {
        key: round(statistics.median(r[key] for r in rounds), 3)
        for key in ("rps", "p50_ms", "p99_ms")
    }
    median["errors"] = sum(r["errors"] for r in rounds)
    median["sent"] = sum(r["sent"] for r in rounds)
    cpu = [r["cpu_ms_per_request"] for r in rounds]
    median["cpu_ms_per_request"] = {
        process: round(statistics.median(c[process] for c in cpu), 2) for process in cpu[0]
    }
    median["rounds"] = rounds
    return median
