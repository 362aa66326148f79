"""The later messages (the incomplete notice, the plenary's decision, the closure and
its survey link), the offices' templates, and what a confidential reporter is told."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from apik_intake.jobs import send_notifications_once
from apik_intake.notifications.rules import NotificationKind
from apik_intake.notifications.service import queue_following
from apik_intake.public.service import record_case_outcome
from apik_intake.settings import Settings
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.examination import CaseClosed, CaseDurations
from apik_testing.services import RunningService
from tests.intake.builders import FORMALLY_COMPLETE, REPORTS, register, report_body

TEMPLATES = "/api/v1/intake/notification-templates"


async def send(intake: RunningService) -> None:
    settings: Settings = intake.app.state.settings
    await send_notifications_once(intake.app.state.database, settings)


def case_closed(report_id: str, number: str) -> tuple[CaseClosed, CloudEvent]:
    now = datetime.now(UTC)
    payload = CaseClosed(
        case_id=str(uuid.uuid4()),
        report_id=report_id,
        registration_number=number,
        office="BKL",
        track="regular",
        kind="LM",
        channel="walk_in",
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
    event = CloudEvent(
        source=source_of("examination"),
        type="case.closed",
        subject=payload.case_id,
        data=payload.model_dump(mode="json"),
    )
    return payload, event


def someone() -> str:
    return f"pelapor-{uuid.uuid4().hex[:8]}@example.id"


async def post(intake, report_id: str, path: str, body: dict, headers: dict) -> dict:
    response = await intake.client.post(f"{REPORTS}/{report_id}/{path}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    answer: dict = response.json()
    return answer


async def test_the_incomplete_notice_and_the_plenary_decision_reach_the_reporter(
    intake, officer, mailbox
):
    email = someone()
    report = await register(intake, officer, reporter={**report_body()["reporter"], "email": email})
    number, report_id = report["registration_number"], str(report["id"])
    notice = "Mohon lengkapi salinan KTP dan kronologi kejadian."
    await post(
        intake,
        report_id,
        "formal-verification",
        {
            "complete": False,
            "missing": ["ktp"],
            "notification": {"channel": "email", "message": notice},
        },
        officer,
    )
    # A reminder adds no second message of the same kind.
    await post(intake, report_id, "notices", {"channel": "email", "message": "Pengingat."}, officer)
    await send(intake)
    by_subject = {m["Subject"]: m.get_content() for m in mailbox.to(email)}
    incomplete = by_subject[f"Laporan {number} perlu dilengkapi"]
    assert notice in incomplete and "Pengingat" not in incomplete
    assert "Mohon lengkapi paling lambat " in incomplete
    assert len(mailbox.to(email)) == 2  # registered, incomplete

    await post(intake, report_id, "formal-verification", FORMALLY_COMPLETE, officer)
    await post(intake, report_id, "material-verification", {"within_authority": False}, officer)
    reason = "Bukan kewenangan Ombudsman: sengketa antarpribadi."
    await post(
        intake, report_id, "plenary-decision", {"decision": "reject", "reason": reason}, officer
    )
    await send(intake)
    decision = {m["Subject"]: m.get_content() for m in mailbox.to(email)}[
        f"Perkembangan laporan {number}"
    ]
    # In the reporter's words: a rename of the code once wrote its class name here.
    assert "diputuskan dalam rapat pleno. Status laporan: ditolak." in decision
    assert "Notification" not in decision
    # The plenary's reasons stay with the office.
    assert reason not in decision


async def test_the_closure_and_the_survey_link_reach_the_reporter(intake, officer, mailbox):
    email = someone()
    report = await register(intake, officer, reporter={**report_body()["reporter"], "email": email})
    number, report_id = report["registration_number"], str(report["id"])
    payload, event = case_closed(report_id, number)
    database = intake.app.state.database
    # Once: the platform's inbox keeps a redelivered event from the handler (and the
    # unique (report, kind, channel) would keep it from queuing twice).
    async with database.sessions() as session, session.begin():
        await record_case_outcome(session, payload, event)
    await send(intake)
    messages = {m["Subject"]: m.get_content() for m in mailbox.to(email)}
    assert len(mailbox.to(email)) == 3  # registered, closure, survey
    assert "Hasil: selesai." in messages[f"Laporan {number} telah selesai"]
    survey = messages[f"Survei kepuasan: laporan {number}"]
    token = await intake.scalar("SELECT survey_token FROM report WHERE id = :r", r=report_id)
    assert f"https://apik.example.id/survei/{token}" in survey


async def test_an_office_writes_its_own_wording_and_unknown_placeholders_are_refused(
    intake, tokens, officer, mailbox
):
    head = tokens.headers("head", office="BKL", username="kepala")
    default = await intake.client.get(f"{TEMPLATES}/registered", headers=head)
    assert default.status_code == 200, default.text
    assert default.json()["custom"] is False
    assert "{tracking_url}" in default.json()["body"]
    assert (await intake.client.get(f"{TEMPLATES}/registered", headers=officer)).status_code == 403

    wrong = await intake.client.put(
        f"{TEMPLATES}/registered",
        json={"subject": "Nomor {registration_number}", "body": "Yth. {reporter_name}"},
        headers=head,
    )
    assert wrong.status_code == 422
    assert [e["pointer"] for e in wrong.json()["errors"]] == ["#/body/body"]
    assert "{reporter_name}" in wrong.json()["errors"][0]["detail"]
    # The code and params the web app words it by (`api.field.<code>`).
    assert wrong.json()["errors"][0]["code"] == "template_unknown_placeholder"
    assert wrong.json()["errors"][0]["params"]["names"] == "{reporter_name}"

    own = {
        "subject": "Ombudsman Bengkulu: {registration_number}",
        "body": "Terima kasih. Nomor Anda {registration_number}; lacak di {tracking_url}",
    }
    saved = await intake.client.put(f"{TEMPLATES}/registered", json=own, headers=head)
    assert saved.status_code == 200, saved.text
    assert saved.json()["custom"] is True and saved.json()["updated_by"] == "kepala"
    try:
        email = someone()
        report = await register(
            intake, officer, reporter={**report_body()["reporter"], "email": email}
        )
        number = report["registration_number"]
        await send(intake)
        [message] = mailbox.to(email)
        assert message["Subject"] == f"Ombudsman Bengkulu: {number}"
        assert message.get_content().strip() == (
            f"Terima kasih. Nomor Anda {number}; lacak di"
            f" https://apik.example.id/lacak?nomor={number}"
        )
    finally:
        async with intake.app.state.database.sessions() as session, session.begin():
            await session.execute(text("DELETE FROM notification_template WHERE office = 'BKL'"))


async def test_a_confidential_reporter_is_told_nothing_of_who_or_which_agency(
    intake, officer, mailbox
):
    """Every kind, rendered for a confidential report with a name, NIK, address and a
    reported agency: none of them appears in any message."""
    email = someone()
    reporter = {**report_body()["reporter"], "email": email, "confidential": True}
    agency = "Dinas Kependudukan Kota Bengkulu"
    report = await register(intake, officer, reporter=reporter, reported_agency={"name": agency})
    report_id = uuid.UUID(str(report["id"]))
    values = {
        NotificationKind.incomplete: {
            "status": "awaiting_completion",
            "notice": "Lengkapi KTP.",
            "deadline": "7 Januari 2027",
        },
        NotificationKind.decision: {"status": "accepted"},
        NotificationKind.closure: {"status": "closed"},
        NotificationKind.survey: {"survey_url": "/survei/abc"},
    }
    async with intake.app.state.database.sessions() as session, session.begin():
        for kind, given in values.items():
            await queue_following(session=session, report_id=report_id, kind=kind, values=given)
    await send(intake)
    messages = mailbox.to(email)
    assert len(messages) == len(NotificationKind)
    revealing = [
        reporter["name"],
        reporter["nik"],
        reporter["address"],
        reporter["phone"],
        "0812",
        agency,
        "Dinas",
        report_body()["summary"],
        report_body()["chronology"],
    ]
    for message in messages:
        text = f"{message['Subject']}\n{message.get_content()}"
        assert report["registration_number"] in text
        assert [word for word in revealing if str(word) in text] == [], text
