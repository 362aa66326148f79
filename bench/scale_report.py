"""Percentiles, and the Markdown table of an at-scale run."""

from __future__ import annotations

from typing import Any


def percentiles(seconds: list[float]) -> dict[str, Any]:
    ordered = sorted(seconds)
    n = len(ordered)

    def at(share: float) -> float:
        return round(ordered[min(n - 1, int(n * share))] * 1000, 2)

    return {"runs": n, "p50_ms": at(0.5), "p95_ms": at(0.95), "p99_ms": at(0.99), "max_ms": at(1.0)}


def _ok(value: float, target: float) -> str:
    return "yes" if value < target else "**no**"


def markdown(results: dict[str, Any]) -> str:
    meta, intake, dup = results.get("meta", {}), results["intake_seed"], results["duplicates"]
    read, kpi, rebuild = results["reporting_seed"], results["kpi_queries"], results["rebuild"]
    lines = [
        f"# APIK at {intake['reports']:,} reports — {meta.get('when', '')}",
        "",
        f"Wall time {meta.get('wall_seconds', 0) / 60:.1f} min. The large office "
        f"({dup['office']}) holds {intake['large_office_reports']:,} reports.",
        "",
        "| Seeding | seconds |",
        "|---|---|",
        f"| intake: load (COPY) | {intake['load_seconds']} |",
        f"| intake: rebuild the indexes | {intake['index_seconds']} |",
        f"| intake: vacuum, analyze | {intake['vacuum_analyze_seconds']} |",
        f"| reporting: {read['events']:,} events through the projection | "
        f"{read['project_seconds']} |",
        f"| reporting: fold the monthly counts ({read['folded_rows']:,} rows) | "
        f"{read['fold_seconds']} |",
        f"| reporting: vacuum, analyze | {read['vacuum_analyze_seconds']} |",
        "",
        f"Registration's write with its duplicate search ({dup['runs']} new reports of "
        f"{dup['office']}; "
        f"{dup['probes_with_candidates']} found candidates, {dup['mean_candidates']} on average):",
        "",
        "| p50 ms | p95 ms | p99 ms | max ms | p95 < 30 ms |",
        "|---|---|---|---|---|",
        f"| {dup['p50_ms']} | {dup['p95_ms']} | {dup['p99_ms']} | {dup['max_ms']} | "
        f"{_ok(dup['p95_ms'], dup['target_p95_ms'])} |",
        "",
        f"Reporting queries, year {kpi['year']}, {kpi['office']} or every office "
        f"({next(iter(kpi['queries'].values()))['runs']} runs each):",
        "",
        "| Query | p50 ms | p95 ms | p95 < 50 ms |",
        "|---|---|---|---|",
    ]
    for name, p in kpi["queries"].items():
        lines.append(
            f"| {name} | {p['p50_ms']} | {p['p95_ms']} | {_ok(p['p95_ms'], kpi['target_p95_ms'])} |"
        )
    lines += [
        "",
        f"Rebuild: {rebuild['replayed']:,} events replayed from NATS in {rebuild['seconds']} s = "
        f"**{rebuild['events_per_second']:,} events/s**; facts equal to the seeded ones: "
        f"{rebuild['facts_equal_to_seeded']}.",
    ]
    return "\n".join(lines) + "\n"
