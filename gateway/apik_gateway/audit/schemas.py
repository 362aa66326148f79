"""Responses of the role-change audit."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

Status = Literal["pending", "applied", "declined"]


class RoleChangePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    account_kind: str
    account_id: str
    account_name: str
    office: str
    roles_before: list[str]
    roles_after: list[str]
    status: Status
    # "admin" (no guarded role added), "national" or "two_admins"; none while pending.
    authority: str | None
    proposed_by: str
    proposed_by_name: str
    approved_by: str | None
    approved_by_name: str | None
    proposed_at: datetime
    decided_at: datetime | None
