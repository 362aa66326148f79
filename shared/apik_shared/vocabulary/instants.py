"""Moments a client sends, held to years a public record can have.

Far-off years are typing slips. Near the ends of Python's calendar a moment has no UTC
form (0001-01-01T00:00+01:00 falls in year 0), which neither Python nor PostgreSQL can
hold: such a value is refused as input, naming its field, instead of failing on its way
to the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator
from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def implausible_year() -> PydanticCustomError:
    """The refusal of a date or moment outside the years a record can have."""
    return invalid(
        "implausible_year",
        "must be a year between {min} and {max}",
        min=EARLIEST_YEAR,
        max=LATEST_YEAR,
    )


def plausible_year(value: datetime) -> datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise implausible_year()
    return value


def written_out(value: object) -> object:
    """A number is not a date: pydantic would read 20260105 as seconds after 1970 (a
    moment in January 1970), where the client meant 5 January 2026."""
    if isinstance(value, int | float):
        raise invalid("date_as_number", "must be written as an ISO 8601 text, e.g. 2026-01-05")
    return value


# A moment with its time zone: without one, the same digits name different moments in
# Jakarta, Makassar and Jayapura.
Instant = Annotated[AwareDatetime, BeforeValidator(written_out), AfterValidator(plausible_year)]
