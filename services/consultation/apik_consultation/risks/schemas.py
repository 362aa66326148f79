"""The risk register's request and response bodies."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from apik_consultation.risks.rules import RiskLevel, RiskStatus
from apik_shared.vocabulary.inputs import FreeText, Input, Line, RecordDate


class RiskCreate(Input):
    title: Line = Field(min_length=1, max_length=300)
    description: FreeText | None = Field(default=None, max_length=5000)
    tender_reference: Line | None = Field(default=None, max_length=200)
    likelihood: int = Field(ge=1, le=5, description="1 rare … 5 almost certain")
    impact: int = Field(ge=1, le=5, description="1 negligible … 5 severe")
    mitigation: FreeText | None = Field(default=None, max_length=5000)
    owner: Line = Field(min_length=1, max_length=200)
    status: RiskStatus = RiskStatus.open
    review_on: RecordDate


class RiskUpdate(Input):
    """Only the fields sent change; likelihood or impact moves the level with them."""

    title: Line | None = Field(default=None, min_length=1, max_length=300)
    description: FreeText | None = Field(default=None, max_length=5000)
    tender_reference: Line | None = Field(default=None, max_length=200)
    likelihood: int | None = Field(default=None, ge=1, le=5)
    impact: int | None = Field(default=None, ge=1, le=5)
    mitigation: FreeText | None = Field(default=None, max_length=5000)
    owner: Line | None = Field(default=None, min_length=1, max_length=200)
    status: RiskStatus | None = None
    review_on: RecordDate | None = None


class RiskPublic(BaseModel):
    id: uuid.UUID
    office: str
    title: str
    description: str | None
    tender_reference: str | None
    likelihood: int
    impact: int
    level: RiskLevel
    mitigation: str | None
    owner: str
    status: RiskStatus
    review_on: RecordDate
    review_overdue: bool
    created_by: str
    created_at: datetime
    updated_at: datetime
    version: int


class HeatCellPublic(BaseModel):
    likelihood: int
    impact: int
    level: RiskLevel
    count: int


class HeatMap(BaseModel):
    """Open (not closed) risks per cell: impact 5 to 1, likelihood 1 to 5 in each row."""

    office: str | None
    cells: list[HeatCellPublic]
