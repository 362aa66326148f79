"""The Red Button's rules (pure): its modes, what an officer may see of who raised it,
the receipt code, and the protection deadline.

Three modes, chosen by the intern:
- identified: the officers see who raised it;
- confidential: who raised it is kept, sealed, and not shown (opening it will need a
  second officer's recorded approval, a later increment);
- anonymous: nobody is kept; the receipt code is the only key back to the case.

The receipt is 16 random digits, shown once (GlobaLeaks' shape: easy to write down, and
10^16 codes behind the gateway's public rate limit). Only its keyed hash is stored.

Unacknowledged, a case escalates on the clock: to the office's other protection officers,
then to its head (`APIK_ESCALATION_MINUTES`); acknowledging stops it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

RECEIPT_DIGITS = 16


class Mode(StrEnum):
    identified = "identified"
    confidential = "confidential"
    anonymous = "anonymous"


class Severity(StrEnum):
    danger = "danger"  # in danger now
    urgent = "urgent"  # it happened and may happen again soon
    concern = "concern"


class CaseStatus(StrEnum):
    raised = "raised"
    acknowledged = "acknowledged"


def takes_identity(mode: Mode) -> bool:
    return mode is not Mode.anonymous


def identity_shown(mode: Mode) -> bool:
    """Whether an officer reading the case sees who raised it."""
    return mode is Mode.identified


def protection_due(raised_at: datetime, hours: int) -> datetime:
    """When protection must be in place: `hours` after the report, by the clock, nights
    and holidays included (UU 12/2022 art. 42 counts 1x24 hours, not working days)."""
    return raised_at + timedelta(hours=hours)


def new_receipt() -> str:
    """16 digits, written in four groups: `1234 5678 9012 3456`."""
    digits = "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))
    return " ".join(digits[i : i + 4] for i in range(0, RECEIPT_DIGITS, 4))


def receipt_hash(key: bytes, receipt: str) -> str:
    return hmac.new(key, b"red-button:" + receipt.encode(), hashlib.sha256).hexdigest()


def normalise_receipt(typed: str) -> str | None:
    """The receipt as `new_receipt` wrote it, from what the intern typed back: written
    down by hand, it comes with or without the spaces, or with dashes. None when it is
    not 16 digits (it cannot be a receipt, so no lookup is spent on it)."""
    digits = "".join(ch for ch in typed if ch not in " -")
    if len(digits) != RECEIPT_DIGITS or not (digits.isascii() and digits.isdigit()):
        return None
    return " ".join(digits[i : i + 4] for i in range(0, RECEIPT_DIGITS, 4))


class Author(StrEnum):
    """Who wrote a message on a case: the intern (by the receipt) or an officer."""

    intern = "intern"
    officer = "officer"


# --- escalation -----------------------------------------------------------------------

# Who each escalation level alerts: the office's other protection officers, then its head.
ESCALATION_ROLES = ("protection_officer", "head")


def escalation_level_due(raised_at: datetime, now: datetime, minutes: Sequence[int]) -> int:
    """How many escalation levels a case still unacknowledged at `now` has reached:
    level n once `minutes[n-1]` minutes have passed since it was raised (0 before the
    first). With minutes (10, 20), a case raised at 08:00 is at level 0 until 08:10,
    level 1 from 08:10 and level 2 from 08:20."""
    waited = now - raised_at
    return sum(1 for m in minutes if waited >= timedelta(minutes=m))


def escalation_role(level: int) -> str:
    """The role level `level` (1-based) alerts; levels past the last alert the last."""
    return ESCALATION_ROLES[min(level, len(ESCALATION_ROLES)) - 1]


# --- protection -----------------------------------------------------------------------


class ActionKind(StrEnum):
    # Suspend the placement at the host, without telling the host why.
    suspend_placement = "suspend_placement"
    move_intern = "move_intern"  # to another unit or supervisor
    # Refer to the university's task force (Satgas PPKPT): only with the intern's consent.
    refer_task_force = "refer_task_force"
    refer_sapa_129 = "refer_sapa_129"  # the national hotline for women and children


NEEDS_CONSENT = frozenset({ActionKind.refer_task_force})


class Protection(StrEnum):
    pending = "pending"  # no action yet, still within the deadline
    overdue = "overdue"  # no action yet, the deadline passed
    met = "met"  # the first action came by the deadline
    late = "late"  # the first action came after it


def protection(due: datetime, protected_at: datetime | None, now: datetime) -> Protection:
    """Where the case stands against its deadline: the first protective action counts
    (the deadline asks that protection begin, not that the matter end); on the deadline
    itself is in time."""
    if protected_at is None:
        return Protection.pending if now <= due else Protection.overdue
    return Protection.met if protected_at <= due else Protection.late


# --- who is reported --------------------------------------------------------------------

# Forms of address an intern may put before a name ("Pak Budi", "Ibu Sari"): the same
# person is meant with or without them.
HONORIFICS = frozenset(
    {"bapak", "pak", "bpk", "ibu", "bu", "sdr", "sdri", "saudara", "saudari", "mas", "mbak"}
)


def normalise_name(name: str) -> str:
    """The form two reports of the same person share: case, accents' composition,
    punctuation, spacing, a leading form of address and the academic titles after a
    comma ("Dr. Budi Santoso, S.H., M.H.") do not tell people apart. Different spellings
    ("Budi Santosa") stay different: a keyed hash cannot match fuzzily."""
    text = unicodedata.normalize("NFKC", name).casefold().split(",")[0]
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    while words and words[0] in HONORIFICS | {"dr", "prof", "ir", "drs", "dra", "h", "hj"}:
        words = words[1:]
    return " ".join(words)


def matching_hash(key: bytes, kind: str, value: str) -> str:
    """A keyed hash to find reports naming the same person or unit without unsealing
    any: the key is the server's, so the database alone cannot test a guessed name."""
    return hmac.new(key, f"reported-{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def conflicted(
    *,
    person_hash: str | None,
    unit_hash: str | None,
    staff_name_hash: str | None,
    staff_unit_hash: str | None,
) -> bool:
    """Whether a staff member may not see a case: the report names them, or names the
    unit where they supervise interns (the intern's supervisor there may be the one it
    is about, or shield them). Compared by keyed hashes; nothing to compare is no match."""
    return (person_hash is not None and person_hash == staff_name_hash) or (
        unit_hash is not None and unit_hash == staff_unit_hash
    )


# --- statistics ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """One case for the statistics: its month in the office's zone, and the minutes from
    raised to acknowledged and to the first protective action (None: not yet)."""

    month: date  # the first day
    acknowledge_minutes: float | None
    protect_minutes: float | None


@dataclass(frozen=True)
class MonthStats:
    month: date
    # None when fewer than the minimum: in a small office a count of 1 or 2 in a month
    # points at the intern who pressed the button, and so would its times.
    cases: int | None
    median_acknowledge_minutes: float | None
    median_protect_minutes: float | None


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def monthly(timings: Iterable[Timing], min_count: int) -> list[MonthStats]:
    """Per month, oldest first: the count and the median response times, shown only when
    the month holds at least `min_count` cases."""
    by_month: dict[date, list[Timing]] = {}
    for t in timings:
        by_month.setdefault(t.month, []).append(t)
    out = []
    for month in sorted(by_month):
        cases = by_month[month]
        if len(cases) < min_count:
            out.append(MonthStats(month, None, None, None))
            continue
        out.append(
            MonthStats(
                month,
                len(cases),
                _median(c.acknowledge_minutes for c in cases),
                _median(c.protect_minutes for c in cases),
            )
        )
    return out


# --- the on-duty roster and its alerts ------------------------------------------------
# The head keeps the roster: each protection officer's on-duty windows in the office's own
# zone, as a weekday (ISO: 1 is Monday) and a start and end time; a window covers its
# start up to (not including) its end, and an end of 00:00 means midnight (a night shift
# is two windows, one each side of midnight). A raised case alerts every officer on duty
# at that moment; nobody on duty, it alerts the office's protection officers as a role so
# that it is never lost. Escalation alerts the roster's other officers, then the head.


@dataclass(frozen=True)
class Window:
    weekday: int  # 1 (Monday) to 7 (Sunday)
    start: time
    end: time  # time(0): midnight


def window_valid(window: Window) -> bool:
    return window.end == time(0) or window.start < window.end


def on_duty(windows: Iterable[Window], local: datetime) -> bool:
    """Whether one of `windows` covers `local` (a time in the office's zone)."""
    moment = local.time().replace(tzinfo=None)
    return any(
        w.weekday == local.isoweekday()
        and w.start <= moment
        and (w.end == time(0) or moment < w.end)
        for w in windows
    )


def officer_recipient(username: str) -> str:
    return f"user:{username}"


def role_recipient(role: str) -> str:
    return f"role:{role}"
