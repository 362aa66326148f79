"""A Sahabat Ombudsman member files a report for a citizen as themselves: a
`community_member` account (named `sahabat-<member id>` at the gateway) registers on the
`community` channel only, the member's id taken from the token, never from the body,
and lists only the reports it brought. The attacks: another member's id in the body,
another channel, reading the office's other reports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import partial

from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import MEMBER_STATUS as STATUS
from tests.intake.builders import member_is as _member_is
from tests.intake.builders import report_body

REPORTS = "/api/v1/intake/reports"


def _as_member(tokens: TestTokens, member: str) -> dict[str, str]:
    return tokens.headers("community_member", office="BKL", username=f"sahabat-{member}")


async def test_a_member_files_as_themselves_and_reads_only_their_reports(
    intake: RunningService, infra: TestInfra, tokens: TestTokens, officer: dict[str, str]
) -> None:
    member, other = str(uuid.uuid4()), str(uuid.uuid4())
    now = datetime.now(UTC)
    for who in (member, other):
        await _member_is(intake, infra, who, "active", now)
        await eventually(partial(intake.scalar, STATUS, m=who), lambda s: s == "active")
    headers = _as_member(tokens, member)

    # Without a member id in the body, the token's is used.
    filed = await intake.client.post(
        REPORTS, json=report_body(channel="community"), headers=headers
    )
    assert filed.status_code == 201, filed.text
    assert filed.json()["community_member_id"] == member
    assert filed.json()["reporter"]["person_id"] is None
    # The same id in the body is fine too.
    again = await intake.client.post(
        REPORTS, json=report_body(channel="community", community_member_id=member), headers=headers
    )
    assert again.status_code == 201, again.text

    # Attacks, each refused naming the field, nothing written.
    before = await intake.scalar("SELECT count(*) FROM report")
    for body, pointer in (
        (report_body(channel="community", community_member_id=other), "community_member_id"),
        (report_body(channel="walk_in"), "channel"),
        (report_body(channel="community", kind="RCO"), "kind"),
        (report_body(channel="community", received_at="2024-01-02T03:00:00Z"), "received_at"),
    ):
        refused = await intake.client.post(REPORTS, json=body, headers=headers)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["pointer"] == f"#/body/{pointer}"
    assert await intake.scalar("SELECT count(*) FROM report") == before
    # An account not linked to a member (not named after one) files nothing.
    unlinked = tokens.headers("community_member", office="BKL", username="sahabat")
    assert (
        await intake.client.post(REPORTS, json=report_body(channel="community"), headers=unlinked)
    ).status_code == 403

    # The other member's report and a walk-in one, by the office's officer.
    theirs = await intake.client.post(
        REPORTS, json=report_body(channel="community", community_member_id=other), headers=officer
    )
    walk_in = await intake.client.post(REPORTS, json=report_body(), headers=officer)
    assert theirs.status_code == walk_in.status_code == 201

    listed = await intake.client.get(REPORTS, params={"limit": 100}, headers=headers)
    assert listed.status_code == 200, listed.text
    assert {r["id"] for r in listed.json()["items"]} == {filed.json()["id"], again.json()["id"]}
    # Filters cannot widen it: the member's own id is forced.
    walk_ins = await intake.client.get(REPORTS, params={"channel": "walk_in"}, headers=headers)
    assert walk_ins.json()["items"] == []
    csv = await intake.client.get(REPORTS, params={"format": "csv"}, headers=headers)
    assert csv.status_code == 422
    # One report, the office's other routes: staff only.
    for path in (f"{REPORTS}/{theirs.json()['id']}", f"{REPORTS}/{filed.json()['id']}"):
        assert (await intake.client.get(path, headers=headers)).status_code == 403
    # An intake officer still lists every report of the office.
    staff = await intake.client.get(REPORTS, params={"limit": 100}, headers=officer)
    assert {theirs.json()["id"], walk_in.json()["id"]} <= {r["id"] for r in staff.json()["items"]}
