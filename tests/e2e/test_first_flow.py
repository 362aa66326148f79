"""Through the gateway, with every process real: a report goes from intake to examination."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from apik_shared.devstack.stack import Stack
from apik_testing.infra import TestInfra
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import login, staff_office
from tests.intake.builders import report_body

pytestmark = pytest.mark.e2e
PROBLEM = "application/problem+json"


async def test_register_verify_accept_and_see_the_case(gateway):
    office = await staff_office(gateway, ADMIN_PASSWORD)
    report_id = await office.verified_report()
    assert (await office.accept(report_id)).status_code == 200
    await office.wait_for_cases([report_id])
    [case] = await office.cases(report_id)
    detail = await gateway.get(f"/api/v1/examination/cases/{case['id']}", headers=office.examiner)
    assert detail.status_code == 200
    seen = await gateway.get(f"/api/v1/intake/reports/{report_id}", headers=office.officer)
    assert detail.json()["registration_number"] == seen.json()["registration_number"]
    assert seen.json()["status"] == "accepted"
    assert seen.headers["x-request-id"]


async def test_a_handoff_made_while_nats_is_down_arrives_once(gateway, infra: TestInfra):
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    office = await staff_office(gateway, ADMIN_PASSWORD)
    report_id = await office.verified_report()
    infra.nats.stop()
    try:
        assert (await office.accept(report_id)).status_code == 200  # with NATS gone
        await asyncio.sleep(1)
        assert await office.cases(report_id) == []
    finally:
        infra.nats.start()
    await office.wait_for_cases([report_id])
    await asyncio.sleep(1)  # a second copy, if any, would arrive now
    assert len(await office.cases(report_id)) == 1


async def test_bad_requests_get_problems_and_change_nothing(gateway):
    office = await staff_office(gateway, ADMIN_PASSWORD, code=f"X{uuid.uuid4().hex[:5].upper()}")
    officer, examiner = office.officer, office.examiner
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    before = await gateway.get("/api/v1/intake/reports", headers=admin)

    anonymous = await gateway.post("/api/v1/intake/reports", json=report_body())
    assert anonymous.status_code == 401 and anonymous.headers["content-type"] == PROBLEM
    wrong_role = await gateway.post("/api/v1/intake/reports", json=report_body(), headers=examiner)
    assert wrong_role.status_code == 403 and wrong_role.headers["content-type"] == PROBLEM
    bad = report_body(channel=7, event_date="yesterday")
    del bad["summary"]
    invalid = await gateway.post("/api/v1/intake/reports", json=bad, headers=officer)
    assert invalid.status_code == 422 and invalid.headers["content-type"] == PROBLEM
    pointers = {e["pointer"] for e in invalid.json()["errors"]}
    assert {"#/body/channel", "#/body/event_date", "#/body/summary"} <= pointers
    unknown = await gateway.get(f"/api/v1/intake/reports/{uuid.uuid4()}", headers=officer)
    assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM
    no_service = await gateway.get("/api/v1/nowhere/things", headers=officer)
    assert no_service.status_code == 404 and no_service.headers["content-type"] == PROBLEM

    after = await gateway.get("/api/v1/intake/reports", headers=admin)
    assert [r["id"] for r in after.json()["items"]] == [r["id"] for r in before.json()["items"]]


async def test_the_gateway_reports_every_service_ready(gateway, stack: Stack):
    response = await gateway.get("/readyz")
    assert response.status_code == 200, response.text
    body = response.text
    for name in ("intake", "examination"):
        assert name in body
    spec = (await gateway.get("/api/openapi.json")).json()
    assert "/api/v1/intake/reports" in spec["paths"]
    assert "/api/v1/examination/cases/{case_id}" in spec["paths"]
    assert "/api/v1/auth/token" in spec["paths"]
