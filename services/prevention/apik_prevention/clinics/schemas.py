"""Coaching clinics' requests and answers.

A participant is a complaint handler of an agency: their name and agency are all that is
kept of them (no NIK, contact or address); readers outside the prevention unit see the
name masked.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.clinics.rules import Step
from apik_prevention.schemes.schemas import Name
from apik_shared.vocabulary.inputs import Input, Line, PersonName
from apik_shared.vocabulary.ngain import GainCategory

Score = Annotated[int, Field(ge=0, le=1000)]


class ClinicCreate(Input):
    title: Name  # "Klinik Pengelolaan Pengaduan Pelayanan Publik Kabupaten Kaur"
    held_on: date
    place: Annotated[Line, Field(min_length=1, max_length=300)]
    agencies: Annotated[list[Name], Field(max_length=200)] = []
    # The highest score of the test (the same test before and after).
    max_score: Annotated[int, Field(ge=1, le=1000)] = 100


class ParticipantCreate(Input):
    name: PersonName
    agency: Name


class Attendance(Input):
    """Every participant who attended (the others did not): the whole list each time."""

    attended: Annotated[list[uuid.UUID], Field(max_length=1000)]


class TestScore(Input):
    participant_id: uuid.UUID
    pre: Score | None = None
    post: Score | None = None


class TestScores(Input):
    """Pre- and post-test scores, 0 to the clinic's maximum; a null leaves that test
    unrecorded (a participant who missed it)."""

    scores: Annotated[list[TestScore], Field(min_length=1, max_length=1000)]


class ParticipantPublic(BaseModel):
    id: uuid.UUID
    clinic_id: uuid.UUID
    name: str
    agency: str
    attended: bool
    pre_score: int | None
    post_score: int | None
    # Once the clinic is completed, for those who attended.
    certificate_code: str | None = None


class ClinicPublic(BaseModel):
    id: uuid.UUID
    office: str
    title: str
    held_on: date
    place: str
    agencies: list[str]
    max_score: int
    status: str
    participants: list[ParticipantPublic]
    created_by: str
    created_at: datetime
    completed_at: datetime | None
    completed_by: str | None
    version: int
    # What this reader may do now (`rules.allowed_steps`): the screens offer only these.
    allowed_steps: list[Step]


class ParticipantGain(BaseModel):
    participant_id: uuid.UUID
    name: str
    agency: str
    pre_score: int | None
    post_score: int | None
    n_gain: float | None  # three decimals; null when undefined
    category: GainCategory


class ClassGain(BaseModel):
    value: float | None  # three decimals; null when undefined
    category: GainCategory


class ClinicGains(BaseModel):
    clinic_id: uuid.UUID
    max_score: int
    participants: list[ParticipantGain]
    tested: int  # participants with both tests
    # Hake's class gain, from the mean pre- and post-test percentages.
    class_gain_hake: ClassGain
    # The mean of the participants' own gains (those defined).
    mean_of_individual_gains: ClassGain
    counts: dict[GainCategory, int]
    convention: str


class ClinicEffectiveness(BaseModel):
    clinic_id: uuid.UUID
    title: str
    held_on: date
    status: str
    participants: int
    attended: int
    tested: int
    class_gain_hake: ClassGain
    mean_of_individual_gains: ClassGain


class Effectiveness(BaseModel):
    year: int
    clinics: list[ClinicEffectiveness]  # by date
    convention: str


class CertificateCheck(BaseModel):
    """What anyone holding a certificate's code may see: that it is genuine, for whom
    (masked) and for which clinic."""

    valid: bool
    participant: str  # masked
    agency: str
    clinic: str
    held_on: date
    place: str
    office: str
