"""A certificate is issued when the internship meets the rules of completion, counted from
the intern's own attendance and logbook over the period's working days by the office's
calendar (a stated recap only for the days before the records began, with a reason);
`intern.completed` is published, the PDF prints with its QR code, and the code verifies
in public with the name partly masked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

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
    record_days,
)

# Two weeks of June 2025: ten weekdays, less 6 June (Iduladha) and 9 June (its cuti
# bersama): 8 working days (2, 3, 4, 5, 10, 11, 12, 13 June). 80 % of 8 is 6.4, so 7
# days present are needed.
JUNE = {"period_start": "2025-06-02", "period_end": "2025-06-13"}
WORKING = [f"2025-06-{d:02}" for d in (2, 3, 4, 5, 10, 11, 12, 13)]
REASON = "Presensi daring belum ada; rekap dari daftar hadir kertas yang ditandatangani."
# An intern with no record of their own: the whole period is stated, with the reason.
STATED = {
    "evaluation_score": 85,
    "before_records": {"days_present": 7, "logbook_approved": 8, "reason": REASON},
}


def completion(application_id: str) -> str:
    return f"{APPLICATIONS}/{application_id}/completion"


async def complete(
    internship: RunningService, supervisor: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An internship whose records show 7 of 8 days present (absent on 13 June) and 8
    approved entries."""
    filed = await accepted(internship, supervisor, **JUNE)
    await record_days(
        internship,
        filed["id"],
        attended=WORKING[:7],
        logbook=dict.fromkeys(WORKING, "approved"),
    )
    answer = await internship.client.post(
        completion(filed["id"]), json={"evaluation_score": 85}, headers=supervisor
    )
    assert answer.status_code == 201, answer.text
    return filed, answer.json()


async def test_a_completed_internship_gets_its_certificate_and_intern_completed(
    internship: RunningService, supervisor: dict[str, str], infra: TestInfra
):
    filed, certificate = await complete(internship, supervisor)
    assert certificate["working_days"] == 8 and certificate["attendance_percent"] == 87.5
    assert certificate["logbook_percent"] == 100.0 and certificate["issued_by"] == "pembimbing"
    assert certificate["records_began"] == "2025-06-02" and certificate["stated_reason"] is None
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
    # Found from its internship too (how the web app prints it in a format).
    found = await internship.client.get(
        f"{APPLICATIONS}/{filed['id']}/certificate", headers=supervisor
    )
    assert found.status_code == 200 and found.json() == certificate


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
    address = f"http://localhost:8000/magang/cek/{code}"  # the web app's check page
    assert "SERTIFIKAT" in text and "RinaKartika" in text and address in text
    refused = await internship.client.get(
        f"{CERTIFICATES}/{certificate['id']}/certificate.pdf", headers=head
    )
    assert refused.status_code == 403

    # The page the QR opens asks the public check route with the same code.
    check = await internship.client.get(f"{V1}/public/certificates/{code}")
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
    # Five days attended and one sick day are 6 present: one short of 7.
    await record_days(
        internship,
        filed["id"],
        attended=WORKING[:5],
        excused={"2025-06-11": "sick"},
        logbook=dict.fromkeys(WORKING, "approved"),
    )
    answer = await internship.client.post(
        completion(filed["id"]), json={"evaluation_score": 69}, headers=supervisor
    )
    assert answer.status_code == 409 and answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    assert problem["type"].endswith("completion-not-met")
    assert [(e["pointer"], e["detail"].split(":")[0]) for e in problem["errors"]] == [
        ("#/body", "attendance"),
        ("#/body/evaluation_score", "evaluation"),
    ]
    assert "has 6 days" in problem["errors"][0]["detail"]
    assert (
        await internship.scalar(
            "SELECT count(*) FROM certificate WHERE application_id = :a", a=filed["id"]
        )
        == 0
    )
    assert await internship.outbox_events("intern.completed", subject=filed["id"]) == []


async def test_records_on_holidays_count_for_nothing_and_the_sick_day_counts(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    # Present: 6 days attended and 13 June sick = 7. The entries of 6 and 9 June
    # (Iduladha, cuti bersama) are approved but not working days: 6 of 8 approved, and a
    # returned one on 12 June does not count either: 80 % of 8 asks 7, so the logbook
    # alone fails.
    await record_days(
        internship,
        filed["id"],
        attended=[*WORKING[:6], "2025-06-06"],
        excused={"2025-06-13": "sick"},
        logbook=dict.fromkeys([*WORKING[:6], "2025-06-06", "2025-06-09"], "approved")
        | {"2025-06-12": "returned"},
    )
    answer = await internship.client.post(
        completion(filed["id"]), json={"evaluation_score": 90}, headers=supervisor
    )
    assert answer.status_code == 409, answer.text
    [error] = answer.json()["errors"]
    assert error["detail"] == "logbook: needs 80% of 8 working days, has 6 approved entries"
    assert error["pointer"] == "#/body" and error["code"] == "logbook_too_few"
    assert error["params"] == {"percent": 80, "working_days": 8, "approved": 6}

    # Approving the 12 June entry makes 7: complete, with 7 of 8 days present.
    async with internship.app.state.database.sessions() as session:
        await session.execute(
            text("UPDATE logbook_entry SET status = 'approved' WHERE application_id = :a"),
            {"a": filed["id"]},
        )
        await session.commit()
    done = await internship.client.post(
        completion(filed["id"]), json={"evaluation_score": 90}, headers=supervisor
    )
    assert done.status_code == 201, done.text
    assert (done.json()["days_present"], done.json()["logbook_approved"]) == (7, 7)


async def test_the_days_before_the_records_began_are_stated_with_a_reason(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    # The records begin on 10 June: 2, 3, 4 and 5 June (4 working days) come before.
    await record_days(
        internship,
        filed["id"],
        attended=WORKING[4:],
        logbook=dict.fromkeys(WORKING[4:], "approved"),
    )
    stated = {"days_present": 3, "logbook_approved": 4, "reason": REASON}
    too_many = await internship.client.post(
        completion(filed["id"]),
        json={"evaluation_score": 80, "before_records": {**stated, "days_present": 5}},
        headers=supervisor,
    )
    assert too_many.status_code == 422, too_many.text
    assert too_many.json()["errors"][0]["pointer"] == "#/body/before_records/days_present"
    no_reason = await internship.client.post(
        completion(filed["id"]),
        json={"evaluation_score": 80, "before_records": {**stated, "reason": " "}},
        headers=supervisor,
    )
    assert no_reason.status_code == 422
    assert "before_records" in no_reason.json()["errors"][0]["pointer"]

    done = await internship.client.post(
        completion(filed["id"]),
        json={"evaluation_score": 80, "before_records": stated},
        headers=supervisor,
    )
    assert done.status_code == 201, done.text
    certificate = done.json()
    # 4 counted + 3 stated present = 7; 4 counted + 4 stated approved = 8.
    assert (certificate["days_present"], certificate["logbook_approved"]) == (7, 8)
    assert certificate["records_began"] == "2025-06-10"
    assert (certificate["stated_days_present"], certificate["stated_logbook_approved"]) == (3, 4)
    assert certificate["stated_reason"] == REASON


async def test_nothing_may_be_stated_when_the_records_began_with_the_period(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    await record_days(internship, filed["id"], attended=WORKING[:1])
    answer = await internship.client.post(
        completion(filed["id"]),
        json={
            "evaluation_score": 80,
            "before_records": {"days_present": 1, "logbook_approved": 0, "reason": REASON},
        },
        headers=supervisor,
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["pointer"] == "#/body/before_records"
    # The old stated fields are not accepted any more: the recap is counted.
    old = await internship.client.post(
        completion(filed["id"]),
        json={"days_present": 8, "logbook_approved": 8, "evaluation_score": 80},
        headers=supervisor,
    )
    assert old.status_code == 422


async def test_no_certificate_before_the_period_ends_nor_twice_nor_unaccepted(
    internship: RunningService, supervisor: dict[str, str]
):
    future = await accepted(internship, supervisor)  # February to April 2027
    none_yet = await internship.client.get(
        f"{APPLICATIONS}/{future['id']}/certificate", headers=supervisor
    )
    assert none_yet.status_code == 404 and none_yet.headers["content-type"] == PROBLEM
    early = await internship.client.post(
        completion(future["id"]),
        json={"evaluation_score": 90},
        headers=supervisor,
    )
    assert early.status_code == 409 and early.json()["type"].endswith("completion-not-met")
    assert "period" in early.json()["detail"]

    filed, _ = await complete(internship, supervisor)
    again = await internship.client.post(completion(filed["id"]), json=STATED, headers=supervisor)
    assert again.status_code == 409 and again.json()["type"].endswith("already-issued")

    pending = await apply(internship, **JUNE)
    refused = await internship.client.post(
        completion(pending["id"]), json=STATED, headers=supervisor
    )
    assert refused.status_code == 409 and refused.json()["type"].endswith("not-allowed")


async def test_a_retry_with_the_same_idempotency_key_replays_the_certificate(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, **JUNE)
    headers = {**supervisor, "Idempotency-Key": f"complete-{filed['id']}"}
    first = await internship.client.post(completion(filed["id"]), json=STATED, headers=headers)
    second = await internship.client.post(completion(filed["id"]), json=STATED, headers=headers)
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
    issued = await internship.client.post(completion(filed["id"]), json=STATED, headers=supervisor)
    assert issued.status_code == 201
    mine = await internship.client.get(f"{V1}/interns/me/certificate.pdf", headers=intern)
    assert mine.status_code == 200
    assert issued.json()["verification_code"] in "".join(text_of(mine.content).split())
