"""Who may manage whom: an admin acts within their own office unless national, and only
a national admin hands out `national`. Shared by users and API clients."""

from __future__ import annotations

from collections.abc import Sequence

from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.problems import Forbidden


def check_office_scope(actor: Principal, office: str) -> None:
    if not actor.can_see_office(office):
        raise Forbidden(f"You manage office {actor.office} only.")


def check_grantable(actor: Principal, roles: Sequence[Role] | None) -> None:
    if roles and Role.national in roles and not actor.is_national:
        raise Forbidden("Only a national admin can grant the national role.")


def locks_out(actor: Principal, user_id: str, changes: dict[str, object]) -> bool:
    """Whether `changes` would disable the actor's own account or drop their admin role."""
    if actor.subject != f"user:{user_id}":
        return False
    roles = changes.get("roles")
    return changes.get("disabled") is True or (
        "roles" in changes and isinstance(roles, list) and Role.admin not in roles
    )
