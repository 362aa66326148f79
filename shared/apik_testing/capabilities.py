"""The check that a component's guards admit exactly whom its advertised capabilities say.

Each component's test names one route per capability it guards
(`apik_shared.platform.capabilities.GRANTS[...].service`); `check_guards` proves that the
list is complete, that each route's dependencies include that capability's guard, and
that the route admits every role holding the capability and refuses (403) every other.
A holder's request carries no body, so that an admitted write is refused as invalid
(422) and changes nothing; a refusal is the guard's own (its problem's detail), so that
a route that refuses a holder for another reason (an intern with no accepted internship)
still proves its guard let them through.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

import httpx
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import compile_path

from apik_shared.platform.auth import Role
from apik_shared.platform.capabilities import (
    CAPABILITY_ATTRIBUTE,
    GRANTS,
    REFUSAL_ATTRIBUTE,
    Capability,
)
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens

# The roles a caller is given in turn: every role alone, national ones with `national`.
Headers = Callable[[tuple[str, ...]], Awaitable[dict[str, str]]]


def _guards(dependant: Dependant) -> dict[Capability, str]:
    found: dict[Capability, str] = {}
    capability = getattr(dependant.call, CAPABILITY_ATTRIBUTE, None)
    if capability is not None:
        found[capability] = getattr(dependant.call, REFUSAL_ATTRIBUTE)
    for sub in dependant.dependencies:
        found |= _guards(sub)
    return found


def route_guards(app: FastAPI, method: str, path: str) -> dict[Capability, str]:
    """The capabilities whose guards the route answering `method path` depends on, each
    with its refusal."""
    for route in iter_route_contexts(list(app.routes)):
        original = route.original_route
        if not isinstance(original, APIRoute) or method not in (route.methods or ()):
            continue
        regex, _, _ = compile_path(route.path_format or "")
        if regex.fullmatch(path):
            return _guards(original.dependant)
    raise AssertionError(f"No route answers {method} {path}.")


def callers(capability: Capability) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The role sets holding `capability` and those that do not (each role alone, or
    with `national` where the capability needs it)."""
    grant = GRANTS[capability]
    extra = (Role.national.value,) if grant.national else ()
    holders: list[tuple[str, ...]] = []
    others: list[tuple[str, ...]] = []
    for role in Role:
        if role is Role.national:
            continue
        # A community member's role is held alone (the gateway refuses any other with it).
        roles = (role.value,) if role is Role.community_member else (role.value, *extra)
        holds = role.value in grant.roles or (grant.admin and role is Role.admin)
        (holders if holds else others).append(roles)
    if grant.national:
        # Without `national`, a holder's role is not enough.
        others.extend((role,) for role in sorted(grant.roles))
    return holders, others


async def check_guards(
    *,
    component: str,
    app: FastAPI,
    client: httpx.AsyncClient,
    headers: Headers,
    routes: Mapping[Capability, tuple[str, str]],
) -> None:
    expected = {c for c, grant in GRANTS.items() if grant.service == component}
    assert set(routes) == expected, "one route per capability the component guards"
    for capability, (method, path) in routes.items():
        guards = route_guards(app, method, path)
        assert capability in guards, (capability, method, path)
        refusal = guards[capability]
        holders, others = callers(capability)
        assert holders and others
        for roles in holders:
            response = await client.request(method, path, headers=await headers(roles))
            assert response.status_code < 500, (capability, roles, response.text)
            if response.status_code == 403:
                assert response.json()["detail"] != refusal, (capability, roles)
        for roles in others:
            response = await client.request(method, path, headers=await headers(roles))
            assert response.status_code == 403, (capability, roles, response.text)
            assert response.json()["detail"] == refusal, (capability, roles, response.text)


async def check_service_guards(
    service: RunningService,
    tokens: TestTokens,
    *,
    component: str,
    routes: Mapping[Capability, tuple[str, str]],
) -> None:
    """`check_guards` for a service under test, its callers signed by the test tokens."""

    async def headers(roles: tuple[str, ...]) -> dict[str, str]:
        return tokens.headers(*roles, office="KAB", username="capable")

    await check_guards(
        component=component,
        app=service.app,
        client=service.client,
        headers=headers,
        routes=routes,
    )
