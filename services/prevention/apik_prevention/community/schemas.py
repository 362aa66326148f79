"""The community's requests and answers.

A member's name, phone and email are personal data: the prevention unit sees them in
full (each read audited), every other reader masked."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.community.rules import ConsentScope, MemberStatus, Segment, Source, Step
from apik_shared.vocabulary.inputs import Email, Input, Line, PersonName, Phone

Title = Annotated[Line, Field(min_length=1, max_length=300)]
Regency = Annotated[Line, Field(min_length=1, max_length=120)]
Note = Annotated[Line, Field(max_length=500)]
JoinCode = Annotated[str, Field(min_length=20, max_length=100)]


class GroupCreate(Input):
    name: Title  # "Sahabat Ombudsman Perempuan Kota Bengkulu"
    regency: Regency
    segment: Segment = Segment.general


class GroupPublic(BaseModel):
    id: uuid.UUID
    office: str
    name: str
    regency: str
    segment: Segment
    active_members: int
    created_by: str
    created_at: datetime
    version: int


class Consent(Input):
    """The member's consent under the PDP law: the day it was given and what it covers
    (their name is kept on it; `contact` lets the office keep a phone or an email)."""

    given_on: date
    scope: Annotated[list[ConsentScope], Field(max_length=1)] = []


class MemberCreate(Input):
    group_id: uuid.UUID
    name: PersonName
    phone: Phone | None = None
    email: Email | None = None
    consent: Consent
    # Given when the member was inducted already (they are then recorded `active`).
    inducted_on: date | None = None


class AlumnusCompletion(Input):
    """An alumnus completes the record of their request to join, with the code the
    internship service gave them (in the body, never the URL)."""

    code: JoinCode
    name: PersonName
    phone: Phone | None = None
    email: Email | None = None
    consent: Consent


class StatusChange(Input):
    status: MemberStatus
    # The induction's day, when a candidate becomes active.
    inducted_on: date | None = None
    # A candidate from the alumni is placed in a group when inducted.
    group_id: uuid.UUID | None = None
    note: Note | None = None


class TrainingCreate(Input):
    title: Title  # "Pelatihan pengawasan pelayanan publik"
    held_on: date
    hours: Annotated[float, Field(gt=0, le=200)] | None = None
    organiser: Title | None = None


class ConsentPublic(BaseModel):
    given_on: date
    scope: list[ConsentScope]


class TrainingPublic(BaseModel):
    id: uuid.UUID
    title: str
    held_on: date
    hours: float | None
    organiser: str | None
    recorded_by: str
    recorded_at: datetime


class MemberSummary(BaseModel):
    id: uuid.UUID
    group_id: uuid.UUID | None
    name: str | None  # None until an alumnus completed their record
    status: MemberStatus
    source: Source
    inducted_on: date | None
    left_on: date | None = None  # the office's day an active member left
    version: int
    # What this reader may do now (`rules.allowed_steps`): the screens offer only these.
    allowed_steps: list[Step]
    # True when name and contacts are masked for this reader (the screens say so from it).
    masked: bool


class MemberPublic(MemberSummary):
    office: str
    phone: str | None
    email: str | None
    consent: ConsentPublic | None
    alumnus_ref: str | None
    trainings: list[TrainingPublic]
    created_by: str
    created_at: datetime


class Completed(BaseModel):
    """What the alumnus learns once their record is complete: nothing but that."""

    status: MemberStatus
    message: str
