"""Where the Red Button's alerts reach people off-screen: the head's register of the
office's protection officers' and the head's own work email and phone (sealed at rest,
shown back masked). The alerts themselves leave by the job (`jobs.deliver_alerts_once`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Response

from apik_internship.alerting import service
from apik_internship.alerting.rules import DeliveryStatus
from apik_internship.alerting.schemas import AlertDeliveryPublic, ContactPublic, ContactPut
from apik_internship.deps import AUTH, Cipher, Head
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["alerting"])
Username = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[^\s:]+$")]


@router.put(
    "/red-button/contacts/{username}",
    response_model=ContactPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def put_contact(
    username: Username, data: ContactPut, session: DbSession, actor: Head, cipher: Cipher
) -> ContactPublic:
    """The head sets where a protection officer (or the head, `role: head`) of the office
    is alerted off-screen when a Red Button is raised or escalates: a work email, a phone,
    or both. Sealed at rest; shown back masked."""
    return await service.put_contact(
        session=session, cipher=cipher, username=username, data=data, actor=actor
    )


@router.get(
    "/red-button/contacts",
    response_model=list[ContactPublic],
    responses=problem_responses(*AUTH),
)
async def list_contacts(session: DbSession, actor: Head, cipher: Cipher) -> list[ContactPublic]:
    """The office's alert contacts, masked, to its head."""
    return await service.contacts(session=session, cipher=cipher, office=actor.office)


@router.delete(
    "/red-button/contacts/{username}",
    status_code=204,
    responses=problem_responses(*AUTH, NotFound),
)
async def remove_contact(username: Username, session: DbSession, actor: Head) -> Response:
    """The head removes a contact: alerts not yet sent to it are dropped."""
    await service.remove_contact(session=session, username=username, actor=actor)
    return Response(status_code=204)


@router.get(
    "/red-button/deliveries",
    response_model=list[AlertDeliveryPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_deliveries(
    session: DbSession,
    actor: Head,
    status: DeliveryStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[AlertDeliveryPublic]:
    """The office's latest alerts by email and phone, newest first, and what became of
    each (`failed`: the gateway refused it for good, with its reason), to its head."""
    return await service.deliveries(
        session=session, office=actor.office, status=status, limit=limit
    )
