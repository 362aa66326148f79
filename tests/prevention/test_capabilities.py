"""The prevention service's guards admit exactly the holders of the
capabilities the gateway advertises (`apik_shared.platform.capabilities`), so that the web
app's screens cannot drift from them."""

from __future__ import annotations

from apik_shared.platform.capabilities import Capability
from apik_testing.capabilities import check_service_guards
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens


async def test_each_capability_admits_its_holders_only(
    prevention: RunningService, tokens: TestTokens
) -> None:
    await check_service_guards(
        prevention,
        tokens,
        component="prevention",
        routes={
            Capability.prevention_read: ("GET", "/api/v1/prevention/focal-points"),
            Capability.prevention_agreement_create: ("POST", "/api/v1/prevention/agreements"),
            Capability.prevention_clinic_create: ("POST", "/api/v1/prevention/clinics"),
            Capability.prevention_innovation_create: ("POST", "/api/v1/prevention/innovations"),
            Capability.prevention_community_create: ("POST", "/api/v1/prevention/community/groups"),
        },
    )
