"""The public form saved and resumed: sealed at rest, opened with the code and the PIN
(wrong ones refused alike and counted), gone at submission or expiry."""

from __future__ import annotations

import ipaddress
import re
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from apik_intake.jobs import expire_drafts_once
from apik_testing.services import RunningService
from tests.intake.builders import report_body

DRAFTS = "/api/v1/intake/public/drafts"
PUBLIC = "/api/v1/intake/public/reports"
CODE = r"[2-9A-Z]{5}-[2-9A-Z]{5}"


def someone() -> str:
    """A client address of its own, so no test's wrong guesses lock out another's."""
    return str(ipaddress.IPv4Address(0x64400000 + secrets.randbelow(1 << 22)))  # 100.64/10


def answers(marker: str) -> dict[str, str]:
    return {
        "reporter.name": "Siti Aminah",
        "reporter.nik": "1771014101900002",
        "reported_agency.name": "Dinas Kependudukan Kota Bengkulu",
        "summary": f"KTP tidak kunjung dicetak {marker}",
        "location.province": "17",
        "location.regency": "1771",
    }


async def save(intake: RunningService, marker: str) -> dict[str, str]:
    response = await intake.client.post(DRAFTS, json={"office": "BKL", "answers": answers(marker)})
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    return response.json()


async def resume(intake: RunningService, code: str, pin: str, client: str | None = None):
    headers = {"X-Draft-PIN": pin, "X-Forwarded-For": client or someone()}
    return await intake.client.get(f"{DRAFTS}/{code}", headers=headers)


async def execute(intake: RunningService, sql: str, **params: object) -> None:
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(text(sql), params)


async def drafts_holding(intake: RunningService, code: str) -> int:
    from apik_intake.drafts.rules import code_hash

    key = intake.app.state.tracking_key
    return await intake.scalar(
        "SELECT count(*) FROM public_draft WHERE code_hash = :h", h=code_hash(key, code)
    )


async def test_a_saved_form_is_resumed_with_its_code_and_pin(intake: RunningService):
    marker = uuid.uuid4().hex[:8]
    saved = await save(intake, marker)
    assert re.fullmatch(CODE, saved["resume_code"])
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", saved["pin"])
    expires = datetime.fromisoformat(saved["expires_at"])
    assert timedelta(days=6, hours=23) < expires - datetime.now(UTC) <= timedelta(days=7)
    # Typed as a citizen would: lower case, without the dash.
    typed = saved["resume_code"].lower().replace("-", "")
    response = await resume(intake, typed, saved["pin"].lower())
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["office"] == "BKL" and body["answers"] == answers(marker)


async def test_the_draft_is_sealed_at_rest(intake: RunningService):
    marker = uuid.uuid4().hex[:8]
    saved = await save(intake, marker)
    raw = await intake.scalar(
        "SELECT row_to_json(d)::text FROM public_draft d ORDER BY created_at DESC LIMIT 1"
    )
    assert marker not in raw and "Siti" not in raw and "1771014101900002" not in raw
    assert saved["resume_code"] not in raw and saved["pin"] not in raw
    assert normalised(saved["resume_code"]) not in raw and normalised(saved["pin"]) not in raw


def normalised(secret: str) -> str:
    return secret.replace("-", "")


async def test_a_wrong_pin_and_an_unknown_code_are_refused_alike(intake: RunningService):
    saved = await save(intake, uuid.uuid4().hex[:8])
    wrong_pin = await resume(intake, saved["resume_code"], "ZZZZ-ZZZZ")
    unknown = await resume(intake, "ABCDE-FGHJK", saved["pin"])
    assert wrong_pin.status_code == unknown.status_code == 404
    assert wrong_pin.json()["detail"] == unknown.json()["detail"]
    assert "answers" not in wrong_pin.text
    # Still there for its owner.
    assert (await resume(intake, saved["resume_code"], saved["pin"])).status_code == 200


async def test_guessing_locks_out_the_guesser(intake: RunningService):
    saved = await save(intake, uuid.uuid4().hex[:8])
    guesser = someone()
    for _ in range(5):  # APIK_TRACKING_MAX_FAILURES
        refused = await resume(intake, saved["resume_code"], "ZZZZ-ZZZZ", client=guesser)
        assert refused.status_code == 404
    locked = await resume(intake, saved["resume_code"], saved["pin"], client=guesser)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    # The citizen elsewhere is not locked out of their own draft.
    assert (await resume(intake, saved["resume_code"], saved["pin"])).status_code == 200


async def test_an_expired_draft_is_gone(intake: RunningService):
    expired, kept = await save(intake, "lama"), await save(intake, "baru")
    swept = await save(intake, "sapu")
    past = datetime.now(UTC) - timedelta(seconds=1)
    for saved in (expired, swept):
        await execute(
            intake,
            "UPDATE public_draft SET expires_at = :t WHERE code_hash = :h",
            t=past,
            h=_hash(intake, saved["resume_code"]),
        )
    # Opened after its expiry, before the job came by: refused, and deleted then.
    response = await resume(intake, expired["resume_code"], expired["pin"])
    assert response.status_code == 404
    assert await drafts_holding(intake, expired["resume_code"]) == 0
    # The job deletes the others past their expiry, and only those.
    assert await expire_drafts_once(intake.app.state.database) >= 1
    assert await drafts_holding(intake, swept["resume_code"]) == 0
    assert (await resume(intake, kept["resume_code"], kept["pin"])).status_code == 200


def _hash(intake: RunningService, code: str) -> str:
    from apik_intake.drafts.rules import code_hash

    return code_hash(intake.app.state.tracking_key, code)


async def test_saving_again_keeps_the_code_and_pin(intake: RunningService):
    saved = await save(intake, "pertama")
    headers = {"X-Draft-PIN": saved["pin"], "X-Forwarded-For": someone()}
    changed = {**answers("kedua"), "chronology": "Sudah tiga kali datang."}
    response = await intake.client.put(
        f"{DRAFTS}/{saved['resume_code']}",
        json={"office": "BKL", "answers": changed},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    assert (await resume(intake, saved["resume_code"], saved["pin"])).json()["answers"] == changed


async def test_a_citizen_discards_a_draft(intake: RunningService):
    saved = await save(intake, uuid.uuid4().hex[:8])
    headers = {"X-Draft-PIN": saved["pin"], "X-Forwarded-For": someone()}
    response = await intake.client.delete(f"{DRAFTS}/{saved['resume_code']}", headers=headers)
    assert response.status_code == 204
    assert await drafts_holding(intake, saved["resume_code"]) == 0


async def test_sending_the_report_deletes_its_draft(intake: RunningService):
    saved, other = await save(intake, "kirim"), await save(intake, "lain")
    body = report_body(office="BKL", summary=f"Dikirim dari draf {uuid.uuid4().hex[:8]}")
    del body["kind"], body["channel"]
    draft = {"X-Draft-Code": saved["resume_code"], "X-Draft-PIN": saved["pin"]}
    response = await intake.client.post(PUBLIC, json=body, headers=draft)
    assert response.status_code == 201, response.text
    assert await drafts_holding(intake, saved["resume_code"]) == 0
    # A wrong PIN deletes nothing, and the report is filed all the same.
    wrong = {"X-Draft-Code": other["resume_code"], "X-Draft-PIN": "ZZZZ-ZZZZ"}
    body["summary"] = f"Dikirim dari draf {uuid.uuid4().hex[:8]}"
    assert (await intake.client.post(PUBLIC, json=body, headers=wrong)).status_code == 201
    assert await drafts_holding(intake, other["resume_code"]) == 1


async def test_bad_answers_are_refused_at_their_field(intake: RunningService):
    nul = await intake.client.post(DRAFTS, json={"office": "BKL", "answers": {"summary": "a\x00"}})
    assert nul.status_code == 422
    assert [e["pointer"] for e in nul.json()["errors"]] == ["#/body/answers"]
    name = await intake.client.post(DRAFTS, json={"office": "BKL", "answers": {"Bad Name": "x"}})
    assert name.status_code == 422
    # Pydantic names a refused key, not its value, with `[key]`.
    assert [e["pointer"] for e in name.json()["errors"]] == ["#/body/answers/Bad Name/[key]"]
    many = {f"field_{chr(97 + i // 26)}{chr(97 + i % 26)}": "x" for i in range(41)}
    too_many = await intake.client.post(DRAFTS, json={"office": "BKL", "answers": many})
    assert too_many.status_code == 422
    assert [e["pointer"] for e in too_many.json()["errors"]] == ["#/body/answers"]
