"""Institutions' formats: the shipped sample and an office's own print a certificate's
completion record from the same data (labels, order, wording and grades as data), with
the same QR code; bad formats are refused naming the field, and change nothing."""

from __future__ import annotations

from typing import Any

from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from tests.internship.builders import APPLICATIONS, CERTIFICATES, PROBLEM, V1, accepted, record_days

FORMATS = f"{V1}/institution-formats"
JUNE = {"period_start": "2025-06-02", "period_end": "2025-06-13"}
WORKING = [f"2025-06-{d:02}" for d in (2, 3, 4, 5, 10, 11, 12, 13)]
OWN: dict[str, Any] = {
    "institution": "Politeknik Negeri Bengkulu",
    "title": "LEMBAR NILAI PRAKTIK KERJA LAPANGAN",
    "opening": "Nilai praktik kerja lapangan {name} ({institution}) di unit {unit}, {period}.",
    "items": [
        {"item": "evaluation_score", "label": "Nilai Akhir PKL"},
        {"item": "grade", "label": "Predikat"},
        {"item": "name", "label": "Nama Taruna"},
        {"item": "days_present", "label": "Hadir"},
    ],
    "grades": [{"minimum": 86, "grade": "Sangat Baik"}, {"minimum": 70, "grade": "Baik"}],
    "orientation": "landscape",
}


async def certificate(internship: RunningService, supervisor: dict[str, str]) -> dict[str, Any]:
    filed = await accepted(internship, supervisor, **JUNE)
    await record_days(
        internship, filed["id"], attended=WORKING[:7], logbook=dict.fromkeys(WORKING, "approved")
    )
    answer = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/completion",
        json={"evaluation_score": 85},
        headers=supervisor,
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


async def test_the_shipped_university_format_prints_the_record_from_the_certificate(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str]
):
    listed = await internship.client.get(FORMATS, headers=supervisor)
    assert listed.status_code == 200, listed.text
    [unib] = [f for f in listed.json() if f["key"] == "unib"]
    assert unib["office"] is None and unib["definition"]["institution"] == "Universitas Bengkulu"

    issued = await certificate(internship, supervisor)
    url = f"{CERTIFICATES}/{issued['id']}/formats/unib.pdf"
    printed = await internship.client.get(url, headers=supervisor)
    assert printed.status_code == 200, printed.text
    assert printed.headers["content-type"] == "application/pdf"
    text = flat(printed.content)
    assert "SURAT KETERANGAN SELESAI MAGANG MBKM" in text
    # The format's labels, in its order, over the certificate's own values.
    order = ["Nama Mahasiswa", "Program Studi", "Unit Penempatan", "Nilai Angka", "Nilai Huruf"]
    assert [text.index(label) for label in order] == sorted(text.index(lb) for lb in order)
    assert ": Rina Kartika" in text and ": Ilmu Hukum" in text
    assert ": Penerimaan dan Verifikasi Laporan" in text
    assert ": 2 Juni 2025 s.d. 13 Juni 2025" in text
    assert ": 87,5 %" in text and ": 85" in text and "Nilai Huruf : A" in text
    assert issued["verification_code"] in "".join(text.split())  # the same QR and code
    assert "{" not in text  # every placeholder filled

    # It names the intern: the head gets 403, as for the certificate itself.
    assert (await internship.client.get(url, headers=head)).status_code == 403
    missing = await internship.client.get(
        f"{CERTIFICATES}/{issued['id']}/formats/nowhere.pdf", headers=supervisor
    )
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM


async def test_an_offices_own_format_is_data_versioned_and_printed_its_way(
    internship: RunningService, supervisor: dict[str, str]
):
    url = f"{FORMATS}/polbeng-pkl"
    made = await internship.client.put(url, json=OWN, headers=supervisor)
    assert made.status_code == 201, made.text
    assert made.headers["etag"] == '"1"' and made.json()["office"] == "KAB"

    issued = await certificate(internship, supervisor)
    printed = await internship.client.get(
        f"{CERTIFICATES}/{issued['id']}/formats/polbeng-pkl.pdf", headers=supervisor
    )
    assert printed.status_code == 200, printed.text
    text = flat(printed.content)
    assert "LEMBAR NILAI PRAKTIK KERJA LAPANGAN" in text
    assert "Nilai Akhir PKL : 85" in text and "Predikat : Baik" in text
    assert text.index("Nilai Akhir PKL") < text.index("Nama Taruna")
    assert "Rina Kartika (Universitas Bengkulu) di unit Penerimaan" in text
    assert "Nilai Huruf" not in text  # the other format's labels are not there

    relabelled = {**OWN, "items": [{"item": "name", "label": "Nama Peserta"}]}
    stale = await internship.client.put(
        url, json=relabelled, headers={**supervisor, "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    replaced = await internship.client.put(
        url, json=relabelled, headers={**supervisor, "If-Match": '"1"'}
    )
    assert replaced.status_code == 200 and replaced.headers["etag"] == '"2"'
    read = await internship.client.get(url, headers=supervisor)
    assert read.json()["definition"]["items"] == [{"item": "name", "label": "Nama Peserta"}]


async def test_a_bad_format_is_refused_naming_the_field_and_changes_nothing(
    internship: RunningService, supervisor: dict[str, str]
):
    url = f"{FORMATS}/salah"
    cases = [
        ({**OWN, "grades": []}, "grade"),  # a grade item without grades
        ({**OWN, "items": [{"item": "nik", "label": "NIK"}]}, "items"),  # not our data
        ({**OWN, "opening": "Untuk {nama}."}, "{nama}"),  # a typo'd placeholder
        ({**OWN, "items": []}, "items"),
        ({**OWN, "title": "Judul\u0000"}, "title"),
    ]
    for body, named in cases:
        answer = await internship.client.put(url, json=body, headers=supervisor)
        assert answer.status_code == 422, (named, answer.text)
        assert answer.headers["content-type"] == PROBLEM
        assert named in answer.text
    assert (await internship.client.get(url, headers=supervisor)).status_code == 404
    bad_key = await internship.client.put(f"{FORMATS}/Bad Key", json=OWN, headers=supervisor)
    assert bad_key.status_code == 422
