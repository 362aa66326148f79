"""A certificate is issued when the internship meets the rules of completion (the period's
working days by the office's calendar), `intern.completed` is published, the PDF prints
with its QR code, and the code verifies in public with the name partly masked."""

from __future__ import annotations

from typing import Any

from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.infra import TestInfra
from apik_testing.pdf import text_of
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import (
    APPLICATIONS,
    CERTIFICATES,
    PROBLEM,
    V1,
    accepted,
    apply,
    events_on_stream,
    link_account,
)

# Two weeks of June 2025: ten weekdays, less 6 June (Iduladha) and 9 June (its cuti
# bersama): 8 working days. 80 % of 8 is 6.4, so 7 days present are needed.
JUNE = {"period_start": "2025-06-02", "period_end": "2025-06-13"}
RECAP = {"days_present": 7, "logbook_approved": 8, "evaluation_score": 85}


def completion(application_id: str) -> str:
    return f"{APPLICATIONS}/{application_id}/completion"


async def complete(
    internship: RunningService, supervisor: dict[str, str], **recap: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    filed = await accepted(internship, supervisor, **JUNE)
    answer = await internship.client.post(
        completion(filed["id"]), json={**RECAP, **recap}, headers=supervisor
    )
    assert answer.status_code == 201, answer.text
    return filed, answer.json()


async def test_a_completed_internship_gets_its_certificate_and_intern_completed(
    internship: RunningService, supervisor: dict[str, str], infra: TestInfra
):
    filed, certificate = await complete(internship, supervisor)
    assert certificate["working_days"] == 8 and certificate["attendance_percent"] == 87.5
    assert certificate["logbook_percent"] == 100.0 and certificate["issued_by"] == "pembimbing"
    assert certificate["verification_code"].startswith("SRT-")
    [event] = await internship.outbox_events("intern.completed", subject=filed["id"])
    assert event.data["certificate_id"] == certificate["id"]
    assert event.data["period_end"] == "2025-06-13" and event.data["unit"] == "intake"
    assert "Rina" not in str(event.data)  # references, never the intern's name

    async def on_stream() -> list[CloudEvent]:
        events = await events_on_stream(infra.nats_url, "apik.internship.intern.completed")
        return [e for e in events if e.subject == filed["id"]]

    [published] = await eventually(on_stream, within=10)
    assert published.data["certificate_id"] == certificate["id"]

    read = await internship.client.get(f"{CERTIFICATES}/{certificate['id']}", headers=supervisor)
    assert read.status_code == 200 and read.json() == certificate


async def test_the_printed_certificates_qr_address_verifies_with_the_name_partly_masked(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str]
):
    _, certificate = await complete(internship, supervisor)
    printed = await internship.client.get(
        f"{CERTIFICATES}/{certificate['id']}/certificate.pdf", headers=supervisor
    )
    assert printed.status_code == 200 and printed.headers["content-type"] == "application/pdf"
    text = "".join(text_of(printed.content).split())
    code = certificate["verification_code"]
    address = f"http://localhost:8000{V1}/public/certificates/{code}"
    assert "SERTIFIKAT" in text and "RinaKartika" in text and address in text
    refused = await internship.client.get(
        f"{CERTIFICATES}/{certificate['id']}/certificate.pdf", headers=head
    )
    assert refused.status_code == 403

    check = await internship.client.get(address.removeprefix("http://localhost:8000"))
    assert check.status_code == 200, check.text
    assert check.json() | {"issued_at": None} == {
        "document": "certificate",
        "valid": True,
        "name": "Rina K******",
        "institution": "Universitas Bengkulu",
        "programme": "Magang MBKM (20 SKS)",
        "unit": "intake",
        "period_start": "2025-06-02",
        "period_end": "2025-06-13",
        "office": "KAB",
        "office_name": "KAB",
        "issued_at": None,
    }


async def test_an_unknown_certificate_code_is_a_404_problem(internship: RunningService):
    for code in ("SRT-0000-0000-0000-0000", "x", "PNR-0000-0000-0000-0000"):
        answer = await internship.client.get(f"{V1}/public/certificates/{code}")
        assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM


async def test_one_day_short_of_attendance_names_the_rule_and_writes_nothing(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    answer = await internship.client.post(
        completion(filed["id"]),
        json={**RECAP, "days_present": 6, "evaluation_score": 69},
        headers=supervisor,
    )
    assert answer.status_code == 409 and answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    assert problem["type"].endswith("completion-not-met")
    assert [e["pointer"] for e in problem["errors"]] == [
        "#/body/days_present",
        "#/body/evaluation_score",
    ]
    assert (
        await internship.scalar(
            "SELECT count(*) FROM certificate WHERE application_id = :a", a=filed["id"]
        )
        == 0
    )
    assert await internship.outbox_events("intern.completed", subject=filed["id"]) == []


async def test_no_certificate_before_the_period_ends_nor_twice_nor_unaccepted(
    internship: RunningService, supervisor: dict[str, str]
):
    future = await accepted(internship, supervisor)  # February to April 2027
    early = await internship.client.post(
        completion(future["id"]),
        json={"days_present": 0, "logbook_approved": 0, "evaluation_score": 90},
        headers=supervisor,
    )
    assert early.status_code == 409 and early.json()["type"].endswith("completion-not-met")
    assert "period" in early.json()["detail"]

    filed, _ = await complete(internship, supervisor)
    again = await internship.client.post(completion(filed["id"]), json=RECAP, headers=supervisor)
    assert again.status_code == 409 and again.json()["type"].endswith("already-issued")

    pending = await apply(internship, **JUNE)
    refused = await internship.client.post(
        completion(pending["id"]), json=RECAP, headers=supervisor
    )
    assert refused.status_code == 409 and refused.json()["type"].endswith("not-allowed")


async def test_more_days_than_the_period_has_is_a_422_naming_the_field(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    answer = await internship.client.post(
        completion(filed["id"]), json={**RECAP, "logbook_approved": 9}, headers=supervisor
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "#/body/logbook_approved"


async def test_a_retry_with_the_same_idempotency_key_replays_the_certificate(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    headers = {**supervisor, "Idempotency-Key": f"complete-{filed['id']}"}
    first = await internship.client.post(completion(filed["id"]), json=RECAP, headers=headers)
    second = await internship.client.post(completion(filed["id"]), json=RECAP, headers=headers)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json() == second.json()
    assert first.headers["location"] == second.headers["location"]
    assert first.headers["location"] == f"{CERTIFICATES}/{first.json()['id']}"


async def test_the_intern_prints_their_own_certificate_once_issued(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    filed = await accepted(internship, supervisor, **JUNE)
    await link_account(internship, supervisor, filed["id"], "magang.sertifikat")
    intern = tokens.headers("intern", office="KAB", username="magang.sertifikat")
    early = await internship.client.get(f"{V1}/interns/me/certificate.pdf", headers=intern)
    assert early.status_code == 404 and early.headers["content-type"] == PROBLEM
    issued = await internship.client.post(completion(filed["id"]), json=RECAP, headers=supervisor)
    assert issued.status_code == 201
    mine = await internship.client.get(f"{V1}/interns/me/certificate.pdf", headers=intern)
    assert mine.status_code == 200
    assert issued.json()["verification_code"] in "".join(text_of(mine.content).split())
