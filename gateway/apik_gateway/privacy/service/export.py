"""The answer to an access request: one export from every service holding data on the
person, and what the gateway itself holds (a staff account, when the person is staff).

The services are asked through their own subject-access routes with the DPO's token,
so each applies its own rules (the DPO's office, what is withheld and why) and audits
its own reads; a service that does not answer is named in the export, never a failure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.models import DataSubjectRequest, User, utcnow
from apik_gateway.privacy import rules
from apik_gateway.privacy.schemas import AccessExport, ExportIdentifiers, Requester
from apik_gateway.privacy.service.requests import open_request
from apik_gateway.refusals import GatewayStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.processing import (
    SUBJECT_ACCESS,
    Reason,
    Withheld,
    ask_services,
    merge_access,
)
from apik_shared.vocabulary.labels import named
from apik_shared.vocabulary.names import same_name

CREDENTIAL = Reason(
    "a security credential: giving it out (even hashed) weakens the account",
    "UU 27/2022 Pasal 35 (the controller secures the data it processes)",
)
NOT_SEARCHED = {
    "nik": "staff accounts keep no NIK",
    "phone": "staff accounts keep no phone",
    "email": "staff accounts keep no email",
    "data_subject_request": (
        "the privacy registers seal each requester without an index; this request is the"
        " one being answered"
    ),
}


def identifiers(requester: Requester, extra: ExportIdentifiers) -> dict[str, str]:
    """What to search by: the request's own identifiers, then the body's for the rest.
    When a representative asked, only the subject's name (`acting_for`) is the subject's:
    the representative's NIK, phone and email would find the representative."""
    if requester.acting_for:
        own: dict[str, str | None] = {"name": requester.acting_for}
    else:
        own = {
            "nik": requester.nik,
            "phone": requester.phone,
            "email": requester.email,
            "name": requester.name,
        }
    found = {k: v for k, v in own.items() if v}
    for key in ("nik", "phone", "email", "name"):
        value = getattr(extra, key)
        if value and key not in found:
            found[key] = value
    return found


async def staff_accounts(
    *, session: AsyncSession, actor: Principal, given: Mapping[str, str]
) -> dict[str, Any]:
    """The gateway's own answer: staff accounts whose full name is the subject's (a name
    alone may be a namesake, so the DPO checks before sending)."""
    name = given.get("name")
    query = select(User).order_by(col(User.created_at), col(User.id))
    if (office := actor.office_scope()) is not None:
        query = query.where(col(User.office) == office)
    accounts: list[dict[str, Any]] = []
    withheld: list[dict[str, Any]] = []
    for user in (await session.execute(query)).scalars() if name else ():
        if not same_name(user.full_name, name or ""):
            continue
        accounts.append(
            {
                "user_id": user.id,
                "username": user.username,
                "full_name": user.full_name,
                "office": user.office,
                "roles": sorted(user.roles),
                "disabled": user.disabled,
                "created_at": user.created_at.isoformat(),
                "matched_on": ["name"],
            }
        )
        withheld.append(
            {**Withheld.of("password_hash", CREDENTIAL).model_dump(), "user_id": user.id}
        )
    return {
        "service": "gateway",
        "offices": "own" if office is not None else "all",
        "searched_by": ["name"] if name else [],
        "not_searched": {
            k: v for k, v in NOT_SEARCHED.items() if k in given or k == "data_subject_request"
        },
        "staff_accounts": accounts,
        "withheld": withheld,
    }


async def _ask_replicas(
    client: httpx.AsyncClient,
    service_urls: Mapping[str, Sequence[str]],
    body: Mapping[str, str],
    headers: Mapping[str, str],
) -> dict[str, Any]:
    """Every service's subject-access answer, from its first replica; a service whose
    replica is unreachable asks its next one (the route only reads)."""
    answers: dict[str, Any] = {}
    asking, replica = list(SUBJECT_ACCESS), 0
    while asking:
        targets = {
            service: f"{service_urls[service][replica].rstrip('/')}{SUBJECT_ACCESS[service]}"
            if service in service_urls
            else None
            for service in asking
        }
        answered = await ask_services(client, targets, body, headers)
        answers.update(answered)
        replica += 1
        asking = [
            service
            for service, answer in answered.items()
            if isinstance(answer, str)
            and answer.startswith("unreachable")
            and replica < len(service_urls.get(service, ()))
        ]
    return answers


async def access_export(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    actor: Principal,
    row: DataSubjectRequest,
    extra: ExportIdentifiers,
    client: httpx.AsyncClient,
    service_urls: Mapping[str, Sequence[str]],
    authorization: str,
) -> AccessExport:
    if row.kind not in rules.EXPORTABLE:
        raise GatewayStepRefused(
            f"An export answers an access request, not {row.kind}.",
            code="not_access_request",
            params={"kind": named(rules.REQUEST_KINDS, row.kind)},
        )
    # Opening the requester is audited (`data_subject_request_read`): that row is the
    # record of who generated the export, and when.
    requester, _, _ = await open_request(session=session, cipher=cipher, actor=actor, row=row)
    given = identifiers(requester, extra)
    reference = f"DSR-{row.id}"
    answers = await _ask_replicas(
        client,
        service_urls,
        {"reference": reference, **given},
        {"Authorization": authorization},
    )
    answers["gateway"] = await staff_accounts(session=session, actor=actor, given=given)
    merged = merge_access(answers)
    if row.status == "received":
        # Generating the answer is taking the request up.
        row.status = "in_progress"
        row.version += 1
        row.updated_at = utcnow()
        session.add(row)
        await session.flush()
    return AccessExport(
        request_id=row.id,
        reference=reference,
        generated_at=datetime.now(UTC),
        generated_by=actor.username,
        complete=not merged["unanswered"],
        searched_by={s: list(a.get("searched_by", [])) for s, a in merged["services"].items()},
        services=merged["services"],
        withheld=merged["withheld"],
        unanswered=merged["unanswered"],
    )


__all__ = ["access_export", "identifiers", "staff_accounts"]
