"""The board's CSV: exactly the rows its filters select (every page, not the one shown),
Excel-friendly (UTF-8 with a BOM), moments in the office's zone, examiners by name; and
each list item says which list actions its status allows."""

from __future__ import annotations

import uuid

from apik_testing.spreadsheets import csv_records
from tests.examination.builders import API, close_case, new_case, put_examiner, register_office


async def test_the_csv_holds_every_filtered_case_in_the_office_zone(infra, examination, tokens):
    office = f"X{uuid.uuid4().hex[:6].upper()}"
    await register_office(infra, examination, office, timezone="Asia/Jayapura")
    reader = tokens.headers("examination_supervisor", office=office)
    await put_examiner(examination, reader, office, "user:sari", display_name="Sari Wulandari")
    first = await new_case(infra, examination, tokens, office=office)
    second = await new_case(infra, examination, tokens, office=office)
    closed = await close_case(infra, examination, tokens, office=office)
    assigned = await examination.client.post(
        f"{API}/cases/{first['id']}/assignment",
        json={"examiner_id": "user:sari"},
        headers={**reader, "If-Match": f'"{first["version"]}"'},
    )
    assert assigned.status_code == 200, assigned.text

    # One row per JSON page: the CSV is not the page on screen.
    page = await examination.client.get(f"{API}/cases", params={"limit": 1}, headers=reader)
    assert page.status_code == 200 and page.json()["next_cursor"], page.text
    exported = await examination.client.get(
        f"{API}/cases", params={"format": "csv"}, headers=reader
    )
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"].startswith("text/csv")
    rows = csv_records(exported.content)
    numbers = {r["Nomor registrasi"] for r in rows}
    assert numbers == {c["registration_number"] for c in (first, second, closed)}
    by_number = {r["Nomor registrasi"]: r for r in rows}
    assert by_number[first["registration_number"]]["Pemeriksa"] == "Sari Wulandari"
    assert by_number[second["registration_number"]]["Pemeriksa"] == "Belum ditugaskan"
    assert by_number[closed["registration_number"]]["Status"] == "Ditutup"
    # Jayapura is UTC+9 all year: every moment printed with the office's own offset.
    assert all(r["Dibuka"].endswith("+09:00") for r in rows), rows

    # The same filters as the list: only the closed case, only Sari's.
    only_closed = await examination.client.get(
        f"{API}/cases", params={"format": "csv", "status": "closed"}, headers=reader
    )
    assert [r["Nomor registrasi"] for r in csv_records(only_closed.content)] == [
        closed["registration_number"]
    ]
    sari = await examination.client.get(
        f"{API}/cases",
        params={"format": "csv", "examiner_id": "user:sari", "delimiter": "semicolon"},
        headers=reader,
    )
    assert sari.content.decode("utf-8-sig").splitlines()[0].startswith("Nomor registrasi;")
    assert len(sari.content.decode("utf-8-sig").splitlines()) == 2

    # Asked in English (the browser's language): headers and statuses in English, the
    # moments still in the office's zone.
    english = await examination.client.get(
        f"{API}/cases", params={"format": "csv"}, headers={**reader, "Accept-Language": "en"}
    )
    by_number = {r["Registration number"]: r for r in csv_records(english.content)}
    assert by_number[second["registration_number"]]["Examiner"] == "Not assigned yet"
    assert by_number[closed["registration_number"]]["Status"] == "Closed"
    assert all(r["Opened"].endswith("+09:00") for r in by_number.values())


async def test_list_items_name_the_actions_their_status_allows(infra, examination, tokens):
    office = f"X{uuid.uuid4().hex[:6].upper()}"
    await register_office(infra, examination, office)
    open_case = await new_case(infra, examination, tokens, office=office)
    closed = await close_case(infra, examination, tokens, office=office)
    listed = await examination.client.get(
        f"{API}/cases", headers=tokens.headers("examination_supervisor", office=office)
    )
    actions = {c["id"]: c["allowed_actions"] for c in listed.json()["items"]}
    assert actions == {open_case["id"]: ["assign"], closed["id"]: []}


async def test_an_unknown_format_or_language_is_refused_naming_the_parameter(examination, tokens):
    for params, name in (({"format": "xlsx"}, "format"), ({"format": "csv", "lang": "fr"}, "lang")):
        response = await examination.client.get(
            f"{API}/cases", params=params, headers=tokens.headers("examination_supervisor")
        )
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["pointer"] == f"#/query/{name}"
