"""The real producers in process: intake and examination's events become indicators.

Not through the gateway (tests/e2e/test_year_in_review.py is), but with the events the
services themselves publish, so a payload that changes under us shows here rather than
in December.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from apik_examination.app import create_app as create_examination
from apik_examination.settings import Settings as ExaminationSettings
from apik_intake.app import create_app as create_intake
from apik_intake.settings import Settings as IntakeSettings
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.ikm import ELEMENTS
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.services import test_keyring as keyring
from apik_testing.tokens import TestTokens
from tests.intake.builders import FORMALLY_COMPLETE
from tests.reporting.builders import eventually, kpis

REPORTS = "/api/v1/intake/reports"
_OTHER_ELEMENTS = [e.value for e in ELEMENTS if e.value != "requirements"]


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory
) -> AsyncIterator[RunningService]:
    settings = await service_settings(
        IntakeSettings,
        infra,
        "apik_intake",
        pii_keys=keyring(),
        attachments_dir=str(tmp_path_factory.mktemp("attachments")),
        deadline_scan_seconds=3600,
    )
    async with running(create_intake(settings), tokens) as service:
        yield service


@pytest.fixture(scope="module")
async def examination(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(ExaminationSettings, infra, "apik_examination")
    async with running(create_examination(settings), tokens) as service:
        yield service


def _report(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "kind": "LM",
        "channel": "walk_in",
        "reporter": {
            "name": "Budi Santoso",
            "nik": "1771010101900001",
            "place_of_birth": "Bengkulu",
            "date_of_birth": "1990-01-01",
            "address": "Jl. Salak No. 5, Kota Bengkulu",
            "occupation": "Petani",
            "phone": "0812 3456 7890",
        },
        "reported_agency": {"name": "Dinas Pendidikan Kota Bengkulu"},
        "substance": "education",
        "summary": "Ijazah ditahan",
        "chronology": "Sejak Juli sekolah menahan ijazah.",
        "event_date": datetime.now(UTC).date().isoformat(),
    }
    return body | overrides


async def _post(service: RunningService, path: str, body: dict, headers: dict) -> dict:
    response = await service.client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def test_a_flow_through_intake_and_examination(intake, examination, reporting, tokens):
    code = "F" + secrets.token_hex(3).upper()
    officer = tokens.headers("intake_officer", office=code, username="pvl1")
    examiner = tokens.headers("examiner", office=code, username="riksa1")
    head = tokens.headers("head", office=code)
    agency = {"name": "Dinas Pendidikan Kota Bengkulu", "type": "local_government"}
    accepted = await _post(intake, REPORTS, _report(reported_agency=agency), officer)
    await _post(intake, REPORTS, _report(channel="email", substance="land"), officer)
    knl = _report(kind="KNL", channel="phone", question="Syarat pindah domisili?", answer="Ini.")
    for field in ("reported_agency", "substance", "chronology", "event_date"):
        del knl[field]
    await _post(intake, REPORTS, knl, officer)
    for step, body in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        await _post(intake, f"{REPORTS}/{accepted['id']}/{step}", body, officer)

    async def case_of_report() -> list:
        response = await examination.client.get(
            "/api/v1/examination/cases", params={"report_id": accepted["id"]}, headers=examiner
        )
        return list(response.json()["items"])

    [case] = await eventually(case_of_report, lambda cases: len(cases) == 1)
    # An office the registry does not know counts in WIB.
    year = OfficeCalendar().local_date(datetime.now(UTC)).year
    opened = await eventually(
        lambda: kpis(reporting, head, year=year),
        lambda items: items["reports_in_process"]["achieved"] == 1,
    )
    assert opened["lm_registered"]["achieved"] == 2
    assert opened["knl_recorded"]["achieved"] == 1
    assert opened["reports_handed_over"]["achieved"] == 1

    detail = await examination.client.get(
        f"/api/v1/examination/cases/{case['id']}", headers=examiner
    )
    closed = await examination.client.post(
        f"/api/v1/examination/cases/{case['id']}/closure",
        json={
            "outcome": "withdrawn",
            "route": "reporter_request",
            "public_loss": {
                "kind": "prevented",
                "amount_idr": 4_750_000,
                "people_affected": 30,
                "description": "Pungutan ijazah dibatalkan sebelum dibayar.",
            },
        },
        headers={**examiner, "If-Match": detail.headers["etag"]},
    )
    assert closed.status_code in (200, 201), closed.text
    done = await eventually(
        lambda: kpis(reporting, head, year=year),
        lambda items: items["reports_closed"]["achieved"] == 1,
    )
    assert done["reports_in_process"]["achieved"] == 0
    assert done["closed_within_sla_pct"]["achieved"] == 100.0
    assert done["avg_working_days_to_close"]["achieved"] == 0.0
    outcome = await reporting.client.get(
        "/api/v1/reporting/breakdowns/outcome", params={"year": year}, headers=head
    )
    assert outcome.json()["items"] == [{"outcome": "withdrawn", "count": 1}]
    # The loss examination recorded, by the substance and the agency type intake recorded.
    assert done["public_loss_prevented_idr"]["achieved"] == 4_750_000
    loss = await reporting.client.get(
        "/api/v1/reporting/breakdowns/public_loss", params={"year": year}, headers=head
    )
    [row] = loss.json()["items"]
    assert (row["office"], row["substance"], row["agency_type"]) == (
        code,
        "education",
        "local_government",
    )
    assert (row["prevented_cases"], row["prevented_people"], row["prevented_idr"]) == (
        1,
        30,
        4_750_000,
    )
    staff = await reporting.client.get(
        "/api/v1/reporting/staff", params={"year": year}, headers=head
    )
    # Keyed by the gateway's subject, which intake publishes beside the username.
    people = {row["person"]: row for row in staff.json()["items"]}
    pvl1 = people["user:pvl1"]
    assert pvl1["username"] == "pvl1"
    assert pvl1["reports_verified"] == 1 and pvl1["consultations_answered"] == 1

    # The reporter answers the survey: examination publishes case.surveyed, the IKM moves.
    # Intake mints the link on case.closed (the reporter finds it on the tracking page)
    # and examination opens the survey to it once told its hash.
    token = await eventually(
        lambda: intake.scalar("SELECT survey_token FROM report WHERE id = :id", id=accepted["id"]),
        bool,
    )
    survey = f"/api/v1/examination/public/surveys/{token}"

    async def survey_status() -> int:
        return (await examination.client.get(survey)).status_code

    await eventually(survey_status, lambda status: status == 200)
    answers = {"requirements": 3} | {e: 4 for e in _OTHER_ELEMENTS}
    await _post(examination, survey, {"answers": answers}, {})
    surveyed = await eventually(
        lambda: kpis(reporting, head, year=year), lambda items: items["ikm"]["achieved"]
    )
    own = await examination.client.get(
        "/api/v1/examination/ikm", params={"case_id": case["id"]}, headers=head
    )
    # Both services compute with apik_shared.vocabulary.ikm: the same index for the same answers.
    assert surveyed["ikm"]["achieved"] == float(own.json()["index"]) == 97.22
