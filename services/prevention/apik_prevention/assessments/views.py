"""The assessment and its entries as the API answers them (with their ETag), and the
list as a CSV."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.assessments import service
from apik_prevention.assessments.rules import assessment_actions, offered_decisions
from apik_prevention.assessments.schemas import AssessmentPublic, EntryPublic, UnitType
from apik_prevention.assessments.service.export import AssessmentExport
from apik_prevention.assessments.service.scoring import follow_up_of
from apik_prevention.follow_up import service as follow_up
from apik_prevention.models import Assessment, AssessmentEntry, SchemeVersion
from apik_shared.documents.delimited import Column, Delimiter, Value, csv_bytes, headers, text_cell
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.labels import Label, Language, label

# Who enters and reviews (the routes' `Officer`): the prevention unit's staff.
OFFICERS = (Role.prevention_officer,)


async def one(session: AsyncSession, assessment: Assessment, reader: Principal) -> AssessmentPublic:
    scheme = await session.get(SchemeVersion, assessment.scheme_id)
    assert scheme is not None  # a foreign key
    return AssessmentPublic(
        id=assessment.id,
        office=assessment.office,
        unit_name=assessment.unit_name,
        unit_type=UnitType(assessment.unit_type),
        region=assessment.region,
        regency=assessment.regency,
        year=assessment.year,
        scheme_id=scheme.id,
        scheme_code=scheme.code,
        scheme_version=scheme.version,
        status=assessment.status,
        follow_up=follow_up_of(assessment),
        cases=await follow_up.named_cases(session, assessment),
        entries=await service.entry_counts(session, assessment.id),
        created_by=assessment.created_by,
        created_at=assessment.created_at,
        plenary_at=assessment.plenary_at,
        published_at=assessment.published_at,
        published_by=assessment.published_by,
        published_total=assessment.published_total,
        published_label=assessment.published_label,
        version=assessment.version,
        allowed_actions=assessment_actions(assessment.status, is_officer=reader.has_any(*OFFICERS)),
    )


async def answer(session: AsyncSession, assessment: Assessment, reader: Principal) -> JSONResponse:
    body = await one(session, assessment, reader)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(assessment.version)})


def entry(row: AssessmentEntry, assessment: Assessment, reader: Principal) -> EntryPublic:
    decisions = offered_decisions(
        row.status,
        assessment_status=assessment.status,
        is_officer=reader.has_any(*OFFICERS),
        is_enumerator=row.enumerator == reader.username,
    )
    fields = {
        name: getattr(row, name) for name in EntryPublic.model_fields if name != "allowed_actions"
    }
    return EntryPublic.model_validate({**fields, "allowed_actions": decisions})


def entry_answer(row: AssessmentEntry, assessment: Assessment, reader: Principal) -> JSONResponse:
    body = jsonable_encoder(entry(row, assessment, reader))
    return JSONResponse(body, headers={"ETag": etag_for(row.version)})


# The list as a spreadsheet for the office's staff: the screen's headers and names in
# Bahasa Indonesia or English (the rapor's for unit types), moments in the zone of the
# assessment's office with its offset; the result as published, never a live
# recomputation.
UNIT_TYPES: Mapping[str, Label] = {
    "ministry": Label("Kementerian", "Ministry"),
    "agency": Label("Lembaga", "Agency"),
    "province": Label("Pemerintah Provinsi", "Provincial government"),
    "regency": Label("Pemerintah Kabupaten", "Regency government"),
    "city": Label("Pemerintah Kota", "City government"),
    "land_office": Label("Kantor Pertanahan", "Land office"),
    "police_resort": Label("Kepolisian Resor", "Police resort"),
    "village": Label("Pemerintah Desa", "Village government"),
    "other": Label("Lainnya", "Other"),
}
STATUSES: Mapping[str, Label] = {
    "draft": Label("Pengisian", "Data entry"),
    "plenary": Label("Pleno", "Plenary"),
    "published": Label("Diumumkan", "Published"),
}
CSV_COLUMNS: tuple[Column, ...] = (
    ("Unit layanan", "Service unit"),
    ("Jenis unit", "Kind of unit"),
    ("Provinsi", "Province"),
    ("Kabupaten/kota", "Regency/city"),
    ("Tahun", "Year"),
    ("Skema", "Scheme"),
    ("Status", "Status"),
    ("Isian disetujui", "Entries approved"),
    ("Nilai", "Score"),
    ("Predikat", "Grade"),
    ("Dibuka", "Opened"),
    ("Diumumkan", "Announced"),
    ("Kantor", "Office"),
)


def to_csv(
    export: AssessmentExport,
    *,
    language: Language = Language.id,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    lines: list[list[Value]] = []
    for a in export.rows:
        zone = export.calendars[a.office].zone
        lines.append(
            [
                text_cell(a.unit_name),
                label(UNIT_TYPES, a.unit_type, language),
                text_cell(a.region),
                text_cell(a.regency),
                a.year,
                export.schemes.get(a.scheme_id, ""),
                label(STATUSES, a.status, language),
                export.approved.get(a.id, 0),
                a.published_total,
                a.published_label,
                a.created_at.astimezone(zone).isoformat(),
                a.published_at.astimezone(zone).isoformat() if a.published_at else "",
                a.office,
            ]
        )
    return csv_bytes(headers(CSV_COLUMNS, language), lines, delimiter=delimiter)
