"""Through the gateway, with every process real: an applicant applies with the letter and
tracks the code; the supervisor accepts within the quota; an intern presses the Red
Button anonymously and only the protection officer reads and acknowledges it."""

from __future__ import annotations

import uuid

import httpx
import pytest

from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import create_user, login
from tests.internship.builders import (
    APPLICATIONS,
    APPLY,
    CASES,
    QUOTAS,
    RED_BUTTON,
    application_body,
    form,
    red_button_body,
)

pytestmark = pytest.mark.e2e


async def staff(gateway: httpx.AsyncClient) -> tuple[dict, dict]:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    tag = uuid.uuid4().hex[:6]
    supervisor = await create_user(gateway, admin, f"magang{tag}", "PUSAT", "intern_supervisor")
    # A guarded role: the bootstrap admin is national, so it grants it alone.
    officer = await create_user(gateway, admin, f"lindung{tag}", "PUSAT", "protection_officer")
    return supervisor, officer


async def test_apply_track_accept_and_a_red_button_only_the_officer_reads(gateway):
    supervisor, officer = await staff(gateway)

    filed = await gateway.post(APPLY, **form(application_body(office="PUSAT")))
    assert filed.status_code == 201, filed.text
    code = filed.json()["application_code"]
    assert (await gateway.get(f"{APPLY}/{code}")).json()["status"] == "submitted"

    for month in ("2027-02", "2027-03", "2027-04"):
        quota = await gateway.put(
            QUOTAS, json={"unit": "intake", "month": month, "places": 4}, headers=supervisor
        )
        assert quota.status_code == 200, quota.text
    listed = await gateway.get(APPLICATIONS, headers=supervisor, params={"status": "submitted"})
    [mine] = [a for a in listed.json()["items"] if a["applicant"]["name"] == "Rina Kartika"][:1]
    accepted = await gateway.post(
        f"{APPLICATIONS}/{mine['id']}/acceptance", json={"unit": "intake"}, headers=supervisor
    )
    assert accepted.status_code == 200, accepted.text
    status = (await gateway.get(f"{APPLY}/{code}")).json()
    assert (status["status"], status["unit"]) == ("accepted", "intake")

    raised = await gateway.post(RED_BUTTON, json=red_button_body("anonymous", office="PUSAT"))
    assert raised.status_code == 201, raised.text
    assert raised.headers["cache-control"] == "no-store"
    assert (await gateway.get(CASES, headers=supervisor)).status_code == 403
    cases = await gateway.get(CASES, headers=officer)
    assert cases.status_code == 200, cases.text
    case = cases.json()["items"][0]
    assert case["mode"] == "anonymous" and case["reporter"] is None
    acknowledged = await gateway.post(f"{CASES}/{case['id']}/acknowledgement", headers=officer)
    assert acknowledged.status_code == 200 and acknowledged.json()["status"] == "acknowledged"
