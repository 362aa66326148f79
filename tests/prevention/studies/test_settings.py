"""The suggestions' reminder offsets: ordered, de-duplicated, within a year either side."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from apik_prevention.settings import Settings


def test_reminder_offsets_default_to_two_weeks_before_a_day_and_a_month_after() -> None:
    assert Settings().suggestion_reminder_offsets == [-14, 1, 30]
    assert Settings(suggestion_reminder_offsets=[30, -7, 30]).suggestion_reminder_offsets == [
        -7,
        30,
    ]


@pytest.mark.parametrize("offsets", [[], [-400], [366]])
def test_reminder_offsets_out_of_range_are_refused(offsets: list[int]) -> None:
    with pytest.raises(ValidationError):
        Settings(suggestion_reminder_offsets=offsets)
