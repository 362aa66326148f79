"""An institution's format of the completion record, as the office's reviewers set it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, Field, model_validator

from apik_internship.formats.rules import Item, unknown_placeholders
from apik_shared.vocabulary.inputs import FreeText, Input, Line, invalid


class FormatItem(Input):
    """One line of the record: which value, under the institution's own label."""

    item: Item
    label: Annotated[Line, Field(min_length=1, max_length=120)]


class FormatGrade(Input):
    minimum: Annotated[int, Field(ge=0, le=100)]
    grade: Annotated[Line, Field(min_length=1, max_length=16)]


class FormatDefinition(Input):
    """The format: its title, the wording before and after the items (with `{name}`,
    `{institution}`, `{unit}`, `{period}` and `{office}` filled in), the items in order,
    and the institution's grades (the highest `minimum` the score reaches)."""

    institution: Annotated[Line, Field(min_length=2, max_length=300)]
    title: Annotated[Line, Field(min_length=2, max_length=200)]
    opening: Annotated[FreeText, Field(max_length=2000)] | None = None
    items: Annotated[list[FormatItem], Field(min_length=1, max_length=30)]
    closing: Annotated[FreeText, Field(max_length=2000)] | None = None
    grades: Annotated[list[FormatGrade], Field(max_length=12)] = []
    orientation: Literal["portrait", "landscape"] = "portrait"

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for name in ("opening", "closing"):
            if unknown := unknown_placeholders(getattr(self, name) or ""):
                raise invalid(
                    "unknown_placeholder",
                    "{field}: unknown placeholder {placeholder}",
                    field=name,
                    placeholder=unknown[0],
                )
        if any(i.item == Item.grade for i in self.items) and not self.grades:
            raise invalid("grade_needs_grades", "items: `grade` needs the institution's `grades`")
        minimums = [g.minimum for g in self.grades]
        if len(set(minimums)) != len(minimums):
            raise invalid("grade_minimum_twice", "grades: each minimum once")
        return self


class FormatPublic(BaseModel):
    key: str
    office: str | None  # None: shipped with the service, for every office
    definition: FormatDefinition
    version: int
    set_by: str | None
    set_at: datetime | None
