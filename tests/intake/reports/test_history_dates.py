"""An office's history: reports received earlier and steps decided earlier keep their dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apik_shared.vocabulary.calendar import OfficeCalendar
from tests.intake.builders import FORMALLY_COMPLETE, report_body

REPORTS = "/api/v1/intake/reports"
PROBLEM = "application/problem+json"


async def test_a_report_of_last_year_keeps_its_dates_through_the_handoff(intake, officer):
    received = datetime(datetime.now(UTC).year - 1, 3, 4, 2, 30, tzinfo=UTC)
    created = await intake.client.post(
        REPORTS,
        json=report_body(received_at=received.isoformat(), event_date="2025-02-20"),
        headers=officer,
    )
    assert created.status_code == 201, created.text
    report = created.json()
    assert report["registration_number"].startswith(f"BKL-{received.year}-")
    assert datetime.fromisoformat(report["received_at"]) == received
    [registered] = await intake.outbox_events("report.registered", subject=report["id"])
    assert datetime.fromisoformat(registered.data["registered_at"]) == received
    url = f"{REPORTS}/{report['id']}"
    steps: list[tuple[str, dict[str, object], datetime]] = [
        ("formal-verification", FORMALLY_COMPLETE, received + timedelta(days=3)),
        ("material-verification", {"within_authority": True}, received + timedelta(days=10)),
        ("plenary-decision", {"decision": "accept"}, received + timedelta(days=17)),
    ]
    for path, body, at in steps:
        response = await intake.client.post(
            f"{url}/{path}", json={**body, "decided_at": at.isoformat()}, headers=officer
        )
        assert response.status_code == 200, response.text
    timeline = response.json()["timeline"]
    assert [datetime.fromisoformat(s["at"]) for s in timeline] == [received] + [
        at for _, _, at in steps
    ]
    [handoff] = await intake.outbox_events("report.verified", subject=report["id"])
    assert datetime.fromisoformat(handoff.data["verified_at"]) == steps[-1][2]
    assert datetime.fromisoformat(handoff.data["registered_at"]) == received
    history = await intake.client.get(f"{url}/history", headers=officer)
    assert [i["step"] for i in history.json()["items"]] == [
        "registered",
        "formal_complete",
        "material_within_authority",
        "plenary_accept",
    ]


async def test_dates_out_of_order_or_to_come_are_refused(intake, officer):
    received = datetime.now(UTC) - timedelta(days=40)
    report = (
        await intake.client.post(
            REPORTS, json=report_body(received_at=received.isoformat()), headers=officer
        )
    ).json()
    url = f"{REPORTS}/{report['id']}/formal-verification"
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    for decided_at in (
        (received - timedelta(days=1)).isoformat(),  # before the receipt
        tomorrow,
        "2026-01-05T10:00:00",  # no time zone
    ):
        response = await intake.client.post(
            url, json={**FORMALLY_COMPLETE, "decided_at": decided_at}, headers=officer
        )
        assert response.status_code == 422, decided_at
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == "#/body/decided_at"
    unchanged = (await intake.client.get(f"{REPORTS}/{report['id']}", headers=officer)).json()
    assert unchanged["status"] == "registered" and unchanged["version"] == 1
    before = await intake.scalar("SELECT count(*) FROM report")
    for body, pointer in (
        (report_body(received_at=tomorrow), "#/body/received_at"),
        # Year 1 an hour east of UTC has no UTC form (it falls in year 0).
        (report_body(received_at="0001-01-01T00:00:00+01:00"), "#/body/received_at"),
        (
            report_body(
                received_at=received.isoformat(),
                # The office's today (BKL: WIB), after the receipt 40 days ago.
                event_date=OfficeCalendar("Asia/Jakarta").local_date(datetime.now(UTC)).isoformat(),
            ),
            "#/body/event_date",
        ),
    ):
        refused = await intake.client.post(REPORTS, json=body, headers=officer)
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["pointer"] == pointer
    assert await intake.scalar("SELECT count(*) FROM report") == before
