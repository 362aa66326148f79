"""Reporters: sealing a new one, recognising a repeat reporter, audited identity reads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import IdentityRead, Report, Reporter
from apik_intake.reporters.rules import (
    ANONYMISED,
    Identity,
    blind_indexes,
    entitlement,
    masked,
    seal,
    unseal,
)
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import driver_connection
from apik_shared.platform.pagination import newest_first_page
from apik_shared.platform.problems import NotFound


def identity_read(
    report: Report, actor: Principal, *, purpose: str, disclosure: str, at: datetime
) -> IdentityRead:
    """The audit row of one read of `report`'s reporter by `actor`: every kind of read
    (the identity, a shown link, a subject access answer) is recorded the same way."""
    return IdentityRead(
        office=report.office,
        report_id=report.id,
        reporter_id=report.reporter_id,
        actor=actor.subject,
        actor_username=actor.username,
        actor_roles=sorted(actor.roles),
        purpose=purpose,
        disclosure=disclosure,
        at=at,
    )


# The reporter's keys locked (one transaction lock per blind index value, in one order)
# and the office's reporters sharing one, earliest first, in one round trip: a function
# (intake 0033), so that the match reads after the locks were granted.
_LOCK_AND_MATCH = (
    "SELECT person_id, nik_index, phone_index, email_index"
    " FROM intake_reporter_matches($1, $2, $3, $4, $5)"
)


@dataclass(frozen=True)
class NewReporter:
    """A reporter as written: its row (the INSERT's parameters) and what the answer shows."""

    row: dict[str, Any]

    @property
    def id(self) -> uuid.UUID:
        reporter_id: uuid.UUID = self.row["id"]
        return reporter_id

    @property
    def person_id(self) -> uuid.UUID:
        person_id: uuid.UUID = self.row["person_id"]
        return person_id

    @property
    def matched_on(self) -> list[str]:
        matched_on: list[str] = self.row["matched_on"]
        return matched_on


# Compiled once (the parameters name every column): a Core INSERT, not a unit-of-work
# flush, whose bookkeeping cost more than the statement on the registration's hot path.
INSERT_REPORTER = insert(Reporter.__table__)  # type: ignore[attr-defined]


async def recognise_reporter(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    index_key: bytes,
    office: str,
    identity: Identity,
) -> NewReporter:
    """Seals the identity and links the reporter to the person who reported before, if
    any; the row is for the caller to write (`add_reporter`, or with the report).

    Only the blind indexes are compared; no other reporter's identity is decrypted.
    """
    indexes = blind_indexes(index_key, identity)
    present = {name: value for name, value in indexes.items() if value}
    person_id: uuid.UUID | None = None
    matched_on: list[str] = []
    # Two registrations of the same new person at once would each start a new person;
    # a transaction lock per index value makes the second one see the first.
    if present:
        connection = await driver_connection(session)
        matches = await connection.fetch(
            _LOCK_AND_MATCH,
            [f"intake:reporter:{office}:{v}" for v in present.values()],
            office,
            indexes["nik_index"],
            indexes["phone_index"],
            indexes["email_index"],
        )
        if matches:
            # The earliest match names the person; the others were linked to it or, when
            # two people share a phone, stay who they were.
            first = matches[0]
            person_id = first["person_id"]
            matched_on = [
                name.removesuffix("_index")
                for name, value in present.items()
                if first[name] == value
            ]
    reporter_id = uuid.uuid4()
    return NewReporter(
        {
            "id": reporter_id,
            "office": office,
            "identity": seal(cipher, reporter_id, identity),
            # A new person gets an id of its own, never the reporter's: the reporter id
            # travels with the report (in every answer, in `report.verified`), and a first
            # report's reporter id that doubled as the person id tied a confidential
            # report to all the person's later ones.
            "person_id": person_id or uuid.uuid4(),
            "matched_on": matched_on,
            "nik_index": indexes["nik_index"],
            "phone_index": indexes["phone_index"],
            "email_index": indexes["email_index"],
            "created_at": datetime.now(UTC),
            "anonymised_at": None,
            "unlinked_at": None,
        }
    )


async def add_reporter(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    index_key: bytes,
    office: str,
    identity: Identity,
) -> NewReporter:
    """`recognise_reporter`, and the row written."""
    reporter = await recognise_reporter(
        session=session, cipher=cipher, index_key=index_key, office=office, identity=identity
    )
    await session.execute(INSERT_REPORTER, reporter.row)
    return reporter


async def read_identity(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    report: Report,
    actor: Principal,
    purpose: str,
    roles: Sequence[str],
    confidential_roles: Sequence[str],
) -> tuple[Identity | None, str, datetime | None]:
    """The reporter's identity as this caller may see it, how much of it (`entitlement`),
    and when it was anonymised if it was; the read is audited either way.

    Once the retention period anonymised it (`retention`), there is nothing to open: the
    answer says so (`ANONYMISED`), whatever the caller's roles."""
    reporter = await session.get(Reporter, report.reporter_id)
    if reporter is None:
        raise NotFound(f"No reporter on report {report.id}.")
    disclosure = entitlement(
        actor.roles,
        confidential=report.confidential,
        roles=roles,
        confidential_roles=confidential_roles,
    )
    if reporter.identity is None:
        disclosure = ANONYMISED
    session.add(
        identity_read(report, actor, purpose=purpose, disclosure=disclosure, at=datetime.now(UTC))
    )
    await session.flush()
    if reporter.identity is None or disclosure == "withheld":
        return None, disclosure, reporter.anonymised_at
    identity = unseal(cipher, reporter.id, reporter.identity)
    return (identity if disclosure == "full" else masked(identity)), disclosure, None


async def list_identity_reads(
    *,
    session: AsyncSession,
    actor: Principal,
    report_id: uuid.UUID | None,
    reader: str | None,
    since: datetime | None,
    until: datetime | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[IdentityRead], str | None]:
    """The audit trail, newest first, for the data protection officer."""
    query = select(IdentityRead)
    if (office := actor.office_scope()) is not None:
        query = query.where(IdentityRead.office == office)
    if report_id is not None:
        query = query.where(IdentityRead.report_id == report_id)
    if reader:
        query = query.where(
            or_(col(IdentityRead.actor_username) == reader, col(IdentityRead.actor) == reader)
        )
    if since is not None:
        query = query.where(col(IdentityRead.at) >= since)
    if until is not None:
        query = query.where(col(IdentityRead.at) < until)
    return await newest_first_page(
        session,
        query,
        timestamp=col(IdentityRead.at),
        ident=col(IdentityRead.id),
        ident_type=int,
        cursor=cursor,
        limit=limit,
    )


async def link_summaries(
    *, session: AsyncSession, reporter_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[uuid.UUID, list[str]]]:
    """Person id and what recognised them, per reporter: no identity involved."""
    if not reporter_ids:
        return {}
    rows = await session.execute(
        select(Reporter.id, Reporter.person_id, Reporter.matched_on).where(
            col(Reporter.id).in_(list(reporter_ids))
        )
    )
    return {row.id: (row.person_id, list(row.matched_on)) for row in rows}


LINK = "link"  # the disclosure of an audit row that records a shown link, not an identity


def audit_links(
    *, session: AsyncSession, actor: Principal, reports: Sequence[Report], purpose: str
) -> None:
    """Records, for each confidential report among `reports`, that its link to the
    reporter's other reports was shown to `actor` (entitled to it, or it would not be)."""
    now = datetime.now(UTC)
    for report in reports:
        if not report.confidential:
            continue
        session.add(identity_read(report, actor, purpose=purpose, disclosure=LINK, at=now))
