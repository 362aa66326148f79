"""Reports brought by a Sahabat Ombudsman member for a citizen: registered on the
`community` channel, naming the member (prevention's id), the citizen the reporter."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.exc import IntegrityError

from apik_testing.services import RunningService
from tests.intake.builders import report_body

PROBLEM = "application/problem+json"
REPORTS = "/api/v1/intake/reports"


async def test_the_community_channel_names_the_member_who_brought_it(
    intake: RunningService, officer: dict[str, str]
) -> None:
    member = str(uuid.uuid4())
    before = await intake.scalar("SELECT count(*) FROM report")
    for body in (
        report_body(channel="community"),  # no member
        report_body(channel="walk_in", community_member_id=member),  # not the channel's
        report_body(channel="community", community_member_id="not-an-id"),
    ):
        refused = await intake.client.post(REPORTS, json=body, headers=officer)
        assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM
        assert refused.json()["errors"][0]["pointer"] == "#/body/community_member_id", body
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


async def test_the_channel_has_its_indonesian_label() -> None:
    from apik_shared.vocabulary.labels import CHANNELS

    assert CHANNELS["community"] == "Sahabat Ombudsman"
