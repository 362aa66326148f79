"""Reports brought by a Sahabat Ombudsman member for a citizen: registered on the
`community` channel, naming the member (prevention's id), the citizen the reporter; the
member must be an active member of the office, as prevention's events tell intake."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from apik_shared.vocabulary.labels import CHANNELS
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from tests.intake.builders import MEMBER_STATUS as STATUS
from tests.intake.builders import member_is as _member_is
from tests.intake.builders import report_body

PROBLEM = "application/problem+json"
REPORTS = "/api/v1/intake/reports"


async def _refused(intake: RunningService, officer: dict[str, str], body: dict[str, object]) -> str:
    refused = await intake.client.post(REPORTS, json=body, headers=officer)
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM, refused.text
    assert refused.json()["errors"][0]["pointer"] == "#/body/community_member_id", body
    detail: str = refused.json()["errors"][0]["detail"]
    return detail


async def test_the_community_channel_names_an_active_member_of_the_office(
    intake: RunningService, infra: TestInfra, officer: dict[str, str]
) -> None:
    member, stranger, elsewhere = (str(uuid.uuid4()) for _ in range(3))
    now = datetime.now(UTC)
    await _member_is(intake, infra, member, "active", now)
    await _member_is(intake, infra, elsewhere, "active", now, office="JKT")
    await eventually(lambda: intake.scalar(STATUS, m=elsewhere), lambda s: s == "active")
    await eventually(lambda: intake.scalar(STATUS, m=member), lambda s: s == "active")

    before = await intake.scalar("SELECT count(*) FROM report")
    await _refused(intake, officer, report_body(channel="community"))
    await _refused(intake, officer, report_body(channel="walk_in", community_member_id=member))
    await _refused(intake, officer, report_body(channel="community", community_member_id="x"))
    for unknown in (stranger, elsewhere):
        detail = await _refused(
            intake, officer, report_body(channel="community", community_member_id=unknown)
        )
        assert "No Sahabat Ombudsman member" in detail
    assert await intake.scalar("SELECT count(*) FROM report") == before

    brought = await intake.client.post(
        REPORTS, json=report_body(channel="community", community_member_id=member), headers=officer
    )
    assert brought.status_code == 201, brought.text
    report = brought.json()
    assert report["channel"] == "community" and report["community_member_id"] == member
    read = await intake.client.get(f"{REPORTS}/{report['id']}", headers=officer)
    assert read.json()["community_member_id"] == member
    [event] = await intake.outbox_events("report.registered", subject=report["id"])
    assert event.data["channel"] == "community"
    assert CHANNELS["community"].indonesian == "Sahabat Ombudsman"

    # The database keeps the rule too: a member only on the community channel.
    walk_in = await intake.client.post(REPORTS, json=report_body(), headers=officer)
    assert walk_in.json()["community_member_id"] is None
    with pytest.raises(IntegrityError, match="report_community_names_its_member"):
        await intake.scalar(
            "UPDATE report SET community_member_id = CAST(:m AS uuid)"
            " WHERE id = CAST(:r AS uuid) RETURNING 1",
            m=member,
            r=walk_in.json()["id"],
        )


async def test_a_member_who_left_brings_no_more_reports_and_late_events_do_not_undo_it(
    intake: RunningService, infra: TestInfra, officer: dict[str, str]
) -> None:
    member = str(uuid.uuid4())
    now = datetime.now(UTC)
    await _member_is(intake, infra, member, "active", now)
    await eventually(lambda: intake.scalar(STATUS, m=member), lambda s: s == "active")
    await _member_is(intake, infra, member, "inactive", now + timedelta(minutes=1))
    await eventually(lambda: intake.scalar(STATUS, m=member), lambda s: s == "inactive")
    # The induction's event again, late (older than what intake holds): nothing changes.
    handled = "SELECT count(*) FROM inbox WHERE consumer LIKE '%intake-community-members'"
    seen = await intake.scalar(handled)
    await _member_is(intake, infra, member, "active", now)
    await eventually(lambda: intake.scalar(handled), lambda n: n > seen)
    assert await intake.scalar(STATUS, m=member) == "inactive"
    detail = await _refused(
        intake, officer, report_body(channel="community", community_member_id=member)
    )
    assert "inactive" in detail
