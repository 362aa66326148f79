"""The office a document speaks for, as the office registry knows it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.offices import calendar_of, office

# The national edition (every office together) is dated in WIB: the head office, which
# publishes it, sits in Jakarta.
NATIONAL_TIMEZONE = "Asia/Jakarta"
NATIONAL_NAME = "Nasional (seluruh kantor)"
POSTCODE = re.compile(r"\s*\b\d{5}\s*$")


@dataclass(frozen=True)
class Issuer:
    """Who issues a document: the letterhead's lines, the head who signs, the zone its
    dates are in, and the place written before the date of signing."""

    code: str | None
    name: str
    timezone: str
    letterhead: tuple[str, ...] = ()  # the kop surat's lines, the first in bold
    head_name: str | None = None
    head_title: str | None = None
    address: str | None = None

    @property
    def place(self) -> str | None:
        """The city a letter is signed in: the last part of the office's address, as an
        Indonesian address ends with it (`Jl. ..., Bengkulu 38223`), less the postcode."""
        if not self.address:
            return None
        last = self.address.replace("\n", ",").split(",")[-1]
        return POSTCODE.sub("", last).strip() or None


NATIONAL = Issuer(code=None, name=NATIONAL_NAME, timezone=NATIONAL_TIMEZONE)


async def national_issuer(session: AsyncSession, head_office: str | None) -> Issuer:
    """The national edition (every office together) under the head office's letterhead,
    signed by its head and dated in its zone; without a head office in the registry, the
    plain national heading in WIB, unsigned."""
    if head_office is None or await office(session, head_office) is None:
        return NATIONAL
    head = await issuer_of(session, head_office)
    return Issuer(
        code=None,
        name=NATIONAL_NAME,
        timezone=head.timezone,
        letterhead=head.letterhead,
        head_name=head.head_name,
        head_title=head.head_title,
        address=head.address,
    )


async def issuer_of(session: AsyncSession, code: str) -> Issuer:
    """Office `code` as its documents print it: its letterhead (its name when it has
    none). One the registry has not heard of yet prints its code, in WIB, unsigned."""
    state = await office(session, code)
    timezone = calendar_of(state, code=code).timezone
    if state is None:
        return Issuer(code=code, name=code, timezone=timezone, letterhead=(code,))
    return Issuer(
        code=code,
        name=state.name,
        timezone=timezone,
        letterhead=tuple(state.letterhead) or (state.name,),
        head_name=state.head_name,
        head_title=state.head_title,
        address=state.address,
    )
