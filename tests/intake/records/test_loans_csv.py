"""The archive lending list as CSV: exactly the loans its state selects, for spreadsheets."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.spreadsheets import csv_records
from tests.intake.builders import register_office

V1 = "/api/v1/intake"
MAKASSAR = ZoneInfo("Asia/Makassar")


async def lent_file(intake: RunningService, headers: dict, code: str, borrower: str) -> str:
    created = await intake.client.post(
        f"{V1}/archive/files", json={"code": code, "title": f"Berkas {code}"}, headers=headers
    )
    due = (datetime.now(MAKASSAR).date() + timedelta(days=5)).isoformat()
    loan = await intake.client.post(
        f"{V1}/archive/files/{created.json()['id']}/loans",
        json={"borrower": borrower, "purpose": "=HYPERLINK(1)", "due_on": due},
        headers=headers,
    )
    assert loan.status_code == 201, loan.text
    return str(loan.json()["id"])


async def test_the_csv_holds_every_loan_the_state_selects_in_the_office_zone(intake, tokens, infra):
    office = "CSV" + uuid.uuid4().hex[:4].upper()
    await register_office(intake, infra.nats_url, office, "Asia/Makassar")
    headers = tokens.headers("intake_officer", office=office, username="arsiparis")
    late = await lent_file(intake, headers, "K-001", "Andi Asisten")
    back = await lent_file(intake, headers, "K-002", "Budi Asisten")
    await lent_file(intake, headers, "K-003", "Citra Asisten")
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE archive_loan SET due_on = due_on - 10 WHERE id = :id"),
            {"id": uuid.UUID(late)},
        )
    assert (
        await intake.client.post(f"{V1}/archive/loans/{back}/return", headers=headers)
    ).is_success
    elsewhere = tokens.headers("intake_officer", office="OTHER" + office)
    await lent_file(intake, elsewhere, "K-999", "Orang Lain")
    analyst = tokens.headers("analyst", office=office)

    overdue = await intake.client.get(
        f"{V1}/archive/loans", params={"state": "overdue", "format": "csv"}, headers=analyst
    )
    assert overdue.status_code == 200, overdue.text
    assert overdue.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="peminjaman-arsip-overdue.csv"' in overdue.headers["content-disposition"]
    [row] = csv_records(overdue.content)
    assert row["Kode berkas"] == "K-001" and row["Peminjam"] == "Andi Asisten"
    assert row["Keterangan"] == "Terlambat" and row["Kantor"] == office
    assert row["Keperluan"] == "'=HYPERLINK(1)"  # stays text in a spreadsheet
    assert row["Dipinjam"].endswith("+08:00"), "the moment in the office's own zone"
    assert date.fromisoformat(row["Jatuh tempo"]) < datetime.now(MAKASSAR).date()
    in_english = await intake.client.get(
        f"{V1}/archive/loans",
        params={"state": "overdue", "format": "csv", "lang": "en"},
        headers=analyst,
    )
    [english] = csv_records(in_english.content)
    assert list(english) == [
        "Office", "File code", "File title", "Borrower", "Purpose", "Borrowed", "Due",
        "Returned", "Lent by", "Received by", "Remarks",
    ]  # fmt: skip
    assert english["Remarks"] == "Late" and english["Borrowed"] == row["Dipinjam"]

    opened = await intake.client.get(
        f"{V1}/archive/loans", params={"format": "csv"}, headers=analyst
    )
    assert sorted(r["Kode berkas"] for r in csv_records(opened.content)) == ["K-001", "K-003"]
    everything = csv_records(
        (
            await intake.client.get(
                f"{V1}/archive/loans",
                params={"state": "all", "format": "csv", "delimiter": "semicolon"},
                headers=analyst,
            )
        ).content,
        ";",
    )
    assert sorted(r["Kode berkas"] for r in everything) == ["K-001", "K-002", "K-003"]
    [returned] = [r for r in everything if r["Kode berkas"] == "K-002"]
    assert returned["Diterima oleh"] == "arsiparis"
    assert datetime.fromisoformat(returned["Dikembalikan"]).utcoffset() == timedelta(hours=8)
    assert datetime.fromisoformat(returned["Dikembalikan"]) <= datetime.now(UTC)
    # The JSON list and the CSV agree on what the state selects.
    listed = await intake.client.get(
        f"{V1}/archive/loans", params={"state": "all"}, headers=analyst
    )
    assert len(listed.json()["items"]) == len(everything)


async def test_a_bad_filter_or_format_is_a_problem_naming_it(intake, tokens):
    headers = tokens.headers("intake_officer", office="CSVBAD")
    for params, name in (
        ({"state": "lost", "format": "csv"}, "state"),
        ({"format": "xml"}, "format"),
        ({"format": "csv", "delimiter": "tab"}, "delimiter"),
        ({"format": "csv", "lang": "jv"}, "lang"),
    ):
        answer = await intake.client.get(f"{V1}/archive/loans", params=params, headers=headers)
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["errors"][0]["pointer"] == f"#/query/{name}"


async def test_only_the_archive_readers_export_it(intake, tokens):
    dpo = tokens.headers("dpo", office="CSVDPO")
    answer = await intake.client.get(f"{V1}/archive/loans", params={"format": "csv"}, headers=dpo)
    assert answer.status_code == 403
    assert answer.headers["content-type"] == "application/problem+json"
