"""A step costs one write (issue 22): the report's new columns, its history row and, when
the step ends intake's part, its event go in one statement, and what the answer and the
event say is what a later read says. The plenary's accept is the first leg of every
handoff to examination. Statements, not timings."""

from __future__ import annotations

from tests.intake.builders import REPORTS
from tests.intake.reports.test_registration_cost import logged, statements
from tests.intake.steps.test_material_plenary import formally_verified, step

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
    assert "INSERT INTO report_step" in written and "INSERT INTO outbox" in written, written
    assert not [s for s in seen if s.startswith(("INSERT INTO report_step", "INSERT INTO outbox"))]

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
