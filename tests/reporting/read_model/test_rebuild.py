"""The rebuild drops the read model, replays the stream and reaches the same numbers."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from datetime import date

from sqlalchemy import text

from apik_reporting.read_model.service.rebuild import rebuild
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.prevention import ClinicCompleted, FocalPointActivated
from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    intern_applied,
    intern_step,
    kpis,
    office,
    publish,
    red_button,
    year_of_activity,
)

YEAR = 2025
DIMENSIONS = ("substance", "outcome", "channel", "agency_type", "month", "public_loss")


async def _numbers(reporting, headers) -> dict:
    numbers = {"kpis": await kpis(reporting, headers, year=YEAR)}
    for dimension in DIMENSIONS:
        response = await reporting.client.get(
            f"/api/v1/reporting/breakdowns/{dimension}", params={"year": YEAR}, headers=headers
        )
        numbers[dimension] = response.json()["items"]
    internship = await reporting.client.get(
        "/api/v1/reporting/internship", params={"year": YEAR}, headers=headers
    )
    numbers["internship"] = internship.json()
    prevention = await reporting.client.get(
        "/api/v1/reporting/prevention", params={"year": YEAR}, headers=headers
    )
    numbers["prevention"] = prevention.json()
    return numbers


def _prevention(code: str) -> list[CloudEvent]:
    """A clinic completed and a focal point activated (prevention's events)."""
    clinic = ClinicCompleted(
        clinic_id=f"{code}-klinik",
        office=code,
        held_on=date(YEAR, 4, 1),
        participants=10,
        attended=9,
        tested=8,
        class_gain=0.5,
        mean_gain=0.45,
        completed_at=at(YEAR, 4, 2),
        completed_by="pencegahan",
    )
    focal = FocalPointActivated(
        focal_point_id=f"{code}-fp",
        office=code,
        regency="Kabupaten Kaur",
        activated_at=at(YEAR, 3),
        activated_by="pencegahan",
    )
    return [
        CloudEvent(
            source=source_of("prevention"),
            type=payload.event_type,
            subject=subject,
            data=payload.model_dump(mode="json"),
        )
        for payload, subject in ((clinic, clinic.clinic_id), (focal, focal.focal_point_id))
    ]


async def _scenario(infra, reporting, tokens: TestTokens) -> tuple[str, dict, dict]:
    code = office()
    intern = intern_applied(code, at(YEAR, 2), "school", ["intake"], date(YEAR, 9, 30))
    events = [
        *year_of_activity(code, YEAR),
        intern,
        intern_step(intern, "accepted", at(YEAR, 3), unit="prevention"),
        intern_step(intern, "completed", at(YEAR, 9, 29), unit=None),
        *(e for n in range(5) for e in red_button(code, at(YEAR, 5), ack_minutes=n, levels=1)),
        *_prevention(code),
    ]
    await publish(infra.nats_url, *events)
    for e in events[:5]:  # duplicates on the stream must not count twice in a replay
        await publish(infra.nats_url, e, msg_id=f"again-{e.id}")
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)
    return code, head, await _numbers(reporting, head)


async def test_a_rebuild_gives_identical_numbers(infra, reporting, tokens: TestTokens):
    code, head, before = await _scenario(infra, reporting, tokens)
    assert before["kpis"]["lm_registered"]["achieved"] == 5
    assert before["kpis"]["ikm"]["achieved"] == 87.5
    assert before["public_loss"][0]["recovered_idr"] == 12_500_000
    # The intern ended in September and completed; May's five cases waited 0..4 minutes.
    assert before["internship"]["completion_rate"] == 1.0
    assert before["internship"]["units"][0]["unit"] == "prevention"
    assert before["internship"]["red_button"]["months"][4]["median_minutes"] == 2.0
    assert before["prevention"]["clinics"]["completed"] == 1
    assert before["prevention"]["focal_points"]["activated"] == 1
    # Spoil the read model, so identical numbers afterwards prove the replay made them.
    async with reporting.app.state.database.sessions() as session, session.begin():
        params = {"o": code}
        await session.execute(
            text("UPDATE case_fact SET closed_on = NULL WHERE office = :o"), params
        )
        await session.execute(text("DELETE FROM report_fact WHERE office = :o"), params)
        await session.execute(text("DELETE FROM survey_fact WHERE office = :o"), params)
        await session.execute(text("DELETE FROM intern_fact WHERE office = :o"), params)
        await session.execute(text("DELETE FROM red_button_fact WHERE office = :o"), params)
        await session.execute(text("DELETE FROM clinic_fact WHERE office = :o"), params)
        await session.execute(text("DELETE FROM focal_point_change_fact WHERE office = :o"), params)
    spoiled = await _numbers(reporting, head)
    assert spoiled["kpis"]["lm_registered"]["achieved"] == 0
    assert spoiled["kpis"]["ikm"]["achieved"] is None
    assert spoiled["internship"]["completion_rate"] is None
    assert spoiled["prevention"]["clinics"]["completed"] == 0

    out = io.StringIO()
    replay = await rebuild(reporting.app.state.settings, out=out, every=10)
    assert replay.applied > 0 and replay.messages >= replay.applied
    assert "replaying" in out.getvalue() and "events/s" in out.getvalue()
    assert await _numbers(reporting, head) == before


async def test_the_rebuild_command_runs(infra, reporting, tokens: TestTokens):
    _, head, before = await _scenario(infra, reporting, tokens)
    settings = reporting.app.state.settings
    env = {
        **os.environ,
        "APIK_ENV": "test",
        "APIK_SECRET_KEY": "test-secret-key",
        "APIK_DATABASE_URL": settings.database_url,
        "APIK_NATS_URL": settings.nats_url,
        "APIK_CONSUMER_GROUP": settings.consumer_group,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "apik_reporting.read_model.service.rebuild",
        "--every",
        "50",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert "rebuild: done" in stdout.decode()
    assert await _numbers(reporting, head) == before
