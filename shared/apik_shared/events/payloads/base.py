"""The base of every event payload."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Payload(BaseModel):
    # Consumers ignore fields added after they were written.
    model_config = ConfigDict(extra="ignore")
