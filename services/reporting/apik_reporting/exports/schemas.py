"""The table every exportable answer is: named columns, one dict of cells per row."""

from __future__ import annotations

from pydantic import BaseModel

Cell = str | int | float | None


class Table(BaseModel):
    """A breakdown or an activity list: `columns` say the order of each item's cells."""

    year: int
    office: str | None
    definition: str
    columns: list[str]
    items: list[dict[str, Cell]]
