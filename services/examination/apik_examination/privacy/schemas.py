"""The answer to a data subject's access request, as examination gives it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from apik_shared.platform.processing import Withheld


class WithheldOut(Withheld):
    contact_id: uuid.UUID | None = None


class ContactHeld(BaseModel):
    contact_id: uuid.UUID
    office: str
    agency: str
    name: str
    position: str
    phone: str
    email: str
    created_at: datetime
    matched_on: list[str]
    differs_on: list[str]
    # How many examination activities name this contact (their content is withheld).
    activities: int


class SubjectAccessAnswer(BaseModel):
    service: Literal["examination"] = "examination"
    reference: str
    generated_at: datetime
    offices: Literal["own", "all"]
    searched_by: list[str]
    not_searched: dict[str, str]
    agency_contacts: list[ContactHeld]
    withheld: list[WithheldOut]
