"""Request and response bodies of the SLA policies."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from apik_examination.cases.rules import Classification, Track
from apik_examination.sla.rules import SlaUnit
from apik_shared.vocabulary.inputs import FreeText, Input
from apik_shared.vocabulary.instants import Instant

PauseStatus = Literal["waiting_reporter", "waiting_agency"]


def _both_waits() -> list[PauseStatus]:
    return ["waiting_reporter", "waiting_agency"]


class SlaPolicyCreate(Input):
    """A new version of the policy for (track, classification); null is the fallback."""

    track: Track
    classification: Classification | None = None
    target: int = Field(ge=1, le=3650)
    unit: SlaUnit
    warning_ratio: float = Field(default=0.8, gt=0, le=1)
    pause_statuses: list[PauseStatus] = Field(default_factory=_both_waits, max_length=2)
    # Cases opened from this instant on follow the new version (default: now).
    effective_from: Instant | None = None
    note: FreeText = Field(default="", max_length=2000)


class SlaPolicyPublic(BaseModel):
    id: uuid.UUID
    track: str
    classification: str | None
    version: int
    target: int
    unit: str
    warning_ratio: float
    pause_statuses: list[str]
    effective_from: datetime
    note: str
    created_by: str
    created_at: datetime
