"""`python -m apik_shared.devstack up`: the whole system on this machine (what `make up` runs).

PostgreSQL and NATS are embedded (child processes, data under `.apik/`) unless
`APIK_DATABASE_URL` (an admin URL) and `APIK_NATS_URL` name servers to use instead.
It says each step as it takes it, then supervises: a child that exits (a service, the
gateway, the embedded PostgreSQL or NATS) is started again on the same port and data,
after a backoff (`supervisor`). Only Ctrl-C or SIGTERM stops everything; a child never
outlives this process.

The embedded servers ask for the passwords of `.apik/secrets.json` (PostgreSQL's
superuser, a role and a NATS user per component); the output names that file for the
administrator's first password and never prints a password.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from apik_shared.devstack.components import COMPONENTS
from apik_shared.devstack.infra import EmbeddedNats, EmbeddedPostgres
from apik_shared.devstack.secrets import FILE_NAME, NATS_ADMIN, nats_passwords, state_secrets
from apik_shared.devstack.stack import Stack
from apik_shared.devstack.supervisor import Child, ChildFailed, Supervisor


@dataclass(frozen=True)
class UpSettings:
    state_dir: Path
    database_url: str  # empty: embedded PostgreSQL
    nats_url: str  # empty: embedded NATS
    port: int
    # The administrator's first password (kept in secrets.json); empty: generated once.
    admin_password: str
    env: str
    start_timeout: float  # seconds for each step to be ready, generous for a loaded machine

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> UpSettings:
        return cls(
            state_dir=Path(environ.get("APIK_STATE_DIR", ".apik")).resolve(),
            database_url=environ.get("APIK_DATABASE_URL", ""),
            nats_url=environ.get("APIK_NATS_URL", ""),
            port=int(environ.get("APIK_PORT", "8000")),
            admin_password=environ.get("APIK_ADMIN_PASSWORD", ""),
            env=environ.get("APIK_ENV", "development"),
            start_timeout=float(environ.get("APIK_START_TIMEOUT", "120")),
        )


def say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)


async def run(settings: UpSettings) -> None:
    """Starts everything, then supervises it until cancelled; stops it all on the way out."""
    started = time.monotonic()
    supervisor = Supervisor(say=say, ready_timeout=settings.start_timeout)

    async def start(child: Child, what: str) -> None:
        say(f"starting {what}")
        await supervisor.start(child)
        say(f"{child.name} is listening (pid {child.pid})")

    try:
        # Every password of the embedded servers, the components and the administrator's
        # first one, generated on the first start and kept (mode 0600).
        stored = state_secrets(settings.state_dir, admin_password=settings.admin_password)
        secrets_file = settings.state_dir / FILE_NAME
        admin_url = settings.database_url
        if not admin_url:
            postgres = EmbeddedPostgres(
                settings.state_dir / "postgres", password=stored["postgres_password"]
            )
            if not postgres.initialized:
                say(f"creating the database cluster in {postgres.pgdata} (first run only)")
            await asyncio.to_thread(postgres.init)
            await start(postgres.child(), f"PostgreSQL on port {postgres.port}")
            admin_url = postgres.admin_url
        nats_url, nats_address, nats_urls = settings.nats_url, settings.nats_url, {}
        if not nats_url:
            nats = EmbeddedNats(
                settings.state_dir / "nats", passwords=nats_passwords(stored), admin=NATS_ADMIN
            )
            await start(nats.child(), f"NATS with JetStream on port {nats.port}")
            nats_url, nats_address = nats.url, nats.address
            nats_urls = {c.name: nats.url_for(c.name) for c in COMPONENTS}
        stack = Stack(
            postgres_admin_url=admin_url,
            nats_url=nats_url,
            nats_urls=nats_urls,
            state_dir=settings.state_dir,
            gateway_port=settings.port,
            admin_password=settings.admin_password,
            env=settings.env,
        )
        await stack.prepare(progress=say)
        stack.assign_ports()
        async with asyncio.TaskGroup() as group:  # side by side: each takes seconds to import
            for component in COMPONENTS:
                child = stack.child(component)
                group.create_task(start(child, f"{child.name} on port {child.port}"))
        say("waiting for the gateway to report every service ready")
        try:
            async with asyncio.timeout(settings.start_timeout):
                await stack.until_ready()
        except TimeoutError:
            raise TimeoutError(
                f"the gateway's {stack.url}/readyz was not 200 within "
                f"{settings.start_timeout:g}s (APIK_START_TIMEOUT); see {stack.state_dir / 'logs'}"
            ) from None
        print(
            f"\nAPIK is ready in {time.monotonic() - started:.1f}s\n"
            f"  Gateway   {stack.url}\n"
            f"  Web app   {stack.url}/ (staff), {stack.url}/lapor and /lacak (public)\n"
            f"  API docs  {stack.url}/api/docs\n"
            f"  Health    {stack.url}/readyz\n"
            # Never the password itself: terminals and CI logs keep what they show.
            f"  Admin     username admin; the first start's password is admin_password in "
            f"{secrets_file} (a password changed since is kept)\n"
            f"  Logs      {settings.state_dir / 'logs'}\n"
            f"  PostgreSQL {admin_url.split('@')[-1]}   NATS {nats_address.split('@')[-1]}\n"
            "A component that exits is restarted. Press Ctrl-C to stop.",
            flush=True,
        )
        await asyncio.Event().wait()  # until Ctrl-C or SIGTERM cancels us
    finally:
        say("stopping APIK…")
        await supervisor.stop()
        say("stopped")


async def _until_signalled(settings: UpSettings) -> None:
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()

    def request_stop() -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):  # once: a second Ctrl-C must not
            loop.add_signal_handler(sig, lambda: None)  # cut the clean stop short
        task.cancel()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, request_stop)
    try:
        await run(settings)
    except asyncio.CancelledError:
        return


def up(settings: UpSettings) -> int:
    failures: list[BaseException] = []
    try:
        asyncio.run(_until_signalled(settings))
    except* (ChildFailed, TimeoutError, OSError) as failed:  # TaskGroup's come grouped
        failures.extend(failed.exceptions)
    for error in failures:
        print(f"APIK did not start: {error}", file=sys.stderr, flush=True)
    return 1 if failures else 0


def demo(environ: Mapping[str, str]) -> int:
    """`make demo`: the demo office's year put into the system `make up` runs (the
    gateway at `APIK_DEMO_URL`, else 127.0.0.1:`APIK_PORT`), signed in as the bootstrap
    admin (`APIK_ADMIN_PASSWORD`, else `admin_password` in `.apik/secrets.json`)."""
    import httpx

    from apik_shared.devstack.demo import DemoError, fill

    if environ.get("APIK_ENV", "development") == "production":
        print(
            "make demo refuses APIK_ENV=production: its accounts have known passwords.",
            file=sys.stderr,
        )
        return 2
    url = environ.get("APIK_DEMO_URL") or f"http://127.0.0.1:{environ.get('APIK_PORT', '8000')}"
    password = environ.get("APIK_ADMIN_PASSWORD", "")
    if not password:
        secrets_file = Path(environ.get("APIK_STATE_DIR", ".apik")) / FILE_NAME
        try:
            password = str(json.loads(secrets_file.read_text())["admin_password"])
        except (OSError, ValueError, KeyError):
            print(
                f"No admin password: set APIK_ADMIN_PASSWORD or run make up ({secrets_file}).",
                file=sys.stderr,
            )
            return 2
    office = environ.get("APIK_DEMO_OFFICE", "BKL")

    async def run() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            summary = await fill(client, admin_password=password, office=office, say=say)
        say(f"made: {summary.created}")
        say(f"already there: {summary.kept}")

    try:
        asyncio.run(run())
    except (DemoError, httpx.HTTPError) as error:
        print(f"The demo could not be filled in at {url}: {error}", file=sys.stderr, flush=True)
        return 1
    say(f"the demo office {office} is ready at {url}; see README.md, 'A demo office'")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["demo"]:
        return demo(os.environ)
    if argv[:1] != ["up"]:
        print("usage: python -m apik_shared.devstack up|demo", file=sys.stderr)
        return 2
    return up(UpSettings.from_environ(os.environ))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
