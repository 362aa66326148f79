"""Saved drafts of the public form: saved sealed, opened with the code and PIN (wrong
guesses counted per client with the tracking page's), deleted at submission or expiry."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.drafts.rules import (
    code_hash,
    draft_pin,
    expiry,
    new_resume_code,
    pin_matches,
    sealing_context,
)
from apik_intake.drafts.schemas import DraftIn
from apik_intake.models import PublicDraft
from apik_intake.public.rules import Lockout, Verdict
from apik_intake.public.service import count_failure, counted_attempt
from apik_shared.platform.crypto import FieldCipher


@dataclass(frozen=True)
class Opened:
    verdict: Verdict
    draft: PublicDraft | None = None
    locked_until: datetime | None = None


def _seal(cipher: FieldCipher, draft: PublicDraft, answers: dict[str, str]) -> None:
    plain = json.dumps(answers, ensure_ascii=False).encode()
    draft.content = cipher.encrypt(plain, context=sealing_context(draft.id))


def answers_of(*, cipher: FieldCipher, draft: PublicDraft) -> dict[str, str]:
    opened = json.loads(cipher.decrypt(draft.content, context=sealing_context(draft.id)))
    return {str(k): str(v) for k, v in opened.items()}


async def save_draft(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    key: bytes,
    data: DraftIn,
    days: int,
    now: datetime,
) -> tuple[PublicDraft, str, str]:
    """A new draft, its resume code and its PIN (neither kept in the clear)."""
    code = new_resume_code()
    draft = PublicDraft(
        id=uuid.uuid4(),
        code_hash=code_hash(key, code),
        pin_hash="",
        office=data.office,
        content="",
        created_at=now,
        updated_at=now,
        expires_at=expiry(now, days),
    )
    pin, draft.pin_hash = draft_pin(key, draft.id)
    _seal(cipher, draft, data.answers)
    session.add(draft)
    await session.flush()
    return draft, code, pin


async def _by_code(session: AsyncSession, key: bytes, code: str) -> PublicDraft | None:
    query = select(PublicDraft).where(PublicDraft.code_hash == code_hash(key, code))
    return (await session.execute(query.with_for_update())).scalar_one_or_none()


async def open_draft(
    *,
    session: AsyncSession,
    key: bytes,
    code: str,
    pin: str,
    client: str,
    policy: Lockout,
    now: datetime,
) -> Opened:
    """The draft when the code and the PIN are right and it has not expired. An unknown
    code, a wrong PIN and an expired draft answer alike (`wrong`); the first two cost the
    client a guess."""
    attempt = await counted_attempt(session=session, key=key, client=client, now=now)
    if attempt.locked_until is not None and attempt.locked_until > now:
        return Opened(Verdict.locked, locked_until=attempt.locked_until)
    draft = await _by_code(session, key, code)
    # The same work for an unknown code as for a known one.
    draft_id = draft.id if draft is not None else uuid.uuid4()
    right = pin_matches(key, draft_id, pin, draft.pin_hash if draft else "0" * 64)
    if draft is not None and right:
        if draft.expires_at <= now:
            # Its expiry passed before the job came by: gone now, as if it had.
            await session.delete(draft)
            await session.flush()
            return Opened(Verdict.wrong)
        return Opened(Verdict.ok, draft)
    await count_failure(session=session, attempt=attempt, now=now, policy=policy)
    return Opened(Verdict.wrong)


async def update_draft(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    draft: PublicDraft,
    data: DraftIn,
    days: int,
    now: datetime,
) -> PublicDraft:
    """The draft saved again: the same code and PIN, its expiry counted from now."""
    draft.office = data.office
    _seal(cipher, draft, data.answers)
    draft.updated_at = now
    draft.expires_at = expiry(now, days)
    await session.flush()
    return draft


async def discard_draft(*, session: AsyncSession, draft: PublicDraft) -> None:
    await session.delete(draft)
    await session.flush()


async def discard_sent(*, session: AsyncSession, key: bytes, code: str, pin: str) -> bool:
    """At submission: the draft the report came from is deleted with it, in the same
    transaction. Not counted as a guess: a report is filed whatever these say, and the
    answer does not tell whether they matched."""
    draft = await _by_code(session, key, code)
    if draft is None or not pin_matches(key, draft.id, pin, draft.pin_hash):
        return False
    await discard_draft(session=session, draft=draft)
    return True


async def delete_expired(*, session: AsyncSession, now: datetime) -> int:
    """Every draft past its expiry, deleted (the job's run; safe side by side)."""
    result = await session.execute(delete(PublicDraft).where(col(PublicDraft.expires_at) <= now))
    return int(result.rowcount)  # type: ignore[attr-defined]
