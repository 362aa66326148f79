"""The internship service's guards (MORI, interns, the Red Button) admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_service_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    internship: RunningService, tokens: TestTokens
) -> None:
    await check_service_guards(
        internship,
        tokens,
        component="internship",
        routes={
            Capability.internship_read: ("GET", "/api/v1/internship/alumni"),
            Capability.internship_review: ("PUT", "/api/v1/internship/institution-formats/surat"),
            Capability.redbutton_cases: ("GET", "/api/v1/internship/red-button/cases"),
            Capability.internship_intern: ("POST", "/api/v1/internship/evaluations/mine/unit"),
            Capability.redbutton_read: ("GET", "/api/v1/internship/red-button/roster"),
            Capability.redbutton_contacts: ("GET", "/api/v1/internship/red-button/contacts"),
        },
    )
