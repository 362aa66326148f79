"""Through the gateway, with every process real: a report goes from intake to examination."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_shared.testing.infra import TestInfra
from tests.e2e.conftest import ADMIN_PASSWORD, create_user, login
from tests.intake.conftest import report_body

pytestmark = pytest.mark.e2e
PROBLEM = "application/problem+json"


async def staff(gateway: httpx.AsyncClient, office: str = "PUSAT") -> tuple[dict, dict]:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    if office != "PUSAT":
        created = await gateway.post(
            "/api/v1/auth/offices",
            headers=admin,
            json={"code": office, "name": f"Perwakilan {office}", "timezone": "Asia/Makassar"},
        )
        assert created.status_code == 201, created.text
    tag = uuid.uuid4().hex[:6]
    officer = await create_user(gateway, admin, f"pvl{tag}", office, "intake_officer")
    examiner = await create_user(gateway, admin, f"riksa{tag}", office, "examiner")
    return officer, examiner


async def accept(gateway: httpx.AsyncClient, officer: dict[str, str]) -> dict:
    created = await gateway.post("/api/v1/intake/reports", json=report_body(), headers=officer)
    assert created.status_code == 201, created.text
    report = created.json()
    url = f"/api/v1/intake/reports/{report['id']}"
    for path, body in (
        ("formal-verification", {"complete": True}),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        response = await gateway.post(f"{url}/{path}", json=body, headers=officer)
        assert response.status_code == 200, response.text
    return report


async def cases_of(gateway: httpx.AsyncClient, examiner: dict, report_id: str) -> list[dict]:
    response = await gateway.get(
        "/api/v1/examination/cases", params={"report_id": report_id}, headers=examiner
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def wait_for_case(
    gateway: httpx.AsyncClient, examiner: dict, report_id: str, within: float = 30
) -> dict:
    deadline = asyncio.get_running_loop().time() + within
    while asyncio.get_running_loop().time() < deadline:
        if cases := await cases_of(gateway, examiner, report_id):
            return cases[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no case for report {report_id} within {within}s")


async def test_register_verify_accept_and_see_the_case(gateway):
    officer, examiner = await staff(gateway)
    report = await accept(gateway, officer)
    case = await wait_for_case(gateway, examiner, report["id"])
    detail = await gateway.get(f"/api/v1/examination/cases/{case['id']}", headers=examiner)
    assert detail.status_code == 200
    assert detail.json()["registration_number"] == report["registration_number"]
    seen = await gateway.get(f"/api/v1/intake/reports/{report['id']}", headers=officer)
    assert seen.json()["status"] == "accepted"
    assert seen.headers["x-request-id"]


async def test_a_handoff_made_while_nats_is_down_arrives_once(gateway, infra: TestInfra):
    if infra.nats is None:
        pytest.skip("needs the suite's own NATS server to stop it (APIK_TEST_NATS_URL is set)")
    officer, examiner = await staff(gateway)
    infra.nats.stop()
    try:
        report = await accept(gateway, officer)  # intake accepts with NATS gone
        await asyncio.sleep(1)
        assert await cases_of(gateway, examiner, report["id"]) == []
    finally:
        infra.nats.start()
    await wait_for_case(gateway, examiner, report["id"])
    await asyncio.sleep(1)  # a second copy, if any, would arrive now
    assert len(await cases_of(gateway, examiner, report["id"])) == 1


async def test_bad_requests_get_problems_and_change_nothing(gateway):
    officer, examiner = await staff(gateway, office=f"X{uuid.uuid4().hex[:5].upper()}")
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
