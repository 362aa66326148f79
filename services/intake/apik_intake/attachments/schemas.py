"""The body of an attachment as staff and the reporter see it."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class AttachmentPublic(BaseModel):
    id: uuid.UUID
    report_id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


class PortalFilePublic(BaseModel):
    """A file a complaint pulled from a portal named: `waiting` to be fetched, `stored`
    (as the attachment `attachment_id`), `refused` (its address, type or size is not
    accepted: `error` says which; never tried again) or `failed` (the retries spent).
    The portal's address of the file is not shown: it may carry a signature."""

    file_id: str
    filename: str
    status: str
    attempts: int
    next_attempt_at: datetime
    error: str | None
    attachment_id: uuid.UUID | None
