"""The public channel: filing without an account, tracking with a PIN."""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import json
import re
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import nats

from apik_intake.public.rules import Counter, Lockout, after_failure
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads.examination import CaseClosed, CaseDurations
from apik_testing.services import RunningService
from tests.intake.builders import FORMALLY_COMPLETE, report_body

PROBLEM = "application/problem+json"
PUBLIC = "/api/v1/intake/public/reports"
NUMBER = r"BKL-20\d\d-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}"


def public_body(**overrides: object) -> dict[str, object]:
    body = report_body(office="BKL")
    for field in ("kind", "channel"):
        del body[field]
    body.update(overrides)
    return body


async def file(intake: RunningService, **overrides: object) -> dict:
    response = await intake.client.post(PUBLIC, json=public_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def someone() -> str:
    """A client address of its own: wrong PINs lock out the client that sent them."""
    return str(ipaddress.IPv4Address(0x64400000 + secrets.randbelow(1 << 22)))  # 100.64/10


async def track(intake: RunningService, number: str, pin: str, client: str | None = None):
    """With the client address the gateway vouches for (X-Forwarded-For): a new one
    unless given, so no test's wrong PINs lock out another test."""
    headers = {"X-Tracking-PIN": pin, "X-Forwarded-For": client or someone()}
    return await intake.client.get(f"{PUBLIC}/{number}", headers=headers)


async def test_a_citizen_files_without_an_account_and_gets_a_number_and_pin(intake):
    receipt = await file(intake)
    assert re.fullmatch(NUMBER, receipt["registration_number"])
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", receipt["tracking_pin"])
    assert receipt["status"] == "registered"
    row = await intake.scalar(
        "SELECT row_to_json(r)::text FROM report r WHERE registration_number = :n",
        n=receipt["registration_number"],
    )
    assert '"channel":"web"' in row and '"kind":"LM"' in row and "public:web" in row
    pin = receipt["tracking_pin"]
    assert pin not in row and pin.replace("-", "") not in row
    everywhere = await intake.scalar(
        "SELECT count(*) FROM idempotency_key WHERE body::text LIKE :p", p=f"%{pin}%"
    )
    assert everywhere == 0


async def test_tracking_shows_the_timeline_and_nothing_personal(intake, officer):
    receipt = await file(intake)
    number, pin = receipt["registration_number"], receipt["tracking_pin"]
    response = await track(intake, number, pin.lower())  # case and dash do not matter
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["status"] == "registered"
    assert [s["status"] for s in view["timeline"]] == ["registered"]
    for secret in ("Budi", "1771010101900001", "3456", "budi@", "Ijazah", "petugas"):
        assert secret not in response.text
    report_id = await intake.scalar(
        "SELECT id FROM report WHERE registration_number = :n", n=number
    )
    await intake.client.post(
        f"/api/v1/intake/reports/{report_id}/formal-verification",
        json=FORMALLY_COMPLETE,
        headers=officer,
    )
    later = (await track(intake, number, pin)).json()
    assert later["status"] == "formally_verified"
    assert [s["status"] for s in later["timeline"]] == ["registered", "formally_verified"]
    assert "petugas" not in str(later)


async def test_a_wrong_pin_or_number_is_a_404_and_guessing_locks_the_client_out(intake):
    receipt = await file(intake)
    number, pin = receipt["registration_number"], receipt["tracking_pin"]
    guesser = someone()
    unknown = await track(intake, "BKL-1999-99999", pin, guesser)
    assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM
    # Four more guesses at once: the counter lives in the database, under a row lock, and
    # an unknown number costs a guess like a wrong PIN.
    guesses = await asyncio.gather(*(track(intake, number, "AAAA-AAAA", guesser) for _ in range(4)))
    assert [g.status_code for g in guesses] == [404] * 4
    locked = await track(intake, number, pin, guesser)  # even the right PIN waits now
    assert locked.status_code == 429 and locked.headers["content-type"] == PROBLEM
    assert int(locked.headers["retry-after"]) > 0
    # Out of every page, not only this one.
    other = await file(intake)
    assert (
        await track(intake, other["registration_number"], other["tracking_pin"], guesser)
    ).status_code == 429
    # Nor may it add files, and it is told when to try again there too.
    upload = await intake.client.post(
        f"{PUBLIC}/{other['registration_number']}/attachments",
        params={"filename": "bukti.pdf"},
        content=b"%PDF-1.4\n%%EOF\n",
        headers={"X-Tracking-PIN": other["tracking_pin"], "X-Forwarded-For": guesser},
    )
    assert upload.status_code == 429 and int(upload.headers["retry-after"]) > 0
    # Nothing of the address is stored: only a keyed hash.
    stored = await intake.scalar("SELECT string_agg(client, ',') FROM tracking_attempt")
    assert guesser not in stored
    no_pin = await intake.client.get(f"{PUBLIC}/{other['registration_number']}")
    assert no_pin.status_code == 422
    assert no_pin.json()["errors"][0]["pointer"] == "#/header/x-tracking-pin"


async def test_a_stranger_s_wrong_pins_do_not_lock_the_reporter_out(intake):
    """The attack: a stranger who learnt a reporter's number types wrong PINs at it
    until it locks. Only the stranger's own client is locked out."""
    receipt = await file(intake)
    number, pin = receipt["registration_number"], receipt["tracking_pin"]
    stranger, reporter = someone(), someone()
    for _ in range(6):
        await track(intake, number, "WXYZ-WXYZ", stranger)
    assert (await track(intake, number, pin, stranger)).status_code == 429
    page = await track(intake, number, pin, reporter)
    assert page.status_code == 200, page.text
    assert page.json()["registration_number"] == number


async def test_a_right_pin_does_not_wipe_a_client_s_mistakes(intake):
    """Whoever knows the PIN of a report of their own must not earn fresh guesses at
    others' by opening their own page between guesses."""
    own, target = await file(intake), await file(intake)
    guesser = someone()
    for _ in range(2):
        for _ in range(2):
            wrong = await track(intake, target["registration_number"], "BBBB-BBBB", guesser)
            assert wrong.status_code == 404
        own_page = await track(intake, own["registration_number"], own["tracking_pin"], guesser)
        assert own_page.status_code == 200
    assert (
        await track(intake, target["registration_number"], "BBBB-BBBB", guesser)
    ).status_code == 404  # the fifth wrong one locks
    assert (
        await track(intake, own["registration_number"], own["tracking_pin"], guesser)
    ).status_code == 429


async def test_consecutive_registration_numbers_are_not_a_sequence(intake):
    """The attack: file one report, read its number, and walk to the neighbours'.
    Numbers carry 60 random bits instead of a counter."""
    numbers = [(await file(intake))["registration_number"] for _ in range(3)]
    assert all(re.fullmatch(NUMBER, n) for n in numbers), numbers
    codes = [n.split("-", 2)[2] for n in numbers]
    assert len(set(codes)) == 3
    # No neighbour of a number is the next one (or the one before).
    first, second = codes[0], codes[1]
    assert sum(a != b for a, b in zip(first, second, strict=True)) > 1


def test_the_lockout_window_and_lock():
    policy = Lockout(max_failures=3, window=timedelta(minutes=15), lock=timedelta(minutes=15))
    start = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    counter = Counter(0, start, None)
    for minute in (0, 1):
        counter = after_failure(counter, start + timedelta(minutes=minute), policy)
    assert counter.failures == 2 and counter.locked_until is None
    locked = after_failure(counter, start + timedelta(minutes=2), policy)
    assert locked.locked_until == start + timedelta(minutes=17)
    # Mistakes spread beyond the window start counting again.
    fresh = after_failure(counter, start + timedelta(minutes=20), policy)
    assert fresh.failures == 1 and fresh.window_started_at == start + timedelta(minutes=20)


async def test_a_retry_with_the_same_key_gets_the_same_report_and_a_new_pin(intake):
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    body = public_body(summary="Laporan dikirim dua kali karena sinyal")
    first = await intake.client.post(PUBLIC, json=body, headers=headers)
    second = await intake.client.post(PUBLIC, json=body, headers=headers)
    assert first.status_code == second.status_code == 201, second.text
    a, b = first.json(), second.json()
    assert a["registration_number"] == b["registration_number"]
    assert second.headers["idempotent-replayed"] == "true"
    assert first.headers["location"] == f"{PUBLIC}/{a['registration_number']}"
    assert second.headers["location"] == first.headers["location"]
    assert (await track(intake, b["registration_number"], b["tracking_pin"])).status_code == 200
    # The first PIN was never stored, so the replay cannot repeat it: it replaces it.
    assert a["tracking_pin"] != b["tracking_pin"]
    assert (await track(intake, a["registration_number"], a["tracking_pin"])).status_code == 404


async def test_staff_issue_a_new_pin_to_a_walk_in_reporter(intake, officer):
    created = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(), headers=officer
    )
    report = created.json()
    issued = await intake.client.post(
        f"/api/v1/intake/reports/{report['id']}/tracking-pin", headers=officer
    )
    assert issued.status_code == 201
    pin = issued.json()["tracking_pin"]
    assert (await track(intake, report["registration_number"], pin)).status_code == 200
    anonymous = await intake.client.post(f"/api/v1/intake/reports/{report['id']}/tracking-pin")
    assert anonymous.status_code == 401


async def test_bad_public_input_names_the_field_and_stores_nothing(intake):
    before = await intake.scalar("SELECT count(*) FROM report")
    cases: list[tuple[dict[str, object], str]] = [
        ({"office": "bkl; drop"}, "#/body/office"),
        ({"substance": "astrology"}, "#/body/substance"),
        ({"event_date": "2999-01-01"}, "#/body/event_date"),
        ({"reporter": {"name": "Budi", "nik": "1771013201900001"}}, "#/body/reporter/nik"),
        ({"kind": "TEMBUSAN"}, "#/body/kind"),
        ({"reported_agency": None}, "#/body/reported_agency"),
    ]
    for change, pointer in cases:
        response = await intake.client.post(PUBLIC, json=public_body(**change))
        assert response.status_code == 422, (change, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert pointer in {e["pointer"] for e in response.json()["errors"]}, change
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_a_refused_field_names_a_code_and_its_params_for_the_web_app(intake):
    # The shared field types' own checks: the app words `api.field.<code>` from `params`.
    cases: list[tuple[dict[str, object], str, str, dict[str, object]]] = [
        ({"reporter": {"name": "Budi", "nik": "1234"}}, "reporter/nik", "nik_length", {}),
        (
            {"reporter": {"name": "Budi", "nik": "9971010101900001"}},
            "reporter/nik",
            "nik_province",
            {"province": "99"},
        ),
        ({"reporter": {"name": "Budi", "phone": "12"}}, "reporter/phone", "not_a_phone_number", {}),
        (
            {"event_date": "1850-01-01"},
            "event_date",
            "implausible_year",
            {"min": 1900, "max": 2200},
        ),
        ({"event_date": 20260105}, "event_date", "date_as_number", {}),
        ({"summary": "Jalan\x00rusak"}, "summary", "control_character", {}),
    ]
    for change, field, code, params in cases:
        response = await intake.client.post(PUBLIC, json=public_body(**change))
        assert response.status_code == 422, (change, response.text)
        by_pointer = {e["pointer"]: e for e in response.json()["errors"]}
        error = by_pointer[f"#/body/{field}"]
        assert (error["code"], error["params"]) == (code, params), change


async def test_nul_in_the_citizen_s_identity_or_text_is_refused_naming_it(intake):
    before = await intake.scalar("SELECT count(*) FROM report")
    for path in (
        ("reporter", "name"),
        ("reporter", "nik"),
        ("reporter", "phone"),
        ("reporter", "email"),
        ("reporter", "address"),
        ("reported_agency", "name"),
        ("summary",),
        ("chronology",),
    ):
        body = public_body(reporter={**report_body()["reporter"], "address": "Jl. Mawar 1"})
        node: dict[str, Any] = body
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = node[path[-1]][:2] + "\x00" + node[path[-1]][2:]
        response = await intake.client.post(PUBLIC, json=body)
        assert response.status_code == 422, (path, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert [e["pointer"] for e in response.json()["errors"]] == ["#/body/" + "/".join(path)]
    assert await intake.scalar("SELECT count(*) FROM report") == before


def case_closed(report_id: str, number: str) -> CloudEvent:
    now = datetime.now(UTC)
    payload = CaseClosed(
        case_id=str(uuid.uuid4()),
        report_id=report_id,
        registration_number=number,
        office="BKL",
        track="regular",
        kind="LM",
        channel="web",
        outcome="maladministration_resolved",
        route="written_clarification",
        opened_at=now - timedelta(days=60),
        closed_at=now,
        durations=CaseDurations(
            calendar_days=60,
            working_days=42,
            sla_elapsed=42,
            sla_unit="working_days",
            sla_target=60,
            sla_state="met",
        ),
    )
    return CloudEvent(
        source=source_of("examination"),
        type="case.closed",
        subject=payload.case_id,
        data=payload.model_dump(mode="json"),
    )


async def test_the_tracking_page_shows_the_outcome_once_the_case_closes(intake, infra):
    receipt = await file(intake)
    number, pin = receipt["registration_number"], receipt["tracking_pin"]
    report_id = str(
        await intake.scalar("SELECT id FROM report WHERE registration_number = :n", n=number)
    )
    event = case_closed(report_id, number)
    nc = await nats.connect(infra.nats_url)
    try:
        await ensure_stream(nc.jetstream())
        for msg_id in (event.id, f"{event.id}-again"):  # a redelivery changes nothing
            await nc.jetstream().publish(
                subject_for("examination", "case.closed"),
                event.to_json(),
                headers={"Nats-Msg-Id": msg_id},
            )
    finally:
        await nc.close()
    deadline = asyncio.get_running_loop().time() + 15
    view: dict = {}
    while asyncio.get_running_loop().time() < deadline:
        view = (await track(intake, number, pin)).json()
        if view.get("outcome"):
            break
        await asyncio.sleep(0.05)
    assert view["status"] == "case_closed"
    assert view["outcome"]["outcome"] == "maladministration_resolved"
    # Intake minted the link; examination is told only its hash, and the secret is in
    # no event (case.closed carries none either).
    token = view["outcome"]["survey_url"].rsplit("/", 1)[1]
    assert view["outcome"]["survey_url"] == f"/survei/{token}"
    [link] = await intake.outbox_events("report.survey_link_issued", subject=report_id)
    assert link.data["token_sha256"] == hashlib.sha256(token.encode()).hexdigest()
    assert link.data["case_id"] == event.data["case_id"]
    assert token not in json.dumps(link.data) and event.data.get("survey_token") is None
    assert [s["status"] for s in view["timeline"]] == ["registered", "case_closed"]
    await asyncio.sleep(0.5)
    applied = await intake.scalar("SELECT count(*) FROM inbox WHERE event_id = :id", id=event.id)
    assert applied == 1
