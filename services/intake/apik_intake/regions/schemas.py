"""The region list the public form's picker reads."""

from __future__ import annotations

from pydantic import BaseModel


class ProvincePublic(BaseModel):
    code: str
    name: str


class RegencyPublic(BaseModel):
    code: str
    province: str
    name: str


class RegionsPublic(BaseModel):
    """Every province and every regency or city, by Kemendagri code (one answer: the
    picker filters regencies by province on the phone, no second request)."""

    source: str
    provinces: list[ProvincePublic]
    regencies: list[RegencyPublic]
