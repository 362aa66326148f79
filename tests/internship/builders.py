"""What the internship tests share: the public form's parts, a letter, quotas and
applications put in place through the API, and a look at the events on NATS."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import nats
from nats.js.api import DeliverPolicy
from sqlalchemy import text

from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.services import RunningService

PROBLEM = "application/problem+json"
V1 = "/api/v1/internship"
APPLY = f"{V1}/public/applications"
APPLICATIONS = f"{V1}/applications"
QUOTAS = f"{V1}/quotas"
RED_BUTTON = f"{V1}/public/red-button"
CASES = f"{V1}/red-button/cases"
COHORTS = f"{V1}/cohorts"
INTERN = f"{V1}/intern"

# A PDF as far as every check goes: its header first, no markup, a trailer.
LETTER = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def application_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "office": "KAB",
        "applicant": {
            "name": "Rina Kartika",
            "email": "rina.kartika@student.ac.id",
            "phone": "0813-2222-3333",
            "study": "Ilmu Hukum",
        },
        "institution_kind": "university",
        "institution": "Universitas Bengkulu",
        "programme": "Magang MBKM (20 SKS)",
        "period_start": "2027-02-01",
        "period_end": "2027-04-30",
        "units": ["intake", "examination"],
    }
    body.update(overrides)
    return body


def form(
    body: dict[str, Any] | None = None,
    *,
    letter: bytes = LETTER,
    filename: str = "surat-pengantar.pdf",
) -> dict[str, Any]:
    """The keyword arguments of httpx's `post` for the multipart form."""
    return {
        "data": {"application": json.dumps(body or application_body())},
        "files": {"letter": (filename, letter, "application/pdf")},
    }


async def apply(internship: RunningService, **overrides: Any) -> dict[str, Any]:
    """Files an application; its receipt (with the code) and its id."""
    answer = await internship.client.post(APPLY, **form(application_body(**overrides)))
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    receipt["id"] = str(
        await internship.scalar("SELECT id FROM application ORDER BY submitted_at DESC LIMIT 1")
    )
    return receipt


async def accepted(
    internship: RunningService, supervisor: dict[str, str], unit: str = "intake", **overrides: Any
) -> dict[str, Any]:
    """An application accepted into `unit` (its quota set for every month first)."""
    body = application_body(**overrides)
    start, end = body["period_start"][:7], body["period_end"][:7]
    year, month = int(start[:4]), int(start[5:])
    while f"{year:04d}-{month:02d}" <= end:
        await set_quota(internship, supervisor, unit, f"{year:04d}-{month:02d}", 500)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    filed = await apply(internship, **overrides)
    answer = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/acceptance", json={"unit": unit}, headers=supervisor
    )
    assert answer.status_code == 200, answer.text
    return filed


async def link_account(
    internship: RunningService, supervisor: dict[str, str], application_id: str, username: str
) -> dict[str, Any]:
    answer = await internship.client.put(
        f"{APPLICATIONS}/{application_id}/intern-account",
        json={"username": username},
        headers=supervisor,
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def set_quota(
    internship: RunningService, headers: dict[str, str], unit: str, month: str, places: int
) -> dict[str, Any]:
    answer = await internship.client.put(
        QUOTAS, json={"unit": unit, "month": month, "places": places}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def red_button_body(mode: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "office": "KAB",
        "mode": mode,
        "severity": "urgent",
        "account": "Pembimbing lapangan menyentuh saya tanpa izin di ruang arsip.",
    }
    if mode != "anonymous":
        body["reporter"] = {"name": "Dewi Lestari", "phone": "0812-7777-8888"}
    body.update(overrides)
    # An override of None leaves the field out (a report sent without a reporter).
    return {key: value for key, value in body.items() if value is not None}


async def events_on_stream(nats_url: str, subject: str) -> list[CloudEvent]:
    """Every event the stream holds on `subject`, read as a consumer would."""
    connection = await nats.connect(nats_url)
    try:
        stream = connection.jetstream()
        await ensure_stream(stream)
        subscription = await stream.subscribe(
            subject, ordered_consumer=True, deliver_policy=DeliverPolicy.ALL
        )
        found: list[CloudEvent] = []
        while True:
            try:
                message = await subscription.next_msg(timeout=1)
            except (TimeoutError, nats.errors.TimeoutError):
                return found
            found.append(CloudEvent.from_json(message.data))
    finally:
        await connection.close()


# --- Letters, certificates, learning, evaluations, alumni (s25-mori-learning) ---

CERTIFICATES = f"{V1}/certificates"


async def record_days(
    internship: RunningService,
    application_id: str,
    *,
    attended: Sequence[str] = (),
    excused: dict[str, str] | None = None,  # day -> leave / sick
    logbook: dict[str, str] | None = None,  # day -> submitted / approved / returned
) -> None:
    """An intern's attendance, absences and logbook straight in the database (the
    check-in's rotating code only works today; completion counts past periods)."""
    async with internship.app.state.database.sessions() as session:
        for day in attended:
            await session.execute(
                text(
                    "INSERT INTO attendance_day (id, application_id, office, day, checked_in_at)"
                    " VALUES (gen_random_uuid(), :a, 'KAB', :d, CAST(:d AS date) + time '08:00')"
                ),
                {"a": application_id, "d": date.fromisoformat(day)},
            )
        for day, kind in (excused or {}).items():
            await session.execute(
                text(
                    "INSERT INTO absence (id, application_id, office, day, kind, note)"
                    " VALUES (gen_random_uuid(), :a, 'KAB', :d, :k, 'sealed')"
                ),
                {"a": application_id, "d": date.fromisoformat(day), "k": kind},
            )
        for day, status in (logbook or {}).items():
            await session.execute(
                text(
                    "INSERT INTO logbook_entry (id, application_id, office, day, activities,"
                    " status, version) VALUES (gen_random_uuid(), :a, 'KAB', :d, 'sealed', :s, 1)"
                ),
                {"a": application_id, "d": date.fromisoformat(day), "s": status},
            )
        await session.commit()
