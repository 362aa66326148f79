"""What the web app's survey journey finds: an office of its own (in WITA) whose head's
KPI dashboard counts no survey yet, and a case there closed with an outcome, its report
tracked with a PIN that shows the survey link. Made through the gateway's API, the same
calls tests/e2e/test_citizen_to_ikm.py makes."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx

from apik_testing.polling import eventually
from tests.e2e.office import (
    create_user,
    handed_over_case,
    intake_staff,
    on_roster,
    open_office,
    subject_of,
)

ZONE = "Asia/Makassar"


async def closed_case_for_survey(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict:
    code = await open_office(gateway, admin, "SV", ZONE)
    tag = uuid.uuid4().hex[:6]
    office = await intake_staff(gateway, admin, code, tag)
    officer, examiner = office.officer, office.examiner
    supervisor = await create_user(gateway, admin, f"spv{tag}", code, "examination_supervisor")
    head = f"kepalasv{tag}"
    await create_user(gateway, admin, head, code, "head")
    report_id, case = await handed_over_case(office)
    subject = await subject_of(gateway, examiner)
    await on_roster(gateway, supervisor, code, subject, "Riksa")
    cases = f"/api/v1/examination/cases/{case['id']}"
    for path, body, who in (
        ("assignment", {"examiner_id": subject}, supervisor),
        ("classification", {"classification": "sederhana"}, examiner),
        (
            "activities",
            {
                "kind": "written_clarification",
                "held_on": datetime.now(ZoneInfo(ZONE)).date().isoformat(),
                "summary": "Surat klarifikasi kepada instansi terlapor",
            },
            examiner,
        ),
        (
            "conclusion",
            {"finding": "no_maladministration", "summary": "Layanan sesuai prosedur."},
            examiner,
        ),
        (
            "closure",
            {"outcome": "no_maladministration", "route": "written_clarification"},
            supervisor,
        ),
    ):
        response = await gateway.post(f"{cases}/{path}", json=body, headers=who)
        assert response.status_code in (200, 201), f"{path}: {response.text}"
    pin = await gateway.post(f"/api/v1/intake/reports/{report_id}/tracking-pin", headers=officer)
    assert pin.status_code in (200, 201), pin.text
    number, secret = pin.json()["registration_number"], pin.json()["tracking_pin"]

    async def survey_link() -> str:
        view = await gateway.get(
            f"/api/v1/intake/public/reports/{number}", headers={"X-Tracking-PIN": secret}
        )
        return str((view.json().get("outcome") or {}).get("survey_url") or "")

    link = await eventually(survey_link, within=60)
    token = link.rsplit("/", 1)[1]

    # Examination opens the survey to this link once intake's event has arrived.
    async def survey_open() -> int:
        return (await gateway.get(f"/api/v1/examination/public/surveys/{token}")).status_code

    await eventually(survey_open, lambda status: status == 200, within=60)
    return {"APIK_SURVEY_NUMBER": number, "APIK_SURVEY_PIN": secret, "APIK_SURVEY_HEAD": head}
