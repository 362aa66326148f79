"""The assessments list as CSV: exactly what the year and status select, every page, for
a spreadsheet (BOM, Indonesian headers and names, moments in the office's zone)."""

from __future__ import annotations

import uuid

from apik_testing.services import RunningService
from apik_testing.spreadsheets import csv_records
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    ASSESSMENTS,
    PROBLEM,
    answer_everything,
    open_assessment,
    scheme_id,
    shipped,
)


async def test_the_csv_holds_every_assessment_the_filters_select(
    prevention: RunningService, tokens: TestTokens
):
    office = "PA" + uuid.uuid4().hex[:6].upper()
    enumerator = tokens.headers("prevention_officer", office=office, username="enumerator")
    reviewer = tokens.headers("prevention_officer", office=office, username="reviewer")
    analyst = tokens.headers("analyst", office=office)
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    answered = await open_assessment(prevention, enumerator, scheme, unit_name="=Dinas Kaur")
    await answer_everything(prevention, enumerator, reviewer, answered["id"], shipped(2022))
    await open_assessment(prevention, enumerator, scheme, unit_name="Dinas Seluma")
    await open_assessment(prevention, enumerator, scheme, unit_name="Dinas Lebong", year=2024)
    await open_assessment(
        prevention, tokens.headers("prevention_officer", office="ELSEWHERE"), scheme
    )

    answer = await prevention.client.get(
        ASSESSMENTS, params={"year": 2023, "format": "csv"}, headers=analyst
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="penilaian-kepatuhan-2023.csv"' in answer.headers["content-disposition"]
    rows = csv_records(answer.content)
    assert sorted(r["Unit layanan"] for r in rows) == ["'=Dinas Kaur", "Dinas Seluma"]
    assert {r["Kantor"] for r in rows} == {office} and {r["Tahun"] for r in rows} == {"2023"}
    [kaur] = [r for r in rows if r["Unit layanan"] == "'=Dinas Kaur"]
    assert kaur["Jenis unit"] == "Pemerintah Kabupaten" and kaur["Status"] == "Pengisian"
    assert kaur["Skema"] == "ombudsman-2022 v1"
    assert kaur["Dibuka"].endswith("+07:00"), "an office not heard of yet is dated in WIB"
    english = await prevention.client.get(
        ASSESSMENTS,
        params={"year": 2023, "format": "csv"},
        headers={**analyst, "Accept-Language": "en-US,en;q=0.8"},
    )
    [kaur_en] = [r for r in csv_records(english.content) if r["Service unit"] == "'=Dinas Kaur"]
    assert kaur_en["Kind of unit"] == "Regency government" and kaur_en["Status"] == "Data entry"
    assert kaur_en["Opened"] == kaur["Dibuka"]
    # The approved answers as the JSON list counts them, read in one query for the file.
    listed = await prevention.client.get(ASSESSMENTS, params={"year": 2023}, headers=analyst)
    [json_kaur] = [a for a in listed.json()["items"] if a["id"] == answered["id"]]
    assert int(kaur["Isian disetujui"]) == json_kaur["entries"]["approved"] > 0
    assert len(listed.json()["items"]) == len(rows)

    later = await prevention.client.get(
        ASSESSMENTS, params={"year": 2024, "status": "draft", "format": "csv"}, headers=analyst
    )
    assert [r["Unit layanan"] for r in csv_records(later.content)] == ["Dinas Lebong"]
    published = await prevention.client.get(
        ASSESSMENTS, params={"status": "published", "format": "csv"}, headers=analyst
    )
    assert csv_records(published.content) == []


async def test_a_bad_filter_is_a_problem_naming_it(
    prevention: RunningService, enumerator: dict[str, str]
):
    refused: tuple[tuple[dict[str, str | int], str], ...] = (
        ({"year": 1800, "format": "csv"}, "year"),
        ({"status": "closed", "format": "csv"}, "status"),
        ({"format": "pdf"}, "format"),
        ({"format": "csv", "lang": "en-GB"}, "lang"),
    )
    for params, name in refused:
        answer = await prevention.client.get(ASSESSMENTS, params=params, headers=enumerator)
        assert answer.status_code == 422, params
        assert answer.headers["content-type"] == PROBLEM
        assert answer.json()["errors"][0]["pointer"] == f"#/query/{name}"
