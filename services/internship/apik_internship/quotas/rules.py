"""Quotas per period and unit (pure).

A quota is how many interns a unit takes in one calendar month. An internship occupies
every month its period touches: 15 January to 14 March counts in January, February and
March, because on some day of each it is there. Accepting it into a unit needs a free
place in each of those months, counting every internship already accepted into that unit
that touches the month (it may not be there on the same days: counting per month keeps
the rule one a coordinator checks by hand on a wall calendar, and errs on the side of a
unit that is not overfilled).

A month the office has set no quota for has no places: a unit takes nobody until the
coordinator says how many it takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def months_touched(start: date, end: date) -> list[date]:
    """The first day of every month from `start`'s to `end`'s, both included."""
    if end < start:
        raise ValueError("a period ends on or after its start")
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def taken_per_month(
    periods: Iterable[tuple[date, date]], months: Iterable[date]
) -> dict[date, int]:
    """For each of `months`, how many of `periods` (accepted internships) touch it."""
    touched = [set(months_touched(start, end)) for start, end in periods]
    return {month: sum(month in t for t in touched) for month in months}


@dataclass(frozen=True)
class MonthLoad:
    month: date
    places: int  # 0 when no quota was set
    taken: int

    @property
    def free(self) -> int:
        return max(self.places - self.taken, 0)


def loads(
    months: Iterable[date], places: Mapping[date, int], taken: Mapping[date, int]
) -> list[MonthLoad]:
    return [MonthLoad(m, places.get(m, 0), taken.get(m, 0)) for m in months]


def full_months(
    start: date, end: date, places: Mapping[date, int], periods: Iterable[tuple[date, date]]
) -> list[MonthLoad]:
    """The months of [start, end] with no free place left, given the unit's quotas and the
    periods already accepted into it: empty when the internship fits."""
    months = months_touched(start, end)
    per_month = loads(months, places, taken_per_month(periods, months))
    return [load for load in per_month if load.free == 0]
