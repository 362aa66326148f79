"""A citizen's report, all the way, through the gateway with every process real.

Filed on the public form with an attachment and tracked with the PIN; verified and
accepted at intake; examined (assigned, classified, clarified, concluded, closed with an
outcome); the tracking page shows the outcome; the reporter answers the survey; the
office's IKM shows it.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import httpx
import pytest

from apik_shared.vocabulary.calendar import DEFAULT_TIMEZONE, OfficeCalendar
from apik_testing.polling import eventually
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import create_user, login, staff_office
from tests.intake.builders import FORMALLY_COMPLETE

pytestmark = pytest.mark.e2e
# PUSAT is not in the stack's calendars: it keeps the default zone (WIB).
CALENDAR = OfficeCalendar(timezone=DEFAULT_TIMEZONE)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ANSWERS = dict.fromkeys(
    [
        "requirements",
        "procedure",
        "completion_time",
        "cost",
        "product",
        "competence",
        "behaviour",
        "facilities",
        "complaint_handling",
    ],
    4,
)


async def test_from_the_public_form_to_the_satisfaction_index(gateway: httpx.AsyncClient):
    summary = f"Sertifikat tanah tidak terbit {uuid.uuid4().hex[:6]}"
    report_form = {
        "office": "PUSAT",
        "reporter": {
            "name": "Siti Aminah",
            "nik": "1771015505900002",
            # The identity formal verification needs (the NIK: a woman born 15 May 1990).
            "place_of_birth": "Bengkulu",
            "date_of_birth": "1990-05-15",
            "address": "Jl. Mawar No. 3, Kota Bengkulu",
            "occupation": "Guru",
            "phone": "0812 3456 7890",
            "email": "siti@example.id",
        },
        "reported_agency": {"name": "Kantor Pertanahan Kota Bengkulu"},
        "substance": "land",
        "summary": summary,
        "chronology": "Sejak 2025 permohonan sertifikat tidak diproses tanpa alasan.",
        "event_date": "2026-03-02",
    }
    # One request, as the web form sends it: the report and its evidence together.
    filed = await gateway.post(
        "/api/v1/intake/public/reports",
        data={"report": json.dumps(report_form)},
        files=[("files", ("bukti.pdf", PDF, "application/pdf"))],
    )
    assert filed.status_code == 201, filed.text
    [evidence] = filed.json()["attachments"]
    assert evidence["filename"] == "bukti.pdf" and evidence["media_type"] == "application/pdf"
    number, pin = filed.json()["registration_number"], filed.json()["tracking_pin"]
    track = {"X-Tracking-PIN": pin}
    tracking = await gateway.get(f"/api/v1/intake/public/reports/{number}", headers=track)
    assert tracking.status_code == 200 and tracking.json()["status"] == "registered"
    assert "Siti" not in tracking.text
    wrong = await gateway.get(
        f"/api/v1/intake/public/reports/{number}", headers={"X-Tracking-PIN": "000000"}
    )
    assert wrong.status_code == 404

    office = await staff_office(gateway, ADMIN_PASSWORD)
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    supervisor = await create_user(
        gateway, admin, f"spv{uuid.uuid4().hex[:6]}", "PUSAT", "examination_supervisor"
    )
    listed = await gateway.get(
        "/api/v1/intake/reports", headers=office.officer, params={"limit": 200}
    )
    [report] = [r for r in listed.json()["items"] if r["registration_number"] == number]
    files = await gateway.get(
        f"/api/v1/intake/reports/{report['id']}/attachments", headers=office.officer
    )
    assert [f["filename"] for f in files.json()["items"]] == ["bukti.pdf"]
    for path, body in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        step = await office.step(report["id"], path, body)
        assert step.status_code == 200, step.text
    await office.wait_for_cases([report["id"]])
    [case] = await office.cases(report["id"])
    cases = f"/api/v1/examination/cases/{case['id']}"

    examiner = (await gateway.get("/api/v1/auth/me", headers=office.examiner)).json()["subject"]
    roster = await gateway.put(
        f"/api/v1/examination/offices/PUSAT/examiners/{examiner}",
        headers=supervisor,
        json={"display_name": "Riksa", "capacity": 10},
    )
    assert roster.status_code in (200, 201), roster.text
    for path, body, who in (
        ("assignment", {"examiner_id": examiner}, supervisor),
        ("classification", {"classification": "sederhana"}, office.examiner),
        (
            "activities",
            {
                "kind": "written_clarification",
                # The office's own date (PUSAT keeps WIB): in UTC it is still yesterday after 17:00.
                "held_on": datetime.now(CALENDAR.zone).date().isoformat(),
                "summary": "Surat klarifikasi kepada Kantor Pertanahan",
            },
            office.examiner,
        ),
        (
            "conclusion",
            {"finding": "no_maladministration", "summary": "Permohonan diproses sesuai prosedur."},
            office.examiner,
        ),
        (
            "closure",
            {"outcome": "no_maladministration", "route": "written_clarification"},
            supervisor,
        ),
    ):
        response = await gateway.post(f"{cases}/{path}", json=body, headers=who)
        assert response.status_code in (200, 201), f"{path}: {response.text}"

    async def tracking_view() -> dict:
        return (await gateway.get(f"/api/v1/intake/public/reports/{number}", headers=track)).json()

    view = await eventually(tracking_view, lambda v: v.get("outcome") is not None)
    assert view["outcome"]["outcome"] == "no_maladministration"
    survey = view["outcome"]["survey_url"]
    assert survey, view
    # The link is the web app's page (served by the gateway); its last segment is the
    # token the page answers examination's survey with.
    assert survey.startswith("/survei/"), survey
    path = f"/api/v1/examination/public/surveys/{survey.rsplit('/', 1)[1]}"
    answered = await gateway.post(path, json={"answers": ANSWERS})
    assert answered.status_code in (200, 201), answered.text
    again = await gateway.post(path, json={"answers": ANSWERS})
    assert again.status_code == 409
    ikm = await gateway.get(
        "/api/v1/examination/ikm", params={"case_id": case["id"]}, headers=supervisor
    )
    assert ikm.status_code == 200, ikm.text
    assert float(ikm.json()["index"]) == 100.0 and ikm.json()["grade"] == "A"
