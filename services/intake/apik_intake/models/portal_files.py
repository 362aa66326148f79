"""The files a complaint pulled from a portal names (issue 20): each fetched from the
portal by `portals/service/files.py` and stored with the report's attachments, once."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class PortalFile(SQLModel, table=True):
    """One file of a pulled complaint: `waiting` until fetched and `stored` (as the
    attachment `attachment_id`), or `refused` (its URL, type or size is not accepted:
    never tried again) or `failed` (the retries spent). Unique on the report and the
    portal's file id: a complaint announced twice names its files once."""

    __tablename__ = "portal_file"
    __table_args__ = (UniqueConstraint("report_id", "file_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True)
    file_id: str = Field(max_length=200)  # the portal's id of the file
    filename: str = Field(max_length=255)
    url: str  # where the portal serves it
    status: str = Field(default="waiting", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = timestamp_field(default_factory=utcnow)
    error: str | None = None  # the last failure, or why it was refused
    attachment_id: uuid.UUID | None = Field(default=None, foreign_key="attachment.id")
