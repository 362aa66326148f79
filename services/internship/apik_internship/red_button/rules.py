"""The Red Button's rules (pure): its modes, what an officer may see of who raised it,
the receipt code, and the protection deadline.

Three modes, chosen by the intern:
- identified: the officers see who raised it;
- confidential: who raised it is kept, sealed, and not shown (opening it will need a
  second officer's recorded approval, a later increment);
- anonymous: nobody is kept; the receipt code is the only key back to the case.

The receipt is 16 random digits, shown once (GlobaLeaks' shape: easy to write down, and
10^16 codes behind the gateway's public rate limit). Only its keyed hash is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
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
