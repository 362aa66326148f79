"""Bodies of the reporter's identity read and of its audit."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel


class RepresentativeOut(BaseModel):
    name: str
    nik: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    relationship: str | None = None
    power_of_attorney_number: str | None = None
    power_of_attorney_date: date | None = None


class IdentityOut(BaseModel):
    name: str
    nik: str | None = None
    place_of_birth: str | None = None
    date_of_birth: date | None = None
    address: str | None = None
    occupation: str | None = None
    phone: str | None = None
    email: str | None = None
    representative: RepresentativeOut | None = None


class ReporterIdentity(BaseModel):
    report_id: uuid.UUID
    reporter_id: uuid.UUID  # this report's reporter: one per report, links nothing
    # The same person across reports; None when the identity is withheld (confidential).
    person_id: uuid.UUID | None
    confidential: bool
    # "full", "masked" (the caller's roles are not entitled), "withheld" (confidential) or
    # "anonymised" (its retention period ended: nothing is left to show anyone).
    disclosure: Literal["full", "masked", "withheld", "anonymised"]
    anonymised_at: datetime | None = None
    identity: IdentityOut | None


class IdentityReadPublic(BaseModel):
    id: int
    office: str
    report_id: uuid.UUID
    reporter_id: uuid.UUID
    actor: str
    actor_username: str
    actor_roles: list[str]
    purpose: str
    # "full", "masked", "withheld", "anonymised" (asked after retention took it), or
    # "link": a confidential report's person was shown (listed by person, a same-reporter
    # duplicate) to a role entitled to it.
    disclosure: str
    at: datetime
