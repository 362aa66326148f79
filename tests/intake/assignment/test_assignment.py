"""Assigning reports to PVL staff: who may, If-Match, the history, the list and the CSV."""

from __future__ import annotations

import csv
import io
import uuid

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import FORMALLY_COMPLETE, report_body

REPORTS = "/api/v1/intake/reports"
PROBLEM = "application/problem+json"


def staff(tokens: TestTokens, office: str) -> tuple[dict[str, str], dict[str, str]]:
    """An intake officer and the head of the same office."""
    return (
        tokens.headers("intake_officer", office=office, username="petugas"),
        tokens.headers("head", office=office, username="kepala"),
    )


async def register(intake: RunningService, headers: dict) -> dict:
    response = await intake.client.post(REPORTS, json=report_body(), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def assign(intake: RunningService, report: dict, headers: dict, body: dict, etag=None):
    extra = {"If-Match": etag} if etag else {}
    return await intake.client.post(
        f"{REPORTS}/{report['id']}/assign", json=body, headers={**headers, **extra}
    )


async def listed(intake: RunningService, headers: dict, **params: str | int) -> set[str]:
    response = await intake.client.get(REPORTS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def test_the_head_assigns_reassigns_and_unassigns_and_the_history_keeps_each(
    intake, tokens: TestTokens
):
    officer, head = staff(tokens, "A" + uuid.uuid4().hex[:5].upper())
    report = await register(intake, officer)
    assert report["assignee"] is None and report["assigned_at"] is None
    first = await assign(intake, report, head, {"assignee": "user:petugas"}, etag='"1"')
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["assignee"] == "user:petugas" and body["assigned_at"] is not None
    assert body["status"] == "registered" and first.headers["etag"] == '"2"'
    again = await assign(intake, report, head, {"assignee": "user:petugas"})
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert again.json()["code"] == "already_assigned"
    assert again.json()["params"] == {"assignee": "user:petugas"}
    stale = await assign(intake, report, head, {"assignee": "user:rina"}, etag='"1"')
    assert stale.status_code == 412
    moved = await assign(
        intake, report, head, {"assignee": "user:rina", "note": "cuti"}, etag='"2"'
    )
    assert moved.status_code == 200 and moved.json()["assignee"] == "user:rina"
    back = await assign(intake, report, head, {"assignee": None})
    assert back.status_code == 200
    assert back.json()["assignee"] is None and back.json()["assigned_at"] is None
    history = await intake.client.get(f"{REPORTS}/{report['id']}/history", headers=officer)
    steps = [(s["step"], s["actor"], s["details"]) for s in history.json()["items"][1:]]
    assert steps == [
        ("assigned", "kepala", {"from": None, "to": "user:petugas"}),
        ("reassigned", "kepala", {"from": "user:petugas", "to": "user:rina", "note": "cuti"}),
        ("unassigned", "kepala", {"from": "user:rina", "to": None}),
    ]
    assert {s["to_status"] for s in history.json()["items"]} == {"registered"}


async def test_only_supervisors_assign_and_only_people_of_the_office(intake, tokens):
    office = "B" + uuid.uuid4().hex[:5].upper()
    officer, head = staff(tokens, office)
    report = await register(intake, officer)
    refused = await assign(intake, report, officer, {"assignee": "user:petugas"})
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    elsewhere = tokens.headers("head", office="Z" + office[1:])
    assert (await assign(intake, report, elsewhere, {"assignee": "user:x"})).status_code == 404
    for bad in ("client:lapor", "system:intake", "petugas", "user:", "user:a b", 42):
        response = await assign(intake, report, head, {"assignee": bad})
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["pointer"] == "#/body/assignee"
    missing = await assign(intake, report, head, {})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "#/body/assignee"
    unchanged = (await intake.client.get(f"{REPORTS}/{report['id']}", headers=officer)).json()
    assert unchanged["assignee"] is None and unchanged["version"] == 1
    admin = tokens.headers("admin", office=office)
    assert (await assign(intake, report, admin, {"assignee": "user:petugas"})).status_code == 200


async def test_a_report_intake_is_done_with_is_not_handed_out(intake, tokens):
    officer, head = staff(tokens, "D" + uuid.uuid4().hex[:5].upper())
    report = await register(intake, officer)
    url = f"{REPORTS}/{report['id']}"
    await intake.client.post(f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer)
    failed = await intake.client.post(
        f"{url}/material-verification", json={"within_authority": False}, headers=officer
    )
    assert failed.json()["status"] == "material_failed"
    rejected = await intake.client.post(
        f"{url}/plenary-decision",
        json={"decision": "reject", "reason": "Bukan kewenangan Ombudsman."},
        headers=officer,
    )
    assert rejected.json()["status"] == "rejected"
    response = await assign(intake, report, head, {"assignee": "user:petugas"})
    assert response.status_code == 409 and response.json()["current_status"] == "rejected"
    assert response.json()["code"] == "report_not_assignable"


async def test_the_list_and_the_csv_filter_by_assignee_and_by_nobody(intake, tokens):
    office = "L" + uuid.uuid4().hex[:5].upper()
    officer, head = staff(tokens, office)
    mine, theirs, nobodys = [await register(intake, officer) for _ in range(3)]
    await assign(intake, mine, head, {"assignee": "user:petugas"})
    await assign(intake, theirs, head, {"assignee": "user:rina"})
    assert await listed(intake, officer, assignee="user:petugas") == {mine["id"]}
    assert await listed(intake, officer, assignee="none") == {nobodys["id"]}
    assert await listed(intake, officer, assignee="*") == {mine["id"], theirs["id"]}
    items = (
        await intake.client.get(REPORTS, params={"assignee": "user:rina"}, headers=officer)
    ).json()["items"]
    assert [i["assignee"] for i in items] == ["user:rina"]
    bad = await intake.client.get(REPORTS, params={"assignee": "rina"}, headers=officer)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/query/assignee"
    exported = await intake.client.get(
        REPORTS, params={"assignee": "*", "format": "csv"}, headers=officer
    )
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(r["Petugas"] for r in rows) == ["user:petugas", "user:rina"]
    assert all(r["Ditugaskan pada"] for r in rows)


async def test_overdue_combines_with_the_assignee(intake, tokens):
    office = "V" + uuid.uuid4().hex[:5].upper()
    officer, head = staff(tokens, office)
    late_mine, late_nobodys, waiting_mine = [await register(intake, officer) for _ in range(3)]
    for report in (late_mine, late_nobodys, waiting_mine):
        await intake.client.post(
            f"{REPORTS}/{report['id']}/formal-verification",
            json={"complete": False, "missing": ["ktp"]},
            headers=officer,
        )
    for report in (late_mine, waiting_mine):
        await assign(intake, report, head, {"assignee": "user:petugas"})
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE report SET completion_due = now() WHERE id = ANY(:ids)"),
            {"ids": [uuid.UUID(r["id"]) for r in (late_mine, late_nobodys)]},
        )
    assert await listed(intake, officer, overdue="true") == {late_mine["id"], late_nobodys["id"]}
    mine = await listed(intake, officer, overdue="true", assignee="user:petugas")
    assert mine == {late_mine["id"]}
    assert await listed(intake, officer, overdue="false", assignee="none") == set()


async def test_the_reporter_does_not_see_who_works_on_the_report(intake, tokens):
    office = "BKL"
    _, head = staff(tokens, office)
    body = report_body(office=office)
    del body["kind"], body["channel"]
    receipt = (await intake.client.post("/api/v1/intake/public/reports", json=body)).json()
    report_id = await intake.scalar(
        "SELECT id FROM report WHERE registration_number = :n", n=receipt["registration_number"]
    )
    assigned = await assign(intake, {"id": str(report_id)}, head, {"assignee": "user:petugas"})
    assert assigned.status_code == 200
    view = await intake.client.get(
        f"/api/v1/intake/public/reports/{receipt['registration_number']}",
        headers={"X-Tracking-PIN": receipt["tracking_pin"]},
    )
    assert [s["status"] for s in view.json()["timeline"]] == ["registered"]
    assert "petugas" not in view.text
