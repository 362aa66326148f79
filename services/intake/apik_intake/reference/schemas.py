"""Bodies of the reference lists: the national substance catalogue and an office's own."""

from __future__ import annotations

from pydantic import BaseModel, Field

from apik_shared.vocabulary.inputs import Input, Line


class SubstancePublic(BaseModel):
    code: str
    name_id: str
    name_en: str
    office: str | None = Field(description="None: the national catalogue; else the office's own")


class SubstanceAdmin(SubstancePublic):
    active: bool


class SubstanceCreate(Input):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$")
    name_id: Line = Field(min_length=1, max_length=200)
    name_en: Line = Field(min_length=1, max_length=200)
    national: bool = Field(
        default=False,
        description="true: into the national catalogue (national role only); "
        "false: the caller's office's own, offered to that office alone",
    )


class SubstanceUpdate(Input):
    name_id: Line | None = Field(default=None, min_length=1, max_length=200)
    name_en: Line | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = Field(default=None, description="inactive: not offered for new reports")
