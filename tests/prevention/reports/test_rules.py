"""The report's period and when an agreement is in force (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from apik_prevention.reports.rules import Period, expiring_soon, in_force_on, rate


@pytest.mark.parametrize(
    ("period", "first", "last", "title", "slug"),
    [
        (Period(2024), date(2024, 1, 1), date(2024, 12, 31), "Tahun 2024", "2024"),
        (Period(2024, 1), date(2024, 1, 1), date(2024, 3, 31), "Triwulan I Tahun 2024", "2024-q1"),
        (Period(2024, 2), date(2024, 4, 1), date(2024, 6, 30), "Triwulan II Tahun 2024", "2024-q2"),
        (
            Period(2024, 3),
            date(2024, 7, 1),
            date(2024, 9, 30),
            "Triwulan III Tahun 2024",
            "2024-q3",
        ),
        (
            Period(2024, 4),
            date(2024, 10, 1),
            date(2024, 12, 31),
            "Triwulan IV Tahun 2024",
            "2024-q4",
        ),
    ],
)
def test_a_period_is_a_year_or_its_quarter(period, first, last, title, slug) -> None:
    assert (period.first, period.last, period.title, period.slug) == (first, last, title, slug)
    assert period.holds(first) and period.holds(last)
    assert not period.holds(date(first.year - 1, 12, 31)) and not period.holds(None)


def test_in_force_needs_activation_the_term_and_no_end_yet() -> None:
    term = {"starts_on": date(2025, 1, 1), "ends_on": date(2025, 12, 31)}
    day = date(2025, 6, 30)
    assert in_force_on(day, **term, activated_on=date(2025, 1, 2), ended_on=None)
    assert not in_force_on(day, **term, activated_on=None, ended_on=None)  # a draft
    assert not in_force_on(day, **term, activated_on=date(2025, 7, 1), ended_on=None)
    assert not in_force_on(day, **term, activated_on=date(2025, 1, 2), ended_on=day)
    assert in_force_on(day, **term, activated_on=date(2025, 1, 2), ended_on=date(2025, 7, 1))
    # Its last day is in force; the day after is not.
    assert in_force_on(date(2025, 12, 31), **term, activated_on=date(2025, 1, 2), ended_on=None)
    assert not in_force_on(date(2026, 1, 1), **term, activated_on=date(2025, 1, 2), ended_on=None)


def test_expiring_within_ninety_days_and_the_rate() -> None:
    assert expiring_soon(date(2025, 12, 31), date(2026, 3, 31))  # 90 days later
    assert not expiring_soon(date(2025, 12, 31), date(2026, 4, 1))
    assert rate(1, 3) == 33.3 and rate(0, 0) is None
