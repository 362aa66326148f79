"""deploy/nats/nats.conf, run: the compose NATS is locked as `make up`'s is (issue 16,
item 7). A client without credentials cannot connect, and each component's user
publishes its own events and no other component's."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import nats
import nats.errors
import pytest

from apik_shared.devstack.components import COMPONENTS
from apik_shared.devstack.infra import HOST, nats_server_binary
from apik_shared.devstack.nats_access import publish_allowed, url_for
from apik_shared.devstack.processes import free_port, spawn, stop, wait_for_port
from apik_shared.devstack.secrets import NATS_ADMIN
from apik_shared.platform.events.bus import ensure_stream

CONF = Path(__file__).parents[2] / "deploy" / "nats" / "nats.conf"
USERS = [NATS_ADMIN, *(c.name for c in COMPONENTS)]


def password_variable(user: str) -> str:
    """The variable docker-compose.yml passes the user's password in."""
    return "NATS_ADMIN_PASSWORD" if user == NATS_ADMIN else f"{user.upper()}_NATS_PASSWORD"


def test_every_component_is_allowed_what_the_devstack_allows_it() -> None:
    text = CONF.read_text()
    for component in COMPONENTS:
        block = re.search(rf'user: "{component.name}".*?subscribe: (\{{.*?\}})', text, re.S)
        assert block, f"nats.conf has no user {component.name}"
        allowed = re.search(r"allow: \[(.*?)\]", block.group(0), re.S)
        assert allowed
        subjects = json.loads(f"[{allowed.group(1)}]")
        assert subjects == publish_allowed(component.name), component.name
        assert f"${password_variable(component.name)}" in block.group(0)


@pytest.fixture(scope="module")
def compose_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """nats.conf as compose runs it, its store in a temporary folder and on free ports."""
    folder = tmp_path_factory.mktemp("compose-nats")
    config = folder / "nats.conf"
    config.write_text(CONF.read_text().replace('store_dir: "/data"', f'store_dir: "{folder}"'))
    passwords = {user: f"pw-{user}" for user in USERS}
    port = free_port()
    process = spawn(
        [
            nats_server_binary(),
            "-c",
            str(config),
            "-a",
            HOST,
            "-p",
            str(port),
            "-m",
            str(free_port()),
        ],
        log_file=folder / "nats.log",
        env={password_variable(user): pw for user, pw in passwords.items()},
    )
    try:
        wait_for_port(HOST, port, timeout=20, process=process)
        yield f"nats://{HOST}:{port}", passwords
    finally:
        stop(process)


@pytest.fixture
async def admin(compose_nats: tuple[str, dict[str, str]]) -> AsyncIterator[nats.NATS]:
    address, passwords = compose_nats
    nc = await nats.connect(url_for(address, NATS_ADMIN, passwords[NATS_ADMIN]))
    await ensure_stream(nc.jetstream())
    yield nc
    await nc.close()


async def test_a_client_without_credentials_cannot_connect(
    compose_nats: tuple[str, dict[str, str]],
) -> None:
    with pytest.raises(nats.errors.Error, match="Authorization Violation"):
        await nats.connect(compose_nats[0], connect_timeout=2, allow_reconnect=False)


@pytest.mark.parametrize("component", [c.name for c in COMPONENTS])
async def test_each_component_publishes_its_own_events_and_no_neighbours(
    compose_nats: tuple[str, dict[str, str]], admin: nats.NATS, component: str
) -> None:
    address, passwords = compose_nats
    neighbour = "examination" if component == "intake" else "intake"
    refused: list[Exception] = []

    async def heard(error: Exception) -> None:
        refused.append(error)

    nc = await nats.connect(
        url_for(address, component, passwords[component]), error_cb=heard, allow_reconnect=False
    )
    try:
        js = nc.jetstream()
        await js.publish(f"apik.{component}.something.happened", b"{}", timeout=5)
        with pytest.raises(nats.errors.TimeoutError):
            await js.publish(f"apik.{neighbour}.report.verified", b"{}", timeout=1)
    finally:
        await nc.close()
    assert any("permissions violation" in str(e).lower() for e in refused), refused
    subjects = (await admin.jetstream().stream_info("APIK", subjects_filter="apik.>")).state
    assert (subjects.subjects or {}).get(f"apik.{neighbour}.report.verified", 0) == 0
