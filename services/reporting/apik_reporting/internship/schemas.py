"""The internship KPIs' answer."""

from __future__ import annotations

from pydantic import BaseModel, Field


class InternCounts(BaseModel):
    applied: int
    accepted: int
    completed: int


class MonthCounts(InternCounts):
    month: str  # YYYY-MM


class KindCounts(InternCounts):
    institution_kind: str  # university, school, public, foreign; "unspecified"


class UnitCounts(InternCounts):
    unit: str  # "unspecified" when no unit was named


class RedButtonMonth(BaseModel):
    """Null figures and `shown` false: the month holds fewer than `min_count` cases."""

    month: str
    shown: bool
    raised: int | None
    acknowledged: int | None
    escalations: int | None
    median_minutes: float | None
    p90_minutes: float | None


class RedButtonStats(BaseModel):
    min_count: int
    months: list[RedButtonMonth]


class InternshipKpis(BaseModel):
    year: int
    office: str | None  # None: every office together (national)
    months: list[MonthCounts]
    institution_kinds: list[KindCounts]
    units: list[UnitCounts]
    ended: int  # accepted interns whose period ended in the year
    completion_rate: float | None
    red_button: RedButtonStats
    definitions: dict[str, str] = Field(
        description="The English definitions, as before: kept for compatibility, the same "
        "as definitions_en."
    )
    definitions_id: dict[str, str] = Field(description="The definitions in Bahasa Indonesia.")
    definitions_en: dict[str, str] = Field(description="The definitions in English.")
