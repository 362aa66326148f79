"""Notifications to reporters (issue 20) against a real SMTP server started here: queued
with the step that causes them, sent once the server accepts them, never twice, kept
while the server is down, stopped by the reporter's opt-out."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from apik_intake.jobs import anonymise_expired_once, send_notifications_once
from apik_intake.notifications.service.sending import due_batch
from apik_intake.settings import Settings
from apik_testing.services import RunningService
from tests.intake.builders import REPORTS, register, report_body


def settings_of(intake: RunningService, **changes: object) -> Settings:
    settings: Settings = intake.app.state.settings
    return settings.model_copy(update=changes)


async def send(intake: RunningService, now: datetime | None = None, **changes: object):
    return await send_notifications_once(
        intake.app.state.database, settings_of(intake, **changes), now=now
    )


def someone() -> str:
    return f"pelapor-{uuid.uuid4().hex[:8]}@example.id"


async def rows(intake: RunningService, headers: dict, report_id: object) -> list[dict]:
    found = await intake.client.get(f"{REPORTS}/{report_id}/notifications", headers=headers)
    assert found.status_code == 200, found.text
    items: list[dict] = found.json()["items"]
    return items


async def test_the_registration_email_arrives_with_the_number_and_tracking_link(
    intake, officer, mailbox
):
    email = someone()
    report = await register(intake, officer, reporter={**report_body()["reporter"], "email": email})
    number = report["registration_number"]
    [queued] = await rows(intake, officer, report["id"])
    assert (queued["kind"], queued["channel"], queued["status"]) == (
        "registered",
        "email",
        "pending",
    )
    # The address is sealed in the table: not there in clear.
    stored = await intake.scalar(
        "SELECT recipient FROM notification WHERE report_id = :r", r=report["id"]
    )
    assert email not in stored

    await send(intake)
    [message] = mailbox.to(email)
    assert message["Subject"] == f"Laporan Anda telah diterima: {number}"
    assert message["From"] == "pengaduan@bengkulu.ombudsman.test"
    body = message.get_content()
    assert f"nomor registrasi {number}" in body
    assert f"https://apik.example.id/lacak?nomor={number}" in body
    [sent] = await rows(intake, officer, report["id"])
    assert sent["status"] == "sent" and sent["attempts"] == 1 and sent["sent_at"]
    # Sent is sent: another run sends nothing more.
    await send(intake)
    assert len(mailbox.to(email)) == 1


async def test_no_email_no_message_and_the_chosen_channel_is_checked(intake, officer):
    reporter = {**report_body()["reporter"], "email": None}
    report = await register(intake, officer, reporter=reporter)
    assert await rows(intake, officer, report["id"]) == []
    chose_none = await register(
        intake, officer, reporter={**reporter, "email": someone(), "notify_by": "none"}
    )
    assert await rows(intake, officer, chose_none["id"]) == []
    unreachable = await intake.client.post(
        REPORTS,
        json=report_body(reporter={**reporter, "notify_by": "email"}),
        headers=officer,
    )
    assert unreachable.status_code == 422, unreachable.text
    assert unreachable.json()["errors"][0]["pointer"] == "#/body/reporter/notify_by"


async def test_whatsapp_without_a_provider_is_skipped_with_the_reason(intake, officer):
    reporter = {**report_body()["reporter"], "phone": "081299887766", "notify_by": "whatsapp"}
    report = await register(intake, officer, reporter=reporter)
    [queued] = await rows(intake, officer, report["id"])
    assert queued["channel"] == "whatsapp"
    await send(intake)
    [skipped] = await rows(intake, officer, report["id"])
    assert skipped["status"] == "skipped"
    why = await intake.scalar(
        "SELECT last_error FROM notification WHERE report_id = :r", r=report["id"]
    )
    assert why == "no WhatsApp provider configured"


async def test_a_whatsapp_provider_gets_the_number_and_the_text(intake, officer):
    class Provider:
        def __init__(self) -> None:
            self.sent: list[tuple[str, str]] = []

        async def send(self, to: str, text: str, parameters: Sequence[str] = ()) -> None:
            self.sent.append((to, text))

    provider = Provider()
    reporter = {**report_body()["reporter"], "phone": "081299887755", "notify_by": "whatsapp"}
    report = await register(intake, officer, reporter=reporter)
    await send_notifications_once(intake.app.state.database, settings_of(intake), whatsapp=provider)
    [(to, text)] = [(to, t) for to, t in provider.sent if report["registration_number"] in t]
    assert to == "+6281299887755"
    assert text.startswith(f"Laporan Anda telah diterima: {report['registration_number']}")


async def test_no_mail_server_configured_records_the_email_as_skipped(intake, officer, mailbox):
    email = someone()
    report = await register(intake, officer, reporter={**report_body()["reporter"], "email": email})
    await send(intake, smtp_host="")
    [skipped] = await rows(intake, officer, report["id"])
    assert skipped["status"] == "skipped"
    assert (
        await intake.scalar(
            "SELECT last_error FROM notification WHERE report_id = :r", r=report["id"]
        )
        == "APIK_SMTP_HOST is empty: no mail server configured"
    )
    assert mailbox.to(email) == []


async def test_a_server_down_keeps_them_pending_and_sends_each_once_when_back(
    intake, officer, mailbox
):
    emails = [someone() for _ in range(3)]
    reports = [
        await register(intake, officer, reporter={**report_body()["reporter"], "email": e})
        for e in emails
    ]
    mailbox.stop()
    try:
        down = await send(intake)
    finally:
        mailbox.start()
    assert down.retried >= 3 and down.sent == 0
    for report in reports:
        [row] = await rows(intake, officer, report["id"])
        assert (row["status"], row["attempts"]) == ("pending", 1)
        # The first retry waits its turn (60 s here), not sooner.
        waited = datetime.fromisoformat(row["next_attempt_at"]) - datetime.now(UTC)
        assert timedelta(seconds=30) < waited <= timedelta(seconds=60)
    assert all(mailbox.to(e) == [] for e in emails)
    # Not yet due: nothing goes.
    await send(intake)
    assert all(mailbox.to(e) == [] for e in emails)
    # Due, and two replicas run the sender side by side: each message arrives once.
    later = datetime.now(UTC) + timedelta(minutes=2)
    await asyncio.gather(send(intake, now=later), send(intake, now=later))
    for email, report in zip(emails, reports, strict=True):
        assert len(mailbox.to(email)) == 1, email
        [row] = await rows(intake, officer, report["id"])
        assert (row["status"], row["attempts"]) == ("sent", 2)


async def test_past_the_last_retry_a_message_is_failed_and_left_alone(intake, officer, mailbox):
    email = someone()
    report = await register(intake, officer, reporter={**report_body()["reporter"], "email": email})
    now = datetime.now(UTC)
    mailbox.stop()
    try:
        # Three tries with a schedule of two retries (60 s, 300 s): the third is the last.
        for minutes in (0, 2, 8):
            await send(intake, now=now + timedelta(minutes=minutes))
    finally:
        mailbox.start()
    [row] = await rows(intake, officer, report["id"])
    assert (row["status"], row["attempts"]) == ("failed", 3)
    await send(intake, now=now + timedelta(days=1))
    assert mailbox.to(email) == []


async def test_the_opt_out_skips_what_is_pending_and_stops_what_would_follow(
    intake, officer, mailbox
):
    email = someone()
    report = await register(intake, officer, reporter={**report_body()["reporter"], "email": email})
    path = f"{REPORTS}/{report['id']}/notifications/opt-out"
    stale = await intake.client.post(path, headers={**officer, "If-Match": '"999"'})
    assert stale.status_code == 412
    etag = (await intake.client.get(f"{REPORTS}/{report['id']}", headers=officer)).headers["etag"]
    stopped = await intake.client.post(path, headers={**officer, "If-Match": etag})
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["timeline"][-1]["step"] == "notifications_opt_out"
    [row] = await rows(intake, officer, report["id"])
    assert row["status"] == "skipped"
    # A later step queues nothing for this reporter.
    incomplete = await intake.client.post(
        f"{REPORTS}/{report['id']}/formal-verification",
        json={
            "complete": False,
            "missing": ["ktp"],
            "notification": {"channel": "email", "message": "Mohon lengkapi KTP."},
        },
        headers=officer,
    )
    assert incomplete.status_code == 200, incomplete.text
    assert [r["kind"] for r in await rows(intake, officer, report["id"])] == ["registered"]
    await send(intake)
    assert mailbox.to(email) == []


async def test_an_anonymised_reporter_s_messages_go_with_the_identity(intake, officer):
    """A copy of a letter is finished when registered; six years on, the retention job
    anonymises its reporter, and the address sealed in the notifications goes too."""
    body = report_body(
        kind="TEMBUSAN",
        addressed_to="Bupati Bengkulu Utara",
        reporter={"name": "Rahmat Hidayat", "email": someone()},
    )
    response = await intake.client.post(REPORTS, json=body, headers=officer)
    assert response.status_code == 201, response.text
    report_id = uuid.UUID(response.json()["id"])
    assert len(await rows(intake, officer, report_id)) == 1
    async with intake.app.state.database.sessions() as session, session.begin():
        for statement in (
            "UPDATE report SET updated_at = updated_at - interval '2200 days',"
            " received_at = received_at - interval '2200 days' WHERE id = :id",
            "UPDATE report_step SET at = at - interval '2200 days' WHERE report_id = :id",
        ):
            await session.execute(text(statement), {"id": report_id})
    await anonymise_expired_once(intake.app.state.database, settings_of(intake))
    assert await intake.scalar(
        "SELECT anonymised_at IS NOT NULL FROM reporter rp JOIN report r"
        " ON r.reporter_id = rp.id WHERE r.id = :id",
        id=report_id,
    )
    assert await rows(intake, officer, report_id) == []


async def test_a_citizen_s_own_form_chooses_whatsapp_and_is_told_the_number(intake, officer):
    class Provider:
        def __init__(self) -> None:
            self.sent: list[tuple[str, str]] = []

        async def send(self, to: str, text: str, parameters: Sequence[str] = ()) -> None:
            self.sent.append((to, text))

    body = report_body(office="BKL")
    del body["kind"], body["channel"]
    body["reporter"] = {**body["reporter"], "phone": "0812 7777 6666", "notify_by": "whatsapp"}
    response = await intake.client.post("/api/v1/intake/public/reports", json=body)
    assert response.status_code == 201, response.text
    number = response.json()["registration_number"]
    provider = Provider()
    await send_notifications_once(intake.app.state.database, settings_of(intake), whatsapp=provider)
    [(to, text)] = [(to, t) for to, t in provider.sent if number in t]
    assert to == "+6281277776666"
    assert f"https://apik.example.id/lacak?nomor={number}" in text


async def test_a_batch_is_read_in_order_off_the_index_not_sorted_from_every_due_row(intake):
    """The sender's batch comes off `ix_notification_due` in its order. With the index on
    `next_attempt_at` alone, PostgreSQL read every due row, joined it to its report and
    sorted them all to keep 50 (24-27 ms a batch with 4,800 due; after a mail outage,
    the whole backlog every batch). Sorting is switched off here, so a plan that needs
    one shows it whatever the table's size."""
    query = due_batch(now=datetime.now(UTC), batch=50)
    sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    async with intake.app.state.database.sessions() as session, session.begin():
        connection = await (await session.connection()).get_raw_connection()
        raw = connection.driver_connection
        await raw.execute("SET LOCAL enable_sort = off; SET LOCAL enable_incremental_sort = off")
        plan = [row[0] for row in await raw.fetch(f"EXPLAIN (COSTS OFF) {sql}")]
    assert not any("Sort" in line for line in plan), plan
    assert any("ix_notification_due" in line for line in plan), plan
