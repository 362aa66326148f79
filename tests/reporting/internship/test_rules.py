"""The internship KPIs' pure rules, with worked examples computed by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apik_reporting.internship.rules import Alarm, alarm_months, completion_rate, p90

T = datetime(2025, 3, 3, 2, tzinfo=UTC)


def _alarm(month: int, wait: float | None, escalations: int = 0) -> Alarm:
    ack = None if wait is None else T + timedelta(minutes=wait)
    return Alarm(month, T, ack, escalations)


def test_p90_is_the_nearest_rank():
    # n = 4: ⌈3.6⌉ = 4th smallest; n = 10: ⌈9⌉ = 9th; n = 11: ⌈9.9⌉ = 10th.
    assert p90([10, 2, 30, 4]) == 30
    assert p90(list(range(1, 11))) == 9
    assert p90(list(range(1, 12))) == 10
    assert p90([7]) == 7
    assert p90([]) is None


def test_completion_rate():
    assert completion_rate(2, 1) == 0.5
    assert completion_rate(3, 2) == 0.6667  # 0.66666… to four places
    assert completion_rate(0, 0) is None


def test_a_month_below_the_minimum_count_shows_nothing():
    # March: five cases, waits 4, 10, 2, 30 and one never acknowledged; escalations
    # 0 + 0 + 0 + 2 + 1 = 3. Median of 2, 4, 10, 30 = (4 + 10) / 2 = 7; p90 = 4th = 30.
    # April: two cases, fewer than five.
    alarms = [
        _alarm(3, 4),
        _alarm(3, 10),
        _alarm(3, 2),
        _alarm(3, 30, escalations=2),
        _alarm(3, None, escalations=1),
        _alarm(4, 1),
        _alarm(4, 3),
    ]
    months = alarm_months(alarms, min_count=5)
    assert [m.month for m in months] == list(range(1, 13))
    march, april = months[2], months[3]
    assert march.shown and march.raised == 5 and march.acknowledged == 4
    assert march.escalations == 3
    assert march.median_minutes == 7.0
    assert march.p90_minutes == 30.0
    assert not april.shown
    assert (april.raised, april.acknowledged, april.escalations) == (None, None, None)
    assert (april.median_minutes, april.p90_minutes) == (None, None)
    assert not months[0].shown  # an empty month holds fewer than five as well
    # With a minimum of two, April shows: median of 1 and 3 = 2, p90 = ⌈1.8⌉ = 2nd = 3.
    april = alarm_months(alarms, min_count=2)[3]
    assert april.shown and april.median_minutes == 2.0 and april.p90_minutes == 3.0


def test_a_shown_month_without_acknowledgements_has_no_times():
    months = alarm_months([_alarm(6, None, 1)] * 5, min_count=5)
    june = months[5]
    assert june.shown and june.raised == 5 and june.acknowledged == 0
    assert june.escalations == 5
    assert june.median_minutes is None and june.p90_minutes is None
