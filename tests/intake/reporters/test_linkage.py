"""Issue 16, item 1: a confidential report cannot be tied to its reporter's other reports.

Each test performs the attack of the issue: a role not entitled to a confidential
reporter's identity (an examiner, an analyst) collects every reference a confidential
report shows, in any answer or event, and tries to reach the same person's other report,
whose identity it may read. Roles entitled to the confidential identity still see the
link, and each time they do, the identity read audit says so.
"""

from __future__ import annotations

import csv
import io
import re
import uuid

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import FORMALLY_COMPLETE, REPORTS, report_body

NIK, PHONE, EMAIL = "1771016506880003", "+62 813-7777-1234", "siti.r@example.id"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def office() -> str:
    return "L" + uuid.uuid4().hex[:5].upper()


async def register(
    intake: RunningService, headers: dict[str, str], *, confidential: bool, **overrides: object
) -> dict:
    reporter = {
        **report_body()["reporter"],
        "name": "Siti Rahmawati",
        "nik": NIK,
        "date_of_birth": "1988-06-25",  # as the NIK has it (a woman: day 65 = 25)
        "phone": PHONE,
        "email": EMAIL,
    }
    body = report_body(reporter={**reporter, "confidential": confidential}, **overrides)
    response = await intake.client.post(REPORTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def the_pair(
    intake: RunningService, tokens: TestTokens, *, confidential_first: bool = True
) -> tuple[str, dict, dict]:
    """An office where one person filed a confidential report and an ordinary one, on
    unrelated matters (nothing but the person ties them)."""
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    secret_matter = {
        "reported_agency": {"name": "PDAM Tirta Dharma Kabupaten Seluma"},
        "substance": "drinking_water",
        "summary": "Air PDAM tidak mengalir tiga minggu",
        "chronology": "Sejak awal Agustus air PDAM tidak mengalir ke rumah warga.",
    }
    ordinary_matter = {
        "reported_agency": {"name": "Kantor Pertanahan Kota Bengkulu"},
        "substance": "land",
        "summary": "Sertifikat tanah belum terbit setelah dua tahun",
        "chronology": "Permohonan sertifikat diajukan pada 2024 dan belum ada kabar.",
    }
    if confidential_first:
        secret = await register(intake, officer, confidential=True, **secret_matter)
        ordinary = await register(intake, officer, confidential=False, **ordinary_matter)
    else:
        ordinary = await register(intake, officer, confidential=False, **ordinary_matter)
        secret = await register(intake, officer, confidential=True, **secret_matter)
    return where, secret, ordinary


async def get_json(intake: RunningService, url: str, headers: dict[str, str], **params) -> dict:
    response = await intake.client.get(url, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: dict = response.json()
    return body


async def listed_ids(intake: RunningService, headers: dict[str, str], **params) -> set[str]:
    body = await get_json(intake, REPORTS, headers, limit=100, **params)
    return {item["id"] for item in body["items"]}


async def references_shown(intake: RunningService, report: dict, headers: dict[str, str]) -> set:
    """Every id the caller is shown about a report, its own id left out: the detail, the
    list item, the identity answer, its duplicate candidates."""
    listed = (await get_json(intake, REPORTS, headers, limit=100))["items"]
    answers: list[object] = [
        await get_json(intake, f"{REPORTS}/{report['id']}", headers),
        [item for item in listed if item["id"] == report["id"]],
        await get_json(intake, f"{REPORTS}/{report['id']}/reporter", headers, purpose="telaah"),
        await get_json(intake, f"{REPORTS}/{report['id']}/duplicates", headers),
    ]
    found: set[str] = set()
    for answer in answers:
        found |= set(UUID.findall(str(answer)))
    return found - {report["id"]}


async def test_an_examiner_cannot_reach_a_confidential_reporter_through_the_person_filter(
    intake, tokens: TestTokens
):
    """(a) The attack of the issue, in both orders of filing."""
    for confidential_first in (True, False):
        where, secret, ordinary = await the_pair(
            intake, tokens, confidential_first=confidential_first
        )
        examiner = tokens.headers("examiner", office=where, username="pemeriksa")
        for reference in await references_shown(intake, secret, examiner):
            found = await listed_ids(intake, examiner, person_id=reference)
            assert ordinary["id"] not in found, (confidential_first, reference)
        # From the ordinary report's side: its person does not lead to the secret one.
        person = (await get_json(intake, f"{REPORTS}/{ordinary['id']}", examiner))["reporter"][
            "person_id"
        ]
        assert person is not None  # an ordinary report keeps its link
        assert secret["id"] not in await listed_ids(intake, examiner, person_id=person)
        analyst = tokens.headers("analyst", office=where)
        assert secret["id"] not in await listed_ids(intake, analyst, person_id=person)


async def test_no_answer_about_a_confidential_report_carries_its_person(intake, tokens: TestTokens):
    """(b) The withheld identity answer, the list item, the detail, the duplicate
    candidates and the CSV export."""
    where, secret, ordinary = await the_pair(intake, tokens, confidential_first=False)
    for role in ("examiner", "analyst", "intake_officer"):
        caller = tokens.headers(role, office=where)
        withheld = await get_json(
            intake, f"{REPORTS}/{secret['id']}/reporter", caller, purpose="telaah"
        )
        assert withheld["disclosure"] == "withheld"
        assert withheld["person_id"] is None, role
        detail = await get_json(intake, f"{REPORTS}/{secret['id']}", caller)
        assert detail["reporter"]["person_id"] is None, role
        assert detail["reporter"]["matched_on"] == [], role
        [item] = [
            i
            for i in (await get_json(intake, REPORTS, caller, limit=100))["items"]
            if i["id"] == secret["id"]
        ]
        assert item["reporter"]["person_id"] is None and item["reporter"]["matched_on"] == []
        # Duplicates: nothing but the person ties the two, so neither lists the other.
        for one, other in ((secret, ordinary), (ordinary, secret)):
            page = await get_json(intake, f"{REPORTS}/{one['id']}/duplicates", caller)
            assert other["id"] not in {c["report_id"] for c in page["items"]}, role
        # The export by the ordinary report's person holds the ordinary report only.
        ordinary_detail = await get_json(intake, f"{REPORTS}/{ordinary['id']}", caller)
        person = ordinary_detail["reporter"]["person_id"]
        exported = await intake.client.get(
            REPORTS, params={"person_id": person, "format": "csv"}, headers=caller
        )
        assert exported.status_code == 200, exported.text
        rows = csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")))
        numbers = {row["Nomor registrasi"] for row in rows}
        assert numbers == {ordinary["registration_number"]}, role


async def test_a_search_by_identity_finds_no_confidential_report(intake, tokens: TestTokens):
    """(c) Staff search is full text over the matter (summary, chronology), never over the
    reporter: a NIK, a phone or an email finds nothing of a confidential report."""
    where, secret, ordinary = await the_pair(intake, tokens)
    examiner = tokens.headers("examiner", office=where)
    for term in (NIK, "081377771234", "+6281377771234", EMAIL, "Siti Rahmawati"):
        found = await listed_ids(intake, examiner, q=term)
        assert found.isdisjoint({secret["id"], ordinary["id"]}), term
        exported = await intake.client.get(
            REPORTS, params={"q": term, "format": "csv"}, headers=examiner
        )
        assert secret["registration_number"] not in exported.text, term


async def verify(intake: RunningService, report: dict, headers: dict[str, str]) -> None:
    steps = [
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ]
    for path, body in steps:
        response = await intake.client.post(
            f"{REPORTS}/{report['id']}/{path}", json=body, headers=headers
        )
        assert response.status_code == 200, response.text


async def test_the_events_of_a_confidential_report_name_no_person(intake, tokens: TestTokens):
    """(d) `reporter_id` in `report.verified` is a reference per report: the examination
    service (and whoever reads the stream) cannot use it to find the person's other
    reports, as the first report's reporter id once was the person's id."""
    where, secret, ordinary = await the_pair(intake, tokens)
    officer = tokens.headers("intake_officer", office=where)
    await verify(intake, secret, officer)
    await verify(intake, ordinary, officer)
    events = [
        *await intake.outbox_events("report.registered", subject=secret["id"]),
        *await intake.outbox_events("report.verified", subject=secret["id"]),
    ]
    [ordinary_handoff] = await intake.outbox_events("report.verified", subject=ordinary["id"])
    examiner = tokens.headers("examiner", office=where)
    references = set()
    for event in events:
        references |= set(UUID.findall(event.to_json().decode()))
    references -= {secret["id"]}
    assert references  # the handoff does carry the reporter reference examination keeps
    for reference in references:
        assert ordinary["id"] not in await listed_ids(intake, examiner, person_id=reference)
        assert reference not in ordinary_handoff.to_json().decode()
    person = await intake.scalar(
        "SELECT person_id FROM reporter WHERE id = :id", id=uuid.UUID(secret["reporter"]["id"])
    )
    assert str(person) not in references


async def test_the_entitled_role_sees_the_link_and_the_audit_records_it(intake, tokens: TestTokens):
    """The head (the office's designated role) follows the person across both reports;
    every time the confidential report's link is shown, the identity read audit has it."""
    where, secret, ordinary = await the_pair(intake, tokens)
    head = tokens.headers("head", office=where, username="kepala")
    full = await get_json(
        intake, f"{REPORTS}/{secret['id']}/reporter", head, purpose="tanda tangan LHP"
    )
    assert full["disclosure"] == "full" and full["person_id"] is not None
    assert await listed_ids(intake, head, person_id=full["person_id"]) == {
        secret["id"],
        ordinary["id"],
    }
    page = await get_json(intake, f"{REPORTS}/{ordinary['id']}/duplicates", head)
    [candidate] = [c for c in page["items"] if c["report_id"] == secret["id"]]
    assert candidate["reasons"] == ["same_reporter"]
    audit = await intake.scalar(
        "SELECT string_agg(disclosure, ',' ORDER BY id) FROM identity_read"
        " WHERE report_id = :id AND actor_username = 'kepala'",
        id=uuid.UUID(secret["id"]),
    )
    assert audit == "full,link,link"
    # An ordinary report's person filter, by an examiner, records nothing: no link shown.
    examiner = tokens.headers("examiner", office=where)
    assert await listed_ids(intake, examiner, person_id=full["person_id"]) == {ordinary["id"]}
    audited = await intake.scalar(
        "SELECT count(*) FROM identity_read WHERE office = :office", office=where
    )
    assert audited == 3
