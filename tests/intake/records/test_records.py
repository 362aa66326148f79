"""Letters with agenda numbers, archive files and their lending."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from apik_intake.records.rules import is_overdue
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.indonesian import tanggal
from apik_testing.pdf import fonts_of, pages_text, text_of
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import register_office, report_body

PROBLEM = "application/problem+json"
V1 = "/api/v1/intake"
# The offices of these tests have the default zone (WIB): their dates are Jakarta's.
WIB = OfficeCalendar("Asia/Jakarta")


def office_today() -> date:
    return WIB.local_date(datetime.now(UTC))


def test_a_loan_is_overdue_after_its_due_day_until_it_comes_back():
    today = date(2026, 11, 24)
    assert not is_overdue(date(2026, 11, 24), None, today)
    assert is_overdue(date(2026, 11, 23), None, today)
    assert not is_overdue(date(2026, 11, 23), datetime(2026, 11, 24, tzinfo=UTC), today)


def office_headers(tokens: TestTokens, role: str = "intake_officer") -> tuple[str, dict]:
    office = "AR" + uuid.uuid4().hex[:4].upper()
    return office, tokens.headers(role, office=office, username="arsiparis")


async def test_letters_get_agenda_numbers_per_direction_and_link_to_reports(intake, tokens):
    office, headers = office_headers(tokens)
    report = (await intake.client.post(f"{V1}/reports", json=report_body(), headers=headers)).json()
    incoming = {
        "direction": "incoming",
        "letter_number": "421/123/Disdik/2026",
        "letter_date": "2026-08-01",
        "correspondent": "Dinas Pendidikan Kota Bengkulu",
        "subject": "Tanggapan atas permintaan klarifikasi",
        "report_id": report["id"],
    }
    first = await intake.client.post(f"{V1}/letters", json=incoming, headers=headers)
    assert first.status_code == 201, first.text
    year = office_today().year
    assert first.json()["agenda_number"] == f"{office}/SM/{year}/00001"
    second = await intake.client.post(f"{V1}/letters", json=incoming, headers=headers)
    assert second.json()["agenda_number"] == f"{office}/SM/{year}/00002"
    outgoing = {
        "direction": "outgoing",
        "correspondent": "Kepala SMA Negeri 5 Kota Bengkulu",
        "subject": "Permintaan klarifikasi tertulis",
        "report_id": report["id"],
    }
    out = await intake.client.post(f"{V1}/letters", json=outgoing, headers=headers)
    assert out.json()["agenda_number"] == f"{office}/SK/{year}/00001"
    listed = await intake.client.get(
        f"{V1}/letters", params={"report_id": report["id"], "limit": 2}, headers=headers
    )
    page = listed.json()
    assert [item["id"] for item in page["items"]] == [out.json()["id"], second.json()["id"]]
    rest = await intake.client.get(
        f"{V1}/letters",
        params={"report_id": report["id"], "cursor": page["next_cursor"]},
        headers=headers,
    )
    assert [item["id"] for item in rest.json()["items"]] == [first.json()["id"]]


async def test_bad_letters_name_the_field_and_store_nothing(intake, tokens):
    office, headers = office_headers(tokens)
    good = {"direction": "incoming", "correspondent": "Warga", "subject": "Surat"}
    cases = [
        ({**good, "direction": "sideways"}, "#/body/direction"),
        ({**good, "letter_date": "2999-01-01"}, "#/body/letter_date"),
        ({**good, "correspondent": ""}, "#/body/correspondent"),
        ({**good, "report_id": str(uuid.uuid4())}, "#/body/report_id"),
    ]
    for body, pointer in cases:
        response = await intake.client.post(f"{V1}/letters", json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == pointer
    assert await intake.scalar("SELECT count(*) FROM letter WHERE office = :o", o=office) == 0


async def lend(intake: RunningService, headers: dict, file_id: str, borrower: str, days: int):
    due = (office_today() + timedelta(days=days)).isoformat()
    return await intake.client.post(
        f"{V1}/archive/files/{file_id}/loans",
        json={"borrower": borrower, "purpose": "pemeriksaan", "due_on": due},
        headers=headers,
    )


async def test_archive_files_are_lent_returned_and_listed_when_overdue(intake, tokens):
    office, headers = office_headers(tokens)
    created = await intake.client.post(
        f"{V1}/archive/files",
        json={"code": "B-2026-001", "title": "Berkas ijazah ditahan", "location": "Rak 3"},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    file_id = created.json()["id"]
    same_code = await intake.client.post(
        f"{V1}/archive/files", json={"code": "B-2026-001", "title": "Lain"}, headers=headers
    )
    assert same_code.status_code == 409
    # The reason by its code, for the screen to word (the detail stays English).
    assert same_code.json()["code"] == "file_code_taken"
    assert same_code.json()["params"] == {"code": "B-2026-001"}
    loan = await lend(intake, headers, file_id, "Asisten Riksa <Andi>", 7)
    assert loan.status_code == 201, loan.text
    assert loan.json()["overdue"] is False
    twice = await lend(intake, headers, file_id, "Asisten Lain", 7)
    assert twice.status_code == 409 and twice.headers["content-type"] == PROBLEM
    assert twice.json()["code"] == "file_on_loan"
    assert twice.json()["params"] == {"holder": "Asisten Riksa <Andi>"}
    files = (await intake.client.get(f"{V1}/archive/files", headers=headers)).json()["items"]
    assert [f["on_loan"] for f in files] == [True]
    # A week and more later: the loan is overdue.
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE archive_loan SET due_on = due_on - 10 WHERE id = :id"),
            {"id": uuid.UUID(loan.json()["id"])},
        )
    overdue = await intake.client.get(
        f"{V1}/archive/loans", params={"state": "overdue"}, headers=headers
    )
    [late] = overdue.json()["items"]
    assert late["file_code"] == "B-2026-001" and late["overdue"] is True
    printed = await intake.client.get(
        f"{V1}/archive/loans/print", params={"state": "overdue"}, headers=headers
    )
    assert printed.headers["content-type"] == "application/pdf"
    listed = text_of(printed.content)
    assert "B-2026-001" in listed and "TERLAMBAT" in listed
    assert "Asisten Riksa <Andi>" in listed  # the name as typed: a PDF has no markup
    back = await intake.client.post(f"{V1}/archive/loans/{late['id']}/return", headers=headers)
    assert back.status_code == 200 and back.json()["returned_at"]
    assert back.json()["received_by"] == "arsiparis"
    again = await intake.client.post(f"{V1}/archive/loans/{late['id']}/return", headers=headers)
    assert again.status_code == 409 and again.json()["code"] == "loan_returned"
    open_loans = await intake.client.get(f"{V1}/archive/loans", headers=headers)
    assert open_loans.json()["items"] == []
    assert (await lend(intake, headers, file_id, "Asisten Lain", 3)).status_code == 201
    past_due = await lend(intake, headers, file_id, "Siapa", -1)
    assert past_due.status_code == 422
    assert past_due.json()["errors"][0]["pointer"] == "#/body/due_on"
    elsewhere = tokens.headers("intake_officer", office="ELSEWHERE")
    assert (await lend(intake, elsewhere, file_id, "X", 3)).status_code == 404
    examiner = tokens.headers("examiner", office=office)
    assert (await lend(intake, examiner, file_id, "X", 3)).status_code == 403


async def test_reports_taken_at_an_outreach_refer_to_it(intake, tokens):
    _, headers = office_headers(tokens)
    created = await intake.client.post(
        f"{V1}/outreach",
        json={
            "kind": "jemput_laporan",
            "title": "Jemput Laporan di Pasar Tais",
            "held_on": office_today().isoformat(),
            "place": "Pasar Tais, Kabupaten Seluma",
            "regency": "1705",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    outreach_id = created.json()["id"]
    missing = await intake.client.post(
        f"{V1}/reports", json=report_body(channel="outreach"), headers=headers
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "#/body/outreach_id"
    taken = await intake.client.post(
        f"{V1}/reports",
        json=report_body(channel="outreach", outreach_id=outreach_id),
        headers=headers,
    )
    assert taken.status_code == 201 and taken.json()["outreach_id"] == outreach_id
    await intake.client.post(f"{V1}/reports", json=report_body(), headers=headers)
    listed = await intake.client.get(
        f"{V1}/reports", params={"outreach_id": outreach_id}, headers=headers
    )
    assert [r["id"] for r in listed.json()["items"]] == [taken.json()["id"]]
    programmes = await intake.client.get(f"{V1}/outreach", headers=headers)
    assert [p["id"] for p in programmes.json()["items"]] == [outreach_id]
    elsewhere = tokens.headers("intake_officer", office="ELSEWHERE")
    foreign = await intake.client.post(
        f"{V1}/reports",
        json=report_body(channel="outreach", outreach_id=outreach_id),
        headers=elsewhere,
    )
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["pointer"] == "#/body/outreach_id"
    bad = await intake.client.post(
        f"{V1}/outreach",
        json={"kind": "party", "title": "x", "held_on": "2026-01-01", "place": "y"},
        headers=headers,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/body/kind"


async def test_the_lending_list_is_a_document_the_head_signs(intake, tokens, infra):
    office, headers = office_headers(tokens)
    await register_office(
        intake,
        infra.nats_url,
        office,
        "Asia/Makassar",
        head_name="Dra. Hasnawati Tenri",
        head_title="Kepala Perwakilan",
        address="Jl. Urip Sumoharjo No. 3, Makassar",
    )
    for n in range(1, 41):  # enough rows for a second page
        created = await intake.client.post(
            f"{V1}/archive/files",
            json={"code": f"C-{n:03d}", "title": f"Berkas pengaduan nomor {n}"},
            headers=headers,
        )
        assert (await lend(intake, headers, created.json()["id"], "Zoë Đặng", 7)).status_code == 201
    printed = await intake.client.get(f"{V1}/archive/loans/print", headers=headers)
    assert printed.status_code == 200 and printed.headers["content-type"] == "application/pdf"
    pages = pages_text(printed.content)
    assert len(pages) >= 2
    assert pages[0].startswith(f"OMBUDSMAN REPUBLIK INDONESIA\nPERWAKILAN {office}\n")
    assert "DAFTAR PEMINJAMAN ARSIP" in pages[0] and "Sedang dipinjam" in pages[0]
    assert "Judul berkas" in pages[1] and "Jatuh tempo" in pages[1]  # the header repeats
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
    today = tanggal(datetime.now(UTC).astimezone(ZoneInfo("Asia/Makassar")).date())
    assert f"keadaan per {today}" in pages[0]
    assert "Zoë Đặng" in pages[0] and "C-040" in "\n".join(pages)
    assert f"Makassar, {today}" in pages[-1]
    assert "Kepala Perwakilan," in pages[-1] and "Dra. Hasnawati Tenri" in pages[-1]
    fonts = fonts_of(printed.content)
    assert fonts and all(fonts.values()), f"every font embedded: {fonts}"
