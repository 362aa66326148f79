"""Who may manage whom, and grant what. Shared by users and API clients.

An admin acts within their own office unless national; grants only roles at or below
their own, never to themselves; and hands out a guarded role alone only when national:
an office admin's grant of one waits for a second admin's approval.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from apik_shared.platform.auth import MEMBER_USERNAME, Principal, Role
from apik_shared.platform.problems import Forbidden, InvalidInput
from apik_shared.vocabulary.labels import Label

# The order of roles, lowest first; an admin grants roles up to the highest it holds.
# Staff; those who supervise staff; those who see what a confidential reporter asked to
# keep secret (the head, named by intake's APIK_CONFIDENTIAL_IDENTITY_ROLES) or who
# audit every such reading (the DPO); the admin, whom `Principal.has_any` lets through
# every role check but identity; and national, which widens all of them to every office.
ROLE_RANK: Mapping[str, int] = {
    # An intern sees only their own records (internship service): below every staff role.
    Role.intern: 1,
    # A Sahabat Ombudsman member files community reports as themselves (intake): no staff.
    Role.community_member: 1,
    Role.analyst: 1,
    Role.intake_officer: 1,
    Role.examiner: 1,
    Role.prevention_officer: 1,
    Role.desk_officer: 1,
    Role.examination_supervisor: 2,
    Role.desk_supervisor: 2,
    Role.intern_supervisor: 2,
    Role.head: 3,
    Role.dpo: 3,
    # Reads what an intern raised with the Red Button, identity included (the internship
    # service): as much trust as the head's, and never a staff role an admin hands out.
    Role.protection_officer: 3,
    Role.admin: 4,
    Role.national: 5,
}

# Roles no office admin hands out alone: those that see confidential identities or their
# audit (head, dpo, protection_officer: the Red Button's reports and who raised them) or
# every office (national), and admin itself: otherwise one admin could make a second
# admin account it controls and approve its own proposals with it.
GUARDED_ROLES: frozenset[str] = frozenset(
    {Role.head, Role.dpo, Role.protection_officer, Role.national, Role.admin}
)

# The words of a role proposal's statuses, said by the problems that name them.
PROPOSAL_STATUSES: Mapping[str, Label] = {
    "pending": Label("Menunggu persetujuan", "Pending"),
    "applied": Label("Disetujui dan diterapkan", "Approved and applied"),
    "declined": Label("Ditolak", "Declined"),
}


class CannotGrantYourself(Forbidden):
    """Nobody grants roles to their own account; another administrator must."""

    slug, title = "cannot-grant-yourself", "You cannot give yourself a role"
    indonesian_title = "Anda tidak dapat memberi peran kepada diri sendiri"


class RoleAboveYours(Forbidden):
    """An administrator grants only roles at or below their own."""

    slug, title = "role-above-yours", "The role is above your own"
    indonesian_title = "Peran itu lebih tinggi dari peran Anda"
    # `account_above_yours` (the account holds a role above the actor's),
    # `national_role` (a national admin's to grant), `roles_above_yours` (`roles`).
    reasons = ("account_above_yours", "national_role", "roles_above_yours")


class SecondAdminRequired(Forbidden):
    """Granting this role takes two administrators: one proposes, another approves."""

    slug, title = "second-admin-required", "A second admin must approve this role"
    indonesian_title = "Peran ini harus disetujui admin kedua"
    # `propose_instead` (create the account without the role, then propose it),
    # `guarded_password` (only a national admin sets a guarded account's password),
    # `guarded_client` (only a national admin registers, enables or renews the secret of
    # an API client holding a guarded role: the secret is shown to that admin alone).
    reasons = ("propose_instead", "guarded_password", "guarded_client")


class ApproverNotDistinct(Forbidden):
    """The administrator who proposed a role cannot also approve it."""

    slug, title = "approver-not-distinct", "A second, different admin must approve"
    indonesian_title = "Harus disetujui admin lain yang berbeda"


def check_community_member(username: str, roles: Collection[str], pointer: str) -> None:
    """`community_member` only alone and only on an account named `sahabat-<member id>`:
    intake takes the member from the username, so a staff account must not be one, nor a
    member's account hold a staff role."""
    if Role.community_member not in roles:
        return
    if set(roles) != {Role.community_member}:
        raise InvalidInput.field(
            pointer, "community_member is held alone, with no other role.", code="member_role_alone"
        )
    if not MEMBER_USERNAME.match(username):
        raise InvalidInput.field(
            pointer,
            "community_member goes to an account named sahabat-<member id>.",
            code="member_account_name",
        )


def rank(roles: Collection[str]) -> int:
    """The rank of the highest role in `roles` (0 for none)."""
    # Keyed by StrEnum members, the map answers plain strings too (same hash, equal).
    return max((ROLE_RANK.get(r, 0) for r in roles), default=0)


def check_office_scope(actor: Principal, office: str) -> None:
    if not actor.can_see_office(office):
        raise Forbidden.other_office(f"You manage office {actor.office} only.", office)


def check_manageable(actor: Principal, target_roles: Collection[str]) -> None:
    """An account holding a role above the actor's is not the actor's to change."""
    if rank(target_roles) > rank(actor.roles):
        raise RoleAboveYours(
            "You cannot change an account that holds a role above yours.",
            code="account_above_yours",
        )


def check_grant(
    actor: Principal, *, target: str, before: Collection[str], after: Collection[str]
) -> bool:
    """Refuses what `actor` may never grant; True when a second admin must approve.

    `target` is the subject (`user:<id>`, `client:<id>`) whose roles change.
    """
    added = set(after) - set(before)
    if not added:
        return False
    if target == actor.subject:
        raise CannotGrantYourself("A role is granted to you by another admin.")
    _check_rank(actor, added)
    return bool(added & GUARDED_ROLES) and not actor.is_national


def check_approval(
    approver: Principal,
    *,
    proposer: str,
    target: str,
    before: Collection[str],
    after: Collection[str],
) -> None:
    """The second admin: another person than the proposer and the account's holder,
    who could have granted every added role themselves (rank and office)."""
    if approver.subject in (proposer, target):
        raise ApproverNotDistinct("The proposer and the account's holder cannot approve.")
    _check_rank(approver, set(after) - set(before))


def check_password_reset(actor: Principal, *, target: str, target_roles: Collection[str]) -> None:
    """Setting another's password is taking their account over: for an account holding a
    guarded role, only a national admin may (a forgotten head's password included)."""
    if target != actor.subject and set(target_roles) & GUARDED_ROLES and not actor.is_national:
        raise SecondAdminRequired(
            "Only a national admin sets the password of an account holding a guarded role.",
            code="guarded_password",
        )


def _check_rank(actor: Principal, added: Collection[str]) -> None:
    if Role.national in added and not actor.is_national:
        raise RoleAboveYours(
            "Only a national admin can grant the national role.", code="national_role"
        )
    if rank(added) > rank(actor.roles):
        above = sorted(r for r in added if rank([r]) > rank(actor.roles))
        roles = ", ".join(above)
        raise RoleAboveYours(
            f"These roles are above your own: {roles}.",
            code="roles_above_yours",
            params={"roles": roles},
        )


def locks_out(actor: Principal, user_id: str, changes: dict[str, object]) -> bool:
    """Whether `changes` would disable the actor's own account or drop their admin role."""
    if actor.subject != f"user:{user_id}":
        return False
    roles = changes.get("roles")
    return changes.get("disabled") is True or (
        "roles" in changes and isinstance(roles, list) and Role.admin not in roles
    )
