"""The reporter's identity: read on purpose, audited every time, queried by the DPO."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from apik_intake import reporters, service
from apik_intake.deps import AUTH, Cipher, Dpo, IdentityReader, IntakeSettings
from apik_intake.schemas_reporters import IdentityOut, IdentityReadPublic, ReporterIdentity
from apik_shared.db import DbSession, TransactionalRoute
from apik_shared.instants import Instant
from apik_shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.problems import InvalidInput, NotFound, problem_responses

router = APIRouter(route_class=TransactionalRoute, tags=["reporters"])


@router.get(
    "/reports/{report_id}/reporter",
    response_model=ReporterIdentity,
    responses=problem_responses(*AUTH, NotFound, InvalidInput),
    operation_id="intake_read_reporter_identity",
)
async def read_reporter_identity(
    report_id: uuid.UUID,
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
    cipher: Cipher,
    settings: IntakeSettings,
) -> ReporterIdentity:
    report = await service.get_report(session=session, report_id=report_id, actor=actor)
    stripped = purpose.strip()
    if len(stripped) < 3:
        raise InvalidInput.field("#/query/purpose", "Say why the identity is read.")
    identity, disclosure = await reporters.read_identity(
        session=session,
        cipher=cipher,
        report=report,
        actor=actor,
        purpose=stripped,
        roles=settings.identity_roles,
        confidential_roles=settings.confidential_identity_roles,
    )
    links = await reporters.link_summaries(session=session, reporter_ids=[report.reporter_id])
    person_id = links[report.reporter_id][0]
    return ReporterIdentity(
        report_id=report.id,
        reporter_id=report.reporter_id,
        person_id=person_id,
        confidential=report.confidential,
        disclosure=disclosure,
        identity=IdentityOut.model_validate(identity.model_dump()) if identity else None,
    )


@router.get(
    "/identity-reads",
    response_model=Page[IdentityReadPublic],
    responses=problem_responses(*AUTH, InvalidInput),
    operation_id="intake_list_identity_reads",
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
    rows, next_cursor = await reporters.list_identity_reads(
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
