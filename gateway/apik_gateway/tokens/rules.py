"""How long failed sign-ins lock an account name or a client address (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int  # failures in a row before the first lock
    base_seconds: float  # the first lock; each later failure doubles it
    max_seconds: float
    forgotten_seconds: float  # a quiet spell after which failures start again from 0


class Attempts(Protocol):
    """One account's or address's record of failed sign-ins (a `login_throttle` row)."""

    failures: int
    failed_since_success: int
    last_failure_at: datetime | None
    locked_until: datetime | None


def lock_seconds(policy: ThrottlePolicy, failures: int) -> float:
    """The lock after `failures` in a row: none before the free ones are used up, then
    growing twice as long with each failure, up to the maximum."""
    if failures < policy.free_failures:
        return 0.0
    # The exponent is capped: 2**60 seconds is already past any maximum.
    return min(
        policy.base_seconds * 2 ** min(failures - policy.free_failures, 60), policy.max_seconds
    )


def retry_after(record: Attempts, now: datetime) -> float | None:
    """Seconds until `record` may try again, or None when it may now."""
    if record.locked_until is None or record.locked_until <= now:
        return None
    return (record.locked_until - now).total_seconds()


def count_attempt(policy: ThrottlePolicy, record: Attempts, now: datetime) -> None:
    """Counts an attempt as failed before its secret is checked, so that parallel
    attempts cannot all pass the check before any failure is recorded; a success
    takes it back (`forgive`)."""
    quiet = record.last_failure_at is None or (
        now - record.last_failure_at > timedelta(seconds=policy.forgotten_seconds)
    )
    record.failures = 1 if quiet else record.failures + 1
    record.failed_since_success += 1
    record.last_failure_at = now
    seconds = lock_seconds(policy, record.failures)
    record.locked_until = now + timedelta(seconds=seconds) if seconds else None


def refuse_attempt(record: Attempts) -> None:
    """An attempt refused by a lock: not checked, not lengthening the lock, but told."""
    record.failed_since_success += 1


def forgive(record: Attempts, *, signed_in: bool) -> int:
    """Takes back the attempt counted by `count_attempt`, which succeeded. An account
    that signed in starts afresh; the number returned is of the refused attempts
    before this one, for the user to hear of."""
    told = max(record.failed_since_success - 1, 0)
    if signed_in:
        record.failures, record.failed_since_success, record.locked_until = 0, 0, None
    else:
        # An address keeps the rest of its record: one good password among many wrong
        # ones from there must not wipe them (the next failure locks it again, longer).
        record.failures = max(record.failures - 1, 0)
        record.failed_since_success = max(record.failed_since_success - 1, 0)
        record.locked_until = None
    return told
