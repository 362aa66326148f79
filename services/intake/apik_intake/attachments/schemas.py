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
