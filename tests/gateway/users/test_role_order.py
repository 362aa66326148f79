"""The order of roles, as a pure rule."""

from __future__ import annotations

from apik_gateway.users.rules import GUARDED_ROLES, ROLE_RANK, rank
from apik_shared.platform.auth import Role


def test_every_role_has_a_rank() -> None:
    # A role added to `Role` without a rank would rank 0: grantable by every admin.
    assert set(ROLE_RANK) == set(Role)


def test_the_order_puts_identity_below_admin_and_national_on_top() -> None:
    assert rank(["examiner"]) < rank(["examination_supervisor"]) < rank(["head"])
    assert rank(["head"]) == rank(["dpo"]) < rank(["admin"]) < rank(["national"])
    # The Red Button's readers see who raised it: ranked with the head, above supervisors.
    assert rank(["intern_supervisor"]) < rank(["protection_officer"]) == rank(["head"])
    assert rank(["intern"]) <= rank(["examiner"]) < rank(["intern_supervisor"])
    assert rank([]) == 0


def test_the_roles_that_see_confidential_identity_are_guarded() -> None:
    assert {
        Role.head,
        Role.dpo,
        Role.protection_officer,
        Role.national,
        Role.admin,
    } == GUARDED_ROLES
