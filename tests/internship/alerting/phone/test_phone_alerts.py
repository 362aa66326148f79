"""Red Button alerts by phone through a simulated gateway (a real HTTP server): the WhatsApp
Cloud API's template message, once per person and channel whatever the replicas; a gateway
that is down is tried again and sends once; a refusal for good (4xx) is recorded as failed,
shown to the head, and not tried again; the message says nothing the intern wrote."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from apik_internship.jobs import deliver_alerts_once, escalate_once
from apik_shared.platform.offices import DEFAULT_TIMEZONE
from apik_shared.vocabulary.indonesian import waktu
from apik_testing.phone_gateway import PhoneGateway, Received
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from tests.internship.builders import CASES, RED_BUTTON, red_button_body

BASE = CASES.removesuffix("/cases")
ALWAYS = [{"weekday": d, "start": "00:00", "end": "00:00"} for d in range(1, 8)]
OFF = [{"weekday": d, "start": "00:00", "end": "00:01"} for d in range(1, 8)]
ACCOUNT = red_button_body("anonymous")["account"]


def msisdn(prefix: int, person: int) -> str:
    """A distinct number per test and person: `62812<prefix><person>000000`."""
    return f"62812{prefix}{person}000000"


async def setup_office(
    service: RunningService, head: dict[str, str], prefix: str, number: int
) -> dict[str, str]:
    """`<prefix>jaga` on duty, `<prefix>libur` off duty, the head `<prefix>kepala`, each
    reached by phone only; returns each one's number (62…)."""
    roster = {
        "officers": [
            {"username": f"{prefix}jaga", "windows": ALWAYS},
            {"username": f"{prefix}libur", "windows": OFF},
        ]
    }
    answer = await service.client.put(f"{BASE}/roster", json=roster, headers=head)
    assert answer.status_code == 200, answer.text
    people = {"jaga": "protection_officer", "libur": "protection_officer", "kepala": "head"}
    numbers = {}
    for index, (name, role) in enumerate(people.items(), start=1):
        numbers[name] = msisdn(number, index)
        body = {"role": role, "phone": "+" + numbers[name]}
        put = await service.client.put(f"{BASE}/contacts/{prefix}{name}", json=body, headers=head)
        assert put.status_code == 200, put.text
    return numbers


async def raise_case(service: RunningService) -> tuple[str, datetime]:
    answer = await service.client.post(RED_BUTTON, json=red_button_body("anonymous"))
    assert answer.status_code == 201, answer.text
    case = await service.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    return str(case), datetime.fromisoformat(answer.json()["raised_at"])


def about(gateway: PhoneGateway, number: str, case: str) -> list[Received]:
    """The requests for `number` about `case` (earlier tests' cases escalate too)."""
    return [r for r in gateway.to(number) if case in r.body.decode()]


async def arrived(gateway: PhoneGateway, number: str, case: str) -> list[Received]:
    """The requests for `number` about `case` once one has come (the app's own sender,
    every 0.2 s, may be the one that sends)."""

    async def probe() -> list[Received]:
        return about(gateway, number, case)

    return await eventually(probe, within=10)


async def delivery(service: RunningService, case: str, username: str) -> tuple[str, int, str]:
    row = await service.scalar(
        "SELECT status || '|' || attempts || '|' || coalesce(last_error, '')"
        " FROM red_button_delivery WHERE case_id = :c AND username = :u AND channel = 'phone'",
        c=case,
        u=username,
    )
    status, attempts, error = row.split("|", 2)
    return status, int(attempts), error


async def test_the_officer_on_duty_gets_the_whatsapp_template_with_no_content(
    internship: RunningService, head: dict[str, str], gateway: PhoneGateway
):
    numbers = await setup_office(internship, head, "wa", 1)
    case, raised = await raise_case(internship)
    [request] = await arrived(gateway, numbers["jaga"], case)  # the app's own sender, no call

    assert request.method == "POST" and request.path == "/v21.0/1234567890/messages"
    assert request.headers["authorization"] == "Bearer wa-token"
    message = request.json()
    assert message["messaging_product"] == "whatsapp" and message["type"] == "template"
    template = message["template"]
    assert template["name"] == "tombol_merah_alert" and template["language"] == {"code": "id"}
    [body] = template["components"]
    values = [p["text"] for p in body["parameters"]]
    # Office, the time in the office's zone, severity, alert level, link: nothing else.
    assert values == [
        "KAB (KAB)",
        waktu(raised, DEFAULT_TIMEZONE),
        "MENDESAK",
        "petugas jaga",
        f"https://apik.example.id/perlindungan/{case}",
    ]
    assert ACCOUNT not in request.body.decode() and "Dewi" not in request.body.decode()
    assert not about(gateway, numbers["libur"], case) and not about(
        gateway, numbers["kepala"], case
    )
    assert (await delivery(internship, case, "wajaga"))[0] == "sent"


async def test_escalation_reaches_each_person_once_whatever_the_replicas(
    internship: RunningService, head: dict[str, str], gateway: PhoneGateway
):
    numbers = await setup_office(internship, head, "esc", 2)
    settings, database = internship.app.state.settings, internship.app.state.database
    case, raised = await raise_case(internship)
    await arrived(gateway, numbers["jaga"], case)
    for minutes in (10, 25):  # the next officer, then the head
        at = raised + timedelta(minutes=minutes)
        await asyncio.gather(*(escalate_once(database, settings, now=at) for _ in range(2)))
        await asyncio.gather(*(deliver_alerts_once(database, settings, now=at) for _ in range(2)))
    [to_head] = await arrived(gateway, numbers["kepala"], case)
    assert to_head.json()["template"]["components"][0]["parameters"][3] == {
        "type": "text",
        "text": "eskalasi ke kepala",
    }
    await asyncio.sleep(0.5)  # the app's own sender had its ticks too
    assert [len(about(gateway, numbers[p], case)) for p in ("jaga", "libur", "kepala")] == [1, 1, 1]


async def test_a_gateway_that_is_down_is_tried_again_and_sends_once(
    internship: RunningService, head: dict[str, str], gateway: PhoneGateway
):
    numbers = await setup_office(internship, head, "down", 3)
    settings, database = internship.app.state.settings, internship.app.state.database
    gateway.stop()  # nobody listening: a connection refused
    try:
        case, _ = await raise_case(internship)
        now = datetime.now(UTC)
        await deliver_alerts_once(database, settings, now=now)
        status, attempts, error = await delivery(internship, case, "downjaga")
        assert status == "pending" and attempts >= 1 and "ConnectError" in error
    finally:
        gateway.start()
    gateway.answer(503)  # back, but overloaded once: still a "try again"
    later = now + timedelta(seconds=31)
    await deliver_alerts_once(database, settings, now=later)
    status, attempts, error = await delivery(internship, case, "downjaga")
    assert status == "pending" and "Unaccepted: HTTP 503" in error
    much_later = later + timedelta(seconds=61)
    await asyncio.gather(
        *(deliver_alerts_once(database, settings, now=much_later) for _ in range(2))
    )
    assert (await delivery(internship, case, "downjaga"))[0] == "sent"
    # The 503 and the accepted one: the gateway took it once.
    assert len(about(gateway, numbers["jaga"], case)) == 2


async def test_a_refusal_for_good_is_failed_shown_to_the_head_and_not_tried_again(
    internship: RunningService, head: dict[str, str], gateway: PhoneGateway
):
    numbers = await setup_office(internship, head, "bad", 4)
    settings, database = internship.app.state.settings, internship.app.state.database
    gateway.answer(400)  # e.g. a number that has no WhatsApp
    case, raised = await raise_case(internship)
    await arrived(gateway, numbers["jaga"], case)

    async def failed() -> tuple[str, int, str] | None:
        found = await delivery(internship, case, "badjaga")
        return found if found[0] == "failed" else None

    found = await eventually(failed, within=10)
    assert found is not None
    _, attempts, error = found
    assert attempts == 1 and error == "HTTP 400: (131026) simulated 400"
    for hours in (1, 2):  # the retries' waits long past: nothing more is sent
        await deliver_alerts_once(database, settings, now=raised + timedelta(hours=hours))
    assert len(about(gateway, numbers["jaga"], case)) == 1

    shown = await internship.client.get(
        f"{BASE}/deliveries", params={"status": "failed"}, headers=head
    )
    assert shown.status_code == 200, shown.text
    mine = [d for d in shown.json() if d["case_id"] == case]
    assert [(d["username"], d["channel"], d["last_error"]) for d in mine] == [
        ("badjaga", "phone", "HTTP 400: (131026) simulated 400")
    ]
    bad = await internship.client.get(f"{BASE}/deliveries", params={"status": "lost"}, headers=head)
    assert bad.status_code == 422 and "status" in bad.text


async def test_by_sms_the_gateway_gets_the_filled_text_and_its_token(
    sms_internship: RunningService, head: dict[str, str], gateway: PhoneGateway
):
    numbers = await setup_office(sms_internship, head, "sms", 5)
    case, raised = await raise_case(sms_internship)
    [request] = await arrived(gateway, numbers["jaga"], case)
    assert request.method == "POST" and request.path == "/sms/send"
    assert request.query == {"dest": [numbers["jaga"]]}
    assert request.headers["x-api-key"] == "sms-token"
    text = request.form()["text"][0]
    assert text == (
        f"Tombol Merah MENDESAK di KAB (KAB), {waktu(raised, DEFAULT_TIMEZONE)}."
        " Pemberitahuan: petugas jaga. Buka dan konfirmasi (perlu masuk):"
        f" https://apik.example.id/perlindungan/{case}"
    )
    assert ACCOUNT not in text
