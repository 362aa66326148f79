"""A unit's places in a month, as set and as read with what is taken."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import Input, Line

Month = Annotated[str, Field(pattern=r"^(19|20|21|22)\d\d-(0[1-9]|1[0-2])$", examples=["2027-02"])]


class QuotaSet(Input):
    unit: Annotated[Line, Field(min_length=1, max_length=64)]
    month: Month
    places: Annotated[int, Field(ge=0, le=1000)]


class QuotaPublic(BaseModel):
    unit: str
    month: date  # its first day
    places: int
    taken: int  # internships accepted into the unit that touch the month
    free: int
