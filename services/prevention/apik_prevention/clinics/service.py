"""Coaching clinics: created by the prevention unit, participants registered, attendance
and tests recorded while planned; completion issues the certificates and announces
`clinic.completed`."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.clinics import rules
from apik_prevention.clinics.rules import ClinicStatus, Scores
from apik_prevention.clinics.schemas import (
    Attendance,
    CertificateCheck,
    ClinicCreate,
    ParticipantCreate,
    TestScores,
)
from apik_prevention.models import Clinic, ClinicParticipant, ClinicParticipantRead
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.prevention import ClinicCompleted
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, TransitionNotAllowed
from apik_shared.vocabulary.masking import mask_text


class ClinicCompletedAlready(TransitionNotAllowed):
    slug, title = "clinic-completed", "The clinic is completed"


class NobodyAttended(Conflict):
    slug, title = "clinic-nobody-attended", "Nobody attended the clinic"


@dataclass(frozen=True)
class Identity:
    """What of a participant is sealed at rest: who they are (no contact is kept)."""

    name: str


def identity_context(participant_id: uuid.UUID) -> str:
    # Binds the ciphertext to its row: copied into another row, it fails to open.
    return f"clinic-participant:{participant_id}:identity"


def seal(cipher: FieldCipher, participant_id: uuid.UUID, identity: Identity) -> str:
    return cipher.encrypt(
        json.dumps(asdict(identity)).encode(), context=identity_context(participant_id)
    )


def identity_of(cipher: FieldCipher, participant: ClinicParticipant) -> Identity:
    opened = json.loads(
        cipher.decrypt(participant.identity, context=identity_context(participant.id))
    )
    return Identity(**opened)


def _ensure_planned(clinic: Clinic) -> None:
    if clinic.status != ClinicStatus.planned:
        raise ClinicCompletedAlready(
            "The clinic is completed: its participants, attendance and tests no longer change."
        )


def _changed(clinic: Clinic, session: AsyncSession) -> None:
    clinic.version += 1
    session.add(clinic)


async def create_clinic(*, session: AsyncSession, data: ClinicCreate, actor: Principal) -> Clinic:
    clinic = Clinic(
        office=actor.office,
        title=data.title,
        held_on=data.held_on,
        place=data.place,
        agencies=list(data.agencies),
        max_score=data.max_score,
        status=ClinicStatus.planned.value,
        created_by=actor.username,
    )
    session.add(clinic)
    await session.flush()
    return clinic


async def get_clinic(
    *, session: AsyncSession, clinic_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Clinic:
    return await get_in_office(
        session=session,
        model=Clinic,
        ident=clinic_id,
        actor=actor,
        label="clinic",
        for_update=for_update,
    )


async def participants_of(session: AsyncSession, clinic_id: uuid.UUID) -> list[ClinicParticipant]:
    rows = await session.execute(
        select(ClinicParticipant)
        .where(ClinicParticipant.clinic_id == clinic_id)
        .order_by(col(ClinicParticipant.registered_at), col(ClinicParticipant.id))
    )
    return list(rows.scalars().all())


async def get_participant(
    *, session: AsyncSession, clinic: Clinic, participant_id: uuid.UUID
) -> ClinicParticipant:
    participant = await session.get(ClinicParticipant, participant_id)
    if participant is None or participant.clinic_id != clinic.id:
        raise NotFound("The clinic has no such participant.")
    return participant


async def register(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    clinic: Clinic,
    data: ParticipantCreate,
    actor: Principal,
) -> ClinicParticipant:
    _ensure_planned(clinic)
    participant_id = uuid.uuid4()
    participant = ClinicParticipant(
        id=participant_id,
        clinic_id=clinic.id,
        office=clinic.office,
        identity=seal(cipher, participant_id, Identity(name=data.name)),
        agency=data.agency,
        registered_by=actor.username,
    )
    session.add(participant)
    _changed(clinic, session)
    await session.flush()
    return participant


def audit_read(
    session: AsyncSession,
    clinic: Clinic,
    participants: list[ClinicParticipant],
    actor: Principal,
    purpose: str,
) -> None:
    """Records a read of participants' names in full (nothing when there were none)."""
    if participants:
        session.add(
            ClinicParticipantRead(
                office=clinic.office,
                clinic_id=clinic.id,
                participant_ids=[str(p.id) for p in participants],
                actor=actor.subject,
                actor_username=actor.username,
                purpose=purpose,
            )
        )


def _unknown(pointer: str, ident: uuid.UUID, known: set[uuid.UUID]) -> None:
    if ident not in known:
        raise InvalidInput.field(
            pointer, f"{ident} is not a participant of this clinic.", code="not_a_participant"
        )


async def set_attendance(*, session: AsyncSession, clinic: Clinic, data: Attendance) -> Clinic:
    _ensure_planned(clinic)
    participants = await participants_of(session, clinic.id)
    known = {p.id for p in participants}
    for index, ident in enumerate(data.attended):
        _unknown(f"#/body/attended/{index}", ident, known)
    present = set(data.attended)
    for participant in participants:
        participant.attended = participant.id in present
        session.add(participant)
    _changed(clinic, session)
    await session.flush()
    return clinic


async def record_tests(*, session: AsyncSession, clinic: Clinic, data: TestScores) -> Clinic:
    """Checks every score before changing any: all are recorded, or none."""
    _ensure_planned(clinic)
    participants = {p.id: p for p in await participants_of(session, clinic.id)}
    seen: set[uuid.UUID] = set()
    for index, score in enumerate(data.scores):
        _unknown(f"#/body/scores/{index}/participant_id", score.participant_id, set(participants))
        if score.participant_id in seen:
            raise InvalidInput.field(
                f"#/body/scores/{index}/participant_id",
                "The participant is listed twice.",
                code="listed_twice",
            )
        seen.add(score.participant_id)
        for test in ("pre", "post"):
            value = getattr(score, test)
            if value is not None and value > clinic.max_score:
                raise InvalidInput.field(
                    f"#/body/scores/{index}/{test}",
                    f"{value} is above the test's maximum of {clinic.max_score}.",
                    code="less_than_equal",
                    le=clinic.max_score,
                )
    for score in data.scores:
        participant = participants[score.participant_id]
        participant.pre_score, participant.post_score = score.pre, score.post
        session.add(participant)
    _changed(clinic, session)
    await session.flush()
    return clinic


def scores(clinic: Clinic, participants: list[ClinicParticipant]) -> list[Scores]:
    return [Scores(p.pre_score, p.post_score, clinic.max_score) for p in participants]


async def complete(
    *, session: AsyncSession, clinic: Clinic, actor: Principal, code_key: bytes
) -> Clinic:
    """Completes a planned clinic: a certificate (its code's keyed hash) for everyone
    who attended, and `clinic.completed` in the same transaction."""
    _ensure_planned(clinic)
    participants = await participants_of(session, clinic.id)
    attended = [p for p in participants if p.attended]
    if not attended:
        raise NobodyAttended("Record the attendance first: certificates go to who attended.")
    for participant in attended:
        code = rules.certificate_code(code_key, str(participant.id))
        participant.verify_hash = rules.code_hash(code_key, code)
        session.add(participant)
    now = datetime.now(UTC)
    clinic.status = ClinicStatus.completed.value
    clinic.completed_at, clinic.completed_by = now, actor.username
    _changed(clinic, session)
    await session.flush()
    summary = rules.summary(scores(clinic, participants))
    await publish(
        session,
        ClinicCompleted(
            clinic_id=str(clinic.id),
            office=clinic.office,
            held_on=clinic.held_on,
            participants=len(participants),
            attended=len(attended),
            tested=summary.tested,
            class_gain=rules.shown(summary.class_gain),
            mean_gain=rules.shown(summary.mean_gain),
            completed_at=now,
            completed_by=actor.username,
        ),
        subject=str(clinic.id),
    )
    return clinic


async def clinics_of_year(*, session: AsyncSession, actor: Principal, year: int) -> list[Clinic]:
    rows = await session.execute(
        select(Clinic)
        .where(
            Clinic.office == actor.office,
            col(Clinic.held_on) >= date(year, 1, 1),
            col(Clinic.held_on) <= date(year, 12, 31),
        )
        .order_by(col(Clinic.held_on), col(Clinic.id))
    )
    return list(rows.scalars().all())


async def check_certificate(
    *, session: AsyncSession, cipher: FieldCipher, code_key: bytes, code: str
) -> CertificateCheck:
    """The public check of the certificate whose code this is; 404 for any other."""
    normalised = rules.normalised_code(code)
    if normalised is not None:
        found = (
            await session.execute(
                select(ClinicParticipant, Clinic)
                .join(Clinic, Clinic.id == ClinicParticipant.clinic_id)  # type: ignore[arg-type]
                .where(ClinicParticipant.verify_hash == rules.code_hash(code_key, normalised))
            )
        ).first()
        if found is not None:
            participant, clinic = found
            return CertificateCheck(
                valid=True,
                participant=mask_text(identity_of(cipher, participant).name) or "",
                agency=participant.agency,
                clinic=clinic.title,
                held_on=clinic.held_on,
                place=clinic.place,
                office=clinic.office,
            )
    raise NotFound("No clinic certificate has this code.")
