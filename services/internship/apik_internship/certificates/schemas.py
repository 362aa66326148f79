"""The completion request, the certificate as staff read it, and its public check."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import Input

Count = Annotated[int, Field(ge=0, le=400)]


class CompletionRequest(Input):
    """The internship's recap, as the supervisor states it (see `rules`): days present
    and approved logbook entries out of the period's working days, which the office's
    calendar gives. The final evaluation (0 to 100) is the mean of the supervisors'
    rubric evaluations (`evaluations`) unless stated here."""

    days_present: Count
    logbook_approved: Count
    evaluation_score: Annotated[int, Field(ge=0, le=100)] | None = None


class CertificatePublic(BaseModel):
    """A certificate as staff read it: references and numbers, no personal data."""

    id: uuid.UUID
    application_id: uuid.UUID
    office: str
    verification_code: str
    working_days: int
    days_present: int
    attendance_percent: float
    logbook_approved: int
    logbook_percent: float
    evaluation_score: int
    issued_by: str
    issued_at: datetime
    version: int
