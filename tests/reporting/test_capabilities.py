"""The reporting service's guards admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_service_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    reporting: RunningService, tokens: TestTokens
) -> None:
    await check_service_guards(
        reporting,
        tokens,
        component="reporting",
        routes={
            Capability.kpi_read: ("GET", "/api/v1/reporting/kpis"),
            Capability.kpi_targets_edit: ("PUT", "/api/v1/reporting/targets/2026"),
        },
    )
