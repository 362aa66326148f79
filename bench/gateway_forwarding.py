"""What forwarding through the gateway costs: a trivial service, direct and via gateway.

    .venv/bin/python bench/gateway_forwarding.py [--seconds 4] [--max-requests 100000]

Starts an embedded PostgreSQL (or uses APIK_DATABASE_URL) for the gateway's own start-up,
a trivial FastAPI service and the real gateway app (`create_app`), each under uvicorn
with httptools and uvloop in its own process. A separate driver process keeps C
keep-alive connections busy for a few seconds (bounded by a request count) and reports
requests per second and the p50/p99 latency. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.driver import HOST, drive, encode_request

PATH = "/api/v1/bench/ping"


def upstream_app() -> Any:
    from fastapi import FastAPI

    app = FastAPI()

    @app.get(PATH)
    async def ping() -> dict[str, str]:
        return {"status": "ok", "service": "bench"}

    return app


def run_server(app: Any, port: int) -> None:
    import uvicorn

    uvicorn.run(
        app,
        host=HOST,
        port=port,
        loop="uvloop",
        http="httptools",
        log_level="warning",
        access_log=False,
    )


def run_gateway(port: int, upstream: str, database_url: str, access_log: bool) -> None:
    from apik_gateway.app import create_app
    from apik_gateway.settings import Settings

    settings = Settings(
        database_url=database_url,
        service_urls={"bench": upstream},
        admin_password="bench-admin-passphrase",
        forward_access_log=access_log,
    )
    run_server(create_app(settings), port)


def _spawn(args: list[str], log: Path) -> Any:
    from apik_shared.devstack.processes import spawn

    return spawn([sys.executable, __file__, *args], log_file=log)


def _measure(port: int, concurrency: int, seconds: float, max_requests: int) -> dict[str, Any]:
    import subprocess

    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "drive",
            str(port),
            str(concurrency),
            str(seconds),
            str(max_requests),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


def _check_answer(port: int) -> None:
    """Measuring a stream of errors would be fast and meaningless."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}{PATH}", timeout=5) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    if status != 200 or json.loads(body) != {"status": "ok", "service": "bench"}:
        raise SystemExit(f"port {port} answered {status}: {body!r}")


async def _prepare_database(tmp: Path, admin_url: str | None) -> tuple[str, Any]:
    from apik_shared.devstack.databases import ensure_database
    from apik_shared.devstack.infra import EmbeddedPostgres
    from apik_shared.platform.migrations import upgrade

    postgres = None
    if not admin_url:
        postgres = EmbeddedPostgres(tmp / "postgres", durable=False).start()
        admin_url = postgres.admin_url
    url = await ensure_database(admin_url, "bench_gateway")
    await upgrade(url, "apik_gateway:migrations")
    return url, postgres


def forwarding(
    tmp: Path,
    *,
    admin_url: str | None,
    seconds: float,
    concurrencies: list[int],
    max_requests: int,
    access_log: bool = False,
) -> list[dict[str, Any]]:
    """Direct and via the gateway, at each concurrency: the driver's figures per run.
    `admin_url` None: an embedded PostgreSQL of its own for the gateway's start-up."""
    from apik_shared.devstack.processes import free_port, stop, wait_for_port

    database_url, postgres = asyncio.run(_prepare_database(tmp, admin_url))
    up_port, gw_port = free_port(), free_port()
    upstream = _spawn(["upstream", str(up_port)], tmp / "upstream.log")
    gateway = _spawn(
        [
            "gateway",
            str(gw_port),
            f"http://{HOST}:{up_port}",
            database_url,
            "on" if access_log else "off",
        ],
        tmp / "gateway.log",
    )
    try:
        # As patient as the stack's own start: on a loaded machine the gateway took over
        # 30 s, and a timeout here lost a whole run's figures.
        wait_for_port(HOST, up_port, timeout=300, process=upstream)
        wait_for_port(HOST, gw_port, timeout=300, process=gateway)
        for port in (up_port, gw_port):
            _check_answer(port)
        return [
            {"target": name, "concurrency": concurrency}
            | _measure(port, concurrency, seconds, max_requests)
            for concurrency in concurrencies
            for name, port in (("direct", up_port), ("gateway", gw_port))
        ]
    finally:
        stop(gateway)
        stop(upstream)
        if postgres is not None:
            postgres.stop()


def main(argv: list[str]) -> int:
    if argv and argv[0] == "upstream":
        run_server(upstream_app(), int(argv[1]))
        return 0
    if argv and argv[0] == "gateway":
        run_gateway(int(argv[1]), argv[2], argv[3], argv[4] == "on")
        return 0
    if argv and argv[0] == "drive":
        import uvloop

        port, concurrency, seconds, limit = int(argv[1]), int(argv[2]), float(argv[3]), int(argv[4])
        request = encode_request("GET", PATH, port)
        result = drive(
            port, lambda _: request, concurrency=concurrency, seconds=seconds, max_requests=limit
        )
        print(json.dumps(uvloop.run(result)))
        return 0

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    parser.add_argument(
        "--access-log",
        choices=["on", "off"],
        default="off",
        help="the gateway's line per forwarded request (APIK_FORWARD_ACCESS_LOG)",
    )
    args = parser.parse_args(argv)

    print(
        f"{'target':<8} {'conc':>4} {'requests':>9} {'req/s':>8} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="apik-bench-") as tmp_name:
        admin_url = os.environ.get("APIK_DATABASE_URL") or None
        for r in forwarding(
            Path(tmp_name),
            admin_url=admin_url,
            seconds=args.seconds,
            concurrencies=args.concurrency,
            max_requests=args.max_requests,
            access_log=args.access_log == "on",
        ):
            print(
                f"{r['target']:<8} {r['concurrency']:>4} {r['requests']:>9} {r['rps']:>8.0f} "
                f"{r['p50_ms']:>8.3f} {r['p99_ms']:>8.3f} {r['errors']:>6}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
