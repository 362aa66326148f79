"""The whole system as real processes for end-to-end and reliability tests."""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime
from pathlib import Path

from apik_shared.devstack.components import COMPONENTS, Component
from apik_shared.devstack.processes import free_port
from apik_shared.devstack.stack import Stack
from apik_testing.infra import TestInfra
from apik_testing.services import migrated_database

ADMIN_PASSWORD = "e2e-Admin-Password-1"


def start_stack(
    infra: TestInfra,
    state_dir: Path,
    extra_env: dict[str, str] | None = None,
    *,
    replicas: int = 1,
    nats_urls: dict[str, str] | None = None,
    timeout: float = 180,
) -> Stack:
    """Every service and the gateway on the suite's servers, with databases and durable
    consumers of their own, so several stacks and in-process services can coexist.
    `extra_env` adds settings for every component; `replicas` processes of each
    service; `nats_urls` (component: URL, or a cluster's comma-separated URLs) instead
    of the suite's NATS server. `timeout`: seconds for every process to come up (eight
    processes on two busy cores can take minutes; a process that dies fails at once)."""
    tag = secrets.token_hex(3)

    # Every stack's databases are copies of the run's migrated templates (made once, and
    # shared with the component tests): migrating eight databases at each of the run's
    # stack starts took 4-10 s each. `make up` and its tests still migrate.
    async def copy_of_migrated(component: Component) -> str:
        return await migrated_database(infra, component.package)

    stack = Stack(
        postgres_admin_url=infra.postgres_admin_url,
        nats_url=infra.nats_url,
        nats_urls=nats_urls or {c.name: infra.nats_url_for(c.name) for c in COMPONENTS},
        replicas=replicas,
        state_dir=state_dir,
        gateway_port=free_port(),
        admin_password=ADMIN_PASSWORD,
        env="test",
        migrated_database=copy_of_migrated,
        extra_env={
            "APIK_CONSUMER_GROUP": f"e2e-{tag}",
            # A killed consumer's events come back after this; tests should not wait 30 s.
            "APIK_CONSUMER_ACK_WAIT_SECONDS": "3",
            # Only what happens from now on: earlier tests' events are not this stack's.
            "APIK_CONSUMER_START_TIME": datetime.now(UTC).isoformat(),
            **(extra_env or {}),
        },
    )
    asyncio.run(stack.prepare())
    try:
        stack.start(timeout=timeout)
    except BaseException:
        stack.stop()
        raise
    return stack
