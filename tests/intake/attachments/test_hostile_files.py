"""Hostile files, sent as an attacker would: names that broke every later download (emoji,
Cyrillic, U+202E, CR/LF), Office files with macros, files that are two types at once."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from urllib.parse import quote, unquote

import httpx
import pytest

from apik_testing.services import RunningService
from tests.intake.builders import report_body

REPORTS = "/api/v1/intake/reports"
PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX_TYPES = (
    '<Types><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCM_TYPES = (
    '<Types><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.ms-word.document.macroEnabled.main+xml"/><Default Extension="bin" '
    'ContentType="application/vnd.ms-office.vbaProject"/></Types>'
)
# What Word's directory holds for a VBA project: the stream names in UTF-16.
VBA_OLE = OLE_MAGIC + bytes(504) + "Macros".encode("utf-16-le") + "_VBA_PROJECT".encode("utf-16-le")


def archive(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in parts.items():
            zipped.writestr(name, content)
    return out.getvalue()


def docx(**extra: str | bytes) -> bytes:
    return archive({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": "<w/>", **extra})


async def new_report(client: httpx.AsyncClient, headers: dict) -> str:
    response = await client.post(REPORTS, json=report_body(), headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def upload(client: httpx.AsyncClient, headers: dict, report_id: str, name: str, data: bytes):
    return await client.post(
        f"{REPORTS}/{report_id}/attachments",
        params={"filename": name},
        content=data,
        headers={**headers, "content-type": "application/octet-stream"},
    )


async def stored_count(intake: RunningService, report_id: str) -> int:
    return await intake.scalar(
        "SELECT count(*) FROM attachment WHERE report_id = :id", id=uuid.UUID(report_id)
    )


@pytest.mark.parametrize(
    ("sent", "stored", "ascii_name", "data"),
    [
        ("📄 bukti laporan.png", "📄 bukti laporan.png", "bukti laporan.png", PNG_BYTES),
        ("Заявление.pdf", "Заявление.pdf", "attachment.pdf", PDF_BYTES),
        # Shown as "suratfdp.pdf" reversed after the override: the override goes.
        ("surat\u202efdp.pdf", "suratfdp.pdf", "suratfdp.pdf", PDF_BYTES),
        (
            "bukti\r\nSet-Cookie: session=stolen\r\n.pdf",
            "bukti Set-Cookie: session=stolen .pdf",
            "bukti Set-Cookie: session=stolen.pdf",
            PDF_BYTES,
        ),
        ('Re\u0301sume\u0301 "final".pdf', 'Résumé "final".pdf', "Resume _final.pdf", PDF_BYTES),
    ],
    ids=["emoji", "cyrillic", "rtl-override", "crlf", "decomposed-and-quotes"],
)
async def test_any_name_uploads_and_downloads_with_an_rfc6266_header(
    over_http: httpx.AsyncClient,
    officer: dict,
    sent: str,
    stored: str,
    ascii_name: str,
    data: bytes,
):
    report_id = await new_report(over_http, officer)
    uploaded = await upload(over_http, officer, report_id, sent, data)
    assert uploaded.status_code == 201, uploaded.text

    download = await over_http.get(
        f"{REPORTS}/{report_id}/attachments/{uploaded.json()['id']}", headers=officer
    )

    assert download.status_code == 200, download.text
    assert download.content == data
    assert "set-cookie" not in download.headers
    header = download.headers["content-disposition"]
    assert header == (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(stored, safe='')}"
    )
    assert unquote(header.split("filename*=UTF-8''")[1]) == stored
    assert uploaded.json()["filename"] == stored


async def test_names_with_folders_are_refused(intake: RunningService, officer: dict):
    report_id = await new_report(intake.client, officer)
    for sent in ("../../etc/passwd.pdf", "C:\\Users\\budi\\ktp.pdf", "..", "\u202e"):
        response = await upload(intake.client, officer, report_id, sent, PDF_BYTES)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["pointer"] == "#/query/filename"
    assert await stored_count(intake, report_id) == 0


@pytest.mark.parametrize(
    ("name", "data", "pointer"),
    [
        (
            "surat.docm",
            archive(
                {
                    "[Content_Types].xml": DOCM_TYPES,
                    "word/document.xml": "<w/>",
                    "word/vbaProject.bin": OLE_MAGIC + bytes(100),
                }
            ),
            "#/body",
        ),
        ("surat.docx", docx(**{"word/vbaProject.bin": OLE_MAGIC + bytes(100)}), "#/body"),
        (
            "tabel.xlsx",
            archive(
                {
                    "[Content_Types].xml": "<Types/>",
                    "xl/workbook.xml": "<w/>",
                    "xl/macrosheets/sheet1.xml": "<xm/>",
                }
            ),
            "#/body",
        ),
        ("surat.docx", docx(**{"word/embeddings/oleObject1.bin": VBA_OLE}), "#/body"),
        (
            "surat.odt",
            archive(
                {
                    "mimetype": "application/vnd.oasis.opendocument.text",
                    "content.xml": "<o/>",
                    "Basic/Standard/Module1.xml": "<script:module/>",
                }
            ),
            "#/body",
        ),
        ("surat.doc", VBA_OLE, "#/body"),
        ("surat.docm", docx(), "#/query/filename"),  # no code, but named to run it
    ],
    ids=[
        "docm",
        "docx-with-vba",
        "xlsx-macro-sheet",
        "embedded-vba",
        "odt-basic",
        "doc-vba",
        "docm-name",
    ],
)
async def test_office_files_with_macros_are_refused(
    intake: RunningService, officer: dict, name: str, data: bytes, pointer: str
):
    report_id = await new_report(intake.client, officer)
    response = await upload(intake.client, officer, report_id, name, data)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["pointer"] == pointer
    assert "macro" in response.json()["detail"]
    assert await stored_count(intake, report_id) == 0


PDF_HTML = b"%PDF-1.4\n%<html><body><script>fetch('/api/v1/intake/reports')</script>\n" + PDF_BYTES
HTML_PDF = b"<!DOCTYPE html><html><script>alert(document.cookie)</script>\n%PDF-1.4\n" + PDF_BYTES
GIF_JS = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;<script src=x.js></script>" + bytes(20)
PNG_ZIP = PNG_BYTES + archive({"payload.html": "<script>alert(1)</script>"})
PNG_PDF = PNG_BYTES + b"\x00\x00\x00\x00tEXt%PDF-1.4 " + PDF_BYTES


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.pdf", PDF_HTML),
        ("scan.pdf", HTML_PDF),
        ("foto.gif", GIF_JS),
        ("foto.png", PNG_ZIP),
        ("foto.png", PNG_PDF),
    ],
    ids=[
        "pdf-with-html",
        "html-with-pdf-header",
        "gif-with-script",
        "png-with-zip",
        "png-with-pdf",
    ],
)
async def test_files_of_two_types_at_once_are_refused(
    intake: RunningService, officer: dict, name: str, data: bytes
):
    report_id = await new_report(intake.client, officer)
    response = await upload(intake.client, officer, report_id, name, data)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == "#/body"
    assert "at once" in response.json()["detail"]
    assert await stored_count(intake, report_id) == 0


async def test_the_public_form_refuses_a_polyglot_naming_its_part(intake: RunningService):
    body = report_body(office="BKL")
    del body["kind"], body["channel"]
    response = await intake.client.post(
        "/api/v1/intake/public/reports",
        files=[
            ("report", (None, json.dumps(body), "application/json")),
            ("files", ("bukti.pdf", PDF_BYTES, "application/pdf")),
            ("files", ("surat.pdf", PDF_HTML, "application/pdf")),
        ],
    )
    assert response.status_code == 422, response.text
    assert [e["pointer"] for e in response.json()["errors"]] == ["#/files/1"]


async def test_plain_office_documents_still_upload(intake: RunningService, officer: dict):
    report_id = await new_report(intake.client, officer)
    response = await upload(intake.client, officer, report_id, "surat.docx", docx())
    assert response.status_code == 201, response.text
