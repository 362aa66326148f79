"""What the web app's prevention and intern journeys find when they sign in, made through
the gateway's public API (the same calls the services' own tests make): an office of
their own whose prevention unit has a published assessment, an agreement ending soon, a
completed clinic, a focal point and a study with a suggestion; and an intern of another
office, accepted and linked to their account, with a learning material to read."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast
from zoneinfo import ZoneInfo

import httpx

from apik_prevention.schemes.schemas import SchemeDefinition
from apik_testing.services import RunningService
from tests.e2e.office import create_user, open_office
from tests.internship.builders import APPLICATIONS, APPLY, QUOTAS, V1, application_body
from tests.prevention.builders import (
    ASSESSMENTS,
    CLINICS,
    SCHEME_FILES,
    STUDIES,
    VILLAGES,
    active_agreement,
    add_focal_point,
    answer_everything,
    open_assessment,
    open_clinic,
    register,
    scheme_id,
    shipped,
    study_at,
    suggestion_body,
    village_body,
)

ZONE = "Asia/Makassar"
PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def _today() -> date:
    # The offices' own calendar day (the services date everything in the office's zone).
    return datetime.now(ZoneInfo(ZONE)).date()


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


async def prevention_office(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    """The prevention officer's username and what the journey checks by name."""
    code = await open_office(gateway, admin, "PC", ZONE)
    tag = uuid.uuid4().hex[:6]
    username = f"cegah{tag}"
    officer = await create_user(gateway, admin, username, code, "prevention_officer")
    reviewer = await create_user(gateway, admin, f"telaah{tag}", code, "prevention_officer")
    head = await create_user(gateway, admin, f"kpl{tag}", code, "head")
    # The builders' calls, through the gateway: they use nothing but `.client`.
    through = cast(RunningService, SimpleNamespace(client=gateway))
    today = _today()
    year = today.year

    # Process indicators all 2 of 3: 89.21, A (worked in test_prevention_flow); the
    # shipped scheme covers 2022-2024, so the assessment is of 2024.
    scheme = await scheme_id(through, officer, "ombudsman-2022")
    region = f"Provinsi Uji {tag}"
    unit = f"Dinas Kependudukan Kota Uji {tag}"
    assessment = await open_assessment(
        through,
        officer,
        scheme,
        region=region,
        unit_name=unit,
        year=2024,
    )
    values = {f"P.{n}": 2 for n in range(1, 12)}
    await answer_everything(
        through,
        officer,
        reviewer,
        assessment["id"],
        shipped(2022),
        values,
    )
    for step, headers in (("plenary", officer), ("publication", head)):
        _ok(await gateway.post(f"{ASSESSMENTS}/{assessment['id']}/{step}", headers=headers))

    # An MoU in force whose end is 30 days away: "segera berakhir".
    number = f"MoU/{tag}/{year}"
    await active_agreement(
        through,
        officer,
        number=number,
        starts_on=(today - timedelta(days=300)).isoformat(),
        ends_on=(today + timedelta(days=30)).isoformat(),
    )

    # A clinic held today, the test out of 50: gains 0.7 (high), 0.3 (medium) and none
    # (the pre-test at the maximum); completed.
    clinic = await open_clinic(
        through,
        officer,
        title=f"Klinik Pengaduan Kota Uji {tag}",
        held_on=today.isoformat(),
        max_score=50,
    )
    people = [
        await register(through, officer, clinic["id"], name, "Dinas Sosial")
        for name in ("Ani Rahmawati", "Budi Santoso", "Citra Lestari")
    ]
    current = await gateway.get(f"{CLINICS}/{clinic['id']}", headers=officer)
    scores = [(20, 41), (10, 22), (50, 50)]
    _ok(
        await gateway.post(
            f"{CLINICS}/{clinic['id']}/tests",
            json={
                "scores": [
                    {"participant_id": p, "pre": pre, "post": post}
                    for p, (pre, post) in zip(people, scores, strict=True)
                ]
            },
            headers={**officer, "If-Match": current.headers["ETag"]},
        )
    )
    _ok(
        await gateway.put(
            f"{CLINICS}/{clinic['id']}/attendance", json={"attended": people}, headers=officer
        )
    )
    done = _ok(await gateway.post(f"{CLINICS}/{clinic['id']}/complete", headers=officer))
    certificate = next(p["certificate_code"] for p in done["participants"] if p["certificate_code"])

    await add_focal_point(through, officer, regency=f"Kabupaten Uji {tag}")

    study = await study_at(
        through,
        officer,
        "drafting",
        title=f"Kajian Pelayanan KTP-el {tag}",
        year=year,
    )
    _ok(
        await gateway.post(
            f"{STUDIES}/{study['id']}/suggestions",
            json=suggestion_body(due_on=(today + timedelta(days=60)).isoformat()),
            headers=officer,
        )
    )
    return {
        "APIK_PREVENTION_USER": username,
        "APIK_PREVENTION_REVIEWER": f"telaah{tag}",  # reviews the entries typed in the app
        "APIK_PREVENTION_UNIT": unit,
        "APIK_PREVENTION_REGION": region,
        "APIK_PREVENTION_YEAR": "2024",
        "APIK_PREVENTION_AGREEMENT": number,
        "APIK_PREVENTION_CERTIFICATE": certificate,
    }


async def intern_account(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    """An intern whose period runs around today, accepted and linked to their account,
    and a guidebook published at their office."""
    code = await open_office(gateway, admin, "MG", ZONE)
    tag = uuid.uuid4().hex[:6]
    mentor = f"bimbing{tag}"
    supervisor = await create_user(gateway, admin, mentor, code, "intern_supervisor")
    today = _today()
    start, end = today - timedelta(days=20), today + timedelta(days=60)
    name = f"Rina Uji {tag}"
    body = application_body(
        office=code,
        period_start=start.isoformat(),
        period_end=end.isoformat(),
        units=["intake"],
        applicant={**application_body()["applicant"], "name": name},
    )
    files = {"letter": ("surat-pengantar.pdf", PDF, "application/pdf")}
    _ok(await gateway.post(APPLY, data={"application": json.dumps(body)}, files=files))
    month = start.replace(day=1)
    while month <= end:
        quota = {"unit": "intake", "month": month.strftime("%Y-%m"), "places": 10}
        _ok(await gateway.put(QUOTAS, json=quota, headers=supervisor))
        month = (month + timedelta(days=32)).replace(day=1)
    listed = _ok(
        await gateway.get(APPLICATIONS, headers=supervisor, params={"status": "submitted"})
    )
    [application] = [a for a in listed["items"] if a["applicant"]["name"] == name]
    url = f"{APPLICATIONS}/{application['id']}"
    _ok(await gateway.post(f"{url}/acceptance", json={"unit": "intake"}, headers=supervisor))
    username = f"magang{tag}"
    _ok(await gateway.put(f"{url}/intern-account", json={"username": username}, headers=supervisor))
    await create_user(gateway, admin, username, code, "intern")

    learning = f"{V1}/learning"
    title = f"Panduan Magang {tag}"
    material = _ok(
        await gateway.post(
            f"{learning}/materials", json={"kind": "guidebook", "title": title}, headers=supervisor
        )
    )
    _ok(
        await gateway.post(
            f"{learning}/materials/{material['id']}/versions",
            params={"filename": "panduan-magang.pdf"},
            content=PDF,
            headers={**supervisor, "Content-Type": "application/octet-stream"},
        )
    )
    return {
        "APIK_INTERN_USER": username,
        "APIK_INTERN_MATERIAL": title,
        # Whose office screen shows the attendance code the intern types.
        "APIK_INTERN_SUPERVISOR": mentor,
    }


async def _apply_and_list(
    gateway: httpx.AsyncClient, reviewer: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    files = {"letter": ("surat-pengantar.pdf", PDF, "application/pdf")}
    _ok(await gateway.post(APPLY, data={"application": json.dumps(body)}, files=files))
    listed = _ok(await gateway.get(APPLICATIONS, headers=reviewer, params={"status": "submitted"}))
    name = body["applicant"]["name"]
    [application] = [a for a in listed["items"] if a["applicant"]["name"] == name]
    return application


async def _quotas(
    gateway: httpx.AsyncClient, reviewer: dict[str, str], unit: str, start: date, end: date
) -> None:
    month = start.replace(day=1)
    while month <= end:
        quota = {"unit": unit, "month": month.strftime("%Y-%m"), "places": 3}
        _ok(await gateway.put(QUOTAS, json=quota, headers=reviewer))
        month = (month + timedelta(days=32)).replace(day=1)


async def mori_office(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    """The internship staff journey's office: a coordinator and a supervisor (both intern
    supervisors); an application waiting for a decision, with places in its units; and
    an intern accepted for three weeks that ended before today, whose two last working
    days have logbook entries waiting for approval (the office's days off read from the
    intern's own month, so the days stated before the records are exact)."""
    code = await open_office(gateway, admin, "MR", ZONE)
    tag = uuid.uuid4().hex[:6]
    coordinator, supervisor = f"koord{tag}", f"bimbing{tag}"
    reviewer = await create_user(gateway, admin, coordinator, code, "intern_supervisor")
    await create_user(gateway, admin, supervisor, code, "intern_supervisor")
    today = _today()
    start, end = today + timedelta(days=10), today + timedelta(days=40)
    for unit in ("intake", "prevention"):
        await _quotas(gateway, reviewer, unit, start, end)
    applicant = f"Sari Pelamar {tag}"
    await _apply_and_list(
        gateway,
        reviewer,
        application_body(
            office=code,
            period_start=start.isoformat(),
            period_end=end.isoformat(),
            units=["intake", "prevention"],
            applicant={**application_body()["applicant"], "name": applicant},
        ),
    )
    past_end = today - timedelta(days=1)
    past_start = past_end - timedelta(days=20)
    await _quotas(gateway, reviewer, "intake", past_start, past_end)
    intern_name = f"Dewi Magang {tag}"
    body = application_body(
        office=code,
        period_start=past_start.isoformat(),
        period_end=past_end.isoformat(),
        units=["intake"],
        applicant={**application_body()["applicant"], "name": intern_name},
    )
    url = f"{APPLICATIONS}/{(await _apply_and_list(gateway, reviewer, body))['id']}"
    _ok(await gateway.post(f"{url}/acceptance", json={"unit": "intake"}, headers=reviewer))
    username = f"magang{tag}"
    _ok(await gateway.put(f"{url}/intern-account", json={"username": username}, headers=reviewer))
    intern = await create_user(gateway, admin, username, code, "intern")
    off: set[str] = set()
    for month in sorted({past_start.strftime("%Y-%m"), past_end.strftime("%Y-%m")}):
        mine = _ok(
            await gateway.get(f"{V1}/intern/attendance", params={"month": month}, headers=intern)
        )
        off |= {day for day, _ in mine["days_off"]}
    working = [
        d
        for n in range((past_end - past_start).days + 1)
        if (d := past_start + timedelta(days=n)).isoformat() not in off
    ]
    for day in working[-2:]:
        entry = {"activities": f"Membantu verifikasi formil laporan masyarakat ({day})."}
        _ok(await gateway.put(f"{V1}/intern/logbook/{day}", json=entry, headers=intern))
    return {
        "APIK_MORI_COORDINATOR": coordinator,
        "APIK_MORI_SUPERVISOR": supervisor,
        "APIK_MORI_APPLICANT": applicant,
        "APIK_MORI_INTERN": intern_name,
        "APIK_MORI_COHORT_START": start.isoformat(),
        "APIK_MORI_COHORT_END": end.isoformat(),
        # The working days before the intern's records began: stated at completion.
        "APIK_MORI_STATED": str(len(working) - 2),
    }


async def _verified_village(
    gateway: httpx.AsyncClient, officer: dict[str, str], reviewer: dict[str, str], tag: str
) -> str:
    """A village through mentoring, its instrument answered and approved, verified by the
    regency and the office: what waits for the head's decision."""
    # The builders' calls, through the gateway: they use nothing but `.client`.
    through = cast(RunningService, SimpleNamespace(client=gateway))
    made = await gateway.post(
        VILLAGES, json=village_body(name=f"Desa Siap Tetap {tag}"), headers=officer
    )
    village, etag = _ok(made), made.headers["ETag"]
    url = f"{VILLAGES}/{village['id']}"

    async def step(path: str, body: dict[str, str], who: dict[str, str]) -> None:
        nonlocal village, etag
        moved = await gateway.post(f"{url}/{path}", json=body, headers={**who, "If-Match": etag})
        village, etag = _ok(moved), moved.headers["ETag"]

    scheme = await scheme_id(through, officer, "desa-anti-maladministrasi")
    await step("stage", {"stage": "mentoring"}, officer)
    await step("assessment", {"scheme_id": scheme}, officer)
    await step("stage", {"stage": "regency_verified"}, officer)
    definition = SchemeDefinition.model_validate_json(
        (SCHEME_FILES / "scheme_village_2022.json").read_text()
    )
    await answer_everything(
        through,
        officer,
        reviewer,
        str(village["assessment_id"]),
        definition,
    )
    await step("stage", {"stage": "office_verified"}, reviewer)
    return str(village["name"])


async def publications_office(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    """An office of its own (its first press release of the year is numbered 001) with a
    prevention officer who writes, a head who approves (never their own article) and
    decides, and a village verified by the office waiting for the decision."""
    code = await open_office(gateway, admin, "PB", ZONE)
    tag = uuid.uuid4().hex[:6]
    officer = await create_user(gateway, admin, f"humas{tag}", code, "prevention_officer")
    reviewer = await create_user(gateway, admin, f"tlpb{tag}", code, "prevention_officer")
    await create_user(gateway, admin, f"kplpb{tag}", code, "head")
    village = await _verified_village(gateway, officer, reviewer, tag)
    return {
        "APIK_PUBLICATIONS_USER": f"humas{tag}",
        "APIK_PUBLICATIONS_HEAD": f"kplpb{tag}",
        "APIK_PUBLICATIONS_OFFICE": code,
        "APIK_PUBLICATIONS_VILLAGE": village,  # office-verified, for the head to decide
    }
