"""Several benchmark runs as one table (`bench/runs.py`): each run's ratio, the median, the
target and the median's verdict with how many runs passed; the CPU medians. Built from
results shaped as `bench/run.py` saves them, through the report's own `ratios`."""

from __future__ import annotations

from typing import Any

import pytest

from bench import runs
from bench.report import ratios

PROCESSES = ["intake", "examination", "gateway", "postgres", "nats"]


def saved_run(
    *,
    floor_rps: float,
    gateway_rps: float,
    registration_cpu: dict[str, float],
    handoff_p99: float | None = None,
    busy: float = 0.3,
    started: str = "2026-12-06T16:13:05+00:00",
    load: tuple[float, float, float] = (1.6, 2.0, 2.5),
) -> dict[str, Any]:
    """One run's results as `bench/run.py` saves them: bare references, the floor, the
    registration and, when given, the handoff."""
    results: dict[str, Any] = {
        "meta": {"started": started, "load_average_at_start": load, "wall_seconds": 150},
        "memory_idle_mb": dict.fromkeys(PROCESSES, 80),
        "reference": {
            "asyncpg_transaction": {"rps": 2000.0},
            "jetstream_publish": {"rps": 20000.0},
            "round_trip": {"bare": {"p99_ms": 2.0}},
        },
        "floor": {"rps": floor_rps, "cpu_ms_per_request": {"floor": 0.7, "postgres": 0.4}},
        "registration": {
            "direct": {"rps": gateway_rps * 1.1, "cpu_ms_per_request": registration_cpu},
            "gateway": {"rps": gateway_rps, "cpu_ms_per_request": registration_cpu},
        },
    }
    if handoff_p99 is not None:
        results["handoff"] = {
            "p99_ms": handoff_p99,
            "machine_busy_share": busy,
            "cpu_ms_per_handoff": {"intake": 9.0, "examination": 7.0},
        }
    results["ratios"] = ratios(results)
    return results


def cpu(intake: float, postgres: float) -> dict[str, float]:
    return {"intake": intake, "examination": 0.04, "gateway": 0.3, "postgres": postgres}


def row_of(text: str, figure: str) -> list[str]:
    (line,) = [line for line in text.splitlines() if line.startswith(f"| {figure} |")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_median_counts_the_runs_that_measured_the_figure() -> None:
    assert runs.median([0.3, None, 0.1, 0.2]) == 0.2
    assert runs.median([0.1, 0.2]) == pytest.approx(0.15)
    assert runs.median([None, None]) is None


def test_the_verdict_is_the_medians_with_how_many_runs_passed_alone() -> None:
    three_of_five = [True, True, True, False, False]
    assert runs.verdict(9.1, "≤ 10", three_of_five) == "PASS (3 of 5 runs pass)"
    assert runs.verdict(10.5, "≤ 10", [True, True, False]) == "FAIL (2 of 3 runs pass)"
    assert runs.verdict(0.25, "≥ 0.25", [True, False]) == "PASS (1 of 2 runs pass)"
    assert runs.verdict(0.2, "≥ 0.25", [False, False]) == "FAIL (0 of 2 runs pass)"
    assert runs.verdict(0.4, None, [False]) == ""
    assert runs.verdict(None, "≥ 0.25", [False]) == ""


def test_a_median_measured_mostly_on_a_machine_too_busy_carries_no_pass() -> None:
    assert runs.verdict(5.0, "≤ 10", [True, False, False], too_busy=2) == (
        "FAIL (1 of 3 runs pass)"
    )
    assert runs.verdict(5.0, "≤ 10", [True, True, False], too_busy=1) == "PASS (2 of 3 runs pass)"


def test_the_table_has_every_run_the_median_the_target_and_the_verdict() -> None:
    saved = [
        saved_run(floor_rps=1000, gateway_rps=156, registration_cpu=cpu(3.0, 4.0)),
        saved_run(floor_rps=1000, gateway_rps=300, registration_cpu=cpu(2.5, 4.5)),
        saved_run(floor_rps=800, gateway_rps=120, registration_cpu=cpu(3.5, 5.0)),
    ]
    text = runs.table([runs.summary(r) for r in saved])
    lines = text.splitlines()
    header = "| Figure | reference | run 1 | run 2 | run 3 | median | target | median's verdict |"
    assert header in lines
    assert lines[lines.index(header) + 1] == "|---|" + "---|" * 7
    assert row_of(text, "registration throughput, through the gateway") == [
        "registration throughput, through the gateway",
        "floor endpoint",
        "0.156",
        "0.3",
        "0.15",
        "0.156",
        "≥ 0.25",
        "FAIL (1 of 3 runs pass)",
    ]
    # A figure without a target: its ratios and median, no verdict.
    assert row_of(text, "floor endpoint throughput")[2:] == ["0.5", "0.5", "0.4", "0.5", "", ""]


def test_a_figure_a_run_left_out_shows_a_dash_and_does_not_pass() -> None:
    saved = [
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(3, 4), handoff_p99=12),
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(3, 4)),
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(3, 4), handoff_p99=16),
    ]
    text = runs.table([runs.summary(r) for r in saved])
    assert row_of(text, "handoff p99 (accept → case opened)")[2:] == [
        "6",
        "—",
        "8",
        "7",
        "≤ 10",
        "PASS (2 of 3 runs pass)",
    ]


def test_runs_too_busy_for_the_handoffs_target_are_named_and_do_not_pass() -> None:
    saved = [
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(3, 4), handoff_p99=12),
        saved_run(
            floor_rps=1000,
            gateway_rps=200,
            registration_cpu=cpu(3, 4),
            handoff_p99=12,
            busy=0.7,
        ),
    ]
    text = runs.table([runs.summary(r) for r in saved])
    figure = "handoff p99 (accept → case opened) (load too high in 1 of 2 runs)"
    assert row_of(text, figure)[-1] == "FAIL (1 of 2 runs pass)"


def test_the_cpu_table_takes_each_processs_median_and_the_median_total() -> None:
    saved = [
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(3.0, 4.0)),
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(1.0, 6.0)),
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(2.0, 1.0)),
    ]
    text = runs.table([runs.summary(r) for r in saved])
    # Columns in the runs' order of processes, only those measured (no nats here).
    assert "| Operation | intake | examination | gateway | postgres | total (every process) |" in (
        text.splitlines()
    )
    # Totals 7.34, 7.34 and 3.34: their median, where the medians' sum would be 6.34.
    assert row_of(text, "registration, direct")[1:] == ["2.00", "0.04", "0.30", "4.00", "7.34"]
    # The floor measures intake's column and PostgreSQL only: the rest stay blank.
    floor = "floor endpoint request (floor's process under intake)"
    assert row_of(text, floor)[1:] == ["0.70", "", "", "0.40", "1.10"]


def test_each_runs_start_and_load_average_head_the_table() -> None:
    saved = [
        saved_run(
            floor_rps=1000,
            gateway_rps=200,
            registration_cpu=cpu(3, 4),
            started=f"2026-12-06T16:{minute}:00+00:00",
            load=(load, 2.0, 1.0),
        )
        for minute, load in (("13", 1.6), ("16", 3.24))
    ]
    text = runs.table([runs.summary(r) for r in saved])
    assert row_of(text, "started (UTC)") == ["started (UTC)", "16:13", "16:16"]
    assert row_of(text, "load average") == ["load average", "1.6 / 2.0 / 1.0", "3.2 / 2.0 / 1.0"]
    assert row_of(text, "minutes") == ["minutes", "2.5", "2.5"]


def test_the_settings_of_the_runs_are_named_once_and_differences_shown() -> None:
    saved = [
        saved_run(floor_rps=1000, gateway_rps=200, registration_cpu=cpu(3, 4)) for _ in range(3)
    ]
    args = {"seconds": 3.0, "concurrency": 16, "handoffs": 200, "drain": 10000}
    for run, only in zip(saved, ("floor", "floor", "drain"), strict=True):
        run["meta"]["args"] = args | {"only": [only]}
    first = runs.table([runs.summary(r) for r in saved]).splitlines()[0]
    assert first == (
        "Each run: 3 s per load at concurrency 16, 200 handoffs, 10000 events drained; "
        "scenarios floor; in some runs: 3 s per load at concurrency 16, 200 handoffs, "
        "10000 events drained; scenarios drain."
    )
