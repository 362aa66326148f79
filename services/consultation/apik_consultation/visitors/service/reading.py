"""Reading visitors: unsealed, masked for who does not serve them, every full read
audited; and the audit trail for the data protection officer."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_consultation.models import Visit, VisitorRead
from apik_consultation.visitors import rules
from apik_consultation.visitors.rules import Disclosure, Shown
from apik_consultation.visits.service import Visitor, unseal_visitor
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import Forbidden, Problem


class VisitorAnonymised(Problem):
    """The visit is there, its visitor's identity is not: it expired, for good."""

    status, slug, title = 410, "visitor-anonymised", "The visitor's identity was anonymised"


@dataclass(frozen=True)
class VisitorAccess:
    """What every read of a visitor needs: who reads, the key, and which roles serve."""

    actor: Principal
    cipher: FieldCipher
    roles: frozenset[str]

    def masking_everyone(self) -> VisitorAccess:
        """The same reader, shown every visitor masked: for an answer that is stored
        (an `Idempotency-Key` replay keeps the answer in clear)."""
        return replace(self, roles=frozenset())

    def disclosure(self, visit: Visit) -> Disclosure:
        return rules.disclosure(
            self.actor.roles,
            reader_office=self.actor.office,
            visit_office=visit.office,
            roles=self.roles,
        )


def visitor_read(actor: Principal, visit: Visit, *, purpose: str, at: datetime) -> VisitorRead:
    """The audit row of one full read of `visit`'s visitor by `actor` (on the desk, on a
    printed form, in a subject access answer: recorded the same way)."""
    return VisitorRead(
        office=visit.office,
        visit_id=visit.id,
        actor=actor.subject,
        actor_username=actor.username,
        actor_roles=sorted(actor.roles),
        purpose=purpose,
        disclosure="full",
        at=at,
    )


async def shown(
    *, session: AsyncSession, access: VisitorAccess, visits: Sequence[Visit], purpose: str
) -> dict[uuid.UUID, Shown]:
    """Each visit's visitor as this caller may see them; one audit row per visit read in
    full (a page of the desk's list is as many reads as it has visits)."""
    now = datetime.now(UTC)
    out: dict[uuid.UUID, Shown] = {}
    for visit in visits:
        if visit.anonymised_at is not None:
            # Nothing left to read, so nothing to audit: the same tombstone for everyone.
            out[visit.id] = rules.ANONYMISED
            continue
        sealed = unseal_visitor(access.cipher, visit)
        seen = Shown(name=sealed.name, phone=sealed.phone, institution=visit.institution)
        if access.disclosure(visit) == "full":
            session.add(visitor_read(access.actor, visit, purpose=purpose, at=now))
        else:
            seen = rules.masked(seen)
        out[visit.id] = seen
    await session.flush()
    return out


async def read_in_full(
    *, session: AsyncSession, access: VisitorAccess, visit: Visit, purpose: str
) -> Visitor:
    """The visitor unmasked, for a printed form: refused to whoever does not serve them
    (a form with a masked name is no form), audited for whoever does; gone for everyone
    once the retention period anonymised it."""
    if visit.anonymised_at is not None:
        raise VisitorAnonymised(
            "The visitor's name and phone were anonymised when their retention period ended"
            f" ({visit.anonymised_at:%Y-%m-%d}): the forms that carry them cannot be printed."
        )
    if access.disclosure(visit) != "full":
        raise Forbidden(
            "The printed forms carry the visitor's name: only the desk staff of the visit's"
            " office print them.",
            code="names_a_person",
        )
    session.add(visitor_read(access.actor, visit, purpose=purpose, at=datetime.now(UTC)))
    await session.flush()
    return unseal_visitor(access.cipher, visit)


async def list_visitor_reads(
    *,
    session: AsyncSession,
    actor: Principal,
    visit_id: uuid.UUID | None,
    reader: str | None,
    since: datetime | None,
    until: datetime | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[VisitorRead], str | None]:
    """The audit trail, newest first, for the data protection officer (of the caller's
    office; every office for `national`)."""
    query = select(VisitorRead)
    if (office := actor.office_scope()) is not None:
        query = query.where(VisitorRead.office == office)
    if visit_id is not None:
        query = query.where(VisitorRead.visit_id == visit_id)
    if reader:
        query = query.where(
            or_(col(VisitorRead.actor_username) == reader, col(VisitorRead.actor) == reader)
        )
    if since is not None:
        query = query.where(col(VisitorRead.at) >= since)
    if until is not None:
        query = query.where(col(VisitorRead.at) < until)
    return await newest_first_page(
        session,
        query,
        timestamp=col(VisitorRead.at),
        ident=col(VisitorRead.id),
        ident_type=int,
        cursor=cursor,
        limit=limit,
    )
