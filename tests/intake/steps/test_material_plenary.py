"""A failed material verification is recorded with its reason and put before the plenary,
whose decision rejects (issue 17, part 2): verification no longer rejects on its own."""

from __future__ import annotations

from tests.intake.builders import formally_verified, step


async def test_a_failure_is_recorded_with_its_reason_and_waits_for_the_plenary(intake, officer):
    report_id = await formally_verified(intake, officer)
    failed = await step(
        intake,
        report_id,
        "material-verification",
        {"within_authority": True, "in_court": True, "note": "Perkara No. 12/Pdt.G/2026 berjalan"},
        officer,
    )
    assert failed.status_code == 200, failed.text
    body = failed.json()
    assert body["status"] == "material_failed"
    assert body["rejection_reason"] is None
    assert set(body["allowed_steps"]) == {"plenary_accept", "plenary_rco", "plenary_reject"}
    recorded = body["timeline"][-1]
    assert recorded["step"] == "material_outside_authority"
    assert recorded["details"]["failures"] == ["in_court"]
    assert recorded["details"]["reason"] == "Perkara No. 12/Pdt.G/2026 berjalan"
    # Nothing leaves intake yet: no rejection until the plenary says so.
    assert await intake.outbox_events("report.rejected", subject=report_id) == []


async def test_the_plenary_rejects_it_with_a_reason(intake, officer):
    report_id = await formally_verified(intake, officer)
    await step(intake, report_id, "material-verification", {"within_authority": False}, officer)
    no_reason = await step(intake, report_id, "plenary-decision", {"decision": "reject"}, officer)
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["pointer"] == "#/body/reason"
    reason = "Bukan kewenangan Ombudsman: sengketa antarpribadi."
    rejected = await step(
        intake, report_id, "plenary-decision", {"decision": "reject", "reason": reason}, officer
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["rejection_reason"] == reason
    [event] = await intake.outbox_events("report.rejected", subject=report_id)
    assert event.data["reason"] == reason
    # The failure and the decision are both in the history, in that order.
    steps = [s["step"] for s in rejected.json()["timeline"]]
    assert steps[-2:] == ["material_outside_authority", "plenary_reject"]


async def test_material_verification_cannot_be_taken_twice(intake, officer):
    report_id = await formally_verified(intake, officer)
    await step(intake, report_id, "material-verification", {"within_authority": False}, officer)
    again = await step(
        intake, report_id, "material-verification", {"within_authority": True}, officer
    )
    assert again.status_code == 409
    assert again.json()["current_status"] == "material_failed"
