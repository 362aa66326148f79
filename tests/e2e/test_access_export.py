"""Through the gateway, with every process real: a reporter who filed a confidential
report and visited the desk asks the office what it holds on them (UU 27/2022 Pasal 32).
The DPO records the request and generates one export from every service: the report with
the reporter's identity, the desk visit, examination's part, and what is withheld by law
named with its reason. Nobody but the request's office's DPO may generate it."""

from __future__ import annotations

import secrets
import uuid

import httpx
import pytest

from apik_testing.stack import ADMIN_PASSWORD
from tests.consultation.builders import visit_body
from tests.e2e.office import create_user, login, open_office
from tests.intake.builders import report_body

pytestmark = pytest.mark.e2e
REQUESTS = "/api/v1/auth/privacy/requests"


async def test_one_export_from_every_service_for_the_office_dpo_alone(
    gateway: httpx.AsyncClient,
) -> None:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    tag = uuid.uuid4().hex[:6]
    officer = await create_user(gateway, admin, f"pvl{tag}", "PUSAT", "intake_officer")
    desk = await create_user(gateway, admin, f"meja{tag}", "PUSAT", "desk_officer")
    dpo = await create_user(gateway, admin, f"dpo{tag}", "PUSAT", "dpo")
    head = await create_user(gateway, admin, f"kepala{tag}", "PUSAT", "head")
    name = f"Ratna Sari {tag.upper()}"
    phone = "0813" + "".join(secrets.choice("0123456789") for _ in range(8))
    reporter = {"name": name, "phone": phone, "confidential": True}
    report = await gateway.post(
        "/api/v1/intake/reports", json=report_body(reporter=reporter), headers=officer
    )
    assert report.status_code == 201, report.text
    visitor = {"name": name, "phone": phone, "institution": None}
    visit = await gateway.post(
        "/api/v1/consultation/visits", json=visit_body(visitor=visitor), headers=desk
    )
    assert visit.status_code == 201, visit.text
    recorded = await gateway.post(
        REQUESTS,
        json={"kind": "access", "requester": {"name": name, "phone": phone}},
        headers=dpo,
    )
    assert recorded.status_code == 201, recorded.text
    path = f"{REQUESTS}/{recorded.json()['id']}/access-export"

    response = await gateway.post(path, headers=dpo)

    assert response.status_code == 200, response.text
    export = response.json()
    assert export["complete"] is True and export["unanswered"] == []
    services = export["services"]
    [held] = services["intake"]["reports"]
    assert held["report_id"] == report.json()["id"] and held["confidential"] is True
    assert held["identity"]["name"] == name
    assert [v["visit_id"] for v in services["consultation"]["visits"]] == [visit.json()["id"]]
    assert services["examination"]["agency_contacts"] == []
    assert "cases" in services["examination"]["not_searched"]
    withheld = {(w["service"], w["reason"]) for w in export["withheld"]}
    assert {s for s, _ in withheld} >= {"intake", "consultation"}
    assert all(w["basis"] for w in export["withheld"])

    assert (await gateway.post(path, headers=head)).status_code == 403
    assert (await gateway.post(path, headers=admin)).status_code == 403
    other = await open_office(gateway, admin, code=f"X{tag.upper()}", zone="Asia/Makassar")
    elsewhere = await create_user(gateway, admin, f"dpox{tag}", other, "dpo")
    assert (await gateway.post(path, headers=elsewhere)).status_code == 404
