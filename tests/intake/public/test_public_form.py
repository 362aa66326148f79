"""The public form with its files in one request: all or nothing, problems naming the part."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

from apik_testing.services import RunningService
from tests.intake.builders import report_body

PROBLEM = "application/problem+json"
PUBLIC = "/api/v1/intake/public/reports"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64)


def form_report(**overrides: object) -> dict[str, object]:
    body = report_body(office="BKL", summary=f"Ijazah ditahan {uuid.uuid4().hex[:8]}")
    del body["kind"], body["channel"]
    body.update(overrides)
    return body


def parts(report: object, *files: tuple[str, bytes]) -> list[tuple[str, tuple]]:
    text = report if isinstance(report, str) else json.dumps(report)
    return [("report", (None, text, "application/json"))] + [
        ("files", (name, data, "application/octet-stream")) for name, data in files
    ]


def stored_files(intake: RunningService) -> set[Path]:
    root = Path(intake.app.state.settings.attachments_dir)
    return {p for p in root.rglob("*") if p.is_file()}


async def reports_with(intake: RunningService, summary: object) -> int:
    return await intake.scalar("SELECT count(*) FROM report WHERE summary = :s", s=summary)


async def test_the_report_and_its_files_in_one_request(intake, officer):
    report = form_report()
    pdf = PDF + uuid.uuid4().bytes
    response = await intake.client.post(
        PUBLIC, files=parts(report, ("surat-kuasa.pdf", pdf), ("ktp.png", PNG))
    )
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt["status"] == "registered" and receipt["tracking_pin"]
    assert [(a["filename"], a["media_type"]) for a in receipt["attachments"]] == [
        ("surat-kuasa.pdf", "application/pdf"),
        ("ktp.png", "image/png"),
    ]
    assert receipt["attachments"][0]["sha256"] == hashlib.sha256(pdf).hexdigest()
    report_id = await intake.scalar(
        "SELECT id FROM report WHERE registration_number = :n", n=receipt["registration_number"]
    )
    listed = await intake.client.get(
        f"/api/v1/intake/reports/{report_id}/attachments", headers=officer
    )
    items = listed.json()["items"]
    assert {a["uploaded_by"] for a in items} == {"public:web"} and len(items) == 2
    download = await intake.client.get(
        f"/api/v1/intake/reports/{report_id}/attachments/{receipt['attachments'][0]['id']}",
        headers=officer,
    )
    assert download.content == pdf
    tracked = await intake.client.get(
        f"{PUBLIC}/{receipt['registration_number']}",
        headers={"X-Tracking-PIN": receipt["tracking_pin"]},
    )
    assert tracked.status_code == 200


async def test_the_report_part_may_be_a_json_file_and_files_may_be_none(intake):
    report = form_report()
    blob = [("report", ("report.json", json.dumps(report).encode(), "application/json"))]
    response = await intake.client.post(PUBLIC, files=blob)
    assert response.status_code == 201, response.text
    assert response.json()["attachments"] == []
    assert await reports_with(intake, report["summary"]) == 1


async def test_one_refused_file_refuses_everything_and_names_the_part(intake):
    cases = [
        ([("ktp.png", PNG), ("bukti.png", EXE)], 415, ["#/files/1"]),
        ([("foto.jpg", PDF)], 415, ["#/files/0"]),  # a PDF named like a photo
        ([("besar.pdf", b"%PDF-" + bytes(64 * 1024))], 413, ["#/files/0"]),
        ([("kosong.pdf", b"")], 422, ["#/files/0"]),
        ([("../ktp.pdf", PDF)], 422, ["#/files/0"]),
        # Every refused part is named; the status is the first one's.
        (
            [("a.pdf", EXE), ("b.pdf", PDF), ("c.png", b"text" * 10)],
            415,
            ["#/files/0", "#/files/2"],
        ),
        ([("ktp.pdf", PDF)] * 6, 422, ["#/files/5"]),  # five files at most
    ]
    before = stored_files(intake)
    for files, status, pointers in cases:
        report = form_report()
        response = await intake.client.post(PUBLIC, files=parts(report, *files))
        assert response.status_code == status, (files[0][0], response.text)
        assert response.headers["content-type"] == PROBLEM
        assert [e["pointer"] for e in response.json()["errors"]] == pointers
        assert await reports_with(intake, report["summary"]) == 0
    assert stored_files(intake) == before


async def test_a_bad_report_part_is_named_and_nothing_is_stored(intake):
    before = stored_files(intake)
    bad_nik = form_report(reporter={"name": "Budi", "nik": "1234"})
    unknown = form_report(substance="astrology")
    not_a_file = ("files", (None, "not a file", "text/plain"))
    cases = [
        (parts(bad_nik, ("ktp.pdf", PDF)), "#/report/reporter/nik", "nik_length"),
        (parts(unknown, ("ktp.pdf", PDF)), "#/report/substance", "unknown_substance"),
        (parts("{not json", ("ktp.pdf", PDF)), "#/report", "json_invalid"),
        ([("files", ("ktp.pdf", PDF, "application/pdf"))], "#/report", "one_report_part"),
        (parts(form_report()) * 2, "#/report", "one_report_part"),
        (
            [*parts(form_report()), ("extra", (None, "x", "text/plain"))],
            "#/extra",
            "extra_forbidden",
        ),
        ([*parts(form_report()), not_a_file], "#/files/0", "not_a_file"),
    ]
    for body, pointer, code in cases:
        response = await intake.client.post(PUBLIC, files=body)
        assert response.status_code == 422, (pointer, response.text)
        assert response.json()["errors"][0]["pointer"] == pointer
        assert response.json()["errors"][0]["code"] == code, (pointer, response.text)
    for report in (bad_nik, unknown):
        assert await reports_with(intake, report["summary"]) == 0
    assert stored_files(intake) == before


async def test_the_json_form_is_unchanged_and_other_bodies_are_refused(intake):
    report = form_report()
    response = await intake.client.post(PUBLIC, json=report)
    assert response.status_code == 201 and response.json()["attachments"] == []
    bad = await intake.client.post(PUBLIC, json=form_report(reporter={"name": "B", "nik": "1"}))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"] == "#/body/reporter/nik"
    empty = await intake.client.post(
        PUBLIC, content=b"", headers={"content-type": "application/json"}
    )
    assert empty.status_code == 422 and empty.json()["errors"][0]["pointer"] == "#/body"
    broken = await intake.client.post(
        PUBLIC, content=b"{", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422 and broken.headers["content-type"] == PROBLEM
    text = await intake.client.post(
        PUBLIC, content=json.dumps(report), headers={"content-type": "text/plain"}
    )
    assert text.status_code == 415 and text.headers["content-type"] == PROBLEM
    assert text.json()["errors"][0]["pointer"] == "#/headers/content-type"
    garbled = await intake.client.post(
        PUBLIC, content=b"--x\r\nnonsense", headers={"content-type": "multipart/form-data"}
    )
    assert garbled.status_code == 422 and garbled.headers["content-type"] == PROBLEM


async def test_a_retried_form_with_the_same_key_is_one_report(intake):
    report = form_report()
    request = intake.client.build_request(
        "POST", PUBLIC, files=parts(report, ("ktp.pdf", PDF)), headers={"Idempotency-Key": "f-1"}
    )
    request.read()  # the same bytes, boundary included, sent twice
    first = await intake.client.send(request)
    again = await intake.client.send(
        intake.client.build_request(
            "POST",
            PUBLIC,
            content=request.content,
            headers={"Idempotency-Key": "f-1", "content-type": request.headers["content-type"]},
        )
    )
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert first.json()["registration_number"] == again.json()["registration_number"]
    assert again.json()["tracking_pin"] != first.json()["tracking_pin"]
    assert await reports_with(intake, report["summary"]) == 1
    assert (
        await intake.scalar(
            "SELECT count(*) FROM attachment a JOIN report r ON r.id = a.report_id"
            " WHERE r.summary = :s",
            s=report["summary"],
        )
        == 1
    )


async def test_the_openapi_document_describes_both_bodies(intake):
    document = (await intake.client.get("/api/v1/intake/openapi.json")).json()
    body = document["paths"][PUBLIC]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    form = body["multipart/form-data"]
    assert form["schema"]["required"] == ["report"]
    assert form["schema"]["properties"]["report"] == body["application/json"]["schema"]
    assert "$ref" not in json.dumps(body["application/json"]["schema"])
    assert form["encoding"]["report"]["contentType"] == "application/json"
    responses = document["paths"][PUBLIC]["post"]["responses"]
    assert {"201", "413", "415", "422"} <= set(responses)
