"""A registration costs what it should (issue 22): the reporter, the report with its
near-copy signature, the first step, the reporter's first message and the event are
written in one statement that is also the duplicate search, the reporter's keys are
locked and matched in one statement, the office and the substance catalogue are not read
again for every registration, and the answer is built from what was written, the same
answer a read gives. Statements, not timings."""

from __future__ import annotations

import uuid

from apik_intake.reports.service.writing import _WRITES
from apik_shared.platform.db import driver_connection
from apik_testing.tokens import TestTokens
from tests.intake.builders import REPORTS, logged, report_body, statements

SUBSTANCES = "/api/v1/intake/substances"


async def test_a_registration_writes_once_locks_once_and_reads_nothing_back(intake, officer):
    body = report_body(
        summary="Sertifikat tanah tidak kunjung terbit",
        chronology="Sejak Maret 2026 kantor pertanahan menunda penerbitan sertifikat.",
        received_at="2026-09-01T10:00:00+07:00",
    )
    with statements(intake) as seen:
        answer = await intake.client.post(REPORTS, json=body, headers=officer)
        await logged()
    assert answer.status_code == 201, answer.text
    # The signature goes in with the INSERT: no UPDATE re-indexing the new row.
    assert not [s for s in seen if s.startswith("UPDATE report ")], seen
    inserted = [s for s in seen if "INSERT INTO report (" in s]
    assert len(inserted) == 1 and "text_bands" in inserted[0]
    # One statement writes the reporter, the report, its first step, the message queued
    # to the reporter (the body asks for one) and the event, and none of them is
    # written again.
    written = inserted[0]
    for table in ("reporter", "report_step", "notification", "outbox"):
        assert f"INSERT INTO {table} (" in written, table
        assert len([s for s in seen if f"INSERT INTO {table} (" in s]) == 1, (table, seen)
    # The reporter's keys locked and the person looked up: one statement.
    assert len([s for s in seen if "intake_reporter_matches(" in s]) == 1, seen
    assert not [s for s in seen if "FROM reporter WHERE reporter.office" in s], seen
    # The office's duplicate candidates and the same letter in other offices: one look-up,
    # the write's own query.
    assert [s for s in seen if "similarity(" in s] == [written], seen
    # And the candidates it scores are stored by that same statement.
    assert [s for s in seen if "INSERT INTO duplicate_candidate" in s] == [written], seen
    # Nothing written is read back to build the answer.
    assert not [s for s in seen if s.startswith(("SELECT report_step.", "SELECT reporter.id"))]
    read = await intake.client.get(f"{REPORTS}/{answer.json()['id']}", headers=officer)
    assert read.json() == answer.json()
    assert answer.json()["timeline"][0]["step"] == "registered"


async def test_a_signature_stored_at_insert_still_finds_the_copy(intake, officer):
    letter = "Bantuan sosial tidak diterima keluarga miskin di kelurahan sejak awal tahun ini"
    first = await intake.client.post(
        REPORTS,
        json=report_body(summary="Bansos tidak diterima", chronology=letter),
        headers=officer,
    )
    again = await intake.client.post(
        REPORTS,
        json=report_body(summary="Bansos tidak diterima", chronology=letter.upper()),
        headers=officer,
    )
    assert first.status_code == again.status_code == 201
    found = await intake.client.get(f"{REPORTS}/{again.json()['id']}/duplicates", headers=officer)
    assert found.status_code == 200, found.text
    assert first.json()["id"] in {c["report_id"] for c in found.json()["items"]}


async def test_a_candidate_pair_is_one_row_read_from_either_end(intake, officer):
    """The pair the later registration finds is stored once, as the later report's (no
    second row, index entry and key checks for the reverse), and both panels show it."""
    letter = "Ijazah ditahan sekolah karena tunggakan uang komite sejak kelulusan tahun lalu"
    first, again = [
        await intake.client.post(
            REPORTS,
            json=report_body(summary="Ijazah ditahan", chronology=letter),
            headers=officer,
        )
        for _ in range(2)
    ]
    assert first.status_code == again.status_code == 201, again.text
    earlier, later = uuid.UUID(first.json()["id"]), uuid.UUID(again.json()["id"])
    pairs = await intake.scalar(
        "SELECT array_agg(ARRAY[report_id, candidate_id]) FROM duplicate_candidate"
        " WHERE report_id IN (:a, :b) AND candidate_id IN (:a, :b)",
        a=earlier,
        b=later,
    )
    assert pairs == [[later, earlier]]
    for mine, other in ((earlier, later), (later, earlier)):
        panel = await intake.client.get(f"{REPORTS}/{mine}/duplicates", headers=officer)
        assert panel.status_code == 200, panel.text
        assert str(other) in {c["report_id"] for c in panel.json()["items"]}


async def test_a_written_message_and_reporter_read_as_the_orm_wrote_them(intake, officer):
    """The rows the one statement writes are whole: the queued message is there to be
    sent, and the reporter is recognised when they report again."""
    body = report_body(summary="Jalan rusak tidak diperbaiki", chronology="Sudah setahun.")
    first = await intake.client.post(REPORTS, json=body, headers=officer)
    again = await intake.client.post(REPORTS, json=body, headers=officer)
    assert first.status_code == again.status_code == 201, again.text
    queued = await intake.scalar(
        "SELECT count(*) FROM notification WHERE report_id = :r AND kind = 'registered'"
        " AND status = 'pending' AND attempts = 0 AND next_attempt_at IS NOT NULL",
        r=first.json()["id"],
    )
    assert queued == 1
    assert again.json()["reporter"]["person_id"] == first.json()["reporter"]["person_id"]
    assert "nik" in again.json()["reporter"]["matched_on"]


async def test_the_office_and_the_catalogue_are_not_read_for_every_registration(intake, officer):
    body = report_body(substance="education", received_at="2026-09-01T10:00:00+07:00")
    assert (await intake.client.post(REPORTS, json=body, headers=officer)).status_code == 201
    with statements(intake) as seen:
        answer = await intake.client.post(REPORTS, json=body, headers=officer)
        await logged()
    assert answer.status_code == 201, answer.text
    assert seen, "the statements are seen"
    assert not [s for s in seen if "FROM office_registry" in s], seen
    assert not [s for s in seen if "FROM substance" in s], seen


async def test_a_retired_substance_is_refused_at_once_and_a_new_one_offered_at_once(
    intake, tokens: TestTokens
):
    """The catalogue kept in the process is dropped when a change to it commits."""
    head = tokens.headers("head", office="BKL")
    officer = tokens.headers("intake_officer", office="BKL")
    # Kept first: a registration under a national substance reads the catalogue.
    assert (
        await intake.client.post(REPORTS, json=report_body(substance="education"), headers=officer)
    ).status_code == 201
    code = f"kept_{uuid.uuid4().hex[:8]}"
    created = await intake.client.post(
        SUBSTANCES, json={"code": code, "name_id": "Pasar", "name_en": "Market"}, headers=head
    )
    assert created.status_code == 201, created.text
    filed = await intake.client.post(REPORTS, json=report_body(substance=code), headers=officer)
    assert filed.status_code == 201, filed.text
    retired = await intake.client.patch(
        f"{SUBSTANCES}/{code}", json={"active": False}, headers=head
    )
    assert retired.status_code == 200, retired.text
    refused = await intake.client.post(REPORTS, json=report_body(substance=code), headers=officer)
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["pointer"] == "#/body/substance"


async def test_the_write_planned_on_small_tables_still_reads_through_its_indexes(intake):
    """The write runs on its generic plan, kept for the connection's life until the next
    ANALYZE: made while `report` and `reporter` are small (as here, a new office's), it
    must still reach the duplicate doors and the people through their indexes, or every
    registration after scans both tables whole (issue 22)."""
    sql, names = _WRITES[True, True]
    name = f"probe_{uuid.uuid4().hex}"
    async with intake.app.state.database.sessions() as session:
        connection = await driver_connection(session, generic_plans=True)
        await connection.execute(f"PREPARE {name} AS {sql}")
        try:
            arguments = ", ".join(["NULL"] * len(names))
            plan = [
                line
                for (line,) in await connection.fetch(
                    f"EXPLAIN (COSTS OFF) EXECUTE {name}({arguments})"
                )
            ]
        finally:
            await session.rollback()
            await connection.execute(f"DEALLOCATE {name}")
    assert any("report_text_bands" in line for line in plan), plan
    assert not [line for line in plan if "Seq Scan" in line], plan
