"""A supervisor links an accepted intern's gateway account to the application; the
intern's token then finds their own application by it (`deps.CurrentIntern`)."""

from __future__ import annotations

import pytest

from apik_internship.deps import _intern
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import Forbidden
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, PROBLEM, accepted, apply, link_account


def intern(username: str, office: str = "KAB", *roles: str) -> Principal:
    return Principal(
        subject=f"sub-{username}",
        username=username,
        office=office,
        roles=frozenset(roles or ("intern",)),
    )


async def test_the_supervisor_links_an_accepted_application_and_the_intern_finds_it(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor)
    url = f"{APPLICATIONS}/{filed['id']}/intern-account"
    stale = await internship.client.put(
        url, json={"username": "rina.k"}, headers={**supervisor, "If-Match": '"1"'}
    )
    assert stale.status_code == 412  # accepting made it version 2
    answer = await internship.client.put(
        url, json={"username": "rina.k"}, headers={**supervisor, "If-Match": '"2"'}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"application_id": filed["id"], "username": "rina.k", "version": 3}
    assert answer.headers["etag"] == '"3"'
    async with internship.app.state.database.sessions() as session:
        mine = await _intern(intern("rina.k"), session)
        assert str(mine.id) == filed["id"]
        for stranger in (
            intern("rina.k", "BKL"),  # the same name at another office
            intern("someone.else"),
            intern("rina.k", "KAB", "intern_supervisor"),  # not the intern role
            intern("rina.k", "KAB", "admin"),
        ):
            with pytest.raises(Forbidden):
                await _intern(stranger, session)


async def test_one_account_is_one_intern_and_a_relink_moves_it(
    internship: RunningService, supervisor: dict[str, str]
):
    first = await accepted(internship, supervisor)
    second = await accepted(internship, supervisor)
    await link_account(internship, supervisor, first["id"], "budi.s")
    taken = await internship.client.put(
        f"{APPLICATIONS}/{second['id']}/intern-account",
        json={"username": "budi.s"},
        headers=supervisor,
    )
    assert taken.status_code == 409 and taken.headers["content-type"] == PROBLEM
    await link_account(internship, supervisor, first["id"], "budi.santoso")
    await link_account(internship, supervisor, second["id"], "budi.s")
    linked = await internship.scalar(
        "SELECT intern_username FROM application WHERE id = :a", a=second["id"]
    )
    assert linked == "budi.s"


async def test_only_an_accepted_application_of_the_own_office_gets_an_account(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str], tokens: TestTokens
):
    submitted = await apply(internship)
    url = f"{APPLICATIONS}/{submitted['id']}/intern-account"
    early = await internship.client.put(url, json={"username": "early.bird"}, headers=supervisor)
    assert early.status_code == 409 and early.headers["content-type"] == PROBLEM
    filed = await accepted(internship, supervisor)
    url = f"{APPLICATIONS}/{filed['id']}/intern-account"
    by_head = await internship.client.put(url, json={"username": "rina.h"}, headers=head)
    assert by_head.status_code == 403
    elsewhere = tokens.headers("intern_supervisor", office="BKL", username="pembimbing.bkl")
    other = await internship.client.put(url, json={"username": "rina.h"}, headers=elsewhere)
    assert other.status_code == 404
    national = tokens.headers("intern_supervisor", "national", office="BKL", username="pusat")
    far = await internship.client.put(url, json={"username": "rina.h"}, headers=national)
    assert far.status_code == 404
    bad = await internship.client.put(url, json={"username": "Rina H!"}, headers=supervisor)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/body/username"
    assert (
        await internship.scalar(
            "SELECT intern_username FROM application WHERE id = :a", a=filed["id"]
        )
        is None
    )
