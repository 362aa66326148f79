"""Formal verification decides (issue 17, part 1): the checklist is required to pass, the
identity must be complete, an old event passes only by a head's audited exception, and
the completion deadline runs from the notice to the reporter."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from apik_intake.jobs import close_overdue_once
from apik_intake.steps.rules import completion_deadline
from apik_shared.vocabulary.calendar import OfficeCalendar
from tests.intake.builders import (
    CHECKLIST_SATISFIED,
    FORMALLY_COMPLETE,
    REPORTS,
    register,
    report_body,
    step,
)

WIB = OfficeCalendar(timezone="Asia/Jakarta")
NOTICE = {"channel": "whatsapp", "message": "Mohon lengkapi NIK dan alamat dalam 30 hari."}


async def get(intake, report_id: str, headers: dict) -> dict:
    response = await intake.client.get(f"{REPORTS}/{report_id}", headers=headers)
    assert response.status_code == 200, response.text
    body: dict = response.json()
    return body


def pointers(response) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [error["pointer"] for error in response.json()["errors"]]


class TestTheChecklist:
    async def test_passing_without_the_checklist_is_refused_and_changes_nothing(
        self, intake, officer
    ):
        report = await register(intake, officer)
        refused = await step(
            intake, report["id"], "formal-verification", {"complete": True}, officer
        )
        assert pointers(refused) == ["#/body/checklist"]
        unchanged = await get(intake, report["id"], officer)
        assert unchanged["status"] == "registered" and unchanged["version"] == 1

    async def test_an_lm_with_no_nik_does_not_pass(self, intake, officer):
        reporter = {"name": "Siti Aminah", "phone": "0812 1111 2222", "address": "Jl. Mawar 3"}
        report = await register(intake, officer, reporter=reporter)
        refused = await step(
            intake, report["id"], "formal-verification", FORMALLY_COMPLETE, officer
        )
        assert pointers(refused) == ["#/body/checklist/identity"]
        [error] = refused.json()["errors"]
        # The codes for a client, the words in each language for the app to show, and
        # the English detail the contract promises (the app words the code).
        lacking = "place_of_birth, date_of_birth, occupation, nik"
        assert (error["code"], error["params"]) == ("identity_incomplete", {"missing": lacking})
        assert error["labels_by_language"] == {
            "id": {"missing": "tempat lahir, tanggal lahir, pekerjaan, NIK"},
            "en": {"missing": "place of birth, date of birth, occupation, NIK"},
        }
        assert error["labels"] == error["labels_by_language"]["id"]
        assert error["detail"] == (
            "The reporter's identity lacks: place of birth, date of birth, occupation, NIK."
        )
        english = await step(
            intake,
            report["id"],
            "formal-verification",
            FORMALLY_COMPLETE,
            {**officer, "Accept-Language": "en"},
        )
        assert english.json()["errors"][0]["labels"] == error["labels_by_language"]["en"]
        assert (await get(intake, report["id"], officer))["status"] == "registered"
        # Marked incomplete instead, what the identity lacks is in the history.
        incomplete = await step(
            intake,
            report["id"],
            "formal-verification",
            {"complete": False, "checklist": CHECKLIST_SATISFIED},
            officer,
        )
        assert incomplete.status_code == 200, incomplete.text
        last = incomplete.json()["timeline"][-1]["details"]
        assert last["missing"] == ["identity"]
        assert last["identity_missing"] == ["place_of_birth", "date_of_birth", "occupation", "nik"]

    async def test_the_identity_check_is_audited_and_shows_nothing(self, intake, officer):
        report = await register(intake, officer)
        passed = await step(intake, report["id"], "formal-verification", FORMALLY_COMPLETE, officer)
        assert passed.status_code == 200 and passed.json()["status"] == "formally_verified"
        for held in ("1771010101900001", "Jl. Salak", "Petani", "1990-01-01"):
            assert held not in passed.text
        audit = await intake.scalar(
            "SELECT actor_username || '|' || disclosure || '|' || purpose FROM identity_read"
            " WHERE report_id = :id",
            id=uuid.UUID(report["id"]),
        )
        assert audit == "petugas|withheld|verifikasi formil: kelengkapan identitas"

    async def test_a_represented_reporter_needs_the_power_of_attorney_number(self, intake, officer):
        reporter = {
            **report_body()["reporter"],
            "representative": {"name": "Rina Marlina", "relationship": "advokat"},
        }
        report = await register(intake, officer, reporter=reporter)
        ticked = {"complete": True, "checklist": {**CHECKLIST_SATISFIED, "power_of_attorney": True}}
        refused = await step(intake, report["id"], "formal-verification", ticked, officer)
        assert pointers(refused) == ["#/body/checklist/power_of_attorney"]
        # The reporter sends the power of attorney: its number completes the identity.
        signed = {"power_of_attorney_number": "SK-12/2026", "power_of_attorney_date": "2026-11-02"}
        completed = await step(intake, report["id"], "identity-completion", signed, officer)
        assert completed.status_code == 200, completed.text
        passed = await step(intake, report["id"], "formal-verification", ticked, officer)
        assert passed.status_code == 200, passed.text


class TestTheAgeLimit:
    async def test_a_2021_event_ticked_within_two_years_does_not_pass(self, intake, officer):
        report = await register(intake, officer, event_date="2021-03-01")
        assert report["flags"] == ["event_older_than_two_years"]
        refused = await step(
            intake, report["id"], "formal-verification", FORMALLY_COMPLETE, officer
        )
        assert pointers(refused) == ["#/body/checklist/within_two_years"]
        assert "head of office" in refused.json()["errors"][0]["detail"]

    async def test_a_heads_exception_with_a_reason_lets_it_pass_and_is_audited(
        self, intake, officer, tokens
    ):
        head = tokens.headers("head", office="BKL", username="kepala")
        report = await register(intake, officer, event_date="2021-03-01")
        reason = {"reason": "Pelapor dirawat di rumah sakit sejak 2022 (surat dokter terlampir)."}
        by_officer = await step(intake, report["id"], "age-exception", reason, officer)
        assert by_officer.status_code == 403
        no_reason = await step(intake, report["id"], "age-exception", {"reason": " "}, head)
        assert pointers(no_reason) == ["#/body/reason"]
        assert (await get(intake, report["id"], officer))["version"] == 1
        excepted = await step(intake, report["id"], "age-exception", reason, head)
        assert excepted.status_code == 200, excepted.text
        body = excepted.json()
        assert "age_limit_excepted" in body["flags"] and body["status"] == "registered"
        history = body["timeline"][-1]
        assert (history["step"], history["actor"]) == ("age_limit_exception", "kepala")
        assert history["details"]["reason"] == reason["reason"]
        assert history["details"]["event_date"] == "2021-03-01"
        assert history["details"]["actor_subject"].startswith("user:")
        assert history["details"]["limit_years"] == 2
        again = await step(intake, report["id"], "age-exception", reason, head)
        assert again.status_code == 409
        passed = await step(intake, report["id"], "formal-verification", FORMALLY_COMPLETE, officer)
        assert passed.status_code == 200 and passed.json()["status"] == "formally_verified"
        late = await step(intake, report["id"], "age-exception", reason, head)
        assert late.status_code == 409

    async def test_a_recent_event_needs_no_exception(self, intake, officer, tokens):
        head = tokens.headers("head", office="BKL", username="kepala")
        report = await register(intake, officer)
        reason = {"reason": "Tidak perlu, tetapi dicoba juga oleh kepala."}
        refused = await step(intake, report["id"], "age-exception", reason, head)
        assert refused.status_code == 409
        assert refused.headers["content-type"].startswith("application/problem+json")


class TestTheDeadline:
    async def test_no_notice_no_deadline_and_listed_as_waiting_for_one(self, intake, officer):
        report = await register(intake, officer)
        incomplete = await step(
            intake,
            report["id"],
            "formal-verification",
            {"complete": False, "missing": ["ktp"]},
            officer,
        )
        assert incomplete.status_code == 200, incomplete.text
        assert incomplete.json()["status"] == "awaiting_completion"
        assert incomplete.json()["completion_due"] is None
        waiting = await intake.client.get(
            REPORTS, params={"awaiting_notice": "true", "limit": 200}, headers=officer
        )
        assert report["id"] in {r["id"] for r in waiting.json()["items"]}
        not_late = await intake.client.get(
            REPORTS, params={"overdue": "false", "limit": 200}, headers=officer
        )
        assert report["id"] in {r["id"] for r in not_late.json()["items"]}
        # The deadline job has nothing to count for it.
        await close_overdue_once(intake.app.state.database)
        assert (await get(intake, report["id"], officer))["status"] == "awaiting_completion"

    async def test_the_deadline_runs_from_the_recorded_notice(self, intake, officer):
        now = datetime.now(UTC).replace(microsecond=0)
        received, found, told = (now - timedelta(days=d) for d in (10, 5, 4))
        report = await register(intake, officer, received_at=received.isoformat())
        await step(
            intake,
            report["id"],
            "formal-verification",
            {"complete": False, "missing": ["ktp"], "decided_at": found.isoformat()},
            officer,
        )
        too_early = {**NOTICE, "sent_at": (found - timedelta(hours=1)).isoformat()}
        refused = await step(intake, report["id"], "notices", too_early, officer)
        assert pointers(refused) == ["#/body/sent_at"]
        noticed = await step(
            intake, report["id"], "notices", {**NOTICE, "sent_at": told.isoformat()}, officer
        )
        assert noticed.status_code == 200, noticed.text
        due = completion_deadline(told, 30, WIB)
        assert datetime.fromisoformat(noticed.json()["completion_due"]) == due
        assert noticed.json()["timeline"][-1]["step"] == "notice"
        # A reminder, and a second "incomplete" with its own notice, keep the first deadline.
        reminder = await step(intake, report["id"], "notices", NOTICE, officer)
        assert datetime.fromisoformat(reminder.json()["completion_due"]) == due
        second = await step(
            intake,
            report["id"],
            "formal-verification",
            {"complete": False, "missing": ["ktp", "kronologi"], "notification": NOTICE},
            officer,
        )
        assert second.status_code == 200, second.text
        assert datetime.fromisoformat(second.json()["completion_due"]) == due
        notices = await intake.scalar(
            "SELECT count(*) FROM notice WHERE report_id = :id", id=uuid.UUID(report["id"])
        )
        assert notices == 3

    async def test_a_notice_with_the_incomplete_step_starts_the_deadline_at_once(
        self, intake, officer
    ):
        report = await register(intake, officer)
        told = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
        body = {
            "complete": False,
            "missing": ["ktp"],
            "notification": {**NOTICE, "sent_at": told.isoformat()},
        }
        response = await step(intake, report["id"], "formal-verification", body, officer)
        assert response.status_code == 200, response.text
        assert datetime.fromisoformat(response.json()["completion_due"]) == completion_deadline(
            told, 30, WIB
        )

    async def test_a_notice_before_anything_is_incomplete_is_refused(self, intake, officer):
        report = await register(intake, officer)
        refused = await step(intake, report["id"], "notices", NOTICE, officer)
        assert refused.status_code == 409
        assert (await get(intake, report["id"], officer))["version"] == 1


class TestCompletingTheIdentity:
    async def test_what_the_reporter_sends_completes_it_and_the_report_passes(
        self, intake, officer
    ):
        reporter = {"name": "Siti Aminah", "phone": "0812 1111 3333", "address": "Jl. Mawar 3"}
        report = await register(intake, officer, reporter=reporter)
        url = report["id"]
        completion = {
            "nik": "1771015505900002",  # a woman born 15 May 1990 (day 55 = 15 + 40)
            "place_of_birth": "Bengkulu",
            "date_of_birth": "1990-05-15",
            "occupation": "Guru",
        }
        completed = await step(intake, url, "identity-completion", completion, officer)
        assert completed.status_code == 200, completed.text
        assert "1771015505900002" not in completed.text and "Guru" not in completed.text
        history = completed.json()["timeline"][-1]
        assert history["step"] == "identity_completed" and history["actor"] == "petugas"
        assert history["details"]["fields"] == sorted(completion)
        assert completed.json()["version"] == 2
        indexed = await intake.scalar(
            "SELECT nik_index IS NOT NULL FROM reporter WHERE id = :id",
            id=uuid.UUID(report["reporter"]["id"]),
        )
        assert indexed is True
        audit = await intake.scalar(
            "SELECT string_agg(purpose, '|' ORDER BY at) FROM identity_read WHERE report_id = :id",
            id=uuid.UUID(url),
        )
        assert audit == "verifikasi formil: melengkapi identitas"
        passed = await step(intake, url, "formal-verification", FORMALLY_COMPLETE, officer)
        assert passed.status_code == 200 and passed.json()["status"] == "formally_verified"
        late = await step(intake, url, "identity-completion", {"occupation": "Petani"}, officer)
        assert late.status_code == 409

    async def test_a_completion_that_contradicts_itself_or_says_nothing_is_refused(
        self, intake, officer
    ):
        report = await register(intake, officer, reporter={"name": "Siti Aminah"})
        url = report["id"]
        wrong_birth = {"nik": "1771015505900002", "date_of_birth": "1990-05-16"}
        refused = await step(intake, url, "identity-completion", wrong_birth, officer)
        assert pointers(refused) == ["#/body/date_of_birth"]
        assert pointers(await step(intake, url, "identity-completion", {}, officer)) == ["#/body"]
        not_represented = {"power_of_attorney_number": "SK-1/2026"}
        refused = await step(intake, url, "identity-completion", not_represented, officer)
        assert pointers(refused) == ["#/body/power_of_attorney_number"]
        assert (await get(intake, url, officer))["version"] == 1
