"""The public form: an application with its letter, no login, a code to track it with;
bad input answered as a problem naming the field, and nothing stored."""

from __future__ import annotations

import pytest

from apik_testing.services import RunningService
from tests.internship.builders import APPLY, LETTER, PROBLEM, application_body, form


async def counts(internship: RunningService) -> tuple[int, int]:
    applications = await internship.scalar("SELECT count(*) FROM application")
    letters = await internship.scalar("SELECT count(*) FROM application_letter")
    return applications, letters


async def test_an_application_is_filed_with_its_letter_and_tracked_by_its_code(
    internship: RunningService,
):
    answer = await internship.client.post(APPLY, **form())
    assert answer.status_code == 201, answer.text
    assert answer.headers["cache-control"] == "no-store"
    receipt = answer.json()
    code = receipt["application_code"]
    assert code.startswith("MORI-") and receipt["status"] == "submitted"

    status = await internship.client.get(f"{APPLY}/{code}")
    assert status.status_code == 200
    view = status.json()
    assert view["status"] == "submitted"
    assert (view["period_start"], view["period_end"]) == ("2027-02-01", "2027-04-30")
    # The status page holds no personal data: not the name, email or institution.
    assert "Rina" not in status.text and "student.ac.id" not in status.text
    # Typed loosely (lower case, spaces) it still opens; an unknown code does not.
    loose = code.lower().replace("-", " ")
    assert (await internship.client.get(f"{APPLY}/{loose}")).status_code == 200
    unknown = await internship.client.get(f"{APPLY}/MORI-0000-0000-0000-0000")
    assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM


async def test_the_applicant_and_the_letter_are_sealed_and_the_code_is_not_kept(
    internship: RunningService,
):
    answer = await internship.client.post(APPLY, **form())
    code = answer.json()["application_code"]
    row = await internship.scalar(
        "SELECT applicant || ' ' || code_hash FROM application ORDER BY submitted_at DESC LIMIT 1"
    )
    assert "Rina" not in row and "rina.kartika" not in row and code not in row
    content = await internship.scalar(
        "SELECT l.content FROM application_letter l JOIN application a ON a.id = l.application_id"
        " ORDER BY a.submitted_at DESC LIMIT 1"
    )
    assert "%PDF" not in content and content.startswith("test:")  # the keyring's key id


async def test_intern_applied_carries_references_not_the_applicant(internship: RunningService):
    answer = await internship.client.post(APPLY, **form())
    assert answer.status_code == 201
    application_id = str(
        await internship.scalar("SELECT id FROM application ORDER BY submitted_at DESC LIMIT 1")
    )
    [event] = await internship.outbox_events("intern.applied", subject=application_id)
    assert event.data == {
        "application_id": application_id,
        "office": "KAB",
        "institution_kind": "university",
        "units": ["intake", "examination"],
        "period_start": "2027-02-01",
        "period_end": "2027-04-30",
        "submitted_at": event.data["submitted_at"],
    }


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"applicant": {"name": "Rina", "email": "not-an-email"}}, "#/application/applicant/email"),
        ({"units": ["kitchen"]}, "#/application/units/0"),
        ({"units": []}, "#/application/units"),
        ({"institution_kind": "company"}, "#/application/institution_kind"),
        ({"period_end": "2029-12-31"}, "#/application/period_end"),
        ({"programme": "PKL\u0000"}, "#/application/programme"),
        ({"nickname": "Rin"}, "#/application/nickname"),
    ],
)
async def test_a_bad_field_is_named_and_nothing_is_stored(
    internship: RunningService, change: dict[str, object], pointer: str
):
    before = await counts(internship)
    answer = await internship.client.post(APPLY, **form(application_body(**change)))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == PROBLEM
    assert pointer in {e["pointer"] for e in answer.json()["errors"]}
    assert await counts(internship) == before


@pytest.mark.parametrize(
    ("change", "pointer", "code", "params"),
    [
        (
            {"units": ["kitchen"]},
            "#/application/units/0",
            "unknown_unit",
            {"units": "intake, prevention, examination"},
        ),
        (
            {"period_end": "2029-12-31"},
            "#/application/period_end",
            "period_too_long",
            {"max_days": 366},
        ),
        # The form's own checks across fields: the model's pointer, the code says which.
        (
            {"period_end": "2027-01-31"},
            "#/application",
            "ends_before_start",
            {"start": "2027-02-01"},
        ),
        ({"units": ["intake", "intake"]}, "#/application", "unit_twice", {}),
    ],
)
async def test_an_own_check_names_a_code_the_web_app_words(
    internship: RunningService,
    change: dict[str, object],
    pointer: str,
    code: str,
    params: dict[str, object],
):
    answer = await internship.client.post(APPLY, **form(application_body(**change)))
    assert answer.status_code == 422, answer.text
    [error] = answer.json()["errors"]
    assert (error["pointer"], error["code"], error["params"]) == (pointer, code, params)
    assert not error["detail"].startswith("Value error")  # the English, as the API says it


@pytest.mark.parametrize(
    ("letter", "filename", "status"),
    [
        # A web page dressed as a PDF: two types at once.
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>", "surat.pdf", 422),
        # A program named like a letter.
        (b"MZ\x90\x00" + b"\x00" * 64, "surat.pdf", 415),
        # A real PDF named as an image.
        (LETTER, "surat.png", 415),
        (b"", "surat.pdf", 422),
    ],
)
async def test_a_letter_is_judged_by_its_content(
    internship: RunningService, letter: bytes, filename: str, status: int
):
    before = await counts(internship)
    answer = await internship.client.post(APPLY, **form(letter=letter, filename=filename))
    assert answer.status_code == status, answer.text
    assert {e["pointer"] for e in answer.json()["errors"]} == {"#/letter"}
    assert await counts(internship) == before


async def test_a_form_without_a_letter_or_not_multipart_is_refused(internship: RunningService):
    before = await counts(internship)
    parts = form()
    del parts["files"]
    # httpx sends a form without files urlencoded: not the multipart the form is.
    answer = await internship.client.post(APPLY, **parts)
    assert answer.status_code == 415 and answer.headers["content-type"] == PROBLEM
    missing = await internship.client.post(
        APPLY, data=parts["data"], files={"other": ("x.txt", b"x", "text/plain")}
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "#/other"
    json_body = await internship.client.post(APPLY, json=application_body())
    assert json_body.status_code == 415
    assert await counts(internship) == before
