"""The annual and quarterly prevention reports, PDF and XLSX, from what the office did
through the API this year (the office KAB, not registered: WIB).

This year: two assessments published (a unit with everything at its best, 100, and one
with complaint handling at 0, 78,46); a published study with two suggestions due on
30 September, one followed up with the agency's letter; a clinic held on 10 February
(two tested participants, 20 -> 60 and 40 -> 70: class gain 0,500); focal points in
Kaur (one activated, one still invited) and Seluma (activated then deactivated); two
agreements in force, one ending within 90 days of 31 December.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    CLINICS,
    EVIDENCE,
    PROBLEM,
    STUDIES,
    V1,
    active_agreement,
    add_focal_point,
    answer_everything,
    open_assessment,
    open_clinic,
    register,
    scheme_id,
    set_status,
    shipped,
    study_at,
    suggestion_body,
)

YEAR = datetime.now(ZoneInfo("Asia/Jakarta")).year
REPORTS = f"{V1}/reports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Where a run leaves the files to look at (`pdftoppm -png -r 60`), when asked.
KEEP = os.environ.get("APIK_KEEP_REPORTS")


def _keep(name: str, content: bytes) -> None:
    if KEEP:
        Path(KEEP).mkdir(parents=True, exist_ok=True)
        (Path(KEEP) / name).write_bytes(content)


async def _published(prevention: RunningService, officer, reviewer, head, name, values) -> str:
    scheme = await scheme_id(prevention, officer, "ombudsman-2022")
    opened = await open_assessment(prevention, officer, scheme, unit_name=name, year=2023)
    await answer_everything(prevention, officer, reviewer, opened["id"], shipped(2022), values)
    for step, headers in (("plenary", officer), ("publication", head)):
        answer = await prevention.client.post(
            f"{ASSESSMENTS}/{opened['id']}/{step}", headers=headers
        )
        assert answer.status_code == 200, answer.text
    return str(opened["id"])


async def _suggestions(prevention: RunningService, officer) -> None:
    study = await study_at(
        prevention, officer, "published", title="Kajian Pelayanan KTP-el", year=YEAR
    )
    made = []
    for _ in range(2):
        answer = await prevention.client.post(
            f"{STUDIES}/{study['id']}/suggestions",
            json=suggestion_body(due_on=f"{YEAR}-09-30"),
            headers=officer,
        )
        assert answer.status_code == 201, answer.text
        made.append(answer)
    url = f"{STUDIES}/{study['id']}/suggestions/{made[0].json()['id']}"
    working = await prevention.client.post(
        f"{url}/status",
        json={"status": "in_progress"},
        headers={**officer, "If-Match": made[0].headers["ETag"]},
    )
    assert working.status_code == 200, working.text
    uploaded = await prevention.client.put(
        f"{url}/evidence",
        params={"filename": "surat.pdf"},
        content=EVIDENCE,
        headers={**officer, "If-Match": working.headers["ETag"]},
    )
    assert uploaded.status_code == 200, uploaded.text
    done = await prevention.client.post(
        f"{url}/status",
        json={"status": "followed_up"},
        headers={**officer, "If-Match": uploaded.headers["ETag"]},
    )
    assert done.status_code == 200, done.text


async def _clinic(prevention: RunningService, officer) -> None:
    clinic = (
        await open_clinic(
            prevention, officer, title="Klinik Pengaduan Kabupaten Kaur", held_on=f"{YEAR}-02-10"
        )
    )["id"]
    ani = await register(prevention, officer, clinic, "Ani Suryani", "Dinas Kesehatan")
    budi = await register(prevention, officer, clinic, "Budi Hartono", "Dinas Pendidikan")
    attended = await prevention.client.put(
        f"{CLINICS}/{clinic}/attendance", json={"attended": [ani, budi]}, headers=officer
    )
    assert attended.status_code == 200, attended.text
    current = await prevention.client.get(f"{CLINICS}/{clinic}", headers=officer)
    tests = await prevention.client.post(
        f"{CLINICS}/{clinic}/tests",
        json={
            "scores": [
                {"participant_id": ani, "pre": 20, "post": 60},
                {"participant_id": budi, "pre": 40, "post": 70},
            ]
        },
        headers={**officer, "If-Match": current.headers["ETag"]},
    )
    assert tests.status_code == 200, tests.text
    done = await prevention.client.post(f"{CLINICS}/{clinic}/complete", headers=officer)
    assert done.status_code == 200, done.text


async def _focal_points(prevention: RunningService, officer) -> None:
    kaur = await add_focal_point(prevention, officer, regency="Kabupaten Kaur")
    await add_focal_point(prevention, officer, regency="Kabupaten Kaur", name="Dodi Saputra")
    seluma = await add_focal_point(prevention, officer, regency="Kabupaten Seluma")
    await set_status(prevention, officer, kaur["id"], "active")
    await set_status(prevention, officer, seluma["id"], "active")
    await set_status(prevention, officer, seluma["id"], "inactive")


async def _agreements(prevention: RunningService, officer) -> None:
    today = date.today()
    await active_agreement(
        prevention,
        officer,
        number="MoU/01/KAB",
        title="Pengawasan Pelayanan Publik Kabupaten Kaur",
        starts_on=f"{YEAR}-01-02",
        ends_on=f"{YEAR + 3}-06-30",
    )
    await active_agreement(
        prevention,
        officer,
        number="MoU/02/KAB",
        title="Kerja Sama Magang Universitas Bengkulu",
        starts_on=f"{YEAR}-01-02",
        ends_on=(max(today, date(YEAR, 12, 31)) + timedelta(days=45)).isoformat(),
    )


async def test_the_annual_report_as_pdf_and_xlsx(
    prevention: RunningService, enumerator, reviewer, head, tokens_other, keeper
) -> None:
    await _published(prevention, enumerator, reviewer, head, "Dinas Dukcapil Kaur", {})
    weaker = await _published(
        prevention,
        enumerator,
        reviewer,
        head,
        "Dinas Kesehatan Kaur",
        {f"H.{n}": 0 for n in range(1, 6)},
    )
    # The unit's own rapor, kept beside the report to look at.
    rapor = await prevention.client.get(f"{ASSESSMENTS}/{weaker}/rapor.pdf", headers=head)
    assert rapor.status_code == 200 and "78,46" in text_of(rapor.content)
    _keep("rapor.pdf", rapor.content)
    await _suggestions(prevention, enumerator)
    await _clinic(prevention, enumerator)
    await _focal_points(prevention, enumerator)
    await _agreements(prevention, enumerator)

    pdf = await prevention.client.get(f"{REPORTS}/{YEAR}", headers=head)
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert f"laporan-pencegahan-KAB-{YEAR}.pdf" in pdf.headers["content-disposition"]
    _keep("annual.pdf", pdf.content)
    text = " ".join(text_of(pdf.content).split())
    assert "LAPORAN TAHUNAN PENCEGAHAN MALADMINISTRASI" in text and f"Tahun {YEAR}" in text
    assert f"1 Januari {YEAR} s.d. 31 Desember {YEAR}" in text
    assert "Penilaian kepatuhan dipublikasikan 2" in text
    assert "Dinas Dukcapil Kaur" in text and "100,00" in text and "78,46" in text
    assert "Saran ditindaklanjuti 1 (50,0%)" in text
    assert "Klinik Pengaduan Kabupaten Kaur" in text and "0,500" in text
    assert "Ani Suryani" not in text  # a report names no participant
    assert "Focal point aktif (akhir periode) 1" in text
    assert "Kabupaten Seluma 0 0 1 1" in text  # active, invited, inactive, activated
    assert "Kabupaten Kaur 1 1 0 1" in text
    assert "Kerja sama berlaku (akhir periode) 2" in text
    assert "Berakhir dalam 90 hari 1" in text

    xlsx = await prevention.client.get(f"{REPORTS}/{YEAR}", params={"format": "xlsx"}, headers=head)
    assert xlsx.status_code == 200, xlsx.text
    assert xlsx.headers["content-type"] == XLSX
    _keep("annual.xlsx", xlsx.content)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == [
        "Ringkasan",
        "Penilaian",
        "Sebaran hasil",
        "Saran perbaikan",
        "Klinik",
        "Focal point",
        "Kerja sama",
        "Publikasi",
        "Media sosial",
        "Inovasi",
        "Desa anti maladministrasi",
        "Sahabat Ombudsman",
    ]
    units = {row[0]: row for row in book["Penilaian"].iter_rows(min_row=2, values_only=True)}
    assert set(units) == {"Dinas Dukcapil Kaur", "Dinas Kesehatan Kaur"}
    assert units["Dinas Kesehatan Kaur"][4] == 78.46  # a number, not text
    assert sum(n for _, n in book["Sebaran hasil"].iter_rows(min_row=2, values_only=True)) == 2
    clinic = next(book["Klinik"].iter_rows(min_row=2, values_only=True))
    assert clinic[0] == "Klinik Pengaduan Kabupaten Kaur"
    assert clinic[1].date() == date(YEAR, 2, 10)
    assert clinic[3:7] == (2, 2, 2, 0.5)
    study = next(book["Saran perbaikan"].iter_rows(min_row=2, values_only=True))
    assert study[2:] == (2, 1, 0, 1)
    focal = {r[0]: r[1:] for r in book["Focal point"].iter_rows(min_row=2, values_only=True)}
    assert focal == {"Kabupaten Kaur": (1, 1, 0, 1), "Kabupaten Seluma": (0, 0, 1, 1)}
    agreements = list(book["Kerja sama"].iter_rows(min_row=2, values_only=True))
    assert sorted(a[5] for a in agreements) == ["Tidak", "Ya"]

    # Asked by Accept instead of the query.
    accepted = await prevention.client.get(f"{REPORTS}/{YEAR}", headers={**head, "Accept": XLSX})
    assert accepted.headers["content-type"] == XLSX

    # Another office's report holds none of it.
    other = await prevention.client.get(f"{REPORTS}/{YEAR}", headers=tokens_other)
    assert other.status_code == 200
    other_text = " ".join(text_of(other.content).split())
    assert "Penilaian kepatuhan dipublikasikan 0" in other_text
    assert "Dinas Dukcapil Kaur" not in other_text
    # Naming KAB does not open it to another office; the national unit may read it.
    peeking = await prevention.client.get(
        f"{REPORTS}/{YEAR}", params={"office": "KAB"}, headers=tokens_other
    )
    assert peeking.status_code == 403 and peeking.headers["content-type"] == PROBLEM
    assert "office" in peeking.text
    national = await prevention.client.get(
        f"{REPORTS}/{YEAR}", params={"office": "KAB", "format": "xlsx"}, headers=keeper
    )
    assert national.status_code == 200, national.text
    assert f"laporan-pencegahan-KAB-{YEAR}.xlsx" in national.headers["content-disposition"]
    assert national.content[:2] == b"PK"  # a zip: the workbook
    national_units = load_workbook(io.BytesIO(national.content))["Penilaian"]
    assert national_units.max_row == 3  # the header and KAB's two units

    # The first quarter: the clinic of February, none of the publications of today
    # (unless today is in it).
    quarter = await prevention.client.get(f"{REPORTS}/{YEAR}/q1", headers=head)
    assert quarter.status_code == 200, quarter.text
    assert f"laporan-pencegahan-KAB-{YEAR}-q1.pdf" in quarter.headers["content-disposition"]
    _keep("q1.pdf", quarter.content)
    q1 = " ".join(text_of(quarter.content).split())
    assert "LAPORAN TRIWULANAN" in q1 and f"Triwulan I Tahun {YEAR}" in q1
    assert f"1 Januari {YEAR} s.d. 31 Maret {YEAR}" in q1
    assert "Klinik Pengaduan Kabupaten Kaur" in q1
    if datetime.now(UTC).month > 3:
        assert "Penilaian kepatuhan dipublikasikan 0" in q1


async def test_bad_periods_and_formats_name_the_field(
    prevention: RunningService, head, tokens
) -> None:
    for path, params, field in (
        (f"{REPORTS}/{YEAR}/q5", {}, "quarter"),
        (f"{REPORTS}/1999", {}, "year"),
        (f"{REPORTS}/{YEAR}", {"format": "docx"}, "format"),
    ):
        answer = await prevention.client.get(path, params=params, headers=head)
        assert answer.status_code == 422, (path, answer.text)
        assert answer.headers["content-type"] == PROBLEM
        assert field in answer.text
    stranger = tokens.headers("intake_officer", office="KAB")
    refused = await prevention.client.get(f"{REPORTS}/{YEAR}", headers=stranger)
    assert refused.status_code == 403
