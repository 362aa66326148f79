"""The reporter's tracking PIN: issued once, stored as a keyed hash, guessing locked out.

A PIN is 8 characters from an alphabet without look-alikes (40 bits). Only an HMAC of
it (keyed by a secret of the service and bound to the report) is stored, so a database
copy does not open the tracking pages. Wrong PINs are counted per report in the
database, shared by every replica; too many within the window lock that report's page.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Report, TrackingAttempt

PIN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PIN_LENGTH = 8


def tracking_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"apik-intake:tracking-pin:v1", hashlib.sha256).digest()


def new_pin() -> str:
    raw = "".join(secrets.choice(PIN_ALPHABET) for _ in range(PIN_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_pin(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch not in "- ")


def pin_hash(key: bytes, report_id: uuid.UUID, pin: str) -> str:
    message = f"{report_id}:{normalise_pin(pin)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Lockout:
    max_failures: int
    window: timedelta
    lock: timedelta


@dataclass(frozen=True)
class Counter:
    failures: int
    window_started_at: datetime
    locked_until: datetime | None


def after_failure(counter: Counter, now: datetime, policy: Lockout) -> Counter:
    """The counter after one more wrong PIN (pure)."""
    if now - counter.window_started_at > policy.window:
        counter = Counter(0, now, None)
    failures = counter.failures + 1
    locked = now + policy.lock if failures >= policy.max_failures else counter.locked_until
    return Counter(failures, counter.window_started_at, locked)


class Verdict(StrEnum):
    ok = "ok"
    wrong = "wrong"  # unknown number or wrong PIN: the caller cannot tell which
    locked = "locked"


async def issue_pin(*, session: AsyncSession, key: bytes, report: Report) -> str:
    """A new PIN for the report; the previous one stops working."""
    pin = new_pin()
    report.tracking_pin_hash = pin_hash(key, report.id, pin)
    await session.execute(
        update(Report)
        .where(col(Report.id) == report.id)
        .values(tracking_pin_hash=report.tracking_pin_hash)
    )
    return pin


async def check_pin(
    *,
    session: AsyncSession,
    key: bytes,
    registration_number: str,
    pin: str,
    policy: Lockout,
    now: datetime,
) -> tuple[Verdict, Report | None, datetime | None]:
    """(verdict, the report when the PIN is right, until when it is locked)."""
    report = (
        await session.execute(
            select(Report).where(Report.registration_number == registration_number)
        )
    ).scalar_one_or_none()
    if report is None:
        pin_hash(key, uuid.uuid4(), pin)  # about the same work as a real check
        return Verdict.wrong, None, None
    await session.execute(
        insert(TrackingAttempt.__table__)  # type: ignore[attr-defined]
        .values(report_id=report.id, failures=0, window_started_at=now)
        .on_conflict_do_nothing()
    )
    # The row lock makes concurrent guesses on one report count one after the other.
    attempt = (
        await session.execute(
            select(TrackingAttempt)
            .where(TrackingAttempt.report_id == report.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    if attempt.locked_until is not None and attempt.locked_until > now:
        return Verdict.locked, None, attempt.locked_until
    expected = report.tracking_pin_hash
    if expected is not None and hmac.compare_digest(expected, pin_hash(key, report.id, pin)):
        if attempt.failures:
            attempt.failures, attempt.locked_until = 0, None
        await session.flush()
        return Verdict.ok, report, None
    counter = after_failure(
        Counter(attempt.failures, attempt.window_started_at, attempt.locked_until), now, policy
    )
    attempt.failures = counter.failures
    attempt.window_started_at = counter.window_started_at
    attempt.locked_until = counter.locked_until
    await session.flush()
    return Verdict.wrong, None, None
