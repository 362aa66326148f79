"""Institutions' formats: the ones shipped with the service (`format_<key>.json` beside
this module, for every office, read-only) and each office's own (stored; an office's
format with a shipped key replaces it for that office). A format prints a certificate's
completion record (`record_of`) through `views.format_pdf`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.certificates.service import CertificateContent
from apik_internship.formats.rules import Record
from apik_internship.formats.schemas import FormatDefinition, FormatPublic
from apik_internship.models import InstitutionFormat
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import NotFound

SHIPPED = Path(__file__).parent


@functools.cache
def shipped() -> dict[str, FormatDefinition]:
    """The formats shipped with the service, by key (`format_unib.json`: `unib`)."""
    return {
        path.stem.removeprefix("format_"): FormatDefinition.model_validate_json(
            path.read_text(encoding="utf-8")
        )
        for path in sorted(SHIPPED.glob("format_*.json"))
    }


def _public(row: InstitutionFormat) -> FormatPublic:
    return FormatPublic(
        key=row.key,
        office=row.office,
        definition=FormatDefinition.model_validate(row.definition),
        version=row.version,
        set_by=row.set_by,
        set_at=row.set_at,
    )


def _shipped_public(key: str, definition: FormatDefinition) -> FormatPublic:
    return FormatPublic(
        key=key, office=None, definition=definition, version=1, set_by=None, set_at=None
    )


async def formats(*, session: AsyncSession, office: str) -> list[FormatPublic]:
    """The formats an office can print with, by key: its own, and the shipped ones it
    has not replaced."""
    own = {
        row.key: _public(row)
        for row in await session.scalars(
            select(InstitutionFormat).where(InstitutionFormat.office == office)
        )
    }
    merged = {key: _shipped_public(key, d) for key, d in shipped().items()} | own
    return [merged[key] for key in sorted(merged)]


async def format_of(*, session: AsyncSession, office: str, key: str) -> FormatPublic:
    row = await session.scalar(
        select(InstitutionFormat).where(
            InstitutionFormat.office == office, InstitutionFormat.key == key
        )
    )
    if row is not None:
        return _public(row)
    if key in shipped():
        return _shipped_public(key, shipped()[key])
    raise NotFound(f"No institution format {key!r}.")


async def put_format(
    *,
    session: AsyncSession,
    key: str,
    definition: FormatDefinition,
    actor: Principal,
    check_version: Callable[[int], None],
) -> tuple[FormatPublic, bool]:
    """The office's format `key`, created or replaced (`If-Match` its version when
    replacing); returns it and whether it was new."""
    row = await session.scalar(
        select(InstitutionFormat)
        .where(InstitutionFormat.office == actor.office, col(InstitutionFormat.key) == key)
        .with_for_update()
    )
    now = datetime.now(UTC)
    new = row is None
    if row is None:
        row = InstitutionFormat(office=actor.office, key=key, definition={}, set_by=actor.username)
    else:
        check_version(row.version)
        row.version += 1
    row.definition = definition.model_dump(mode="json")
    row.set_by, row.set_at = actor.username, now
    session.add(row)
    await session.flush()
    return _public(row), new


def record_of(content: CertificateContent) -> Record:
    """The completion record of a certificate, as any format prints it."""
    certificate, application, issuer = content.certificate, content.application, content.issuer
    return Record(
        name=content.applicant.get("name") or "-",
        study=content.applicant.get("study"),
        institution=application.institution,
        programme=application.programme,
        office=issuer.name,
        unit=application.unit or "-",
        period_start=application.period_start,
        period_end=application.period_end,
        working_days=certificate.working_days,
        days_present=certificate.days_present,
        logbook_approved=certificate.logbook_approved,
        evaluation_score=certificate.evaluation_score,
        issued_on=certificate.issued_at.astimezone(ZoneInfo(issuer.timezone)).date(),
        verification_code=content.code,
    )
