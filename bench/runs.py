"""Several benchmark runs as one table: each figure's ratio per run, its median, the
target and the median's verdict with how many runs passed on their own (issue 22).

    .venv/bin/python bench/run.py --runs 5 --seconds 3 --handoffs 200 --drain 10000
    .venv/bin/python bench/runs.py bench/results/A.json bench/results/B.json …

The first runs the benchmark five times back to back and prints the table; the second
builds it again from runs already saved (each run writes its JSON to `bench/results/`).
A target is judged on the median: one run on a shared machine says little, and the
median of several is what docs/performance.md's "Current ratios" reports.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import cpu_by_operation


def median(values: Sequence[float | None]) -> float | None:
    """The median of the runs that measured the figure (a scenario left out measures
    nothing), or None when none did."""
    measured = [v for v in values if v is not None]
    return statistics.median(measured) if measured else None


def meets(value: float, target: str) -> bool:
    """Whether `value` meets a target written as `report.ratios` writes it (`≥ 0.25`)."""
    comparison, bound = target.split()
    return value >= float(bound) if comparison == "≥" else value <= float(bound)


def verdict(
    value: float | None, target: str | None, passes: Sequence[bool], too_busy: int = 0
) -> str:
    """The median's verdict and how many runs passed on their own: `PASS (3 of 5 runs
    pass)`. `too_busy` runs had a load too high for the target to hold (the handoff's
    holds under half busy): they do not pass, and when they are half the runs or more,
    neither does the median."""
    if target is None or value is None:
        return ""
    ok = meets(value, target) and too_busy * 2 < len(passes)
    return f"{'PASS' if ok else 'FAIL'} ({sum(passes)} of {len(passes)} runs pass)"


def _figure(row: dict[str, Any]) -> tuple[str, str]:
    return row["figure"], row["reference"]


def ratio_rows(runs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per figure (in the order the runs give them), with each run's ratio, the
    median and its verdict. A run that lacks a figure shows a dash in its column."""
    order: list[tuple[str, str]] = []
    by_run: list[dict[tuple[str, str], dict[str, Any]]] = []
    for run in runs:
        rows = {_figure(r): r for r in run["ratios"]}
        order += [key for key in rows if key not in order]
        by_run.append(rows)
    out = []
    for key in order:
        cells = [rows.get(key) for rows in by_run]
        values = [c["ratio"] if c else None for c in cells]
        target = next((c["target"] for c in cells if c and c["target"]), None)
        passes = [bool(c and c["pass"]) for c in cells]
        too_busy = sum(bool(c and c.get("too_busy")) for c in cells)
        figure = key[0] + (
            f" (load too high in {too_busy} of {len(runs)} runs)" if too_busy else ""
        )
        value = median(values)
        out.append(
            {
                "figure": figure,
                "reference": key[1],
                "runs": values,
                "median": value,
                "target": target,
                "verdict": verdict(value, target, passes, too_busy),
            }
        )
    return out


def cpu_rows(runs: Sequence[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """The processes (columns) and, per operation, the median CPU ms of each process and
    of the runs' totals over every process (not the sum of the medians)."""
    operations: list[str] = []
    for run in runs:
        operations += [name for name, cpu in run["cpu"] if cpu and name not in operations]
    measuring = {p for run in runs for _, cpu in run["cpu"] for p in cpu or {}}
    # In the order of the runs' processes (as each run's own table), those measured.
    every = dict.fromkeys(p for run in runs for p in run["processes"])
    processes = [p for p in every if p in measuring]
    out = []
    for operation in operations:
        measured = [dict(run["cpu"]).get(operation) for run in runs]
        present = [cpu for cpu in measured if cpu]
        out.append(
            {
                "operation": operation,
                "processes": {
                    p: median([cpu.get(p) for cpu in present])
                    for p in processes
                    if any(p in cpu for cpu in present)
                },
                "total": median([sum(cpu.values()) for cpu in present]),
            }
        )
    return processes, out


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3g}"


def _cells(values: Sequence[str]) -> str:
    return "| " + " | ".join(values) + " |"


def table(runs: Sequence[dict[str, Any]]) -> str:
    """The Markdown of docs/performance.md's "Current ratios": when and at what load each
    run started, the ratios table, and the CPU ms per operation and process."""
    n = len(runs)
    numbers = [f"run {i}" for i in range(1, n + 1)]
    settings = dict.fromkeys(run["settings"] for run in runs)
    lines = [
        "Each run: " + "; in some runs: ".join(settings) + ".",
        "",
        "When each run began, and the load average then (over 1 / 5 / 15 minutes):",
        "",
        _cells(["", *numbers]),
        "|---|" + "---|" * n,
        _cells(["started (UTC)", *(run["started"] for run in runs)]),
        _cells(["load average", *(run["load"] for run in runs)]),
        _cells(["minutes", *(run["minutes"] for run in runs)]),
        "",
        _cells(["Figure", "reference", *numbers, "median", "target", "median's verdict"]),
        "|---|" + "---|" * (n + 4),
    ]
    for row in ratio_rows(runs):
        lines.append(
            _cells(
                [
                    row["figure"],
                    row["reference"],
                    *map(_number, row["runs"]),
                    _number(row["median"]),
                    row["target"] or "",
                    row["verdict"],
                ]
            )
        )
    processes, cpu = cpu_rows(runs)
    lines += [
        "",
        f"CPU milliseconds per operation and process (PostgreSQL with its backends), "
        f"median of the runs ({n}):",
        "",
        _cells(["Operation", *processes, "total (every process)"]),
        "|---|" + "---|" * (len(processes) + 1),
    ]
    for row in cpu:
        cells = [row["processes"].get(p) for p in processes]
        lines.append(
            _cells(
                [
                    row["operation"],
                    *("" if c is None else f"{c:.2f}" for c in cells),
                    f"{row['total']:.2f}",
                ]
            )
        )
    return "\n".join(lines) + "\n"


def summary(results: dict[str, Any]) -> dict[str, Any]:
    """What the table needs of one run's saved results (`bench/results/*.json`)."""
    meta = results.get("meta", {})
    load = meta.get("load_average_at_start")
    return {
        "ratios": results["ratios"],
        "cpu": cpu_by_operation(results),
        "processes": list(results["memory_idle_mb"]),
        "settings": _settings(meta.get("args", {})),
        "started": (meta.get("started") or meta.get("when", ""))[11:16],
        "load": " / ".join(f"{v:.1f}" for v in load) if load else "—",
        "minutes": f"{meta.get('wall_seconds', 0) / 60:.1f}",
    }


def _settings(args: dict[str, Any]) -> str:
    """The options a run was given that change its figures, as `bench/run.py` takes them."""
    if not args:
        return "settings not saved"
    return (
        f"{args['seconds']:g} s per load at concurrency {args['concurrency']}, "
        f"{args['handoffs']} handoffs, {args['drain']} events drained; "
        f"scenarios {','.join(args['only'])}"
    )


def main(paths: Sequence[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    print(table([summary(json.loads(Path(p).read_text())) for p in paths]), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
