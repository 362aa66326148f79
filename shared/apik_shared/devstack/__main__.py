"""`python -m apik_shared.devstack up`: the whole system on this machine (what `make up` runs).

PostgreSQL and NATS are embedded (child processes, data under `.apik/`) unless
`APIK_DATABASE_URL` (an admin URL) and `APIK_NATS_URL` name servers to use instead.
Ctrl-C stops everything; a child never outlives this process.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from apik_shared.devstack.infra import EmbeddedNats, EmbeddedPostgres
from apik_shared.devstack.stack import Stack


def up(state_dir: Path) -> int:
    started = time.monotonic()
    postgres = nats = None
    stack = None
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        admin_url = os.environ.get("APIK_DATABASE_URL")
        if not admin_url:
            postgres = EmbeddedPostgres(state_dir / "postgres").start()
            admin_url = postgres.admin_url
        nats_url = os.environ.get("APIK_NATS_URL")
        if not nats_url:
            nats = EmbeddedNats(state_dir / "nats").start()
            nats_url = nats.url
        stack = Stack(
            postgres_admin_url=admin_url,
            nats_url=nats_url,
            state_dir=state_dir,
            gateway_port=int(os.environ.get("APIK_PORT", "8000")),
            admin_password=os.environ.get("APIK_ADMIN_PASSWORD", ""),
            env=os.environ.get("APIK_ENV", "development"),
        )
        asyncio.run(stack.prepare())
        stack.start()
        print(
            f"\nAPIK is ready in {time.monotonic() - started:.1f}s\n"
            f"  Gateway   {stack.url}\n"
            f"  API docs  {stack.url}/api/docs\n"
            f"  Health    {stack.url}/readyz\n"
            f"  Admin     username admin, password {stack.admin_password}\n"
            f"  Logs      {state_dir / 'logs'}\n"
            f"  PostgreSQL {admin_url.split('@')[-1]}   NATS {nats_url}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while not stopping:
            for name, process in list(stack.processes.items()):
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; see its log", flush=True)
                    return 1
            time.sleep(0.5)
        return 0
    finally:
        print("Stopping APIK…", flush=True)
        if stack:
            stack.stop()
        if nats:
            nats.stop()
        if postgres:
            postgres.stop()


def main(argv: list[str]) -> int:
    if argv[:1] != ["up"]:
        print("usage: python -m apik_shared.devstack up", file=sys.stderr)
        return 2
    return up(Path(os.environ.get("APIK_STATE_DIR", ".apik")).resolve())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
