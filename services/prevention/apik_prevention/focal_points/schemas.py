"""Focal points' and discussion groups' requests and answers.

A focal point's name, phone and email are personal data: the prevention unit sees them
in full (each read audited), every other reader masked."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.focal_points.rules import Channel, ConsentScope, FocalStatus
from apik_prevention.schemes.schemas import Name
from apik_shared.vocabulary.inputs import Email, Input, Line, PersonName, Phone

Regency = Annotated[Line, Field(min_length=1, max_length=120)]
Note = Annotated[Line, Field(max_length=500)]


class Consent(Input):
    """The focal point's consent under the PDP law: the day it was given and what it
    covers."""

    given_on: date
    scope: Annotated[list[ConsentScope], Field(min_length=1, max_length=2)]


class FocalPointCreate(Input):
    name: PersonName
    role: Name  # "Pengelola Pengaduan"
    agency: Name  # "Dinas Kesehatan Kabupaten Kaur"
    regency: Regency  # "Kabupaten Kaur"
    phone: Phone | None = None
    email: Email | None = None
    valid_from: date
    valid_until: date | None = None
    consent: Consent | None = None


class StatusChange(Input):
    status: FocalStatus
    note: Note | None = None


class ConsentPublic(BaseModel):
    given_on: date
    scope: list[ConsentScope]


class ChangePublic(BaseModel):
    from_status: FocalStatus | None
    to_status: FocalStatus
    note: str | None
    changed_by: str
    changed_at: datetime


class FocalPointPublic(BaseModel):
    id: uuid.UUID
    office: str
    name: str
    role: str
    agency: str
    regency: str
    phone: str | None
    email: str | None
    valid_from: date
    valid_until: date | None
    consent: ConsentPublic | None
    status: FocalStatus
    history: list[ChangePublic]  # oldest first
    masked: bool  # name and contacts masked for this reader
    created_by: str
    created_at: datetime
    version: int


class FocalPointSummary(BaseModel):
    """A focal point in a listing: no contact details (open it for them)."""

    id: uuid.UUID
    name: str
    role: str
    agency: str
    regency: str
    status: FocalStatus
    valid_until: date | None
    version: int
    # True when the name is masked for this reader (the screens say so from this).
    masked: bool


class RegencyCountPublic(BaseModel):
    regency: str
    active: int
    invited: int
    inactive: int


class FocalPointCounts(BaseModel):
    """The KPI: active focal points and the regencies they cover (one regency when
    asked for one)."""

    office: str
    active: int
    regencies: int
    by_regency: list[RegencyCountPublic]


class GroupCreate(Input):
    name: Name  # "Grup WA Focal Point Kabupaten Kaur"
    regency: Regency | None = None
    channel: Channel = Channel.whatsapp
    members: Annotated[list[uuid.UUID], Field(max_length=1000)] = []


class GroupMembers(Input):
    """The group's members: the whole list each time."""

    members: Annotated[list[uuid.UUID], Field(max_length=1000)]


class MemberPublic(BaseModel):
    focal_point_id: uuid.UUID
    name: str
    agency: str
    regency: str
    status: FocalStatus


class GroupPublic(BaseModel):
    id: uuid.UUID
    office: str
    name: str
    regency: str | None
    channel: Channel
    members: list[MemberPublic]
    created_by: str
    created_at: datetime
    version: int
