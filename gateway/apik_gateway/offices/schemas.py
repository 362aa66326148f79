"""Bodies of the office registry's routes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from apik_shared.vocabulary.inputs import Address, Input, Line, PersonName, RecordDate

OfficeCode = Annotated[str, Field(pattern=r"^[A-Z0-9_-]{2,20}$", examples=["PUSAT"])]
# Indonesia's three zones: WIB, WITA, WIT. Deadlines and working days follow an office's.
Timezone = Literal["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
OfficeName = Annotated[Line, Field(min_length=1, max_length=200)]
LetterheadLine = Annotated[Line, Field(min_length=1, max_length=200)]
Letterhead = Annotated[list[LetterheadLine], Field(max_length=6)]
ClosureDays = Annotated[list[RecordDate], Field(max_length=366)]


class OfficeDetails(Input):
    """What an office says of itself besides its code, name and zone."""

    address: Address | None = None
    letterhead: Letterhead = Field(
        default_factory=list,
        description="the lines at the top of the office's letters and forms (kop surat)",
    )
    head_name: PersonName | None = Field(default=None, description="the head of office")
    head_title: Annotated[Line, Field(max_length=200)] | None = None
    observes_cuti_bersama: bool = Field(
        default=True, description="whether the civil servants' collective leave is a day off"
    )
    closure_days: ClosureDays = Field(
        default_factory=list, description="days closed beyond the national calendar"
    )


class OfficeCreate(OfficeDetails):
    code: OfficeCode
    name: OfficeName
    timezone: Timezone


class OfficeUpdate(Input):
    """Only the fields sent change; `null` clears an optional one."""

    name: OfficeName | None = None
    timezone: Timezone | None = None
    address: Address | None = None
    letterhead: Letterhead | None = None
    head_name: PersonName | None = None
    head_title: Annotated[Line, Field(max_length=200)] | None = None
    observes_cuti_bersama: bool | None = None
    closure_days: ClosureDays | None = None


class OfficePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    timezone: str
    address: str | None
    letterhead: list[str]
    head_name: str | None
    head_title: str | None
    observes_cuti_bersama: bool
    closure_days: list[RecordDate]
    version: int
