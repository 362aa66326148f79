"""Bodies of the office's reference lists (substance categories)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import Input, Line


class SubstancePublic(BaseModel):
    code: str
    name_id: str
    name_en: str


class SubstanceAdmin(SubstancePublic):
    active: bool


class SubstanceCreate(Input):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    name_id: Line = Field(min_length=1, max_length=200)
    name_en: Line = Field(min_length=1, max_length=200)


class SubstanceUpdate(Input):
    name_id: Line | None = Field(default=None, min_length=1, max_length=200)
    name_en: Line | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = Field(default=None, description="inactive: not offered for new reports")
