"""Request and response bodies of the steps after the final report (LHP)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from apik_examination.followup.rules import Stance
from apik_shared.vocabulary.inputs import FreeText, Input
from apik_shared.vocabulary.instants import Instant


class ReporterResponseCreate(Input):
    """The reporter's response to the LHP (tanggapan pelapor atas LHP)."""

    stance: Stance
    text: FreeText = Field(min_length=1, max_length=20000)
    # When the office received it; absent: now. Not in the future, not before the LHP.
    responded_at: Instant | None = None


class ReporterResponsePublic(BaseModel):
    id: uuid.UUID
    stance: Stance
    text: str
    responded_at: datetime
    respond_until: date  # the LHP's day + APIK_REPORTER_RESPONSE_DAYS
    late: bool  # received after `respond_until`: recorded all the same
    recorded_by: str
    recorded_at: datetime
