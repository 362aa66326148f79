"""The servers a test run talks to.

By default an embedded PostgreSQL and NATS in a temporary folder (the same code as
`make up`). `APIK_TEST_DATABASE_URL` / `APIK_TEST_NATS_URL` point the suite at other
servers instead (an admin URL: the suite creates and drops its own databases there).
`APIK_TEST_INFRA=containers` asks testcontainers for them where a Docker engine exists.

The embedded servers are locked as `make up`'s are: PostgreSQL asks for passwords
(`postgres_admin_url` carries the superuser's, which only the harness holds) and NATS
has a user per component (`nats_url_for`) besides the administrator of `nats_url`,
which tests use to publish whatever they need to.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apik_shared.devstack.databases import drop_database, ensure_database
from apik_shared.devstack.infra import EmbeddedNats, EmbeddedPostgres
from apik_testing.templates import copy_database, make_template


@dataclass
class TestInfra:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    postgres_admin_url: str
    nats_url: str
    nats: EmbeddedNats | None = None  # set when the suite owns the server and may stop it
    _postgres: EmbeddedPostgres | None = None
    _tmp: Path | None = None
    _containers: list[Any] = field(default_factory=list)
    _databases: list[str] = field(default_factory=list)
    _templates: dict[str, str] = field(default_factory=dict)  # kind: template database
    run_id: str = field(default_factory=lambda: secrets.token_hex(3))

    @classmethod
    def start(cls) -> TestInfra:
        mode = os.environ.get("APIK_TEST_INFRA", "embedded")
        if mode == "containers":
            return cls._from_containers()
        db_url = os.environ.get("APIK_TEST_DATABASE_URL")
        nats_url = os.environ.get("APIK_TEST_NATS_URL")
        tmp = Path(tempfile.mkdtemp(prefix="apik-test-"))
        postgres = None if db_url else EmbeddedPostgres(tmp / "postgres", durable=False).start()
        nats = None if nats_url else EmbeddedNats(tmp / "nats").start()
        return cls(
            postgres_admin_url=db_url or (postgres.admin_url if postgres else ""),
            nats_url=nats_url or (nats.url if nats else ""),
            nats=nats,
            _postgres=postgres,
            _tmp=tmp,
        )

    @classmethod
    def _from_containers(cls) -> TestInfra:
        from testcontainers.core.container import DockerContainer
        from testcontainers.postgres import PostgresContainer

        pg = PostgresContainer("postgres:17-alpine").start()
        nats = DockerContainer("nats:2.10").with_command("-js").with_exposed_ports(4222).start()
        url = pg.get_connection_url().replace("+psycopg2", "")
        nats_url = f"nats://{nats.get_container_host_ip()}:{nats.get_exposed_port(4222)}"
        return cls(postgres_admin_url=url, nats_url=nats_url, _containers=[pg, nats])

    def nats_url_for(self, component: str) -> str:
        """The NATS URL of `component`'s own user, held to its own subjects; `nats_url`
        (the administrator's) for a name the server has no user for, or a server the
        suite did not configure."""
        if self.nats and component in self.nats.passwords:
            return self.nats.url_for(component)
        return self.nats_url

    @property
    def postgres(self) -> EmbeddedPostgres | None:
        """The suite's own PostgreSQL, when it owns one (and so may restart it)."""
        return self._postgres

    def database(self, component: str) -> str:
        """A fresh database for this run (dropped at the end); returns its URL."""
        name = f"test_{component}_{self.run_id}"
        self._databases.append(name)
        return asyncio.run(ensure_database(self.postgres_admin_url, name))

    async def adatabase(self, component: str) -> str:
        name = f"test_{component}_{self.run_id}_{secrets.token_hex(2)}"
        self._databases.append(name)
        return await ensure_database(self.postgres_admin_url, name)

    async def acopy(
        self, component: str, kind: str, prepare: Callable[[str], Awaitable[None]]
    ) -> str:
        """A fresh database like `adatabase`'s, a copy of this run's template of `kind`,
        which the first call makes with `prepare(its URL)` (see apik_testing.templates)."""
        template = self._templates.get(kind)
        if template is None:
            template = f"test_{component}_{self.run_id}_template_{secrets.token_hex(2)}"
            self._databases.append(template)
            await make_template(self.postgres_admin_url, template, prepare)
            self._templates[kind] = template
        name = f"test_{component}_{self.run_id}_{secrets.token_hex(2)}"
        self._databases.append(name)
        return await copy_database(self.postgres_admin_url, template, name)

    def close(self) -> None:
        # Dropped on a server the suite was given; its own server is thrown away with
        # its folder, databases and all (dropping hundreds one by one took a minute).
        for name in [] if self._postgres else self._databases:
            # A server already gone takes its databases with it.
            with contextlib.suppress(Exception):
                asyncio.run(drop_database(self.postgres_admin_url, name))
        if self.nats:
            self.nats.stop()
        if self._postgres:
            self._postgres.stop()
        for container in self._containers:
            container.stop()
        if self._tmp:
            _remove_in_background(self._tmp)


def _remove_in_background(folder: Path) -> None:
    """Removes `folder` after the run, in a process of its own: the servers' folder holds
    hundreds of databases, and deleting their files took 20-60 s on a disk that discards
    each freed block (ext4 `discard`), a wait at the end of every run for nothing."""
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives the run, and a ^C that stops it
        )
    except OSError:  # no `rm` (not a POSIX system): removed here, as before
        shutil.rmtree(folder, ignore_errors=True)
