"""The examination service's guards admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_service_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    examination: RunningService, tokens: TestTokens
) -> None:
    await check_service_guards(
        examination,
        tokens,
        component="examination",
        routes={
            Capability.examination_cases_read: ("GET", "/api/v1/examination/contacts"),
            Capability.examination_roster: ("PUT", "/api/v1/examination/offices/KAB/rotation"),
            Capability.examination_sla: ("POST", "/api/v1/examination/sla-policies"),
        },
    )
