"""An accepted intern's account: the supervisor links the gateway username to the
application, and the intern's token finds their own application by it."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_internship.applications.rules import STATUSES, ApplicationStatus
from apik_internship.models import Application
from apik_internship.refusals import InternshipForbidden, InternshipStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import Conflict, NotFound
from apik_shared.vocabulary.labels import named


class AccountTaken(Conflict):
    slug, title = "account-linked", "The account is linked to another intern"


async def link_intern_account(
    *, session: AsyncSession, application: Application, username: str, actor: Principal
) -> Application:
    """Links `username` to the accepted application (replacing an earlier link); one
    account is one intern, so a username linked to another application is refused."""
    if actor.office != application.office:
        # Not national nor admin: the office's own supervisors place its interns.
        raise NotFound(f"No application {application.id}.")
    if application.status != ApplicationStatus.accepted:
        raise InternshipStepRefused.not_accepted(
            f"The application is {application.status}: only an accepted intern has an account.",
            named(STATUSES, application.status),
        )
    if application.intern_username == username:
        return application
    other = await session.scalar(
        select(Application.id).where(
            Application.intern_username == username, Application.id != application.id
        )
    )
    if other is not None:
        raise AccountTaken(f"The account {username} is linked to another application.")
    application.intern_username = username
    application.version += 1
    session.add(application)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:  # linked concurrently to another application
        raise AccountTaken(f"The account {username} is linked to another application.") from exc
    return application


async def intern_application(*, session: AsyncSession, intern: Principal) -> Application:
    """The caller's own accepted application, in their token's office (403 otherwise)."""
    application = await session.scalar(
        select(Application).where(
            Application.intern_username == intern.username,
            Application.office == intern.office,
            Application.status == ApplicationStatus.accepted,
        )
    )
    if application is None:
        raise InternshipForbidden(
            "No accepted internship is linked to this account at this office.",
            code="no_internship",
        )
    return application
