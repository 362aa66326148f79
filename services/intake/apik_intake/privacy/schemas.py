"""The answer to a data subject's access request, as intake gives it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

from apik_intake.reporters.schemas import IdentityOut
from apik_shared.platform.processing import Withheld


class WithheldOut(Withheld):
    report_id: uuid.UUID | None = None


class AttachmentOut(BaseModel):
    id: uuid.UUID
    filename: str
    media_type: str
    size: int
    uploaded_at: datetime


class NoticeOut(BaseModel):
    channel: str
    message: str
    reason: str
    sent_at: datetime


class StepOut(BaseModel):
    """A step of the report's timeline: what happened and when (who, and the notes, are
    withheld as the office's deliberation)."""

    step: str
    to_status: str
    at: datetime


class IdentityReadOut(BaseModel):
    """One processing of the identity (UU 27/2022 Pasal 32: the processing's track
    record): when, why, by which roles (the reader's name is withheld)."""

    at: datetime
    purpose: str
    roles: list[str]
    disclosure: str


class ReportHeld(BaseModel):
    report_id: uuid.UUID
    registration_number: str
    office: str
    kind: str
    channel: str
    status: str
    confidential: bool
    received_at: datetime
    reported_agency: str | None
    substance: str | None
    summary: str
    chronology: str | None
    event_date: date | None
    question: str | None
    answer: str | None
    rejection_reason: str | None
    case_id: str | None
    case_outcome: str | None
    case_closed_at: datetime | None
    # Which of the given identifiers found this report's reporter, and which of the given
    # ones its stored identity holds otherwise (check before sending: a shared phone).
    matched_on: list[str]
    differs_on: list[str]
    identity: IdentityOut
    attachments: list[AttachmentOut]
    notices: list[NoticeOut]
    timeline: list[StepOut]
    identity_reads: list[IdentityReadOut]


class SubjectAccessAnswer(BaseModel):
    service: Literal["intake"] = "intake"
    reference: str
    generated_at: datetime
    # The offices searched: the DPO's own, or every office for a national DPO.
    offices: Literal["own", "all"]
    searched_by: list[str]
    not_searched: dict[str, str]
    reports: list[ReportHeld]
    withheld: list[WithheldOut]
