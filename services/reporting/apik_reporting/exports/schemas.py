"""The table every exportable answer is: named columns, one dict of cells per row."""

from __future__ import annotations

from pydantic import BaseModel, Field

Cell = str | int | float | None


class Table(BaseModel):
    """A breakdown or an activity list: `columns` say the order of each item's cells."""

    year: int
    office: str | None
    definition: str = Field(
        description="The English definition, as before: kept for compatibility, the same "
        "as definition_en."
    )
    definition_id: str = Field(description="The definition in Bahasa Indonesia.")
    definition_en: str = Field(description="The definition in English.")
    columns: list[str]
    items: list[dict[str, Cell]]
