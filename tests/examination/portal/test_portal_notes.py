"""APIK is the system of record for examination: a portal's update of a report already in
examination is a note on the case's timeline and never moves the case, once per update id;
a report without a case is left to intake."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.integration import PortalStatusChanged
from apik_testing.polling import eventually
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, new_case, publish


def _update(case: dict, update_id: str, status: str, step: str | None) -> CloudEvent:
    payload = PortalStatusChanged(
        portal="lapor",
        external_id="LPR-000123",
        update_id=update_id,
        office=case["office"],
        registration_number=case["registration_number"],
        report_id=case["report_id"],
        portal_status=status,
        effect="applied",
        apik_step=step,
        at=datetime.now(UTC) - timedelta(minutes=1),
    )
    return CloudEvent(
        source=source_of("integration"),
        type=payload.event_type,
        subject=f"lapor:{payload.external_id}",
        data=payload.model_dump(mode="json"),
    )


async def test_a_portal_update_is_a_note_on_the_case_and_never_moves_it(
    infra, examination, tokens: TestTokens
) -> None:
    case = await new_case(infra, examination, tokens)
    examiner = tokens.headers("examiner", office=case["office"])
    # The complainant withdrew at the portal: the office's map asks for a withdrawal.
    withdrawn = _update(case, "UPD-1", "dicabut", "withdraw")
    await publish(infra.nats_url, withdrawn)
    await publish(infra.nats_url, withdrawn, msg_id=f"again-{withdrawn.id}")  # redelivered
    await publish(infra.nats_url, _update(case, "UPD-1", "dicabut", "withdraw"))  # re-announced
    later = _update(case, "UPD-2", "ditindaklanjuti", None)
    await publish(infra.nats_url, later)

    async def notes() -> list[dict]:
        answer = await examination.client.get(
            f"{API}/cases/{case['id']}/timeline", headers=examiner
        )
        assert answer.status_code == 200, answer.text
        return [e for e in answer.json() if e["type"] == "portal_update"]

    found = await eventually(notes, lambda n: len(n) == 2)
    first = next(n for n in found if n["data"]["update_id"] == "UPD-1")
    assert first["status"] is None and first["actor"] == "portal:lapor"
    assert first["data"]["portal_status"] == "dicabut"
    assert first["data"]["requested_step"] == "withdraw"  # asked for, never applied
    after = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
    assert after["status"] == case["status"] and after["version"] == case["version"]


async def test_an_update_of_a_report_without_a_case_changes_nothing_here(
    infra, examination, tokens: TestTokens
) -> None:
    case = await new_case(infra, examination, tokens)
    stranger = {**case, "report_id": str(uuid.uuid4()), "registration_number": "BKL-X-1"}
    await publish(infra.nats_url, _update(stranger, "UPD-9", "baru", None))
    # Consumed in order after it: the case's own update is noted, the stranger's nowhere.
    await publish(infra.nats_url, _update(case, "UPD-10", "diproses", None))
    examiner = tokens.headers("examiner", office=case["office"])

    async def notes() -> list[dict]:
        answer = await examination.client.get(
            f"{API}/cases/{case['id']}/timeline", headers=examiner
        )
        return [e for e in answer.json() if e["type"] == "portal_update"]

    [note] = await eventually(notes, lambda n: len(n) == 1)
    assert note["data"]["update_id"] == "UPD-10"
    assert not await examination.scalar(
        "SELECT count(*) FROM case_event WHERE data->>'update_id' = 'UPD-9'"
    )
