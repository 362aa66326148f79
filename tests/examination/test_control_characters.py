"""NUL (and any control character) in a text of a creating body: 422 problem+json
naming the field, and nothing stored (PostgreSQL text cannot hold NUL; other control
characters in a name are forged input)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.examination.builders import API, answers, closed_case, new_case, put_examiner

NUL = "Bu\x00di"


def today() -> str:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()


def refused(response, pointer: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert pointer in [e["pointer"] for e in response.json()["errors"]], response.text


async def case_rows(service, case_id: str) -> tuple:
    """Everything a write on the case could have stored."""
    ident = uuid.UUID(case_id)
    return tuple(
        [
            await service.scalar(
                "SELECT row_to_json(c)::text FROM examination_case c WHERE id = :c", c=ident
            )
        ]
        + [
            await service.scalar(f"SELECT count(*) FROM {table} WHERE case_id = :c", c=ident)
            for table in ("case_event", "case_activity", "case_conclusion", "case_closure")
        ]
    )


@pytest.mark.parametrize("field", ["agency", "name", "position", "phone", "email"])
async def test_a_contact(examination, tokens, field):
    body = {"agency": "Dinas Pendidikan", "name": "Sari", field: NUL}
    before = await examination.scalar("SELECT count(*) FROM agency_contact")
    response = await examination.client.post(
        f"{API}/contacts", json=body, headers=tokens.headers("examiner")
    )
    refused(response, f"#/body/{field}")
    assert await examination.scalar("SELECT count(*) FROM agency_contact") == before


async def test_an_activity_and_its_documents(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    before = await case_rows(examination, case["id"])
    url = f"{API}/cases/{case['id']}/activities"
    letter = {"kind": "written_clarification", "held_on": today(), "summary": "Surat"}
    document = {"name": "Surat klarifikasi", "reference": "arsip/2026/17"}
    for body, pointer in [
        ({**letter, "summary": NUL}, "#/body/summary"),
        ({**letter, "documents": [{**document, "name": NUL}]}, "#/body/documents/0/name"),
        ({**letter, "documents": [{**document, "reference": NUL}]}, "#/body/documents/0/reference"),
    ]:
        response = await examination.client.post(url, json=body, headers=tokens.headers("examiner"))
        refused(response, pointer)
    assert await case_rows(examination, case["id"]) == before


async def test_a_final_report_and_a_closure(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    before = await case_rows(examination, case["id"])
    examiner = tokens.headers("examiner")
    found = {"finding": "maladministration_found", "forms": ["undue_delay"], "summary": "LHP"}
    for body, pointer in [
        ({**found, "summary": NUL}, "#/body/summary"),
        ({**found, "corrective_actions": [NUL]}, "#/body/corrective_actions"),
        ({**found, "recommendation": NUL}, "#/body/recommendation"),
    ]:
        response = await examination.client.post(
            f"{API}/cases/{case['id']}/conclusion", json=body, headers=examiner
        )
        refused(response, pointer)
    loss = {"kind": "prevented", "amount_idr": 1000, "description": "Biaya"}
    closing = {"outcome": "withdrawn", "route": "reporter_request"}
    for closure, pointer in [
        ({**closing, "note": NUL}, "#/body/note"),
        (
            {**closing, "public_loss": {**loss, "description": NUL}},
            "#/body/public_loss/description",
        ),
    ]:
        response = await examination.client.post(
            f"{API}/cases/{case['id']}/closure", json=closure, headers=examiner
        )
        refused(response, pointer)
    assert await case_rows(examination, case["id"]) == before
    assert await examination.outbox_events("case.closed", subject=case["id"]) == []


async def test_an_assignment_and_a_roster_entry(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    supervisor = tokens.headers("examination_supervisor")
    await put_examiner(examination, supervisor, "BKL", "user:budi")
    before = await case_rows(examination, case["id"])
    for body, pointer in [
        ({"examiner_id": NUL}, "#/body/examiner_id"),
        ({"examiner_id": "user:budi", "note": NUL}, "#/body/note"),
    ]:
        response = await examination.client.post(
            f"{API}/cases/{case['id']}/assignment", json=body, headers=supervisor
        )
        refused(response, pointer)
    assert await case_rows(examination, case["id"]) == before
    url = f"{API}/offices/BKL/examiners/user:nul"
    for field in ("display_name", "team"):
        entry = {"display_name": "Nul", "capacity": 3, field: NUL}
        refused(
            await examination.client.put(url, json=entry, headers=supervisor), f"#/body/{field}"
        )
    assert (
        await examination.scalar("SELECT count(*) FROM examiner WHERE examiner_id = 'user:nul'")
        == 0
    )


async def test_a_survey_comment(infra, examination, tokens):
    case, token = await closed_case(infra, examination, tokens)
    url = f"{API}/public/surveys/{token}"
    response = await examination.client.post(url, json={"answers": answers(4), "comment": NUL})
    refused(response, "#/body/comment")
    assert (await examination.client.get(url)).json()["answered"] is False
    assert await examination.outbox_events("case.surveyed", subject=case["id"]) == []
