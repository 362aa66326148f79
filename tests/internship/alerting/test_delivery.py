"""The Red Button's alerts reach people off-screen, by email through a real SMTP server:
raised, the officer on duty is mailed within the sender's tick; unacknowledged, the next
officer and then the head, once each whatever the replicas; acknowledged, nobody more.
A mail server that is down loses nothing: the alert is tried again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from apik_internship.jobs import deliver_alerts_once, escalate_once
from apik_testing.mailbox import Mailbox
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body

BASE = CASES.removesuffix("/cases")
CONTACTS = f"{BASE}/contacts"
ALWAYS = [{"weekday": d, "start": "00:00", "end": "00:00"} for d in range(1, 8)]
ACCOUNT = red_button_body("anonymous")["account"]


async def setup_office(internship: RunningService, head: dict[str, str], prefix: str) -> None:
    """`<prefix>jaga` on duty always, `<prefix>libur` on the roster but off duty (a window
    of one minute at 00:00 on every day), and the head `<prefix>kepala`; all by email."""
    off = [{"weekday": d, "start": "00:00", "end": "00:01"} for d in range(1, 8)]
    roster = {
        "officers": [
            {"username": f"{prefix}jaga", "windows": ALWAYS},
            {"username": f"{prefix}libur", "windows": off},
        ]
    }
    answer = await internship.client.put(f"{BASE}/roster", json=roster, headers=head)
    assert answer.status_code == 200, answer.text
    people = (("jaga", "protection_officer"), ("libur", "protection_officer"), ("kepala", "head"))
    for name, role in people:
        body = {"role": role, "email": f"{prefix}{name}@kab.ombudsman.test"}
        put = await internship.client.put(f"{CONTACTS}/{prefix}{name}", json=body, headers=head)
        assert put.status_code == 200, put.text


async def raise_case(internship: RunningService) -> tuple[str, datetime]:
    answer = await internship.client.post(RED_BUTTON, json=red_button_body("anonymous"))
    assert answer.status_code == 201, answer.text
    case = await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    return str(case), datetime.fromisoformat(answer.json()["raised_at"])


def mail_to(mailbox: Mailbox, address: str, case: str) -> list[Any]:
    return [m for m in mailbox.to(address) if case in m.get_content()]


async def delivered(mailbox: Mailbox, address: str, case: str) -> list[Any]:
    """The mails to `address` about `case` once one has arrived: the app's own sender (every
    0.2 s) may be the one that took the row, its mail still on the wire when the test's own
    call returns having found nothing left to send."""

    async def probe() -> list[Any]:
        return mail_to(mailbox, address, case)

    return await eventually(probe, within=10)


async def test_the_officer_on_duty_is_mailed_within_the_tick_with_no_content(
    internship: RunningService, head: dict[str, str], mailbox: Mailbox
):
    await setup_office(internship, head, "a")
    case, _ = await raise_case(internship)
    # No call from the test: the app's own sender, every 0.2 s, mails it.

    async def arrived() -> list[Any]:
        return mail_to(mailbox, "ajaga@kab.ombudsman.test", case)

    [mail] = await eventually(arrived, within=10)
    text = mail.get_content()
    assert "Tombol Merah MENDESAK" in mail["Subject"]
    assert mail["From"] == "tombol-merah@kab.ombudsman.test"
    assert f"https://apik.example.id/perlindungan/{case}" in text
    assert "Kantor: " in text and "(KAB)" in text and "Waktu: " in text
    assert "A Red Button was raised" in text  # English after the Indonesian
    # Nothing the intern wrote, nothing of how they can be reached.
    assert ACCOUNT not in text and "arsip" not in text and "Dewi" not in text
    assert not mail_to(mailbox, "alibur@kab.ombudsman.test", case)  # off duty: not yet
    assert not mail_to(mailbox, "akepala@kab.ombudsman.test", case)
    status = await internship.scalar(
        "SELECT status FROM red_button_delivery WHERE case_id = :c AND username = 'ajaga'", c=case
    )
    assert status == "sent"


async def test_unacknowledged_it_goes_to_the_next_officer_then_the_head_once_each(
    internship: RunningService, head: dict[str, str], mailbox: Mailbox
):
    await setup_office(internship, head, "b")
    settings, database = internship.app.state.settings, internship.app.state.database
    case, raised = await raise_case(internship)
    await deliver_alerts_once(database, settings)

    at = raised + timedelta(minutes=10)  # two replicas escalate and send side by side
    await asyncio.gather(
        escalate_once(database, settings, now=at), escalate_once(database, settings, now=at)
    )
    await asyncio.gather(
        deliver_alerts_once(database, settings, now=at),
        deliver_alerts_once(database, settings, now=at),
    )
    [level1] = await delivered(mailbox, "blibur@kab.ombudsman.test", case)
    assert "eskalasi" in level1.get_content()
    assert len(await delivered(mailbox, "bjaga@kab.ombudsman.test", case)) == 1  # not mailed twice
    assert not mail_to(mailbox, "bkepala@kab.ombudsman.test", case)

    at = raised + timedelta(minutes=25)
    await asyncio.gather(
        escalate_once(database, settings, now=at), escalate_once(database, settings, now=at)
    )
    await asyncio.gather(
        deliver_alerts_once(database, settings, now=at),
        deliver_alerts_once(database, settings, now=at),
    )
    [level2] = await delivered(mailbox, "bkepala@kab.ombudsman.test", case)
    assert "eskalasi ke kepala" in level2.get_content()
    assert len(await delivered(mailbox, "blibur@kab.ombudsman.test", case)) == 1
    assert len(await delivered(mailbox, "bjaga@kab.ombudsman.test", case)) == 1


async def test_acknowledged_no_further_mail(
    internship: RunningService, head: dict[str, str], tokens: TestTokens, mailbox: Mailbox
):
    await setup_office(internship, head, "c")
    settings, database = internship.app.state.settings, internship.app.state.database
    case, raised = await raise_case(internship)
    await deliver_alerts_once(database, settings)
    assert len(await delivered(mailbox, "cjaga@kab.ombudsman.test", case)) == 1

    jaga = tokens.headers("protection_officer", office="KAB", username="cjaga")
    acknowledged = await internship.client.post(f"{CASES}/{case}/acknowledgement", headers=jaga)
    assert acknowledged.status_code == 200, acknowledged.text
    at = raised + timedelta(hours=1)
    await escalate_once(database, settings, now=at)
    await deliver_alerts_once(database, settings, now=at)
    assert not mail_to(mailbox, "clibur@kab.ombudsman.test", case)
    assert not mail_to(mailbox, "ckepala@kab.ombudsman.test", case)


async def test_with_the_mail_server_down_the_alert_waits_and_is_sent_once_it_is_back(
    internship: RunningService, head: dict[str, str], tokens: TestTokens, mailbox: Mailbox
):
    await setup_office(internship, head, "d")
    settings, database = internship.app.state.settings, internship.app.state.database
    mailbox.stop()
    try:
        case, _ = await raise_case(internship)
        now = datetime.now(UTC)
        # This call or the app's own sender (every 0.2 s) tried it: the server was down.
        await deliver_alerts_once(database, settings, now=now)
        row = await internship.scalar(
            "SELECT status || ' ' || attempts FROM red_button_delivery"
            " WHERE case_id = :c AND username = 'djaga'",
            c=case,
        )
        assert row.split()[0] == "pending" and int(row.split()[1]) >= 1
    finally:
        mailbox.start()
    assert not mail_to(mailbox, "djaga@kab.ombudsman.test", case)
    # The retry's wait (30 s) passed: sent, once, whichever replica takes it.
    later = now + timedelta(seconds=31)
    await asyncio.gather(
        deliver_alerts_once(database, settings, now=later),
        deliver_alerts_once(database, settings, now=later),
    )
    assert len(await delivered(mailbox, "djaga@kab.ombudsman.test", case)) == 1
    assert (
        await internship.scalar(
            "SELECT status FROM red_button_delivery WHERE case_id = :c AND username = 'djaga'",
            c=case,
        )
        == "sent"
    )


async def test_contacts_are_the_heads_sealed_and_shown_masked(
    internship: RunningService, head: dict[str, str], officer: dict[str, str]
):
    body = {
        "role": "protection_officer",
        "email": "sari@kab.ombudsman.test",
        "phone": "0812-3456-7890",
    }
    answer = await internship.client.put(f"{CONTACTS}/sari", json=body, headers=head)
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    assert shown["email"] == "s***@kab.ombudsman.test"
    assert shown["phone"] == "+62812****7890"
    stored = await internship.scalar(
        "SELECT email || phone FROM red_button_contact WHERE username = 'sari'"
    )
    assert "sari@" not in stored and "7890" not in stored  # sealed at rest
    listed = await internship.client.get(CONTACTS, headers=head)
    assert "s***@kab.ombudsman.test" in [c["email"] for c in listed.json()]

    refused = await internship.client.put(f"{CONTACTS}/sari", json=body, headers=officer)
    assert refused.status_code == 403
    empty = await internship.client.put(f"{CONTACTS}/sari", json={"role": "head"}, headers=head)
    assert empty.status_code == 422 and empty.headers["content-type"] == PROBLEM
    bad = await internship.client.put(
        f"{CONTACTS}/sari", json={"role": "protection_officer", "email": "no-at"}, headers=head
    )
    assert bad.status_code == 422
    assert "email" in bad.text
    # Unchanged by the refused requests.
    again = await internship.client.get(CONTACTS, headers=head)
    assert next(c for c in again.json() if c["username"] == "sari")["phone"] == "+62812****7890"

    removed = await internship.client.delete(f"{CONTACTS}/sari", headers=head)
    assert removed.status_code == 204
    missing = await internship.client.delete(f"{CONTACTS}/sari", headers=head)
    assert missing.status_code == 404


async def test_an_officer_the_case_names_is_never_mailed_and_nobody_on_duty_mails_the_rest(
    internship: RunningService, head: dict[str, str], mailbox: Mailbox
):
    # Nobody on duty: the alert goes to the protection officers as a role, that is every
    # officer contact, except the one the case names (the conflict register).
    off = [{"weekday": d, "start": "00:00", "end": "00:01"} for d in range(1, 8)]
    roster = {"officers": [{"username": "ebudi", "windows": off}]}
    assert (await internship.client.put(f"{BASE}/roster", json=roster, headers=head)).is_success
    registered = await internship.client.put(
        f"{BASE}/staff/ebudi", json={"name": "Budi Santoso"}, headers=head
    )
    assert registered.status_code == 200, registered.text
    for name in ("ebudi", "esari"):
        body = {"role": "protection_officer", "email": f"{name}@kab.ombudsman.test"}
        put = await internship.client.put(f"{CONTACTS}/{name}", json=body, headers=head)
        assert put.status_code == 200, put.text
    answer = await internship.client.post(
        RED_BUTTON, json=red_button_body("confidential", reported={"person": "Budi Santoso"})
    )
    assert answer.status_code == 201, answer.text
    case = str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )
    settings, database = internship.app.state.settings, internship.app.state.database
    await deliver_alerts_once(database, settings)
    assert len(await delivered(mailbox, "esari@kab.ombudsman.test", case)) == 1
    raised = datetime.fromisoformat(answer.json()["raised_at"])
    at = raised + timedelta(hours=1)
    await escalate_once(database, settings, now=at)
    await deliver_alerts_once(database, settings, now=at)
    assert not mail_to(mailbox, "ebudi@kab.ombudsman.test", case)
    assert (
        await internship.scalar(
            "SELECT count(*) FROM red_button_delivery WHERE case_id = :c AND username = 'ebudi'",
            c=case,
        )
        == 0
    )


async def test_a_phone_alert_without_a_provider_is_recorded_as_skipped_with_why(
    internship: RunningService, head: dict[str, str]
):
    off = [{"weekday": d, "start": "00:00", "end": "00:01"} for d in range(1, 8)]
    roster = {
        "officers": [{"username": "ftelpon", "windows": ALWAYS}, {"username": "x", "windows": off}]
    }
    assert (await internship.client.put(f"{BASE}/roster", json=roster, headers=head)).is_success
    body = {"role": "protection_officer", "phone": "0812-1111-2222"}
    assert (await internship.client.put(f"{CONTACTS}/ftelpon", json=body, headers=head)).is_success
    case, _ = await raise_case(internship)
    settings, database = internship.app.state.settings, internship.app.state.database
    await deliver_alerts_once(database, settings)
    row = await internship.scalar(
        "SELECT status || ' / ' || last_error FROM red_button_delivery"
        " WHERE case_id = :c AND username = 'ftelpon' AND channel = 'phone'",
        c=case,
    )
    assert row == "skipped / no WhatsApp/SMS provider configured"
