"""docker-compose.yml and deploy/ checked against the code, without a Docker engine.

Each component (the gateway and every `services/*/`) must have a compose service built
from deploy/Dockerfile whose environment its own `Settings` accepts in production, a
database that deploy/postgres/init.sh creates, and a route in the gateway.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from pydantic import ValidationError

from .topology import (
    COMPOSE_FILE,
    ROOT,
    Component,
    components,
    copies_from_context,
    dockerfile_instructions,
    dockerignored,
    environment,
    example_variables,
    load_compose,
    published_ports,
    raw_environment,
    referenced_variables,
    workspace_members,
)

COMPONENTS = components()
SERVICES: dict[str, Any] = load_compose()["services"]
VARIABLES = example_variables()
SECRET = re.compile(r"PASSWORD|SECRET|_KEYS?$|DATABASE_URL")


def env_of(name: str) -> dict[str, str]:
    return environment(SERVICES[name], VARIABLES)


def service_of(component: Component) -> dict[str, Any]:
    if component.name not in SERVICES:
        pytest.fail(f"docker-compose.yml has no service {component.name!r}")
    return SERVICES[component.name]


def test_every_component_has_a_compose_service() -> None:
    missing = [c for c in COMPONENTS if c.name not in SERVICES]
    assert not missing, "docker-compose.yml has no service for " + ", ".join(
        f"{c.directory.relative_to(ROOT)} (add `{c.name}:` built from deploy/Dockerfile with "
        f"PACKAGE={c.distribution}, MODULE={c.package})"
        for c in missing
    )


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_component_image_is_built_from_its_member(component: Component) -> None:
    build = service_of(component).get("build") or {}
    assert (build.get("context"), build.get("dockerfile")) == (".", "deploy/Dockerfile")
    assert build.get("args") == {"PACKAGE": component.distribution, "MODULE": component.package}


def test_build_arg_modules_are_workspace_packages() -> None:
    members = workspace_members()
    for name, service in SERVICES.items():
        args = (service.get("build") or {}).get("args") or {}
        if "MODULE" not in args:
            continue
        assert args.get("PACKAGE") in members, f"{name}: PACKAGE is not a uv workspace member"
        spec = importlib.util.find_spec(args["MODULE"])
        assert spec is not None and spec.origin, f"{name}: cannot import {args['MODULE']}"
        where = Path(spec.origin).parent
        assert where == members[args["PACKAGE"]] / args["MODULE"], (
            f"{name}: {args['MODULE']} is at {where}, not in member {args['PACKAGE']}"
        )


def settings_class(component: Component) -> Any:
    path = component.directory / component.package / "settings.py"
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(ROOT)} is missing: every component has a settings module "
            "with `class Settings(ServiceSettings)`"
        )
    return importlib.import_module(f"{component.package}.settings").Settings


def use_compose_environment(component: Component, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Exactly what compose gives the component: none of this host's APIK_* variables."""
    given = environment(service_of(component), VARIABLES)
    for key in list(os.environ):
        if key.upper().startswith("APIK_"):
            monkeypatch.delenv(key)
    for key, value in given.items():
        monkeypatch.setenv(key, value)
    return given


def load_settings(settings_cls: Any) -> Any:
    return settings_cls(_env_file=None, _secrets_dir=None)  # from the environment alone


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_settings_validate_in_production(
    component: Component, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_cls = settings_class(component)
    use_compose_environment(component, monkeypatch)
    try:
        settings = load_settings(settings_cls)
    except ValidationError as exc:
        pytest.fail(f"{component.name}'s Settings refuse the compose environment: {exc}")
    assert settings.env == "production"


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_compose_sets_what_production_requires(
    component: Component, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_cls = settings_class(component)
    given = use_compose_environment(component, monkeypatch)
    try:
        load_settings(settings_cls)
    except ValidationError:
        pytest.fail(f"{component.name}: see test_settings_validate_in_production")
    # What production depends on: fields without a default, and those whose default is
    # refused, i.e. whose absence turns this valid environment into an invalid one.
    prefix = settings_cls.model_config.get("env_prefix", "")
    needed = {}
    for name, field in settings_cls.model_fields.items():
        variable = f"{prefix}{name}".upper()
        if field.is_required():
            needed[variable] = "it has no default"
            continue
        with monkeypatch.context() as without:
            without.delenv(variable, raising=False)
            try:
                load_settings(settings_cls)
            except ValidationError:
                needed[variable] = "production refuses its default"
    unset = {v: why for v, why in needed.items() if not given.get(v)}
    assert not unset, f"compose must set these for {component.name}: {unset}"


def test_published_host_ports_do_not_collide() -> None:
    bound = [(n, *p) for n, s in SERVICES.items() for p in published_ports(s, VARIABLES)]
    for (a, a_ip, a_port, a_proto), (b, b_ip, b_port, b_proto) in combinations(bound, 2):
        same_address = a_ip == b_ip or "0.0.0.0" in (a_ip, b_ip)
        assert not (same_address and (a_port, a_proto) == (b_port, b_proto)), (
            f"{a} and {b} both publish host port {a_port}/{a_proto}"
        )


# Watching tools, published on the host's loopback only (an SSH tunnel away).
MONITORING = {"prometheus", "grafana"}


def test_only_the_gateway_is_published() -> None:
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert "gateway" in published
    assert published - {"gateway"} <= MONITORING, "services are reached through the gateway only"
    for name in published - {"gateway"}:
        for host_ip, port, _ in published_ports(SERVICES[name], VARIABLES):
            assert host_ip == "127.0.0.1", f"{name} publishes port {port} beyond the loopback"


def test_depends_on_waits_for_healthy_services() -> None:
    for name, service in SERVICES.items():
        depends_on = service.get("depends_on") or {}
        assert isinstance(depends_on, dict), f"{name}: use depends_on's long form"
        for dependency, spec in depends_on.items():
            assert dependency in SERVICES, f"{name} depends on undefined {dependency!r}"
            assert (spec or {}).get("condition") == "service_healthy", f"{name} -> {dependency}"
            check = SERVICES[dependency].get("healthcheck") or {}
            assert check.get("test") not in (None, "NONE", ["NONE"]) and not check.get("disable"), (
                f"{name} waits for {dependency} to be healthy, but it has no healthcheck"
            )


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_component_healthcheck_asks_healthz(component: Component) -> None:
    test = (service_of(component).get("healthcheck") or {}).get("test") or []
    command = " ".join(test) if isinstance(test, list) else test
    assert re.search(r"//(127\.0\.0\.1|localhost):8000/healthz\b", command), command


def test_image_files_exist_in_the_repository() -> None:
    builds = [s["build"] for s in SERVICES.values() if isinstance(s.get("build"), dict)]
    for dockerfile in {ROOT / b.get("context", ".") / b["dockerfile"] for b in builds}:
        assert dockerfile.is_file(), f"{dockerfile} does not exist"
        instructions = dockerfile_instructions(dockerfile)
        copies = copies_from_context(instructions)
        for sources, _ in copies:
            for source in sources:
                assert (ROOT / source).exists(), f"{dockerfile.name} copies missing {source}"
                assert not dockerignored(source), f".dockerignore excludes {source}"
        copied = {destination: sources[0] for sources, destination in copies if len(sources) == 1}
        entrypoints = [arguments for keyword, arguments in instructions if keyword == "ENTRYPOINT"]
        assert entrypoints, f"{dockerfile.name} has no ENTRYPOINT"
        entrypoint = json.loads(entrypoints[-1])  # the exec form: ["/bin/sh", "/app/x.sh"]
        scripts = [copied[arg] for arg in entrypoint if arg in copied]
        assert scripts, f"{dockerfile.name}'s ENTRYPOINT {entrypoint} runs no copied file"
        assert all((ROOT / script).is_file() for script in scripts), scripts
    for name, service in SERVICES.items():
        assert "entrypoint" not in service, f"{name} overrides deploy/entrypoint.sh"
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"


def test_postgres_creates_every_component_database() -> None:
    postgres = env_of("postgres")
    created = postgres.get("APIK_DATABASES", "").split()
    init_mounts = [v for v in SERVICES["postgres"].get("volumes") or [] if "initdb.d" in str(v)]
    assert init_mounts == ["./deploy/postgres/init.sh:/docker-entrypoint-initdb.d/10-apik.sh:ro"]
    assert "APIK_DATABASES" in (ROOT / "deploy/postgres/init.sh").read_text()
    owners: dict[str, str] = {}
    for name in SERVICES:
        url = urlsplit(env_of(name).get("APIK_DATABASE_URL", ""))
        if url.hostname != "postgres":
            continue
        database = url.path.lstrip("/")
        assert database in created, f"init.sh does not create {name}'s database {database!r}"
        assert url.username == database, f"{name} must log in as its database's own role"
        password = postgres.get(f"{database.upper()}_DB_PASSWORD")
        assert unquote(url.password or "") == password, f"{name}: not the password init.sh sets"
        assert owners.setdefault(database, name) == name, f"{name} shares {owners[database]}'s db"


def test_gateway_routes_to_every_service() -> None:
    urls = json.loads(env_of("gateway")["APIK_SERVICE_URLS"])
    services = {c.name for c in COMPONENTS if c.name != "gateway"}
    assert set(urls) == services, f"APIK_SERVICE_URLS must name exactly {sorted(services)}"
    for name, url in urls.items():
        parts = urlsplit(url)
        assert (parts.scheme, parts.hostname, parts.port) == ("http", name, 8000), url


def test_secrets_come_from_documented_variables() -> None:
    undocumented = referenced_variables(COMPOSE_FILE.read_text()) - set(VARIABLES)
    assert not undocumented, f"add {sorted(undocumented)} to deploy/env.example"
    for name, service in SERVICES.items():
        for key, value in raw_environment(service).items():
            if SECRET.search(key):
                assert re.search(r"\$\{\w+:\?", value), f"{name}: {key} must be ${{VAR:?…}}"
