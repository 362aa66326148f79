"""Attachments: the content decides the type, checksums, size limits, the reporter's upload."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile

import pytest

from apik_shared.vocabulary.files import (
    DOCX,
    EXECUTABLE,
    JPEG,
    PDF,
    PNG,
    UNKNOWN,
    XLSX,
    ZIP,
    sniff,
)
from apik_testing.services import RunningService
from tests.intake.builders import report_body

PROBLEM = "application/problem+json"
PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64)


def office_zip(folder: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<doc/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (PDF_BYTES, PDF),
        (PNG_BYTES, PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (EXE_BYTES, EXECUTABLE),
        (b"\x7fELF\x02\x01\x01", EXECUTABLE),
        (office_zip("word"), DOCX),
        (office_zip("xl"), XLSX),
        (office_zip("payload"), ZIP),
        (b"PK\x03\x04 not really a zip", UNKNOWN),
        (b"Hello, just text", UNKNOWN),
    ],
)
def test_the_content_says_what_a_file_is(data: bytes, media_type: str):
    assert sniff(data) == media_type


async def upload(
    intake: RunningService, report_id: str, headers: dict, name: str, data: bytes, **extra: str
):
    return await intake.client.post(
        f"/api/v1/intake/reports/{report_id}/attachments",
        params={"filename": name},
        content=data,
        headers={**headers, "content-type": "application/octet-stream", **extra},
    )


async def new_report(intake: RunningService, headers: dict) -> dict:
    response = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(), headers=headers
    )
    return response.json()


async def test_staff_upload_and_download_with_a_checksum(intake, officer):
    report = await new_report(intake, officer)
    response = await upload(intake, report["id"], officer, "surat-kuasa.pdf", PDF_BYTES)
    assert response.status_code == 201, response.text
    attachment = response.json()
    assert attachment["media_type"] == PDF and attachment["size"] == len(PDF_BYTES)
    assert attachment["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    listed = await intake.client.get(
        f"/api/v1/intake/reports/{report['id']}/attachments", headers=officer
    )
    assert [a["id"] for a in listed.json()["items"]] == [attachment["id"]]
    download = await intake.client.get(
        f"/api/v1/intake/reports/{report['id']}/attachments/{attachment['id']}", headers=officer
    )
    assert download.status_code == 200 and download.content == PDF_BYTES
    assert download.headers["content-type"] == PDF
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "surat-kuasa.pdf" in download.headers["content-disposition"]
    elsewhere = await intake.client.get(
        f"/api/v1/intake/reports/{uuid.uuid4()}/attachments/{attachment['id']}", headers=officer
    )
    assert elsewhere.status_code == 404


async def test_oversized_disguised_or_empty_files_are_refused_and_nothing_is_kept(intake, officer):
    report = await new_report(intake, officer)
    cases = [
        ("ktp.pdf", EXE_BYTES, 415, "#/body"),  # a program named like a PDF
        ("foto.png", b"just some text" * 10, 415, "#/body"),
        ("arsip.docx", office_zip("payload"), 415, "#/body"),  # a zip dressed as Word
        ("foto.jpg", PDF_BYTES, 415, "#/query/filename"),  # a PDF named like a photo
        ("besar.pdf", b"%PDF-" + bytes(64 * 1024), 413, "#/body"),
        ("kosong.pdf", b"", 422, "#/body"),
        ("../../etc/passwd.pdf", PDF_BYTES, 422, "#/query/filename"),
    ]
    for name, data, status, pointer in cases:
        response = await upload(intake, report["id"], officer, name, data)
        assert response.status_code == status, (name, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == pointer, name
    count = await intake.scalar(
        "SELECT count(*) FROM attachment WHERE report_id = :id", id=uuid.UUID(report["id"])
    )
    assert count == 0


async def test_the_reporter_uploads_with_the_tracking_pin(intake):
    body = report_body(office="BKL")
    del body["kind"], body["channel"]
    receipt = (await intake.client.post("/api/v1/intake/public/reports", json=body)).json()
    url = f"/api/v1/intake/public/reports/{receipt['registration_number']}/attachments"
    wrong = await intake.client.post(
        url,
        params={"filename": "bukti.png"},
        content=PNG_BYTES,
        headers={"X-Tracking-PIN": "AAAA-AAAA"},
    )
    assert wrong.status_code == 404 and wrong.headers["content-type"] == PROBLEM
    right = await intake.client.post(
        url,
        params={"filename": "bukti.png"},
        content=PNG_BYTES,
        headers={"X-Tracking-PIN": receipt["tracking_pin"]},
    )
    assert right.status_code == 201, right.text
    assert right.json()["media_type"] == PNG and right.json()["uploaded_by"] == "public:web"
    disguised = await intake.client.post(
        url,
        params={"filename": "bukti.png"},
        content=EXE_BYTES,
        headers={"X-Tracking-PIN": receipt["tracking_pin"]},
    )
    assert disguised.status_code == 415
    assert (
        await intake.scalar(
            "SELECT count(*) FROM attachment WHERE id = :id", id=uuid.UUID(right.json()["id"])
        )
        == 1
    )
