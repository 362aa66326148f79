"""The completion request, the certificate as staff read it, and its public check."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import FreeText, Input

Count = Annotated[int, Field(ge=0, le=400)]


class StatedBeforeRecords(Input):
    """The recap of the working days before the intern's own records began, as the
    supervisor states it (an internship started on paper), with the reason."""

    days_present: Count
    logbook_approved: Count
    reason: Annotated[FreeText, Field(min_length=1, max_length=1000)]


class CompletionRequest(Input):
    """The completion request: days present and approved logbook entries are counted
    from the intern's own attendance and logbook over the period's working days (the
    office's calendar; see `rules`). Only the working days before the intern's records
    began may be stated (`before_records`, with a reason). The final evaluation (0 to
    100) is the mean of the supervisors' rubric evaluations (`evaluations`) unless
    stated here."""

    evaluation_score: Annotated[int, Field(ge=0, le=100)] | None = None
    before_records: StatedBeforeRecords | None = None


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
    records_began: date | None = None  # the first day of the intern's own records
    stated_days_present: int | None = None  # of those days present, stated (before records)
    stated_logbook_approved: int | None = None  # likewise, approved entries
    stated_reason: str | None = None
    issued_by: str
    issued_at: datetime
    version: int
