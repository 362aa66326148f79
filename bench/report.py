"""The Markdown table of a benchmark run."""

from __future__ import annotations

from typing import Any


def _row(name: str, r: dict[str, Any]) -> str:
    return f"| {name} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} |"


def markdown(results: dict[str, Any]) -> str:
    reg, ref, hand, drain = (
        results[k] for k in ("registration", "reference", "handoff", "outbox_drain")
    )
    meta = results.get("meta", {})
    lines = [
        f"# APIK benchmark — {meta.get('when', '')}",
        "",
        f"Concurrency {meta.get('args', {}).get('concurrency')}, "
        f"{meta.get('args', {}).get('seconds')} s per load; medians of one run.",
        "",
        "| Load | per second | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|",
        _row("asyncpg insert (reference)", ref["asyncpg_insert"]),
        _row("JetStream publish (reference)", ref["jetstream_publish"]),
        _row("registration, direct to intake", reg["direct"]),
        _row("registration, through the gateway", reg["gateway"]),
        "",
        f"Gateway keeps {reg['gateway_throughput_share']:.0%} of direct throughput and adds "
        f"{reg['gateway_added_p99_ms']} ms at p99.",
        "",
        f"Handoff (accept → case opened) at {hand['rate_per_second']:.0f}/s over "
        f"{hand['handoffs']}: p50 {hand['p50_ms']} ms, p99 {hand['p99_ms']} ms, "
        f"max {hand['max_ms']} ms.",
        "",
        f"Outbox drain: {drain['events']} events in {drain['seconds']} s = "
        f"{drain['events_per_second']:.0f} events/s until every case existed.",
        "",
        "| Process | idle MB | peak under load MB |",
        "|---|---|---|",
    ]
    for name, idle in results["memory_idle_mb"].items():
        lines.append(f"| {name} | {idle} | {results['memory_peak_under_load_mb'][name]} |")
    return "\n".join(lines) + "\n"
