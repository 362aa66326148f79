"""What the gateway needs before it serves: a signing key, an office, an administrator.

The one root module beside the service-wide files (docs/layout.md): start-up work that
spans features (tokens, offices, users), run by `app.py`'s lifespan.

Migrations are run by the caller; this only fills in rows. Several replicas may start
at once, so all of it runs in one transaction holding an advisory lock.
"""

from __future__ import annotations

import logging
import secrets

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from apik_gateway.models import Office, User, utcnow
from apik_gateway.offices.service import announce_unannounced
from apik_gateway.settings import Settings
from apik_gateway.tokens.service.keys import ensure_active_key, take_lock
from apik_gateway.tokens.service.passwords import hash_secret, password_weakness
from apik_shared.platform.auth import Role

log = logging.getLogger("apik.gateway.bootstrap")


async def bootstrap(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    async with sessions() as session, session.begin():
        await take_lock(session)
        await ensure_active_key(session, secret_key=settings.secret_key)
        await _ensure_office(session, settings)
        await _ensure_admin(session, settings)
        if announced := await announce_unannounced(session=session):
            log.info("announced %d office(s) to the services", announced)


async def _ensure_office(session: AsyncSession, settings: Settings) -> None:
    await session.execute(
        insert(Office)
        .values(
            code=settings.bootstrap_office_code,
            name=settings.bootstrap_office_name,
            timezone=settings.bootstrap_office_timezone,
            letterhead=list(settings.bootstrap_office_letterhead),
            head_title=settings.bootstrap_office_head_title,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["code"])
    )


async def _ensure_admin(session: AsyncSession, settings: Settings) -> None:
    """The administrator, seeded on the first start only: later starts keep the password
    its database holds, so one changed through the API survives a restart (the setting
    is the first password, not the current one) and no start prints it again."""
    username = settings.admin_username
    admin = (
        await session.execute(select(User).where(col(User.username) == username))
    ).scalar_one_or_none()
    if admin is not None:
        return
    wanted = settings.admin_password
    if wanted and (weakness := password_weakness(wanted, username=username)):
        log.warning("APIK_ADMIN_PASSWORD is weak: %s", weakness)
    password = wanted or secrets.token_urlsafe(18)
    session.add(
        User(
            username=username,
            full_name="Administrator",
            office=settings.bootstrap_office_code,
            roles=[Role.admin.value, Role.national.value],
            password_hash=await hash_secret(password),
        )
    )
    if wanted:
        log.info("created administrator %r with the password of APIK_ADMIN_PASSWORD", username)
    else:
        # The only way in on a fresh install without APIK_ADMIN_PASSWORD, said once: the
        # next start finds the administrator and says nothing of its password.
        log.warning(
            "created administrator %r with password %s; set APIK_ADMIN_PASSWORD to choose it",
            username,
            password,
        )
