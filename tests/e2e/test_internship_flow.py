"""Through the gateway, with every process real: an applicant applies with the letter and
tracks the code; the supervisor accepts within the quota; an intern presses the Red
Button anonymously and only the protection officer reads and acknowledges it. And the
whole path from application to alumnus, every document's QR code checked in public and
the milestones' events on the stream once each (that internship is a past one, its days
recapped from paper). And a current intern's day: checked in and out with the office
screen's rotating code, the day's logbook written and approved, all through the gateway
on a working day (the stack's internship stands at noon of one, `apik_testing.clock`:
the suite may run on a Sunday)."""

from __future__ import annotations

import io
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from pypdf import PdfReader

from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import create_user, login
from tests.internship.builders import (
    APPLICATIONS,
    APPLY,
    CASES,
    CERTIFICATES,
    COHORTS,
    INTERN,
    QUOTAS,
    RED_BUTTON,
    V1,
    application_body,
    events_on_stream,
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


def pdf_words(content: bytes) -> list[str]:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()


async def test_from_public_application_to_alumnus_through_the_gateway(
    gateway: httpx.AsyncClient, infra: TestInfra
):
    supervisor, _ = await staff(gateway)
    # A past internship (two weeks of June 2025, 8 working days at PUSAT's calendar).
    period = {"period_start": "2025-06-02", "period_end": "2025-06-13", "units": ["intake"]}
    name = f"Sari {uuid.uuid4().hex[:6].title()}"
    body = application_body(office="PUSAT", **period)
    body["applicant"] = {**body["applicant"], "name": name}
    filed = await gateway.post(APPLY, **form(body))
    assert filed.status_code == 201, filed.text
    quota = {"unit": "intake", "month": "2025-06", "places": 50}
    assert (await gateway.put(QUOTAS, json=quota, headers=supervisor)).status_code == 200
    listed = await gateway.get(APPLICATIONS, headers=supervisor, params={"status": "submitted"})
    [application_id] = [a["id"] for a in listed.json()["items"] if a["applicant"]["name"] == name]
    accepted = await gateway.post(
        f"{APPLICATIONS}/{application_id}/acceptance", json={"unit": "intake"}, headers=supervisor
    )
    assert accepted.status_code == 200, accepted.text

    # The acceptance letter's code, as printed, checks in public.
    letter = await gateway.get(
        f"{APPLICATIONS}/{application_id}/acceptance-letter.pdf", headers=supervisor
    )
    assert letter.status_code == 200, letter.text
    [letter_code] = [w for w in pdf_words(letter.content) if w.startswith("PNR-")][:1]
    letter_check = await gateway.get(f"{V1}/public/acceptance-letters/{letter_code}")
    assert letter_check.status_code == 200 and letter_check.json()["valid"] is True

    # Placed by a one-phase cohort of June 2025.
    cohort = await gateway.post(
        COHORTS,
        json={
            "name": f"Juni 2025 {name}",
            "period_start": "2025-06-01",
            "period_end": "2025-06-30",
            "phases": 1,
        },
        headers=supervisor,
    )
    assert cohort.status_code == 201, cohort.text
    assert application_id in [m["application_id"] for m in cohort.json()["members"]]
    url = f"{COHORTS}/{cohort.json()['id']}"
    places = await gateway.put(
        f"{url}/units/intake",
        json={"capacity": 50, "supervisor": "pembimbing"},
        headers={**supervisor, "If-Match": '"1"'},
    )
    assert places.status_code == 200, places.text
    plan = await gateway.post(f"{url}/allocation", headers=supervisor)
    assert plan.status_code == 200, plan.text
    assert ("intake", 0) in [
        (p["unit"], p["phase"])
        for p in plan.json()["placements"]
        if p["application_id"] == application_id
    ]

    # Evaluated, then completed on the paper recap of the days (no record of its own).
    criteria = [
        "discipline",
        "responsibility",
        "teamwork",
        "communication",
        "initiative",
        "mastery",
        "work_quality",
    ]
    evaluated = await gateway.post(
        f"{V1}/evaluations/interns/{application_id}",
        json={"scores": dict.fromkeys(criteria, 4)},
        headers=supervisor,
    )
    assert evaluated.status_code == 201, evaluated.text
    recap = {"days_present": 8, "logbook_approved": 8, "reason": "Rekap daftar hadir kertas."}
    done = await gateway.post(
        f"{APPLICATIONS}/{application_id}/completion",
        json={"before_records": recap},
        headers=supervisor,
    )
    assert done.status_code == 201, done.text
    certificate = done.json()
    assert (certificate["working_days"], certificate["evaluation_score"]) == (8, 75)
    printed = await gateway.get(
        f"{CERTIFICATES}/{certificate['id']}/certificate.pdf", headers=supervisor
    )
    assert printed.status_code == 200
    assert certificate["verification_code"] in "".join(pdf_words(printed.content))
    check = await gateway.get(f"{V1}/public/certificates/{certificate['verification_code']}")
    assert check.status_code == 200 and check.json()["valid"] is True
    # Found from the internship, and printed in the institution's own format (the web
    # app's institution formats page does both).
    found = await gateway.get(f"{APPLICATIONS}/{application_id}/certificate", headers=supervisor)
    assert found.status_code == 200 and found.json()["id"] == certificate["id"]
    in_format = await gateway.get(
        f"{CERTIFICATES}/{certificate['id']}/formats/unib.pdf", headers=supervisor
    )
    assert in_format.status_code == 200, in_format.text
    assert certificate["verification_code"] in "".join(pdf_words(in_format.content))

    # The alumnus keeps their own record by the magic link.
    alumnus = await gateway.post(
        f"{V1}/alumni",
        json={"application_id": application_id, "name": name, "email": "sari@example.id"},
        headers=supervisor,
    )
    assert alumnus.status_code == 201, alumnus.text
    link = await gateway.post(f"{V1}/alumni/{alumnus.json()['id']}/magic-link", headers=supervisor)
    assert link.status_code == 201, link.text
    token = link.json()["token"]
    own = await gateway.post(f"{V1}/public/alumni/self", json={"token": token})
    assert own.status_code == 200 and own.json()["fields"]["name"] == name
    kept = await gateway.put(
        f"{V1}/public/alumni/self",
        json={
            "name": name,
            "institution": "Ombudsman RI",
            "consent": {"name": True},
            "visibility": "public",
            "token": token,
        },
    )
    assert kept.status_code == 200, kept.text

    wanted = ("intern.applied", "intern.accepted", "intern.completed")

    async def published() -> Counter[str]:
        seen: Counter[str] = Counter()
        for event_type in wanted:
            events = await events_on_stream(infra.nats_url, f"apik.internship.{event_type}")
            seen[event_type] = sum(1 for e in events if e.subject == application_id)
        return seen

    seen = await eventually(published, lambda s: all(s[t] for t in wanted), within=20)
    assert seen == Counter(dict.fromkeys(wanted, 1))


async def screen_code(gateway: httpx.AsyncClient, supervisor: dict) -> tuple[str, date]:
    """The code the office screen shows now, and the service's today (in WIB, PUSAT's)."""
    shown = await gateway.get(f"{V1}/attendance/code", headers=supervisor)
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    until = datetime.fromisoformat(shown.json()["valid_until"])
    return shown.json()["code"], until.astimezone(ZoneInfo("Asia/Jakarta")).date()


async def test_a_day_of_attendance_and_logbook_through_the_gateway(gateway: httpx.AsyncClient):
    supervisor, _ = await staff(gateway)
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    _, today = await screen_code(gateway, supervisor)
    assert today.weekday() < 5  # the stack's clock: a working day, whatever today is
    start, end = today - timedelta(days=7), today + timedelta(days=30)
    name = f"Dini {uuid.uuid4().hex[:6].title()}"
    body = application_body(
        office="PUSAT",
        period_start=start.isoformat(),
        period_end=end.isoformat(),
        units=["intake"],
    )
    body["applicant"] = {**body["applicant"], "name": name}
    assert (await gateway.post(APPLY, **form(body))).status_code == 201
    for month in sorted({start.strftime("%Y-%m"), today.strftime("%Y-%m"), end.strftime("%Y-%m")}):
        quota = {"unit": "intake", "month": month, "places": 50}
        assert (await gateway.put(QUOTAS, json=quota, headers=supervisor)).status_code == 200
    listed = await gateway.get(APPLICATIONS, headers=supervisor, params={"status": "submitted"})
    [application_id] = [a["id"] for a in listed.json()["items"] if a["applicant"]["name"] == name]
    url = f"{APPLICATIONS}/{application_id}"
    accepted = await gateway.post(f"{url}/acceptance", json={"unit": "intake"}, headers=supervisor)
    assert accepted.status_code == 200, accepted.text
    username = f"dini{uuid.uuid4().hex[:6]}"
    linked = await gateway.put(
        f"{url}/intern-account", json={"username": username}, headers=supervisor
    )
    assert linked.status_code == 200, linked.text
    intern = await create_user(gateway, admin, username, "PUSAT", "intern")

    # A code that is not the screen's is refused, naming the field; nothing recorded.
    wrong = await gateway.post(
        f"{INTERN}/attendance/check-in", json={"code": "000000x"}, headers=intern
    )
    assert wrong.status_code == 422 and "#/body/code" in wrong.text
    code, _ = await screen_code(gateway, supervisor)
    came = await gateway.post(f"{INTERN}/attendance/check-in", json={"code": code}, headers=intern)
    assert came.status_code == 200, came.text
    assert came.json()["day"] == today.isoformat() and came.json()["checked_out_at"] is None
    again = await gateway.post(f"{INTERN}/attendance/check-in", json={"code": code}, headers=intern)
    assert again.status_code == 409, again.text  # once a day
    code, _ = await screen_code(gateway, supervisor)
    left = await gateway.post(f"{INTERN}/attendance/check-out", json={"code": code}, headers=intern)
    assert left.status_code == 200 and left.json()["checked_out_at"] is not None, left.text
    attendance = await gateway.get(
        f"{INTERN}/attendance", params={"month": today.strftime("%Y-%m")}, headers=intern
    )
    assert attendance.status_code == 200, attendance.text
    assert [d["day"] for d in attendance.json()["days"]] == [today.isoformat()]
    assert attendance.json()["recap"]["present_days"] == 1

    # The day's logbook, written by the intern and approved by the supervisor.
    activities = "Membantu verifikasi formil laporan masyarakat."
    written = await gateway.put(
        f"{INTERN}/logbook/{today.isoformat()}", json={"activities": activities}, headers=intern
    )
    assert written.status_code == 200, written.text
    waiting = await gateway.get(
        f"{V1}/logbook",
        params={"status": "submitted", "application_id": application_id},
        headers=supervisor,
    )
    assert waiting.status_code == 200, waiting.text
    [entry] = waiting.json()
    assert entry["day"] == today.isoformat()
    reviewed = await gateway.post(
        f"{V1}/logbook/review",
        json={"decisions": [{"entry_id": entry["id"], "decision": "approve"}]},
        headers=supervisor,
    )
    assert reviewed.status_code == 200, reviewed.text
    own = await gateway.get(
        f"{INTERN}/logbook", params={"month": today.strftime("%Y-%m")}, headers=intern
    )
    assert own.status_code == 200, own.text
    assert [(e["day"], e["status"]) for e in own.json()] == [(today.isoformat(), "approved")]
