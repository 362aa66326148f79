"""An assessed unit's assessment, the enumerators' entries, the reviewer's decision, and
the explained score.

No personal data: a respondent is a code the enumerator gives (`R-07`), never a name;
photos are references to files kept where the office keeps its field evidence.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from apik_prevention.schemes.schemas import (
    Code,
    Name,
    Note,
    RespondentMethod,
    RespondentType,
    ResultZone,
)
from apik_shared.vocabulary.inputs import Input, Line
from apik_shared.vocabulary.instants import Instant

Year = Annotated[int, Field(ge=2000, le=2200)]


class UnitType(StrEnum):
    ministry = "ministry"
    agency = "agency"  # a non-ministerial body (lembaga)
    province = "province"
    regency = "regency"  # a kabupaten's government
    city = "city"
    land_office = "land_office"
    police_resort = "police_resort"
    village = "village"  # a village's government (scored with a village scheme)
    other = "other"


class AssessmentCreate(Input):
    unit_name: Name  # "Dinas Kependudukan dan Pencatatan Sipil Kota Bengkulu"
    unit_type: UnitType
    region: Annotated[Line, Field(min_length=1, max_length=100)]  # the province
    regency: Annotated[Line, Field(min_length=1, max_length=100)] | None = None
    year: Year
    scheme_id: uuid.UUID  # the scheme version it is scored with


class SchemeChange(Input):
    """Moves an assessment to another version of its scheme (a corrected one)."""

    scheme_id: uuid.UUID
    reason: Annotated[Line, Field(min_length=1, max_length=1000)]


class FollowUp(Input):
    """The Ombudsman's corrective actions and recommendations to the unit, and how many
    it followed up (the suffix "Tanpa Maladministrasi")."""

    issued: Annotated[int, Field(ge=0, le=100_000)]
    followed_up: Annotated[int, Field(ge=0, le=100_000)]


class FollowUpState(BaseModel):
    """The follow-up the score used: recorded through the API, or tallied from
    examination's events about the cases named for the assessment."""

    issued: int  # corrective actions and recommendations decided either way
    followed_up: int
    pending: int = 0  # still within their deadline or without a report
    source: str = "recorded"  # recorded, examination


class SuggestionsFollowUp(BaseModel):
    """The unit's suggestions (saran perbaikan) from the office's studies due in the
    assessment's year (`follow_up.rules`): the suffix needs none left without follow-up."""

    followed_up: int
    not_followed_up: int  # marked so, or overdue and still open
    pending: int  # open, due date not passed
    holds: bool


class AnswerIn(Input):
    indicator: Code
    value: Annotated[int, Field(ge=0, le=100)]
    note: Note | None = None


class EntryPhoto(Input):
    ref: Annotated[Line, Field(min_length=1, max_length=300)]  # the file's reference
    taken_at: Instant | None = None
    caption: Annotated[Line, Field(max_length=300)] | None = None


class EntryCreate(Input):
    """One interview or one observation checklist, answered by one respondent."""

    respondent_type: RespondentType
    respondent_ref: Annotated[Line, Field(min_length=1, max_length=40)] | None = None
    method: RespondentMethod
    taken_at: Instant
    place: Annotated[Line, Field(min_length=1, max_length=300)]
    photos: Annotated[list[EntryPhoto], Field(max_length=50)] = []
    answers: Annotated[list[AnswerIn], Field(min_length=1, max_length=300)]


class EntryCorrection(Input):
    """Answers corrected after review; the entry goes back to the reviewer."""

    answers: Annotated[list[AnswerIn], Field(min_length=1, max_length=300)]
    reason: Annotated[Line, Field(min_length=1, max_length=1000)]


class ReviewDecision(StrEnum):
    approved = "approved"
    returned = "returned"
    on_hold = "on_hold"


class AssessmentAction(StrEnum):
    """What a reader may do to an assessment (its `allowed_actions`)."""

    add_entries = "add_entries"  # an entry added, or the filled template imported


class EntryReview(Input):
    decision: ReviewDecision
    note: Note | None = None


class AssessmentPublic(BaseModel):
    id: uuid.UUID
    office: str
    unit_name: str
    unit_type: UnitType
    region: str
    regency: str | None
    year: int
    scheme_id: uuid.UUID
    scheme_code: str
    scheme_version: int
    status: str
    follow_up: FollowUpState | None  # as recorded through the API
    cases: list[str]  # registration numbers of the unit's cases the suffix reads
    entries: dict[str, int]  # entries by status
    created_by: str
    created_at: datetime
    plenary_at: datetime | None
    published_at: datetime | None
    published_by: str | None
    # The result as published (fixed at publication; `…/score` recomputes it live).
    published_total: float | None
    published_label: str | None
    version: int
    # What the caller may do (entries come in while a draft, from the unit).
    allowed_actions: list[AssessmentAction]


class EntryPublic(BaseModel):
    id: uuid.UUID
    assessment_id: uuid.UUID
    respondent_type: RespondentType
    respondent_ref: str | None
    method: RespondentMethod
    taken_at: datetime
    place: str
    photos: list[EntryPhoto]
    answers: list[AnswerIn]
    status: str
    enumerator: str
    submitted_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    corrections: list[dict[str, object]]
    version: int
    # The review decisions the caller may take (never on their own entry).
    allowed_actions: list[ReviewDecision]


class IndicatorScore(BaseModel):
    code: str
    text: str
    weight: float
    answers: list[int]  # the approved answers
    scale_min: int
    scale_max: int
    mean: float | None
    score: float | None  # 0-100; None without an approved answer
    share_of_total: float  # the points of the total it can give
    contribution: float  # the points it gave
    lost: float  # share_of_total - contribution
    confirmed: bool
    advice: str | None


class VariableScore(BaseModel):
    code: str
    name: str
    weight: float
    share: float  # of its dimension
    score: float
    confirmed: bool
    indicators: list[IndicatorScore]


class DimensionScore(BaseModel):
    code: str
    name: str
    group: str | None
    weight: float  # percent of the total
    score: float  # 0-100
    contribution: float  # weight * score / 100: points of the total
    confirmed: bool
    variables: list[VariableScore]


class GroupScore(BaseModel):
    name: str
    weight: float
    contribution: float
    dimensions: list[str]


class AssessmentOutcome(BaseModel):
    label: str
    zone: ResultZone | None
    grade: str | None
    opinion: bool
    suffix: str | None
    follow_up_holds: bool | None  # the cases' part; None: not known
    suggestions_hold: bool | None = None  # None: not considered
    title: str  # the result as printed: "Kualitas Tertinggi — Opini Ombudsman RI …"
    band_min: float


class ScoreExplained(BaseModel):
    total: float  # rounded half up to `decimals`
    total_exact: float
    decimals: int
    complete: bool  # every indicator has an approved answer
    missing: list[str]  # indicators without one
    groups: list[GroupScore]
    dimensions: list[DimensionScore]
    result: AssessmentOutcome | None  # only when complete
    follow_up: FollowUpState | None
    suggestions: SuggestionsFollowUp | None = None


class AssessmentScore(ScoreExplained):
    assessment_id: uuid.UUID
    scheme_id: uuid.UUID
    scheme_code: str
    scheme_version: int
