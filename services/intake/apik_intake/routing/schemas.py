"""The body of routing a report to another office."""

from __future__ import annotations

from pydantic import Field

from apik_shared.vocabulary.inputs import FreeText, Input


class RouteIn(Input):
    office: str = Field(pattern=r"^[A-Z0-9_-]{2,32}$", description="the receiving office")
    reason: FreeText = Field(min_length=1, max_length=2000)
