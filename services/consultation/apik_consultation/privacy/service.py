"""Finding what the desk holds on one visitor, for the data protection officer.

The desk keeps no blind index of visitors (a visit's name and phone are one sealed blob),
so the offices' visits are unsealed one by one in memory and compared: a scan, in
batches, that shows nothing of a visit that does not match. The visits that match are
read in full and each such read is audited like any other (`visitor_read`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only
from sqlmodel import col, select

from apik_consultation.models import Visit, VisitorRead, VisitSignature, VisitStep
from apik_consultation.privacy import rules
from apik_consultation.privacy.schemas import (
    StepOut,
    SubjectAccessAnswer,
    VisitHeld,
    VisitorOut,
    VisitorReadOut,
    WithheldOut,
)
from apik_consultation.visitors.service import visitor_read
from apik_consultation.visits.service import unseal_visitor
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.processing import DELIBERATION, OTHER_PERSON, SubjectAccessRequest

BATCH = 1000


async def _scan(
    session: AsyncSession, cipher: FieldCipher, office: str | None, request: SubjectAccessRequest
) -> tuple[dict[uuid.UUID, tuple[list[str], list[str]]], int]:
    """The matching visits' ids with what matched and what differs, and how many visits
    were compared. Keyset batches: a large office never holds every visit in memory."""
    found: dict[uuid.UUID, tuple[list[str], list[str]]] = {}
    scanned = 0
    after: uuid.UUID | None = None
    while True:
        query = (
            select(Visit)
            .options(load_only(Visit.id, Visit.visitor))  # type: ignore[arg-type]
            .order_by(col(Visit.id))
            .limit(BATCH)
        )
        if office is not None:
            query = query.where(Visit.office == office)
        if after is not None:
            query = query.where(col(Visit.id) > after)
        batch = (await session.execute(query)).scalars().all()
        for visit in batch:
            if not visit.visitor:  # erased when its retention period ended
                continue
            visitor = unseal_visitor(cipher, visit)
            matched, differs = rules.matches(
                name=visitor.name,
                phone=visitor.phone,
                given_name=request.name,
                given_phone=request.phone,
            )
            if matched:
                found[visit.id] = (matched, differs)
        scanned += len(batch)
        if len(batch) < BATCH:
            return found, scanned
        after = batch[-1].id


async def subject_access(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    request: SubjectAccessRequest,
) -> SubjectAccessAnswer:
    office = actor.office_scope()
    searched_by = [f for f in ("phone", "name") if getattr(request, f)]
    found, scanned = await _scan(session, cipher, office, request) if searched_by else ({}, 0)
    now = datetime.now(UTC)
    held: list[VisitHeld] = []
    withheld: list[WithheldOut] = []
    visits = (
        (
            await session.execute(
                select(Visit)
                # The scan loaded the visits' id and blob only: the matches are read whole.
                .execution_options(populate_existing=True)
                .where(col(Visit.id).in_(list(found)))
                .order_by(col(Visit.checked_in_at), col(Visit.id))
            )
        )
        .scalars()
        .all()
    )
    ids = [visit.id for visit in visits]
    # One query per kind for every matched visit, not three per visit; the trails are
    # read before this answer's own reads are added.
    reads_of: dict[uuid.UUID, list[VisitorRead]] = defaultdict(list)
    for r in await session.scalars(
        select(VisitorRead)
        .where(col(VisitorRead.visit_id).in_(ids))
        .order_by(col(VisitorRead.at), col(VisitorRead.id))
    ):
        reads_of[r.visit_id].append(r)
    steps_of: dict[uuid.UUID, list[VisitStep]] = defaultdict(list)
    for step in await session.scalars(
        select(VisitStep)
        .where(col(VisitStep.visit_id).in_(ids))
        .order_by(col(VisitStep.at), col(VisitStep.id))
    ):
        steps_of[step.visit_id].append(step)
    signed = set(
        await session.scalars(
            select(VisitSignature.visit_id).where(col(VisitSignature.visit_id).in_(ids))
        )
    )
    for visit in visits:
        matched_on, differs_on = found[visit.id]
        visitor = unseal_visitor(cipher, visit)
        trail = [
            VisitorReadOut(at=r.at, purpose=r.purpose, roles=r.actor_roles)
            for r in reads_of[visit.id]
        ]
        steps = steps_of[visit.id]
        purpose = f"data subject access request {request.reference}"
        session.add(visitor_read(actor, visit, purpose=purpose, at=now))
        held.append(
            VisitHeld.model_validate(
                {
                    **visit.model_dump(),
                    "visit_id": visit.id,
                    "matched_on": matched_on,
                    "differs_on": differs_on,
                    "visitor": VisitorOut(
                        name=visitor.name, phone=visitor.phone, institution=visit.institution
                    ),
                    "has_signature": visit.id in signed,
                    "timeline": [StepOut.model_validate(s.model_dump()) for s in steps],
                    "visitor_reads": trail,
                }
            )
        )
        if visit.officer or visit.created_by:
            withheld.append(
                WithheldOut.of("officer: who served and who checked in", OTHER_PERSON).model_copy(
                    update={"visit_id": visit.id}
                )
            )
        if trail:
            withheld.append(
                WithheldOut.of("visitor_reads: who read", OTHER_PERSON).model_copy(
                    update={"visit_id": visit.id}
                )
            )
        withheld.append(
            WithheldOut.of("timeline: who acted, and notes", DELIBERATION).model_copy(
                update={"visit_id": visit.id}
            )
        )
    await session.flush()
    return SubjectAccessAnswer(
        reference=request.reference,
        generated_at=now,
        offices="own" if office is not None else "all",
        searched_by=searched_by,
        visits_scanned=scanned,
        not_searched={f: rules.NOT_SEARCHED[f] for f in ("nik", "email") if getattr(request, f)},
        not_included=rules.NOT_INCLUDED if held else {},
        visits=held,
        withheld=withheld,
    )
