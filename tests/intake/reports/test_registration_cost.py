"""A registration costs what it should (issue 22): the report is written once with its
near-copy signature, the reporter's keys are locked in one statement, and the answer is
built from what was written, the same answer a read gives. Statements, not timings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from tests.intake.builders import REPORTS, report_body


@contextmanager
def statements(intake) -> Iterator[list[str]]:
    """The SQL the intake app sends while the block runs (the relay's included)."""
    engine = intake.app.state.database.engine.sync_engine
    seen: list[str] = []

    def record(conn, cursor, statement, params, context, executemany) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_a_registration_writes_once_locks_once_and_reads_nothing_back(intake, officer):
    body = report_body(
        summary="Sertifikat tanah tidak kunjung terbit",
        chronology="Sejak Maret 2026 kantor pertanahan menunda penerbitan sertifikat.",
        received_at="2026-09-01T10:00:00+07:00",
    )
    with statements(intake) as seen:
        answer = await intake.client.post(REPORTS, json=body, headers=officer)
    assert answer.status_code == 201, answer.text
    # The signature goes in with the INSERT: no UPDATE re-indexing the new row.
    assert not [s for s in seen if s.startswith("UPDATE report ")], seen
    inserted = [s for s in seen if s.startswith("INSERT INTO report (")]
    assert len(inserted) == 1 and "text_bands" in inserted[0]
    assert len([s for s in seen if "pg_advisory_xact_lock" in s]) == 1
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
