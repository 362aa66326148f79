"""What a caller may do, by name: the one table both the route guards and the web app read.

A capability (`prevention.agreement.create`, `kpi.targets.edit`, …) names a guard of the
services' routes: the roles it admits, whether an administrator passes too (as with
`require_roles`) and whether it also needs `national`. A service's `deps.py` builds its
guard with `require_capability(...)`, and the gateway's `GET /api/v1/auth/me` answers the
caller's capabilities from the same table (`capabilities_of`), so that the web app shows a
screen or a create form only to whom the route will admit, without a role table of its own
(issue 21). A guard and its advertised capability cannot drift: they are one entry here,
and each service's tests call the route of each of its capabilities with a caller who holds
it and one who does not.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from apik_shared.platform.auth import CurrentPrincipal, Principal, Role
from apik_shared.platform.problems import Forbidden


class Capability(StrEnum):
    # gateway: the administration API
    admin_users = "admin.users"
    admin_clients = "admin.clients"
    admin_offices = "admin.offices"  # open and change offices: a national admin
    # intake
    intake_reports_read = "intake.reports.read"
    intake_reports_file = "intake.reports.file"
    intake_reports_work = "intake.reports.work"  # every step a person takes on a report
    intake_manage = "intake.manage"  # substances, notification templates
    # examination
    examination_cases_read = "examination.cases.read"
    examination_roster = "examination.roster"
    examination_sla = "examination.sla"
    # consultation (the service desk)
    desk_work = "desk.work"
    # prevention
    prevention_read = "prevention.read"
    prevention_agreement_create = "prevention.agreement.create"
    prevention_clinic_create = "prevention.clinic.create"
    prevention_innovation_create = "prevention.innovation.create"
    prevention_community_create = "prevention.community.create"
    # internship: MORI, the interns' own records, the Red Button
    internship_read = "internship.read"
    internship_review = "internship.review"  # applications, quotas, formats, logbooks
    internship_intern = "internship.intern"
    redbutton_cases = "redbutton.cases"
    redbutton_read = "redbutton.read"  # the roster, the open alerts, the statistics
    redbutton_contacts = "redbutton.contacts"
    # reporting
    kpi_read = "kpi.read"
    kpi_targets_edit = "kpi.targets.edit"
    # integration: webhooks, imports, portals
    integration_manage = "integration.manage"


@dataclass(frozen=True)
class Grant:
    """Who holds a capability: any of `roles`; an administrator too unless `admin` is
    false (a guard that is no admin's business); only a national holder if `national`."""

    service: str  # the component whose routes it guards
    roles: frozenset[str]
    admin: bool = True
    national: bool = False

    def admits(self, principal: Principal) -> bool:
        if self.national and not principal.is_national:
            return False
        if self.admin and Role.admin in principal.roles:
            return True
        return bool(self.roles & principal.roles)


def _grant(service: str, *roles: Role, admin: bool = True, national: bool = False) -> Grant:
    return Grant(service=service, roles=frozenset(roles), admin=admin, national=national)


# Who reads an office's reports: intake's guards widen it (the community member listing
# their own, the DPO reading identities), so they take it from here, not a copy of theirs.
INTAKE_READERS = (
    Role.intake_officer,
    Role.head,
    Role.analyst,
    Role.examiner,
    Role.examination_supervisor,
)

GRANTS: dict[Capability, Grant] = {
    Capability.admin_users: _grant("gateway", Role.admin),
    Capability.admin_clients: _grant("gateway", Role.admin),
    Capability.admin_offices: _grant("gateway", Role.admin, national=True),
    Capability.intake_reports_read: _grant("intake", *INTAKE_READERS),
    Capability.intake_reports_file: _grant("intake", Role.intake_officer, Role.community_member),
    Capability.intake_reports_work: _grant("intake", Role.intake_officer),
    Capability.intake_manage: _grant("intake", Role.head),
    Capability.examination_cases_read: _grant(
        "examination", Role.examiner, Role.examination_supervisor, Role.head, Role.analyst
    ),
    Capability.examination_roster: _grant("examination", Role.examination_supervisor),
    Capability.examination_sla: _grant("examination", Role.examination_supervisor, Role.head),
    Capability.desk_work: _grant("consultation", Role.desk_officer, Role.desk_supervisor),
    Capability.prevention_read: _grant(
        "prevention", Role.prevention_officer, Role.head, Role.analyst
    ),
    Capability.prevention_agreement_create: _grant("prevention", Role.prevention_officer),
    Capability.prevention_clinic_create: _grant("prevention", Role.prevention_officer),
    Capability.prevention_innovation_create: _grant(
        "prevention", Role.prevention_officer, Role.head
    ),
    Capability.prevention_community_create: _grant("prevention", Role.prevention_officer),
    Capability.internship_read: _grant(
        "internship", Role.intern_supervisor, Role.head, Role.analyst
    ),
    Capability.internship_review: _grant("internship", Role.intern_supervisor, Role.head),
    # An admin is no intern, no protection officer and not the head who names them; nor
    # is the intern's supervisor a protection officer (the case may be about them).
    Capability.internship_intern: _grant("internship", Role.intern, admin=False),
    Capability.redbutton_cases: _grant("internship", Role.protection_officer, admin=False),
    Capability.redbutton_read: _grant(
        "internship", Role.protection_officer, Role.head, admin=False
    ),
    Capability.redbutton_contacts: _grant("internship", Role.head, admin=False),
    Capability.kpi_read: _grant("reporting", Role.head, Role.analyst),
    Capability.kpi_targets_edit: _grant("reporting", Role.head),
    Capability.integration_manage: _grant("integration", Role.head),
}


def capabilities_of(principal: Principal) -> list[Capability]:
    """The capabilities the caller holds, in the table's order."""
    return [name for name, grant in GRANTS.items() if grant.admits(principal)]


# The attributes naming a guard's capability and its refusal, for the tests that walk a
# route's guards.
CAPABILITY_ATTRIBUTE = "apik_capability"
REFUSAL_ATTRIBUTE = "apik_refusal"


def require_capability(
    name: Capability, refusal: str | None = None
) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency admitting the callers holding `name` (403 `refusal` otherwise)."""
    grant = GRANTS[name]
    message = refusal or f"This needs one of the roles: {', '.join(sorted(grant.roles))}."

    async def check(principal: CurrentPrincipal) -> Principal:
        if not grant.admits(principal):
            raise Forbidden.roles_needed(grant.roles, message)
        return principal

    check.__name__ = "require_" + name.value.replace(".", "_")
    setattr(check, CAPABILITY_ATTRIBUTE, name)
    setattr(check, REFUSAL_ATTRIBUTE, message)
    return check
