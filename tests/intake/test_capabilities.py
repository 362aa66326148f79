"""The intake service's guards admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_service_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    intake: RunningService, tokens: TestTokens
) -> None:
    await check_service_guards(
        intake,
        tokens,
        component="intake",
        routes={
            Capability.intake_reports_read: ("GET", "/api/v1/intake/substances"),
            Capability.intake_reports_file: ("POST", "/api/v1/intake/reports"),
            Capability.intake_reports_work: (
                "POST",
                "/api/v1/intake/reports/00000000-0000-4000-8000-000000000000/attachments",
            ),
            Capability.intake_manage: ("POST", "/api/v1/intake/substances"),
        },
    )
