"""Request and response bodies of the reporting API."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import Input

OfficeCode = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
TargetValue = Annotated[float, Field(allow_inf_nan=False)]


class TargetsIn(Input):
    office: OfficeCode
    # Indicator code to target; codes and ranges are checked by `rules.target_problems`.
    targets: dict[str, TargetValue]


Number = int | float  # counts stay integers in JSON, CSV and XLSX


class TargetsPublic(BaseModel):
    year: int
    office: str
    targets: dict[str, Number]


class KpiItem(BaseModel):
    indicator: str
    unit: str
    target: Number | None
    achieved: Number | None
    percent: float | None
    definition: str = Field(
        description="The English definition, as before: kept for compatibility, the same "
        "as definition_en."
    )
    definition_id: str = Field(description="The definition in Bahasa Indonesia.")
    definition_en: str = Field(description="The definition in English.")


class KpiReport(BaseModel):
    year: int
    office: str | None = Field(description="None: every office (the national roll-up)")
    items: list[KpiItem]
