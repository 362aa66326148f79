"""The publication's bodies and the public results."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import Input, Line


class PlenaryReturn(Input):
    reason: Annotated[Line, Field(min_length=1, max_length=1000)]


class ResultCount(BaseModel):
    label: str
    zone: str | None
    grade: str | None
    count: int


class RegionCount(BaseModel):
    region: str
    published: int
    by_result: dict[str, int]


class YearResults(BaseModel):
    year: int
    published: int  # assessments published that year, every office
    by_result: list[ResultCount]  # best result first
    by_region: list[RegionCount]
