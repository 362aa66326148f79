"""The whole system as local processes: databases, migrations, services, gateway.

`make up` and the end-to-end tests both use `Stack`: given a PostgreSQL admin URL and a
NATS URL it creates a database and role per component, migrates them, starts every
service and the gateway as uvicorn child processes, and waits until the gateway says
all of them are ready. `make up` hands the processes to its `Supervisor` instead
(`child`); the tests start and stop them here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from apik_shared.devstack.components import COMPONENTS, GATEWAY, SERVICES, Component
from apik_shared.devstack.databases import ensure_database
from apik_shared.devstack.processes import free_port, spawn, stop, wait_for_port
from apik_shared.devstack.secrets import state_secrets
from apik_shared.devstack.supervisor import Child
from apik_shared.platform.migrations import upgrade

HOST = "127.0.0.1"


@dataclass
class Stack:
    postgres_admin_url: str
    nats_url: str
    state_dir: Path  # secrets and logs live here
    gateway_port: int = 8000
    # The administrator's first password (the gateway keeps what its database holds
    # later); empty: the one of the secrets file, generated on its first use.
    admin_password: str = ""
    # Each component's own NATS URL (its user and password); a component missing here
    # uses `nats_url`, e.g. on a NATS server that APIK does not configure.
    nats_urls: dict[str, str] = field(default_factory=dict)
    env: str = "development"
    extra_env: dict[str, str] = field(default_factory=dict)
    database_prefix: str = ""  # lets several stacks share one PostgreSQL server
    # Processes per service, all on the one database, behind the one gateway (which
    # takes them in turn): the first is named like the service, the others `<name>-2`….
    replicas: int = 1
    # Where each component's database comes from: by default (`make up`) a database and
    # role of its own, migrated here; tests give copies of databases migrated once per
    # run instead (apik_testing.stack), already at head.
    migrated_database: Callable[[Component], Awaitable[str]] | None = None
    ports: dict[str, int] = field(default_factory=dict)
    database_urls: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.gateway_port}"

    async def prepare(self, progress: Callable[[str], None] = lambda _: None) -> None:
        """Databases, roles and migrations for every component (or the copies of
        `migrated_database`); `progress` hears each step."""
        stored = state_secrets(self.state_dir, admin_password=self.admin_password)
        self.admin_password = stored["admin_password"]
        self.extra_env.setdefault("APIK_SECRET_KEY", stored["secret_key"])
        self.extra_env.setdefault("APIK_PII_KEYS", stored["pii_keys"])
        if self.migrated_database is not None:
            progress("copying migrated databases")
            for component in COMPONENTS:
                self.database_urls[component.name] = await self.migrated_database(component)
            return
        progress(f"creating databases ({', '.join(c.name for c in COMPONENTS)})")
        for component in COMPONENTS:
            name = self.database_prefix + component.database
            self.database_urls[component.name] = await ensure_database(
                self.postgres_admin_url, name, password=stored[f"db_{component.name}"]
            )
        # A migration that seals existing rows (prevention's 0008) reads the keyring the
        # component will run with, from this process's environment, as a container does.
        os.environ.setdefault("APIK_PII_KEYS", self.extra_env["APIK_PII_KEYS"])
        # One after the other: Alembic keeps its migration context in module globals.
        for component in COMPONENTS:
            progress(f"migrating {component.name}")
            await upgrade(self.database_urls[component.name], f"{component.package}:migrations")

    def component_env(self, component: Component) -> dict[str, str]:
        env = {
            "APIK_ENV": self.env,
            "APIK_DATABASE_URL": self.database_urls[component.name],
            "APIK_NATS_URL": self.nats_urls.get(component.name, self.nats_url),
            "APIK_JWKS_URL": f"{self.url}/.well-known/jwks.json",
            # One public address for every component: the tokens' issuer, the links.
            "APIK_PUBLIC_URL": os.environ.get("APIK_PUBLIC_URL") or self.url,
            **self.extra_env,
        }
        if component is GATEWAY:
            urls = {
                s.name: [f"http://{HOST}:{self.ports[i]}" for i in self.instances(s)]
                for s in SERVICES
            }
            env["APIK_SERVICE_URLS"] = json.dumps(
                {name: u[0] if len(u) == 1 else u for name, u in urls.items()}
            )
            env["APIK_ADMIN_PASSWORD"] = self.admin_password
        return env

    def instances(self, component: Component) -> list[str]:
        """The names of the component's processes (one gateway; `replicas` of a service)."""
        if component is GATEWAY:
            return [component.name]
        return [component.name, *(f"{component.name}-{i}" for i in range(2, self.replicas + 1))]

    def component_of(self, instance: str) -> Component:
        return next(
            c for c in COMPONENTS if instance == c.name or instance.startswith(f"{c.name}-")
        )

    def command(self, component: Component, instance: str = "") -> list[str]:
        """The component's server, on its port (a free one the first time)."""
        instance = instance or component.name
        port = self.gateway_port if component is GATEWAY else self.ports.get(instance)
        port = port or free_port()
        self.ports[instance] = port
        return [
            sys.executable,
            "-m",
            "uvicorn",
            component.app,
            "--factory",
            "--host",
            HOST,
            "--port",
            str(port),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--timeout-graceful-shutdown",
            "5",
        ]

    def log_file(self, component: Component, instance: str = "") -> Path:
        return self.state_dir / "logs" / f"{instance or component.name}.log"

    def child(self, component: Component) -> Child:
        """The component as a child for `make up`'s supervisor (after `assign_ports`)."""
        return Child(
            name=component.name,
            args=self.command(component),
            log_file=self.log_file(component),
            env=self.component_env(component),
            port=self.ports[component.name],
        )

    def assign_ports(self) -> None:
        """Every service's port, fixed before any starts: the gateway's routes name them."""
        for component in SERVICES:
            for instance in self.instances(component):
                self.ports.setdefault(instance, free_port())

    def start_component(self, component: Component, instance: str = "") -> None:
        """Starts the component's process `instance` (its first by default)."""
        instance = instance or component.name
        self.processes[instance] = spawn(
            self.command(component, instance),
            log_file=self.log_file(component, instance),
            env=self.component_env(component),
        )

    # Eight processes on two busy cores can take minutes to come up; a process that dies
    # still fails the start at once (`wait_for_port` watches it).
    def start(self, *, timeout: float = 180) -> None:
        self.assign_ports()
        for component in COMPONENTS:
            for instance in self.instances(component):
                self.start_component(component, instance)
        for component in COMPONENTS:
            for instance in self.instances(component):
                wait_for_port(
                    HOST, self.ports[instance], timeout=timeout, process=self.processes[instance]
                )
        self.wait_ready(timeout=timeout)

    def wait_ready(self, *, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"{self.url}/readyz", timeout=2)
                if response.status_code == 200:
                    return
                last = response.text
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.1)
        raise TimeoutError(f"the gateway was not ready within {timeout}s: {last}")

    async def until_ready(self) -> None:
        """`wait_ready` for an event loop, as long as it takes (bound it with
        `asyncio.timeout`): the gateway's `/readyz` says every service is ready."""
        async with httpx.AsyncClient(timeout=5) as client:
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(f"{self.url}/readyz")).status_code == 200:
                        return
                await asyncio.sleep(0.2)

    def stop_component(self, name: str, *, kill: bool = False) -> None:
        process = self.processes.pop(name, None)
        if process is not None and kill:
            process.kill()
            process.wait(5)
        stop(process)

    def restart_component(self, name: str) -> None:
        """Restarts a component's process by its instance name (`intake`, `intake-2`)."""
        component = self.component_of(name)
        self.stop_component(name)
        self.start_component(component, name)
        wait_for_port(HOST, self.ports[name], timeout=30, process=self.processes[name])

    def stop(self) -> None:
        # The gateway first, so nothing new comes in while the services drain.
        for component in reversed(COMPONENTS):
            for instance in reversed(self.instances(component)):
                self.stop_component(instance)
