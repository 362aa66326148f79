"""APIK at one million reports: the duplicate search, the KPI queries, the rebuild.

    .venv/bin/python bench/at_scale.py [--reports 1000000] [--quick]

Starts its own PostgreSQL and NATS (embedded, in a temporary folder, on free ports),
creates intake's and reporting's databases with the services' migrations, then:

1. loads an archive of `--reports` reports into intake, as intake stores them
   (`scale_corpus.py` builds realistic Indonesian texts; `scale_intake.py` loads them);
2. times registration's write with its duplicate search (`write_registration`) for a
   few hundred new reports of the largest office: p50, p95, p99 (target p95 < 30 ms);
3. seeds reporting's read model with the same reports' events through the service's
   projection, and times the KPI, roll-up and breakdown queries (target p95 < 50 ms);
4. replays a sample of those events from NATS with the rebuild command's code: events/s;
5. writes JSON and Markdown to `bench/results/` and prints the Markdown.

`--quick` runs everything on 20,000 reports to check the harness in a minute or two.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apik_reporting.settings import Settings
from apik_shared.platform.events.envelope import CloudEvent
from bench import scale_intake, scale_reporting
from bench.report import save
from bench.scale_corpus import FIRST_DAY, LARGE_OFFICE, LAST_DAY, Corpus, Generated
from bench.scale_events import check_payloads, report_events, visit_events
from bench.scale_infra import servers
from bench.scale_report import markdown, percentiles

KPI_YEAR = 2025  # the last full year of the archive
DUPLICATE_TARGET_MS, KPI_TARGET_MS = 30, 50


def _chunks(
    reports: list[Generated], visits: Iterator[CloudEvent], visit_share: float, size: int
) -> Iterator[list[CloudEvent]]:
    """The events of `size` reports at a time, with the desk visits of that period."""
    for start in range(0, len(reports), size):
        events = [e for g in reports[start : start + size] for e in report_events(g)]
        events += itertools.islice(visits, round(size * visit_share))
        yield events


def _sample(reports: list[Generated], visits: int, every: int) -> list[CloudEvent]:
    """Every `every`-th report's events, whole, and some desk visits."""
    chosen = [e for g in reports[::every] for e in report_events(g)]
    return chosen + list(itertools.islice(_visits(visits), 0, None, every))


def _visits(count: int) -> Iterator[CloudEvent]:
    return visit_events(count, FIRST_DAY, LAST_DAY)


async def run(tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {}
    async with servers(tmp) as s:
        corpus = Corpus()
        # 1. The intake archive.
        t = time.monotonic()
        seeded = await scale_intake.seed(s.plain(s.intake_url), corpus, args.reports)
        reports: list[Generated] = seeded["reports"]
        results["intake_seed"] = {
            "reports": len(reports),
            "large_office_reports": sum(g.office == LARGE_OFFICE for g in reports),
            "seconds": round(time.monotonic() - t, 1),
            **seeded["timing"],
        }
        print(
            f"intake: {len(reports)} reports in {results['intake_seed']['seconds']} s", flush=True
        )

        # 2. Registration's write with its duplicate search.
        probes = scale_intake.probes(corpus, args.probes)
        timed = await scale_intake.time_registration_write(s.plain(s.intake_url), probes)
        results["duplicates"] = {
            **percentiles(timed["latencies"]),
            "target_p95_ms": DUPLICATE_TARGET_MS,
            "office": LARGE_OFFICE,
            "probes_with_candidates": sum(1 for n in timed["candidates"] if n),
            "mean_candidates": round(sum(timed["candidates"]) / len(timed["candidates"]), 2),
        }
        print(f"duplicates: {results['duplicates']}", flush=True)

        # 3. Reporting's read model and its queries.
        # Its offices' zones: the registry `servers` filled (`scale_events.offices`).
        settings = Settings(database_url=s.reporting_url, nats_url=s.nats.url)
        visits_total = round(len(reports) * args.visit_share)
        check_payloads([e for g in reports[:2000] for e in report_events(g)] + list(_visits(200)))
        t = time.monotonic()
        read_model = await scale_reporting.seed(
            s.plain(s.reporting_url),
            _chunks(reports, _visits(visits_total), args.visit_share, 25_000),
        )
        await scale_reporting.set_targets(s.plain(s.reporting_url), [KPI_YEAR, KPI_YEAR + 1])
        results["reporting_seed"] = {"seconds": round(time.monotonic() - t, 1), **read_model}
        print(f"reporting: {results['reporting_seed']}", flush=True)
        latencies = await scale_reporting.time_queries(
            s.plain(s.reporting_url), scale_reporting.queries(KPI_YEAR, LARGE_OFFICE), args.rounds
        )
        results["kpi_queries"] = {
            "year": KPI_YEAR,
            "office": LARGE_OFFICE,
            "target_p95_ms": KPI_TARGET_MS,
            "queries": {name: percentiles(values) for name, values in latencies.items()},
        }

        # 4. The rebuild, on a sample of the same events, into a second database.
        sample = _sample(reports, visits_total, max(1, len(reports) // args.rebuild_reports))
        rebuild_settings = settings.model_copy(update={"database_url": s.rebuild_url})
        results["rebuild"] = await scale_reporting.rebuild_rate(
            rebuild_settings, s.plain(s.rebuild_url), s.plain(s.reporting_url), sample
        )
        print(f"rebuild: {results['rebuild']}", flush=True)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="20,000 reports: checks the harness")
    parser.add_argument("--probes", type=int, default=300, help="new reports searched")
    parser.add_argument("--rounds", type=int, default=100, help="runs of each KPI query")
    parser.add_argument("--visit-share", type=float, default=0.2, help="desk visits per report")
    parser.add_argument(
        "--rebuild-reports", type=int, default=25_000, help="reports whose events are replayed"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.reports, args.probes, args.rounds, args.rebuild_reports = 20_000, 50, 10, 2_000
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="apik-at-scale-") as tmp:
        results = asyncio.run(run(Path(tmp), args))
    text = save(results, args=args, started=started, render=markdown, prefix="at-scale-")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
