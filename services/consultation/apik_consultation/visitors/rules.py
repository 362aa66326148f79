"""Who sees a desk visitor's name, phone and institution, and how much of them (pure).

The same rules as intake's reporters (`apik_intake.reporters.rules`): the roles that
serve the person read them in full, every other reader a mask that is enough to tell
two visitors apart on the phone and no more. Admin gets no pass, and neither does the
`national` role: it widens which offices a caller may look at, not whose visitors they
serve.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from apik_shared.vocabulary.masking import mask_digits, mask_text

Disclosure = Literal["full", "masked"]


def disclosure(
    held: Collection[str], *, reader_office: str, visit_office: str, roles: Collection[str]
) -> Disclosure:
    """ "full" for a caller holding one of `roles` (the roles that serve visitors) in the
    visit's own office; "masked" for everyone else: heads and analysts count visits
    without names, and a reader of another office serves none of this office's visitors."""
    if reader_office == visit_office and set(held) & set(roles):
        return "full"
    return "masked"


# Kept identical to intake's masks so that the two services show a person alike; they
# belong in the shared vocabulary once both services import them from there.


@dataclass(frozen=True)
class Shown:
    """A visitor as one reader sees them."""

    name: str
    phone: str | None
    institution: str | None
    disclosure: Disclosure = "full"


def masked(visitor: Shown) -> Shown:
    """The visitor as a reader who does not serve them sees them."""
    return replace(
        visitor,
        name=mask_text(visitor.name) or "",
        phone=mask_digits(visitor.phone, 6, 2),
        institution=mask_text(visitor.institution),
        disclosure="masked",
    )


# --- retention ----------------------------------------------------------------------

# A visitor whose retention period ended, as every reader sees them: no name, no phone, no
# institution. "masked" is the closest disclosure the visit's answer knows; the name says
# why nothing is under it.
ANONYMISED = Shown(name="(anonymised)", phone=None, institution=None, disclosure="masked")


def expiry_cutoff(now: datetime, days: int) -> datetime:
    """Visits last touched before this moment are past a retention period of `days`."""
    if days < 1:  # the settings refuse it; a caller passing one would erase everything
        raise ValueError("a retention period is at least one day")
    return now - timedelta(days=days)
