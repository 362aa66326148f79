"""The import's routes: bad input answered with problem+json naming the part, another
office's import unseen, a second upload of the same sheet registering nothing twice."""

from __future__ import annotations

import io
import json
import secrets
from collections.abc import AsyncIterator
from datetime import datetime
from functools import partial

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from apik_integration.app import create_app
from apik_integration.settings import Settings
from apik_testing.polling import eventually
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.integration.builders import (
    IMPORTS,
    PROBLEM,
    VALID_NIK,
    old_record,
    sheet_csv,
    upload,
)


@pytest.fixture(scope="module")
async def importer(
    importer_settings: Settings, tokens: TestTokens
) -> AsyncIterator[RunningService]:
    async with running(create_app(importer_settings), tokens) as service:
        yield service


@pytest.fixture
def office(tokens: TestTokens) -> tuple[str, dict[str, str]]:
    code = "J" + secrets.token_hex(3).upper()
    return code, tokens.headers("head", office=code, username="kepala")


def _pointers(response: object) -> list[str]:
    body = response.json()  # type: ignore[attr-defined]
    return [e["pointer"] for e in body["errors"]]


async def _count(intake: RunningService, code: str) -> int:
    return int(await intake.scalar("SELECT count(*) FROM report WHERE office = :o", o=code))


async def test_bad_uploads_are_problems_naming_the_part_and_store_nothing(
    importer: RunningService, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    sheet = sheet_csv([old_record(f"{code}-1", "02/01/2020")])
    plain = await importer.client.post(IMPORTS, content=sheet, headers=head)
    assert plain.status_code == 415
    assert plain.headers["content-type"] == PROBLEM
    [header] = plain.json()["errors"]
    assert header["pointer"] == "#/headers/content-type"
    assert (header["code"], header["params"]) == (
        "content_type_expected",
        {"expected": "multipart/form-data"},
    )
    unknown = await upload(importer, head, sheet, mapping={"judul": "Uraian"})
    assert unknown.status_code == 422
    assert _pointers(unknown) == ["#/mapping/judul"]
    missing = await upload(importer, head, sheet, mapping={"summary": "Isi"})
    assert missing.status_code == 422
    assert "#/mapping/summary" in _pointers(missing)
    assert "#/mapping/registration_number" in _pointers(missing)
    said = {e["pointer"]: (e["code"], e["params"]) for e in missing.json()["errors"]}
    assert said["#/mapping/summary"] == ("no_such_column", {"column": "Isi"})
    assert said["#/mapping/registration_number"] == ("missing", {})
    outcome = await upload(importer, head, sheet, mapping={"outcomes": {"Tuntas": "done"}})
    assert outcome.status_code == 422, outcome.text
    assert _pointers(outcome) == ["#/mapping/outcomes/Tuntas"]
    empty = await upload(importer, head, sheet_csv([]))
    assert (empty.status_code, _pointers(empty)) == (422, ["#/file"])
    broken = await upload(importer, head, b"PK\x03\x04junk", filename="arsip.xlsx")
    assert (broken.status_code, _pointers(broken)) == (422, ["#/file"])
    # Each named by a code the web app words.
    assert [e["code"] for e in empty.json()["errors"]] == ["no_rows"]
    assert [e["code"] for e in broken.json()["errors"]] == ["unreadable_sheet"]
    assert not await importer.scalar("SELECT count(*) FROM import_job WHERE office = :o", o=code)


async def test_a_mapping_names_the_columns_of_a_sheet_with_its_own_headers(
    importer: RunningService, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    sheet = sheet_csv(
        [[f"{code}-9", "2020-01-02", "Ijazah ditahan"]], headers=["No", "Masuk", "Isi"]
    )
    mapping = {"registration_number": "No", "received_on": "Masuk", "summary": "Isi"}
    answer = await upload(importer, head, sheet, mapping=mapping)
    assert answer.status_code == 201, answer.text
    assert (answer.json()["mapping"], answer.json()["errors"]) == (mapping, [])


async def test_a_workbook_is_read_from_its_first_sheet(
    importer: RunningService, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nomor Registrasi", "Tanggal Diterima", "NIK", "Uraian"])
    sheet.append([f"{code}-1", datetime(2019, 3, 5), VALID_NIK, "Ijazah ditahan"])
    sheet.append([f"{code}-2", datetime(2019, 3, 6), 3201, "Surat tidak dibalas"])
    buffer = io.BytesIO()
    book.save(buffer)
    answer = await upload(importer, head, buffer.getvalue(), filename="arsip.xlsx")
    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert (report["format"], report["valid_rows"]) == ("xlsx", 1)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "NIK")]


async def test_another_office_sees_no_import_and_a_head_alone_runs_one(
    importer: RunningService, office: tuple[str, dict[str, str]], tokens: TestTokens
) -> None:
    code, head = office
    answer = await upload(importer, head, sheet_csv([old_record(f"{code}-1", "02/01/2020")]))
    location = answer.headers["location"]
    other = tokens.headers("head", office="KOTA", username="kepala-kota")
    assert (await importer.client.get(location, headers=other)).status_code == 404
    assert (await importer.client.post(f"{location}/run", headers=other)).status_code == 404
    officer = tokens.headers("intake_officer", office=code, username="pvl")
    assert (await importer.client.post(f"{location}/run", headers=officer)).status_code == 403
    stale = await importer.client.post(f"{location}/run", headers={**head, "If-Match": '"9"'})
    assert stale.status_code == 412
    assert (await importer.client.get(location, headers=head)).json()["status"] == "checked"
    # The office's list of imports holds it, with its counts; another office's holds none.
    listed = await importer.client.get(IMPORTS, headers=head)
    assert listed.status_code == 200, listed.text
    [mine] = listed.json()["items"]
    assert (mine["id"], mine["status"], mine["valid_rows"]) == (answer.json()["id"], "checked", 1)
    assert (mine["sent_rows"], mine["waiting_rows"], mine["version"]) == (0, 1, 1)
    assert answer.json()["id"] not in (await importer.client.get(IMPORTS, headers=other)).text
    assert (await importer.client.get(IMPORTS, headers=officer)).status_code == 403
    bad = await importer.client.get(IMPORTS, headers=head, params={"cursor": "%%"})
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM


async def test_the_same_sheet_uploaded_twice_registers_each_record_once(
    importer: RunningService, intake: RunningService, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    sheet = sheet_csv([old_record(f"{code}-{i}", f"0{i + 1}/01/2020") for i in range(5)])
    for _ in range(2):
        answer = await upload(importer, head, sheet)
        assert answer.status_code == 201, answer.text
        run = await importer.client.post(
            f"{answer.headers['location']}/run",
            headers={**head, "If-Match": answer.headers["etag"]},
        )
        assert run.status_code == 202, run.text
        await eventually(
            partial(importer.client.get, answer.headers["location"], headers=head),
            lambda r: r.json()["status"] == "done",
        )
    await eventually(lambda: _count(intake, code), lambda n: n == 5)
    events = await importer.outbox_events("import.row_ready")
    assert sum(1 for e in events if e.data["office"] == code) == 10  # two uploads' rows
    # Every event of the second upload consumed (the inbox), none registered again.
    await eventually(
        lambda: intake.scalar("SELECT count(*) FROM inbox WHERE event_type = 'import.row_ready'"),
        lambda n: n >= 10,
    )
    assert await _count(intake, code) == 5
    day = await intake.scalar(
        "SELECT received_at::text FROM report WHERE registration_number = :n", n=f"{code}-2"
    )
    assert day.startswith("2020-01-03")
    body = json.dumps(events[-1].data)
    assert "Siti" not in body and "KTP" not in body  # sealed on the way


async def test_without_the_shared_keys_an_import_is_checked_but_not_run(
    integration: RunningService, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    answer = await upload(integration, head, sheet_csv([old_record(f"{code}-1", "02/01/2020")]))
    assert answer.status_code == 201, answer.text
    run = await integration.client.post(f"{answer.headers['location']}/run", headers=head)
    assert run.status_code == 409
    assert run.json()["type"].endswith("/imports-not-configured")


async def test_an_upload_larger_than_the_limit_is_refused_unread(
    importer_settings: Settings, tokens: TestTokens, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    small = importer_settings.model_copy(update={"import_max_bytes": 200})
    rows = [old_record(f"{code}-{i}", "02/01/2020") for i in range(10)]
    async with running(create_app(small), tokens) as service:
        answer = await upload(service, {**head, "Idempotency-Key": "big-1"}, sheet_csv(rows))
        assert (answer.status_code, _pointers(answer)) == (413, ["#/file"])
        [error] = answer.json()["errors"]
        assert (error["code"], error["params"]) == ("too_large", {"max_bytes": 200})
        assert not await service.scalar("SELECT count(*) FROM import_job WHERE office = :o", o=code)


async def test_an_upload_never_run_is_deleted_after_the_days_it_is_kept(
    importer: RunningService, office: tuple[str, dict[str, str]]
) -> None:
    code, head = office
    answer = await upload(importer, head, sheet_csv([old_record(f"{code}-1", "02/01/2020")]))
    location = answer.headers["location"]
    kept = await upload(importer, head, sheet_csv([old_record(f"{code}-2", "02/01/2020")]))
    import_id = answer.json()["id"]
    async with importer.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE import_job SET created_at = now() - interval '31 days' WHERE id = :id"),
            {"id": import_id},
        )

    async def status() -> int:
        return (await importer.client.get(location, headers=head)).status_code

    await eventually(status, lambda code: code == 404)
    assert not await importer.scalar(
        "SELECT count(*) FROM import_row WHERE import_id = :id", id=import_id
    )
    assert (await importer.client.get(kept.headers["location"], headers=head)).status_code == 200
