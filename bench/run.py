"""APIK's benchmark: the embedded system, loaded from a separate process.

    .venv/bin/python bench/run.py [--quick] [--only handoff,drain] [--runs 5]

Starts PostgreSQL, NATS, every service and the gateway exactly as `make up` does (in a
temporary folder), then measures, in one run so ratios are comparable on a noisy machine:
the bare references (an asyncpg transaction writing a report-sized row and its outbox
row, acknowledged JetStream publishes, the floor endpoint of `bench/floor.py`, the
gateway's bare upstream), registration throughput and latency direct to intake and
through the gateway, the handoff latency (plenary accept → case opened) at a steady rate,
the outbox drain after NATS was down, and each process's resident memory idle and under
load. Prints each figure as a ratio to its reference, with the issue's target and
PASS/FAIL where it sets one. Writes JSON and Markdown to `bench/results/` and prints the
Markdown. With `--runs N`, runs it N times back to back and prints the table of
`bench/runs.py` instead: each ratio per run, the median and its verdict. Traffic stays on
127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import runs, scenarios
from bench.driver import drive, paced
from bench.report import RESULTS, markdown, ratios, save


def _in_subprocess(command: str, requests: list[bytes], *args: object) -> dict[str, Any]:
    """Runs a load driver in its own process, so client and server do not share a core's
    GIL, and returns what it printed."""
    with tempfile.NamedTemporaryFile(suffix=".json", mode="w") as request_file:
        json.dump([base64.b64encode(r).decode() for r in requests], request_file)
        request_file.flush()
        out = subprocess.run(
            [sys.executable, __file__, command, request_file.name, *map(str, args)],
            check=True,
            capture_output=True,
            text=True,
        )
    return dict(json.loads(out.stdout))


def measure_in_subprocess(
    port: int,
    requests: list[bytes],
    concurrency: int,
    seconds: float,
    max_requests: int,
    expect: int,
) -> dict[str, Any]:
    """Closed-loop load at `concurrency`, cycling through `requests`."""
    return _in_subprocess("drive", requests, port, concurrency, seconds, max_requests, expect)


def pace_in_subprocess(port: int, requests: list[bytes], rate: float) -> dict[str, Any]:
    """Each request in turn at a steady `rate` a second (open loop)."""
    return _in_subprocess("pace", requests, port, rate)


def _driver_main(argv: list[str]) -> int:
    import uvloop

    command, path, port, *rest = argv
    requests = [base64.b64decode(r) for r in json.loads(Path(path).read_text())]
    if command == "pace":
        (rate,) = rest
        result = uvloop.run(paced(int(port), requests, rate=float(rate)))
    else:
        concurrency, seconds, limit, expect = rest
        result = uvloop.run(
            drive(
                int(port),
                lambda n: requests[n % len(requests)],
                concurrency=int(concurrency),
                seconds=float(seconds),
                max_requests=int(limit),
                expect=int(expect),
            )
        )
    print(json.dumps(result))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] in (["drive"], ["pace"]):
        return _driver_main(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts: checks the harness")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--handoffs", type=int, default=1000, help="plenary accepts")
    parser.add_argument(
        "--handoff-rate",
        type=float,
        default=None,
        help="accepts per second (default: the rate a slow first round finds keeps the "
        "machine about a third busy, since the handoff's target holds under half busy)",
    )
    parser.add_argument("--drain", type=int, default=100_000, help="events in the outbox")
    parser.add_argument(
        "--only",
        type=lambda s: sorted(set(s.split(","))),
        default=list(scenarios.SCENARIOS),
        help="comma-separated scenarios to run (the bare references always run): "
        + ",".join(scenarios.SCENARIOS),
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="run N times back to back and print the ratios of every run, their median "
        "and its verdict (the table of docs/performance.md)",
    )
    args = parser.parse_args(argv)
    if unknown := set(args.only) - set(scenarios.SCENARIOS):
        parser.error(f"unknown scenarios: {','.join(sorted(unknown))}")
    if args.runs < 1:
        parser.error("--runs: at least 1")
    if args.quick:
        args.seconds, args.handoffs, args.drain = 1.0, 100, 2000
    if args.runs == 1:
        print(markdown(run_once(args)))
        return 0
    done = []
    for n in range(1, args.runs + 1):
        done.append(run_once(args))
        print(f"run {n} of {args.runs} saved in {RESULTS}: {done[-1]['meta']['when']}", flush=True)
    text = runs.table([runs.summary(results) for results in done])
    stamp = done[-1]["meta"]["when"].replace("-", "").replace(":", "")[:15]
    (RESULTS / f"runs-{stamp}Z.md").write_text(text)
    print(text, end="")
    return 0


def run_once(args: argparse.Namespace) -> dict[str, Any]:
    """One run: the embedded system started afresh, every scenario asked for, the results
    saved to `bench/results/` with when and at what load average the run began."""
    started = time.monotonic()
    results: dict[str, Any] = {
        "meta": {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "load_average_at_start": os.getloadavg(),
        }
    }
    with tempfile.TemporaryDirectory(prefix="apik-bench-") as tmp:
        results |= asyncio.run(
            scenarios.run_all(
                Path(tmp), args, measure=measure_in_subprocess, pace=pace_in_subprocess
            )
        )
    results["ratios"] = ratios(results)
    save(results, args=args, started=started, render=markdown)
    return results


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
