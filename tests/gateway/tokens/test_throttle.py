"""Failed sign-ins are throttled per account name and per client address, in the
database, and the user hears of them at the next sign-in: issue 16 item 5's attack
(60 wrong passwords in 15 seconds used to get sixty 401s and no throttle)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from apik_gateway.app import create_app
from apik_gateway.tokens.rules import ThrottlePolicy, lock_seconds
from apik_shared.platform.auth import Role
from apik_testing.infra import TestInfra
from tests.gateway.builders import GatewayUnderTest, gateway_settings, migrated_database
from tests.gateway.servers import serve

from .steps import TOKEN

WRONG = "not-the-password-at-all"


@asynccontextmanager
async def throttled_gateway(infra: TestInfra, **settings: Any) -> AsyncIterator[GatewayUnderTest]:
    """A gateway of its own (its own database: its counts are its own), locking for a
    second at first and two at most, so the tests can wait a lock out."""
    values: dict[str, Any] = {"login_lock_base_seconds": 1.0, "login_lock_max_seconds": 2.0}
    config = gateway_settings(await migrated_database(infra), **{**values, **settings})
    async with serve(create_app(config)) as url, httpx.AsyncClient(base_url=url) as client:
        yield GatewayUnderTest(url=url, client=client, settings=config)


async def attempt(gateway: GatewayUnderTest, username: str, password: str) -> httpx.Response:
    return await gateway.client.post(TOKEN, data={"username": username, "password": password})


async def wait_out(response: httpx.Response) -> None:
    await asyncio.sleep(int(response.headers["retry-after"]) + 0.2)


async def test_sixty_wrong_passwords_are_throttled_and_the_user_is_told(infra: TestInfra) -> None:
    # Locks grow to 6 s here: the right password after a fresh lock must meet it still
    # running, even when a loaded machine takes a second to hash a password.
    async with throttled_gateway(infra, login_lock_max_seconds=6.0) as gateway:
        user = await gateway.create_user(Role.examiner)
        answers = [(await attempt(gateway, user["username"], WRONG)) for _ in range(60)]
        statuses = [a.status_code for a in answers]
        assert set(statuses) == {401, 429}
        # Five free tries, then one more now and then as each (growing) lock runs out.
        assert statuses.count(401) < 15, statuses
        refused = next(a for a in answers if a.status_code == 429)
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["type"] == "/problems/too-many-sign-in-attempts"
        assert 1 <= int(refused.headers["retry-after"]) <= 2

        # The right password while locked is refused too, without being checked. Where
        # the sixty left the lock depends on the machine's speed: wait it out, and one more
        # wrong guess starts the longest lock (6 s), the right password just behind it.
        await asyncio.sleep(gateway.settings.login_lock_max_seconds + 0.2)
        assert (await attempt(gateway, user["username"], WRONG)).status_code == 401
        locked = await attempt(gateway, user["username"], user["password"])
        assert locked.status_code == 429

        await wait_out(locked)
        signed_in = await attempt(gateway, user["username"], user["password"])
        assert signed_in.status_code == 200, signed_in.text
        # 60 + 1 wrong passwords, and the right one refused while locked.
        assert signed_in.json()["failed_attempts_since_last_login"] == 62
        # Told once: the next sign-in starts afresh.
        again = await attempt(gateway, user["username"], user["password"])
        assert again.json()["failed_attempts_since_last_login"] == 0


async def test_a_name_without_an_account_is_throttled_alike(infra: TestInfra) -> None:
    async with throttled_gateway(infra) as gateway:
        user = await gateway.create_user(Role.examiner)
        real = [await attempt(gateway, user["username"], WRONG) for _ in range(8)]
        ghost = [await attempt(gateway, "nobody.here", WRONG) for _ in range(8)]
        # The same answers, so the throttle does not say which accounts exist.
        assert [r.status_code for r in real] == [r.status_code for r in ghost]
        assert [r.json()["type"] for r in real] == [r.json()["type"] for r in ghost]


async def test_parallel_guesses_are_counted_before_they_are_checked(infra: TestInfra) -> None:
    async with throttled_gateway(infra, login_lock_base_seconds=30.0) as gateway:
        user = await gateway.create_user(Role.examiner)
        answers = await asyncio.gather(
            *(attempt(gateway, user["username"], WRONG) for _ in range(30))
        )
        statuses = [a.status_code for a in answers]
        assert statuses.count(401) == gateway.settings.login_account_free_failures
        assert statuses.count(429) == 30 - gateway.settings.login_account_free_failures


async def test_one_address_guessing_many_names_is_throttled(infra: TestInfra) -> None:
    async with throttled_gateway(
        infra, login_address_free_failures=10, login_lock_base_seconds=30.0
    ) as gateway:
        user = await gateway.create_user(Role.examiner)
        answers = [await attempt(gateway, f"guess.{n}", WRONG) for n in range(12)]
        assert [a.status_code for a in answers] == [401] * 10 + [429] * 2
        # The address is locked: even a right password from it waits.
        assert (await attempt(gateway, user["username"], user["password"])).status_code == 429


async def test_the_count_holds_across_replicas(infra: TestInfra) -> None:
    async with throttled_gateway(infra, login_lock_base_seconds=30.0) as first:
        user = await first.create_user(Role.examiner)
        # A second replica: another process on the same database.
        second_app = create_app(first.settings)
        async with serve(second_app) as url, httpx.AsyncClient(base_url=url) as client:
            second = GatewayUnderTest(url=url, client=client, settings=first.settings)
            for n in range(5):
                replica = first if n % 2 else second
                assert (await attempt(replica, user["username"], WRONG)).status_code == 401
            assert (await attempt(second, user["username"], WRONG)).status_code == 429
            assert (await attempt(first, user["username"], WRONG)).status_code == 429


@pytest.mark.parametrize(
    ("failures", "seconds"), [(1, 0), (4, 0), (5, 5), (6, 10), (9, 80), (14, 900), (10**6, 900)]
)
def test_locks_grow_twice_as_long_up_to_the_maximum(failures: int, seconds: float) -> None:
    policy = ThrottlePolicy(
        free_failures=5, base_seconds=5, max_seconds=900, forgotten_seconds=3600
    )
    assert lock_seconds(policy, failures) == seconds


async def test_a_made_up_forwarded_for_does_not_make_a_new_client(infra: TestInfra) -> None:
    async with throttled_gateway(
        infra, login_address_free_failures=10, login_lock_base_seconds=30.0
    ) as gateway:
        statuses = []
        for n in range(12):
            response = await gateway.client.post(
                TOKEN,
                data={"username": f"guess.{n}", "password": WRONG},
                headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
            )
            statuses.append(response.status_code)
        assert statuses == [401] * 10 + [429] * 2
