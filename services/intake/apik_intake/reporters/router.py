"""The reporter's identity: read on purpose, audited every time, queried by the DPO."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query

from apik_intake.deps import AUTH, Cipher, CurrentSettings, Dpo, IdentityReader, ReportInOffice
from apik_intake.reporters import service
from apik_intake.reporters.schemas import IdentityOut, IdentityReadPublic, ReporterIdentity
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter
from apik_shared.vocabulary.instants import Instant

router = ServiceRouter(tags=["reporters"])


@router.get(
    "/reports/{report_id}/reporter",
    response_model=ReporterIdentity,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
)
async def read_identity(
    purpose: Annotated[
        str,
        Query(
            min_length=3,
            max_length=500,
            description="why the identity is read; kept in the audit with who and when",
        ),
    ],
    session: DbSession,
    actor: IdentityReader,
    report: ReportInOffice,
    cipher: Cipher,
    settings: CurrentSettings,
) -> ReporterIdentity:
    stripped = purpose.strip()
    if len(stripped) < 3:
        raise InvalidInput.field(
            "#/query/purpose",
            "Say why the identity is read.",
            code="purpose_required",
            min_length=3,
        )
    identity, disclosure, anonymised_at = await service.read_identity(
        session=session,
        cipher=cipher,
        report=report,
        actor=actor,
        purpose=stripped,
        roles=settings.identity_roles,
        confidential_roles=settings.confidential_identity_roles,
    )
    # A confidential report's person is shown with its identity or not at all: the person
    # id leads to the same person's other reports (`rules.sees_link`). This read is audited.
    # An anonymised reporter is nobody's person any more: no id either.
    person_id = None
    if anonymised_at is None and (not report.confidential or disclosure == "full"):
        links = await service.link_summaries(session=session, reporter_ids=[report.reporter_id])
        person_id = links[report.reporter_id][0]
    return ReporterIdentity(
        report_id=report.id,
        reporter_id=report.reporter_id,
        person_id=person_id,
        confidential=report.confidential,
        disclosure=disclosure,
        anonymised_at=anonymised_at,
        identity=IdentityOut.model_validate(identity.model_dump()) if identity else None,
    )


@router.get(
    "/identity-reads",
    response_model=Page[IdentityReadPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_identity_reads(
    session: DbSession,
    actor: Dpo,
    report_id: uuid.UUID | None = None,
    reader: Annotated[str | None, Query(description="username or subject of the reader")] = None,
    since: Instant | None = None,
    until: Instant | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[IdentityReadPublic]:
    rows, next_cursor = await service.list_identity_reads(
        session=session,
        actor=actor,
        report_id=report_id,
        reader=reader,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )
    return Page(
        items=[IdentityReadPublic.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )
