"""Completing a reporter's identity during formal verification: what the reporter sent
within their 30 days is added to the sealed identity, so that the report can pass."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_intake.models import Report, Reporter
from apik_intake.refusals import IntakeConflict, IntakeStepRefused
from apik_intake.reporters.rules import blind_index, seal, unseal
from apik_intake.reporters.service import identity_read
from apik_intake.reports.rules import BEFORE_FORMAL, ReportStatus
from apik_intake.steps.schemas import IdentityCompletion
from apik_intake.steps.service.notices import record
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.labels import REPORT_STATUSES, named
from apik_shared.vocabulary.nik import parse_nik

_OF_THE_REPRESENTATIVE = ("power_of_attorney_number", "power_of_attorney_date")


async def complete_identity(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    index_key: bytes,
    report: Report,
    data: IdentityCompletion,
    actor: Principal,
) -> Report:
    """Re-seals the identity with the fields given. A NIK given now gets its blind index,
    so that the person's later reports recognise this one; the reports registered before
    it are not re-linked (recognition happens at registration)."""
    given = data.model_dump(exclude_unset=True, exclude_none=True)
    if not given:
        raise InvalidInput.field(
            "#/body", "Sebutkan data identitas yang dilengkapi.", code="identity_nothing_given"
        )
    if ReportStatus(report.status) not in BEFORE_FORMAL:
        raise IntakeStepRefused(
            "The identity is completed only before formal verification is done.",
            code="formal_check_done",
            params={"status": named(REPORT_STATUSES, report.status)},
            current_status=report.status,
        )
    reporter = await session.get(Reporter, report.reporter_id, with_for_update=True)
    if reporter is None or reporter.identity is None:
        raise IntakeConflict(
            "The reporter's identity was anonymised: there is nothing to complete.",
            code="reporter_anonymised",
        )
    identity = unseal(cipher, reporter.id, reporter.identity)
    agent_fields = {k: v for k, v in given.items() if k in _OF_THE_REPRESENTATIVE}
    if agent_fields and identity.representative is None:
        field = next(iter(agent_fields))
        raise InvalidInput.field(
            f"#/body/{field}", "Laporan ini tidak dikuasakan.", code="no_representative"
        )
    person = {k: v for k, v in given.items() if k not in _OF_THE_REPRESENTATIVE}
    updated = identity.model_copy(update=person)
    if agent_fields and identity.representative is not None:
        updated.representative = identity.representative.model_copy(update=agent_fields)
    born = updated.date_of_birth
    if updated.nik and born and parse_nik(updated.nik).birth_date != born:
        field = "date_of_birth" if "date_of_birth" in given else "nik"
        raise InvalidInput.field(
            f"#/body/{field}",
            "Tanggal lahir tidak sesuai dengan yang tertera pada NIK.",
            code="birth_date_mismatch",
        )
    now = datetime.now(UTC)
    values: dict[str, object] = {"identity": seal(cipher, reporter.id, updated)}
    if "nik" in given:
        values["nik_index"] = blind_index(index_key, "nik", updated.nik or "")
    await session.execute(update(Reporter).where(col(Reporter.id) == reporter.id).values(**values))
    # Opening the identity to add to it is a processing of it: audited like a read.
    session.add(
        identity_read(
            report,
            actor,
            purpose="verifikasi formil: melengkapi identitas",
            disclosure="withheld",
            at=now,
        )
    )
    # The history names the fields, never their values.
    return await record(
        session=session,
        report=report,
        step="identity_completed",
        actor=actor,
        details={"fields": sorted(given)},
        changes={},
        at=now,
    )
