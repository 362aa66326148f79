"""Two registrations of one new person at once make one person: a registration locks the
reporter's keys before its write looks for who reported before, so the write sees the
other registration once it has committed."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from sqlalchemy import text

from apik_intake.reporters.rules import blind_index
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import REPORTS, report_body

NIK = "1771010101900001"  # `report_body`'s reporter


async def test_a_registration_waits_for_the_same_person_registered_at_that_moment(
    intake: RunningService, tokens: TestTokens
):
    where = "P" + uuid.uuid4().hex[:5].upper()
    officer = tokens.headers("intake_officer", office=where)
    index = blind_index(intake.app.state.index_key, "nik", NIK)
    person = uuid.uuid4()
    async with intake.app.state.database.sessions() as other:
        # Another registration of the same NIK, its reporter written, not yet committed.
        await other.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"intake:reporter:{where}:{index}"},
        )
        await other.execute(
            text(
                "INSERT INTO reporter"
                " (id, office, identity, person_id, nik_index, matched_on, created_at)"
                " VALUES (:id, :office, 'sealed', :person, :nik, '[]', :at)"
            ),
            {
                "id": uuid.uuid4(),
                "office": where,
                "person": person,
                "nik": index,
                "at": datetime.now(UTC),
            },
        )
        filing = asyncio.create_task(
            intake.client.post(REPORTS, json=report_body(), headers=officer)
        )
        await asyncio.sleep(0.5)
        assert not filing.done(), "the registration waits for the other one"
        await other.commit()
    answer = await filing
    assert answer.status_code == 201, answer.text
    assert answer.json()["reporter"]["person_id"] == str(person)
    assert answer.json()["reporter"]["matched_on"] == ["nik"]
