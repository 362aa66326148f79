"""The service desk's guards admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_service_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    desk: RunningService, tokens: TestTokens
) -> None:
    await check_service_guards(
        desk,
        tokens,
        component="consultation",
        routes={
            Capability.desk_work: (
                "GET",
                "/api/v1/consultation/visits/00000000-0000-4000-8000-000000000000/slip.pdf",
            ),
        },
    )
