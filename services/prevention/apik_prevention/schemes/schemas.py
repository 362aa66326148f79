"""A scheme of the compliance assessment, as data: the shipped files (`schemes/*.json`)
and the body of a new version are the same `SchemeDefinition`.

Every element that carries a number the sources do not confirm says so: `confirmed`
false and a `note` on where the number came from. Nothing of the method is a constant
in code; `rules.problems` checks that a definition holds together.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import FreeText, Input, Line

Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$", examples=["P.1"])]
Name = Annotated[Line, Field(min_length=1, max_length=300)]
Note = Annotated[FreeText, Field(max_length=2000)]
Weight = Annotated[float, Field(gt=0, le=1000)]


class RespondentType(StrEnum):
    official = "official"  # an official or manager of the service, interviewed
    service_user = "service_user"  # a user of the service, interviewed at the unit
    complaint_officer = "complaint_officer"  # the unit's complaint handler, interviewed
    observation = "observation"  # the enumerator's own checklist at the unit
    public = "public"  # the public's survey (public trust, 2025)


class RespondentMethod(StrEnum):
    interview = "interview"
    observation = "observation"
    survey = "survey"


class SchemeKind(StrEnum):
    """What a scheme assesses: a public service unit (agency), or a village's government
    (the anti-maladministration villages' instrument)."""

    agency = "agency"
    village = "village"


class ResultZone(StrEnum):
    green = "green"
    yellow = "yellow"
    red = "red"


class Flagged(Input):
    """What the sources confirm, and where an unconfirmed number came from."""

    confirmed: bool = True
    note: Note | None = None


class SchemeScale(Flagged):
    """The answers an indicator takes: whole numbers from `min` to `max`."""

    min: Annotated[int, Field(ge=0, le=100)] = 0
    max: Annotated[int, Field(ge=1, le=100)]
    labels: dict[Annotated[str, Field(pattern=r"^\d{1,3}$")], Name] = {}


class SchemeRespondent(Flagged):
    type: RespondentType
    label: Name
    method: RespondentMethod
    sample_size: Annotated[int, Field(ge=1, le=10_000)]


class SchemeIndicator(Flagged):
    code: Code
    text: Annotated[FreeText, Field(min_length=1, max_length=1000)]
    weight: Weight = 1
    # Who answers it; each answer counts the same, and the indicator takes their mean.
    respondents: Annotated[list[RespondentType], Field(min_length=1, max_length=5)]
    evidence: Note | None = None  # what the enumerator must see or photograph
    scale: SchemeScale | None = None  # the scheme's scale unless it has its own
    advice: Note | None = None  # what to fix when it scores low (the rapor)


class SchemeVariable(Flagged):
    code: Code
    name: Name
    weight: Weight = 1  # relative to its dimension's other variables
    indicators: Annotated[list[SchemeIndicator], Field(min_length=1, max_length=200)]


class SchemeDimension(Flagged):
    code: Code
    name: Name
    weight: Weight  # percent of the total; a scheme's dimensions add up to 100
    # A part of the total the dimension belongs to (2025: the four dimensions are 70%,
    # public trust 30%); the explanation adds its dimensions up.
    group: Name | None = None
    variables: Annotated[list[SchemeVariable], Field(min_length=1, max_length=50)]


class SchemeBand(Flagged):
    """A result: every total (rounded) from `min` up to the next band's `min`."""

    min: Annotated[float, Field(ge=0, le=100)]
    label: Name  # "Zona Hijau", "Kualitas Tertinggi"…
    zone: ResultZone | None = None
    grade: Annotated[str, Field(pattern=r"^[A-E]$")] | None = None
    opinion: bool = False  # the "Opini Ombudsman RI" (2025: the highest quality only)


class SchemeSuffix(Flagged):
    text: Name  # "Tanpa Maladministrasi"
    # The share of the unit's corrective actions and recommendations followed up.
    min_follow_up_rate: Annotated[float, Field(gt=0, le=1)] = 1
    only_with_opinion: bool = True


class SchemeResult(Flagged):
    bands: Annotated[list[SchemeBand], Field(min_length=1, max_length=20)]
    decimals: Annotated[int, Field(ge=0, le=4)] = 2  # the total is rounded half up to these
    opinion_label: Name | None = None  # "Opini Ombudsman RI"
    suffix: SchemeSuffix | None = None


class SchemeLegalBasis(Flagged):
    text: Name


class SchemeDefinition(Input):
    code: Code  # the scheme, the same across its versions: "ombudsman-2022"
    kind: SchemeKind = SchemeKind.agency
    title: Name
    year_from: Annotated[int, Field(ge=2000, le=2200)]
    year_to: Annotated[int, Field(ge=2000, le=2200)] | None = None
    legal_basis: SchemeLegalBasis
    scale: SchemeScale
    respondents: Annotated[list[SchemeRespondent], Field(min_length=1, max_length=10)]
    dimensions: Annotated[list[SchemeDimension], Field(min_length=1, max_length=20)]
    result: SchemeResult
    notes: Note | None = None


class SchemeVersionCreate(Input):
    """A correction of a scheme: the whole definition as it should be, and why."""

    reason: Annotated[FreeText, Field(min_length=1, max_length=2000)]
    definition: SchemeDefinition


class SchemeSummary(BaseModel):
    id: uuid.UUID
    code: str
    kind: SchemeKind  # agency, or village (the villages' instrument)
    version: int
    title: str
    year_from: int
    year_to: int | None
    frozen: bool  # an assessment uses it: a change makes a new version
    latest: bool
    unconfirmed: int  # how many of its elements the sources do not confirm


class SchemePublic(SchemeSummary):
    based_on: uuid.UUID | None
    reason: str | None
    created_by: str
    created_at: datetime
    definition: SchemeDefinition
