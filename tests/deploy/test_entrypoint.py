"""What each image runs exists in the code, and compose points every component at the
servers it needs: the entry point's modules, the app factory and migrations of every
component, NATS where nats.conf listens, and the gateway's JWKS."""

from __future__ import annotations

import importlib
import importlib.util
import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from apik_gateway.tokens import router as gateway_api

from .topology import ROOT, Component, components, environment, example_variables, load_compose

ENTRYPOINT = (ROOT / "deploy" / "entrypoint.sh").read_text()
COMPONENTS = components()
SERVICES: dict[str, Any] = load_compose()["services"]
VARIABLES = example_variables()


def commands() -> list[str]:
    """The entry point's commands, continuation lines joined, comments dropped."""
    lines = [line.split(" #")[0] for line in ENTRYPOINT.splitlines()]
    joined = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    return [c.strip() for c in joined.replace("\\\n", " ").splitlines() if c.strip()]


def test_the_entry_point_migrates_then_execs_the_app_factory() -> None:
    run = commands()
    migrate = [c for c in run if c.startswith("python -m ")]
    server = [c for c in run if c.startswith("exec uvicorn ")]
    assert len(migrate) == 1 and len(server) == 1, run
    assert run.index(migrate[0]) < run.index(server[0]), "migrations run before the server"
    assert migrate[0].split()[2:] == ["apik_shared.devstack.migrate", '"${MODULE}"']
    assert importlib.util.find_spec("apik_shared.devstack.migrate") is not None
    assert re.search(r'"\$\{MODULE\}\.app:create_app" --factory', server[0]), server[0]
    assert "--port 8000" in server[0], "compose's healthchecks and URLs use port 8000"


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_each_component_has_the_factory_and_migrations_the_entry_point_uses(
    component: Component,
) -> None:
    app_module = importlib.import_module(f"{component.package}.app")
    assert callable(getattr(app_module, "create_app", None)), f"{component.package}.app"
    migrations = component.directory / component.package / "migrations"
    assert (migrations / "env.py").is_file(), f"{component.name} has no migrations/env.py"
    assert list((migrations / "versions").glob("*.py")), f"{component.name} has no revision"


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_components_reach_nats_and_the_gateways_keys(component: Component) -> None:
    env = environment(SERVICES[component.name], VARIABLES)
    nats = urlsplit(env.get("APIK_NATS_URL", ""))
    listen = re.search(r"^listen:\s*\S*:(\d+)", (ROOT / "deploy/nats/nats.conf").read_text(), re.M)
    assert listen, "deploy/nats/nats.conf sets no listen port"
    assert (nats.scheme, nats.hostname, nats.port) == ("nats", "nats", int(listen.group(1)))
    jwks = urlsplit(env.get("APIK_JWKS_URL", ""))
    assert (jwks.scheme, jwks.hostname, jwks.port) == ("http", "gateway", 8000)
    served = {getattr(r, "path", "") for r in gateway_api.jwks_router.routes}
    assert jwks.path in served, f"the gateway serves no {jwks.path}"
