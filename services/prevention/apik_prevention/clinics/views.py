"""Clinics, their participants and their gains as the routes answer them.

Names are shown in full to the prevention unit, masked to every other reader (the head,
the analysts), who need the figures, not the people."""

from __future__ import annotations

from fractions import Fraction
from zoneinfo import ZoneInfo

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.clinics import rules, service
from apik_prevention.clinics.rules import CONVENTION, ClinicStatus
from apik_prevention.clinics.schemas import (
    ClassGain,
    ClinicEffectiveness,
    ClinicGains,
    ClinicPublic,
    ParticipantGain,
    ParticipantPublic,
)
from apik_prevention.models import Clinic, ClinicParticipant
from apik_shared.documents import certificate
from apik_shared.documents.issuer import Issuer
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.indonesian import tanggal
from apik_shared.vocabulary.masking import mask_text


def in_full(reader: Principal) -> bool:
    return Role.prevention_officer in reader.roles


def _name(cipher: FieldCipher, participant: ClinicParticipant, reader: Principal) -> str:
    name = service.identity_of(cipher, participant).name
    return name if in_full(reader) else mask_text(name) or ""


def _audited(
    session: AsyncSession,
    clinic: Clinic,
    rows: list[ClinicParticipant],
    reader: Principal,
    purpose: str,
) -> None:
    if in_full(reader):
        service.audit_read(session, clinic, rows, reader, purpose)


def participant(
    clinic: Clinic, row: ClinicParticipant, reader: Principal, cipher: FieldCipher, code_key: bytes
) -> ParticipantPublic:
    certified = clinic.status == ClinicStatus.completed and row.verify_hash is not None
    return ParticipantPublic(
        id=row.id,
        clinic_id=row.clinic_id,
        name=_name(cipher, row, reader),
        agency=row.agency,
        attended=row.attended,
        pre_score=row.pre_score,
        post_score=row.post_score,
        certificate_code=rules.certificate_code(code_key, str(row.id)) if certified else None,
    )


async def one(
    session: AsyncSession, clinic: Clinic, reader: Principal, cipher: FieldCipher, code_key: bytes
) -> ClinicPublic:
    rows = await service.participants_of(session, clinic.id)
    _audited(session, clinic, rows, reader, "clinic")
    return ClinicPublic(
        id=clinic.id,
        office=clinic.office,
        title=clinic.title,
        held_on=clinic.held_on,
        place=clinic.place,
        agencies=clinic.agencies,
        max_score=clinic.max_score,
        status=clinic.status,
        participants=[participant(clinic, r, reader, cipher, code_key) for r in rows],
        created_by=clinic.created_by,
        created_at=clinic.created_at,
        completed_at=clinic.completed_at,
        completed_by=clinic.completed_by,
        version=clinic.version,
        allowed_steps=rules.allowed_steps(clinic.status, officer=in_full(reader)),
    )


async def answer(
    session: AsyncSession, clinic: Clinic, reader: Principal, cipher: FieldCipher, code_key: bytes
) -> JSONResponse:
    body = await one(session, clinic, reader, cipher, code_key)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(clinic.version)})


def _class(gain: Fraction | None) -> ClassGain:
    return ClassGain(value=rules.shown(gain), category=rules.category(gain))


async def gains(
    session: AsyncSession, clinic: Clinic, reader: Principal, cipher: FieldCipher
) -> ClinicGains:
    rows = await service.participants_of(session, clinic.id)
    _audited(session, clinic, rows, reader, "n-gain")
    summary = rules.summary(service.scores(clinic, rows))
    each = []
    for row in rows:
        gain = rules.n_gain(row.pre_score, row.post_score, clinic.max_score)
        each.append(
            ParticipantGain(
                participant_id=row.id,
                name=_name(cipher, row, reader),
                agency=row.agency,
                pre_score=row.pre_score,
                post_score=row.post_score,
                n_gain=rules.shown(gain),
                category=rules.category(gain),
            )
        )
    return ClinicGains(
        clinic_id=clinic.id,
        max_score=clinic.max_score,
        participants=each,
        tested=summary.tested,
        class_gain_hake=_class(summary.class_gain),
        mean_of_individual_gains=_class(summary.mean_gain),
        counts=summary.counts,
        convention=CONVENTION,
    )


async def effectiveness(session: AsyncSession, clinic: Clinic) -> ClinicEffectiveness:
    rows = await service.participants_of(session, clinic.id)
    summary = rules.summary(service.scores(clinic, rows))
    return ClinicEffectiveness(
        clinic_id=clinic.id,
        title=clinic.title,
        held_on=clinic.held_on,
        status=clinic.status,
        participants=len(rows),
        attended=sum(1 for r in rows if r.attended),
        tested=summary.tested,
        class_gain_hake=_class(summary.class_gain),
        mean_of_individual_gains=_class(summary.mean_gain),
    )


def certificate_pdf(
    clinic: Clinic, row: ClinicParticipant, holder: str, issuer: Issuer, code: str, url: str
) -> bytes:
    """The participant's certificate, in the shared layout: the clinic, the office, the
    day it was held. `holder` is the name, opened by the caller for this print only."""
    done = clinic.completed_at or clinic.created_at
    return certificate.certificate_pdf(
        issuer=issuer,
        title="Sertifikat Klinik Pengaduan",
        code=code,
        holder=holder,
        affiliation=row.agency,
        statement=(
            f"sebagai peserta {clinic.title} (Coaching Clinic pengelolaan pengaduan pelayanan"
            f" publik) yang diselenggarakan oleh {issuer.name} pada {tanggal(clinic.held_on)}"
            f" di {clinic.place}."
        ),
        issued_on=done.astimezone(ZoneInfo(issuer.timezone)).date(),
        url=url,
    )
