"""Finding reports: filters, Indonesian full-text search, overdue, CSV that matches the list."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import report_body

REPORTS = "/api/v1/intake/reports"


async def register(intake: RunningService, headers: dict, **overrides: object) -> str:
    response = await intake.client.post(REPORTS, json=report_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def ids(intake: RunningService, headers: dict, **params: str | int) -> set[str]:
    response = await intake.client.get(REPORTS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def test_filters_and_full_text_find_the_right_reports(intake, tokens: TestTokens):
    headers = tokens.headers("intake_officer", office="S" + uuid.uuid4().hex[:5].upper())
    ijazah = await register(
        intake,
        headers,
        summary="Sekolah menahan ijazah siswa",
        chronology="Ijazah ditahan karena tunggakan uang komite.",
    )
    listrik = await register(
        intake,
        headers,
        channel="whatsapp",
        substance="electricity",
        reported_agency={"name": "PLN UP3 Bengkulu"},
        summary="Pemadaman listrik berulang",
        chronology="Listrik padam tiap malam selama dua minggu tanpa pemberitahuan.",
    )
    last_year = datetime.now(UTC) - timedelta(days=400)
    old = await register(
        intake,
        headers,
        received_at=last_year.isoformat(),
        event_date=(last_year - timedelta(days=5)).date().isoformat(),
        summary="Pungutan liar pembuatan KTP",
        chronology="Petugas meminta uang untuk mempercepat KTP.",
    )
    assert await ids(intake, headers) == {ijazah, listrik, old}
    assert await ids(intake, headers, substance="electricity") == {listrik}
    assert await ids(intake, headers, channel="whatsapp") == {listrik}
    assert await ids(intake, headers, agency="pln up3") == {listrik}
    assert await ids(intake, headers, agency="100%") == set()
    # Indonesian stemming: "menahan", "ditahan" and "tahan" are one word.
    assert await ids(intake, headers, q="tahan ijazah") == {ijazah}
    assert await ids(intake, headers, q="pemadaman -ijazah") == {listrik}
    since = (datetime.now(UTC) - timedelta(days=30)).date().isoformat()
    assert await ids(intake, headers, received_from=since) == {ijazah, listrik}
    until = (last_year + timedelta(days=1)).date().isoformat()
    assert await ids(intake, headers, received_to=until) == {old}
    bad = await intake.client.get(
        REPORTS, params={"received_from": since, "received_to": until}, headers=headers
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"] == "#/query/received_to"
    unknown = await intake.client.get(REPORTS, params={"kind": "XX"}, headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "#/query/kind"


async def test_overdue_lists_reports_past_their_completion_deadline(intake, tokens):
    headers = tokens.headers("intake_officer", office="O" + uuid.uuid4().hex[:5].upper())
    late, waiting = await register(intake, headers), await register(intake, headers)
    for report_id in (late, waiting):
        await intake.client.post(
            f"{REPORTS}/{report_id}/formal-verification",
            json={"complete": False, "missing": ["kronologi"]},
            headers=headers,
        )
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE report SET completion_due = now() - interval '1 hour' WHERE id = :id"),
            {"id": uuid.UUID(late)},
        )
    assert await ids(intake, headers, overdue="true") == {late}
    assert await ids(intake, headers, overdue="false") == {waiting}


async def test_the_semicolon_csv_opens_as_columns_in_an_indonesian_spreadsheet(intake, tokens):
    headers = tokens.headers("intake_officer", office="S" + uuid.uuid4().hex[:5].upper())
    await register(intake, headers, summary="Ijazah; rapor ditahan")
    exported = await intake.client.get(
        REPORTS, params={"format": "csv", "delimiter": "semicolon"}, headers=headers
    )
    assert exported.status_code == 200, exported.text
    text = exported.content.decode("utf-8")
    assert text.startswith("\ufeffNomor registrasi;Kantor;Jenis laporan;Saluran;Status;")
    [row] = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert row["Ringkasan"] == "Ijazah; rapor ditahan"  # quoted, one cell
    # The substance by the name intake's catalogue holds; channel and kind in Indonesian.
    assert (row["Substansi"], row["Saluran"]) == ("Pendidikan", "Datang langsung")
    bad = await intake.client.get(
        REPORTS, params={"format": "csv", "delimiter": "pipe"}, headers=headers
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/query/delimiter"


async def test_the_csv_speaks_english_when_the_link_or_the_browser_asks(intake, tokens):
    headers = tokens.headers("intake_officer", office="E" + uuid.uuid4().hex[:5].upper())
    await register(intake, headers, summary="Ijazah ditahan")

    async def row_of(params: dict[str, str], **extra: str) -> dict[str, str]:
        answer = await intake.client.get(
            REPORTS, params={"format": "csv", **params}, headers={**headers, **extra}
        )
        assert answer.status_code == 200, answer.text
        [row] = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
        return row

    english = await row_of({"lang": "en"}, **{"Accept-Language": "id"})
    assert list(english)[:5] == [
        "Registration number",
        "Office",
        "Kind of report",
        "Channel",
        "Status",
    ]
    # Codes by their English names; the substance by the catalogue's English name.
    assert (english["Channel"], english["Kind of report"]) == ("Walk-in", "Public report")
    assert (english["Substance"], english["Status"]) == ("Education", "Registered")
    assert await row_of({}, **{"Accept-Language": "en-AU"}) == english
    indonesian = await row_of({}, **{"Accept-Language": "fr, *;q=0.1"})
    assert indonesian["Saluran"] == "Datang langsung"
    assert indonesian["Diterima"] == english["Received"]  # the same moment, the office's zone
    bad = await intake.client.get(REPORTS, params={"format": "csv", "lang": "xx"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/query/lang"
    assert bad.headers["content-type"] == "application/problem+json"


async def test_csv_export_matches_the_list_and_carries_no_identity(intake, tokens):
    headers = tokens.headers("intake_officer", office="C" + uuid.uuid4().hex[:5].upper())
    for summary in ("Ijazah ditahan", '=HYPERLINK("http://x")', "Air tidak mengalir"):
        await register(intake, headers, summary=summary)
    listed = await ids(intake, headers, q="mengalir")
    exported = await intake.client.get(
        REPORTS, params={"q": "mengalir", "format": "csv"}, headers=headers
    )
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith("\ufeff".encode())  # spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == len(listed) == 1 and rows[0]["Ringkasan"] == "Air tidak mengalir"
    # Office staff read codes by their Indonesian names.
    assert rows[0]["Jenis laporan"] == "Laporan Masyarakat" and rows[0]["Status"] == "Teregistrasi"
    everything = await intake.client.get(REPORTS, params={"format": "csv"}, headers=headers)
    all_rows = list(csv.DictReader(io.StringIO(everything.content.decode("utf-8-sig"))))
    assert len(all_rows) == 3
    assert "'=HYPERLINK" in everything.text  # a formula stays text in a spreadsheet
    for secret in ("Budi", "1771010101900001", "+62812"):
        assert secret not in everything.text


async def test_a_report_is_found_by_its_registration_number(intake, tokens):
    """The web app's "open by number": the whole number, as issued or typed in small
    letters, finds the one report, in the caller's office only; bad input is a 422."""
    office = "N" + uuid.uuid4().hex[:5].upper()
    headers = tokens.headers("intake_officer", office=office)
    wanted = await register(intake, headers)
    await register(intake, headers)
    detail = await intake.client.get(f"{REPORTS}/{wanted}", headers=headers)
    number = detail.json()["registration_number"]
    assert await ids(intake, headers, number=number) == {wanted}
    assert await ids(intake, headers, number=number.lower()) == {wanted}
    assert await ids(intake, headers, number=number[:-1]) == set()  # whole numbers only
    elsewhere = tokens.headers("intake_officer", office="M" + uuid.uuid4().hex[:5].upper())
    assert await ids(intake, elsewhere, number=number) == set()
    for bad in ("", " " + number, f"{number[:4]}\x00{number[4:]}", "X" * 65):
        response = await intake.client.get(REPORTS, params={"number": bad}, headers=headers)
        assert response.status_code == 422, (bad, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert "#/query/number" in [e["pointer"] for e in response.json()["errors"]]
