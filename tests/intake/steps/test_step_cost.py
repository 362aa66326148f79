"""A step costs one write (issue 22): the report's new columns, its history row, the event
when the step ends intake's part and the message it sends the reporter go in one
statement, and what the answer and the event say is what a later read says. The
plenary's accept is the first leg of every handoff to examination. Statements, not
timings."""

from __future__ import annotations

from tests.intake.builders import REPORTS, formally_verified, logged, statements, step

VERIFIED = {"within_authority": True}
ACCEPT = {"decision": "accept"}


async def test_the_accept_writes_the_report_its_step_and_its_event_at_once(intake, officer):
    report_id = await formally_verified(intake, officer)
    checked = await step(intake, report_id, "material-verification", VERIFIED, officer)
    assert checked.status_code == 200, checked.text
    with statements(intake) as seen:
        accepted = await step(intake, report_id, "plenary-decision", ACCEPT, officer)
        await logged()
    assert accepted.status_code == 200, accepted.text
    updates = [s for s in seen if s.startswith(("UPDATE report ", "WITH new_step"))]
    assert len(updates) == 1, seen
    written = updates[0]
    for table in ("report_step", "outbox", "notification"):
        assert f"INSERT INTO {table}" in written, (table, written)
        assert not [s for s in seen if s.startswith(f"INSERT INTO {table}")], (table, seen)
    # The answer's history and the reporter's link: one read.
    assert len([s for s in seen if "FROM reporter LEFT OUTER JOIN report_step" in s]) == 1, seen
    assert not [s for s in seen if s.startswith(("SELECT report_step.", "SELECT reporter.id"))]

    body = accepted.json()
    assert body["status"] == "accepted"
    assert body["version"] == checked.json()["version"] + 1
    assert body["timeline"][-1]["step"] == "plenary_accept"
    # The answer is what a read gives, and the event says what the row says.
    read = await intake.client.get(f"{REPORTS}/{report_id}", headers=officer)
    assert read.json() == body
    (event,) = await intake.outbox_events("report.verified", subject=report_id)
    assert event.data["registration_number"] == body["registration_number"]
    assert event.data["decided_by"] == body["timeline"][-1]["actor"]
    assert event.data["track"] == body["track"]
    # The reporter is told the decision's status, copied from the registration's message.
    queued = await intake.scalar(
        "SELECT array_agg(\"values\"->>'status') FROM notification"
        " WHERE report_id = :r AND kind = 'decision'",
        r=report_id,
    )
    assert queued == ["accepted"]


async def test_a_step_that_ends_nothing_writes_no_event(intake, officer):
    report_id = await formally_verified(intake, officer)
    with statements(intake) as seen:
        checked = await step(intake, report_id, "material-verification", VERIFIED, officer)
        await logged()
    assert checked.status_code == 200, checked.text
    updates = [s for s in seen if s.startswith(("UPDATE report ", "WITH new_step"))]
    assert len(updates) == 1 and "INSERT INTO report_step" in updates[0], seen
    assert "INSERT INTO outbox" not in updates[0]
    assert await intake.outbox_events("report.verified", subject=report_id) == []
