"""The reporting service's guards admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    reporting: RunningService, tokens: TestTokens
) -> None:
    async def headers(roles: tuple[str, ...]) -> dict[str, str]:
        return tokens.headers(*roles, office="KAB", username="capable")

    await check_guards(
        component="reporting",
        app=reporting.app,
        client=reporting.client,
        headers=headers,
        routes={
            Capability.kpi_read: ("GET", "/api/v1/reporting/kpis"),
            Capability.kpi_targets_edit: ("PUT", "/api/v1/reporting/targets/2026"),
        },
    )
