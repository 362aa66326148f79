"""Two-way messages on a case: the intern writes and reads by the receipt code (no login,
nothing about their device kept), the protection officers through their own routes,
each officer's read audited. Every text is sealed, bound to its case and its own row."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.models import RedButtonCase, RedButtonMessage
from apik_internship.red_button import rules
from apik_internship.red_button.rules import Author
from apik_internship.red_button.schemas import InternMessage, MessagePublic
from apik_internship.red_button.service.cases import audit_read
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import NotFound


def _context(case_id: uuid.UUID, message_id: uuid.UUID) -> str:
    return f"red_button_case:{case_id}:message:{message_id}"


async def case_by_receipt(*, session: AsyncSession, code_key: bytes, typed: str) -> RedButtonCase:
    """The case the receipt opens. A wrong code and a code that is no receipt answer the
    same 404: the answer tells a guesser nothing (the gateway's public rate limit bounds
    how many guesses)."""
    receipt = rules.normalise_receipt(typed)
    case = None
    if receipt is not None:
        case = (
            await session.execute(
                select(RedButtonCase).where(
                    RedButtonCase.receipt_hash == rules.receipt_hash(code_key, receipt)
                )
            )
        ).scalar_one_or_none()
    if case is None:
        raise NotFound("No case has this receipt code.")
    return case


async def send(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    case: RedButtonCase,
    text: str,
    officer: Principal | None,
) -> RedButtonMessage:
    """A message on the case from the officer, or from the intern when `officer` is None."""
    message_id = uuid.uuid4()
    message = RedButtonMessage(
        id=message_id,
        case_id=case.id,
        author=(Author.intern if officer is None else Author.officer).value,
        officer=None if officer is None else officer.username,
        text=cipher.encrypt(text.encode(), context=_context(case.id, message_id)),
        sent_at=datetime.now(UTC),
    )
    session.add(message)
    await session.flush()
    return message


async def _thread(session: AsyncSession, case: RedButtonCase) -> Sequence[RedButtonMessage]:
    query = (
        select(RedButtonMessage)
        .where(RedButtonMessage.case_id == case.id)
        .order_by(col(RedButtonMessage.sent_at), col(RedButtonMessage.id))
    )
    return (await session.execute(query)).scalars().all()


def _text(cipher: FieldCipher, message: RedButtonMessage) -> str:
    return cipher.decrypt(message.text, context=_context(message.case_id, message.id)).decode()


async def officer_thread(
    *, session: AsyncSession, cipher: FieldCipher, case: RedButtonCase, actor: Principal
) -> list[MessagePublic]:
    """The case's messages, oldest first, for an officer: one audited read."""
    session.add(audit_read(actor, case, "read_messages", datetime.now(UTC)))
    await session.flush()
    return [
        MessagePublic(
            id=m.id,
            author=Author(m.author),
            officer=m.officer,
            text=_text(cipher, m),
            sent_at=m.sent_at,
        )
        for m in await _thread(session, case)
    ]


async def intern_thread(
    *, session: AsyncSession, cipher: FieldCipher, case: RedButtonCase
) -> list[InternMessage]:
    """The case's messages, oldest first, for whoever holds the receipt: which officer
    wrote is left out (the receipt may be in the wrong hands)."""
    return [
        InternMessage(author=Author(m.author), text=_text(cipher, m), sent_at=m.sent_at)
        for m in await _thread(session, case)
    ]
