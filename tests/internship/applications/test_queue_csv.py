"""The application queue's filters (status, unit, a month the period touches) in the API,
and its CSV: exactly the rows they select, the applicant masked for who does not review."""

from __future__ import annotations

import uuid
from typing import Any

from apik_testing.services import RunningService
from apik_testing.spreadsheets import csv_records
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, PROBLEM, accepted, application_body, apply


def person(name: str) -> dict[str, Any]:
    return {**application_body()["applicant"], "name": name}


async def queue_of(tokens: TestTokens, internship: RunningService) -> tuple[str, dict, dict]:
    """An office of its own with three applications: Ani asks intake or examination from
    February to April, Budi prevention in June and July, Citra was accepted into intake."""
    office = "MG" + uuid.uuid4().hex[:6].upper()
    supervisor = tokens.headers("intern_supervisor", office=office, username="pembimbing")
    head = tokens.headers("head", office=office, username="kepala")
    await apply(internship, office=office, applicant=person("Ani Lestari"))
    await apply(
        internship,
        office=office,
        applicant=person("Budi Santoso"),
        units=["prevention"],
        period_start="2027-06-01",
        period_end="2027-07-31",
    )
    await accepted(internship, supervisor, "intake", office=office, applicant=person("Citra Dewi"))
    return office, supervisor, head


async def names(internship: RunningService, headers: dict, **params: str) -> list[str]:
    """The applicants the JSON list and the CSV hold, after checking they agree."""
    listed = await internship.client.get(APPLICATIONS, params=params, headers=headers)
    assert listed.status_code == 200, listed.text
    exported = await internship.client.get(
        APPLICATIONS, params={**params, "format": "csv"}, headers=headers
    )
    assert exported.status_code == 200, exported.text
    from_json = sorted(a["applicant"]["name"] for a in listed.json()["items"])
    from_csv = sorted(r["Nama pemohon"] for r in csv_records(exported.content))
    assert from_json == from_csv
    return from_csv


async def test_the_filters_select_by_status_unit_and_month_in_the_list_and_the_csv(
    internship: RunningService, tokens: TestTokens
):
    _, supervisor, _ = await queue_of(tokens, internship)
    assert await names(internship, supervisor) == ["Ani Lestari", "Budi Santoso", "Citra Dewi"]
    # Accepted into intake, Citra no longer waits for examination.
    assert await names(internship, supervisor, unit="examination") == ["Ani Lestari"]
    assert await names(internship, supervisor, unit="intake") == ["Ani Lestari", "Citra Dewi"]
    assert await names(internship, supervisor, month="2027-06") == ["Budi Santoso"]
    assert await names(internship, supervisor, month="2027-04") == ["Ani Lestari", "Citra Dewi"]
    assert await names(internship, supervisor, month="2027-05") == []
    picked = await names(internship, supervisor, status="submitted", unit="intake", month="2027-02")
    assert picked == ["Ani Lestari"]


async def test_the_csv_is_for_a_spreadsheet_with_the_office_zone_and_labels(
    internship: RunningService, tokens: TestTokens
):
    _, supervisor, _ = await queue_of(tokens, internship)
    answer = await internship.client.get(
        APPLICATIONS, params={"status": "accepted", "format": "csv"}, headers=supervisor
    )
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="lamaran-magang.csv"' in answer.headers["content-disposition"]
    [row] = csv_records(answer.content)
    assert row["Status"] == "Diterima"
    assert row["Unit penempatan"] == "Penerimaan dan Verifikasi Laporan"
    assert row["Mulai"] == "2027-02-01" and row["Selesai"] == "2027-04-30"
    # An office not in the registry yet is dated in WIB, as every service does.
    assert row["Diajukan"].endswith("+07:00") and row["Diputuskan"].endswith("+07:00")
    assert row["Email"] == "rina.kartika@student.ac.id"
    english = await internship.client.get(
        APPLICATIONS,
        params={"status": "accepted", "format": "csv", "lang": "en"},
        headers=supervisor,
    )
    [row_en] = csv_records(english.content)
    assert row_en["Status"] == "Accepted" and row_en["Unit placed in"] == "Intake and verification"
    assert (
        row_en["Submitted"] == row["Diajukan"] and row_en["Applicant's name"] == row["Nama pemohon"]
    )


async def test_a_reader_who_does_not_review_gets_the_applicants_masked_and_unaudited(
    internship: RunningService, tokens: TestTokens
):
    office, supervisor, head = await queue_of(tokens, internship)
    reads = "SELECT count(*) FROM applicant_read WHERE office = :o AND purpose = :p"
    purpose = "export applications"
    masked = csv_records(
        (await internship.client.get(APPLICATIONS, params={"format": "csv"}, headers=head)).content
    )
    assert sorted(r["Nama pemohon"] for r in masked) == [
        "A** L******",
        "B*** S******",
        "C**** D***",
    ]
    assert all("rina.kartika" not in r["Email"] and "3333" not in r["Telepon"] for r in masked)
    assert await internship.scalar(reads, o=office, p=purpose) == 0
    full = await internship.client.get(APPLICATIONS, params={"format": "csv"}, headers=supervisor)
    assert len(csv_records(full.content)) == 3
    assert await internship.scalar(reads, o=office, p=purpose) == 3  # one read per applicant


async def test_a_bad_filter_is_a_problem_naming_it(
    internship: RunningService, supervisor: dict[str, str]
):
    for params, name in (
        ({"month": "2027-13", "format": "csv"}, "month"),
        ({"status": "lost", "format": "csv"}, "status"),
        ({"unit": "", "format": "csv"}, "unit"),
        ({"format": "xlsx"}, "format"),
        ({"format": "csv", "lang": "english"}, "lang"),
    ):
        answer = await internship.client.get(APPLICATIONS, params=params, headers=supervisor)
        assert answer.status_code == 422, params
        assert answer.headers["content-type"] == PROBLEM
        assert answer.json()["errors"][0]["pointer"] == f"#/query/{name}"
