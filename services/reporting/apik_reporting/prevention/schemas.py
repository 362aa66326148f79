"""The prevention KPIs' answer."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ResultCount(BaseModel):
    label: str | None  # the band as published ("Zona Hijau", "Kualitas Tertinggi (A)")
    zone: str | None  # green, yellow, red (schemes up to 2024)
    grade: str | None  # A-E (2022-2024)
    count: int


class RegionCount(BaseModel):
    region: str | None
    count: int


class AssessmentKpis(BaseModel):
    published: int
    average_total: float | None
    results: list[ResultCount]
    regions: list[RegionCount]


class SuggestionKpis(BaseModel):
    followed_up: int
    late: int
    on_time_rate: float | None  # 0..1; None without any


class ClinicKpis(BaseModel):
    completed: int
    participants: int
    attended: int
    tested: int
    class_gain_mean: float | None
    mean_gain_mean: float | None
    class_gain_categories: dict[str, int]  # high, medium, low, undefined


class RegencyCount(BaseModel):
    regency: str | None
    activated: int
    active_at_year_end: int


class FocalPointKpis(BaseModel):
    activated: int
    reactivated: int
    deactivated: int
    active_at_year_end: int
    regencies: list[RegencyCount]


class AgreementCounts(BaseModel):
    activated: int
    in_force_during_year: int
    in_force_at_year_end: int
    expired: int
    terminated: int


class KindCounts(AgreementCounts):
    kind: str | None  # mou, pks


class AgreementKpis(AgreementCounts):
    kinds: list[KindCounts]


class PreventionKpis(BaseModel):
    year: int
    office: str | None  # None: every office together (national)
    assessments: AssessmentKpis
    suggestions: SuggestionKpis
    clinics: ClinicKpis
    focal_points: FocalPointKpis
    agreements: AgreementKpis
    definitions_id: dict[str, str] = Field(description="The definitions in Bahasa Indonesia.")
    definitions_en: dict[str, str] = Field(description="The definitions in English.")
