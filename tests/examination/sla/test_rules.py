"""SLA clocks from event logs, on the real 2026 calendar (Nyepi and Idul Fitri in March).

Working days after Wed 11 Mar 2026 in Jakarta: 12, 13, 16, 17, then 18 to 24 Mar are off
(Nyepi, Idul Fitri and collective leave), 25, 26, 27, 30, 31 Mar, 1, 2 Apr, (3 Apr is
Good Friday), 6, 7, 8 Apr.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from apik_examination.cases.rules import TERMINAL_STATUSES
from apik_examination.sla.rules import (
    PolicyTerms,
    PolicyVersion,
    SlaPhase,
    SlaState,
    SlaUnit,
    Transition,
    breach_due,
    compute_clock,
    days_left,
    history_mark,
    select_policy,
    state_at,
)
from apik_shared.vocabulary.calendar import OfficeCalendar

WIB = ZoneInfo("Asia/Jakarta")
JAKARTA = OfficeCalendar()
TEN_DAYS = PolicyTerms(
    target=10,
    unit=SlaUnit.working_days,
    warning_ratio=0.8,
    pause_statuses=frozenset({"waiting_reporter", "waiting_agency"}),
)


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


def clock(*steps: tuple[datetime, str], now: datetime, terms: PolicyTerms = TEN_DAYS, **kw):
    return compute_clock(
        terms=terms,
        calendar=kw.get("calendar", JAKARTA),
        transitions=[Transition(at=a, status=s) for a, s in steps],
        terminal_statuses=TERMINAL_STATUSES,
        now=now,
    )


OPENED = (at(3, 11), "open")


class TestRunningClock:
    def test_on_track_across_lebaran(self):
        c = clock(OPENED, now=at(3, 23, 12))
        assert c.state is SlaState.on_track and c.phase is SlaPhase.running
        assert c.elapsed == 4  # 12, 13, 16, 17 Mar; the Lebaran break counts nothing
        assert c.due_on == date(2026, 4, 1)
        assert c.breach_at == datetime(2026, 4, 2, tzinfo=WIB)
        assert c.warn_at == datetime(2026, 3, 30, tzinfo=WIB)

    def test_warning_from_the_eighth_working_day(self):
        assert clock(OPENED, now=at(3, 27, 23, 59)).state is SlaState.on_track
        assert clock(OPENED, now=at(3, 30, 0, 0)).state is SlaState.warning
        assert clock(OPENED, now=at(4, 1, 23, 59)).state is SlaState.warning

    def test_breached_at_the_start_of_the_day_after_the_due_date(self):
        c = clock(OPENED, now=at(4, 2, 0, 0))
        assert c.state is SlaState.breached and c.phase is SlaPhase.breached
        assert c.breach_at == datetime(2026, 4, 2, tzinfo=WIB)
        assert c.due_on == date(2026, 4, 1)

    def test_a_friday_deadline_is_missed_on_saturday(self):
        seven = PolicyTerms(7, SlaUnit.working_days, 0.8, TEN_DAYS.pause_statuses)
        c = clock(OPENED, now=at(3, 28, 9), terms=seven)  # due Fri 27 Mar
        assert c.state is SlaState.breached
        assert c.breach_at == datetime(2026, 3, 28, tzinfo=WIB)

    def test_calendar_days_ignore_the_holidays(self):
        fortnight = PolicyTerms(14, SlaUnit.calendar_days, 0.5, TEN_DAYS.pause_statuses)
        c = clock(OPENED, now=at(3, 20), terms=fortnight)
        assert c.elapsed == 9 and c.due_on == date(2026, 3, 25)
        assert c.state is SlaState.warning  # 7 days is half of 14
        assert clock(OPENED, now=at(3, 26, 0, 1), terms=fortnight).state is SlaState.breached

    def test_the_office_time_zone_sets_midnight(self):
        papua = OfficeCalendar(timezone="Asia/Jayapura")
        c = clock(OPENED, now=at(3, 23), calendar=papua)
        # Opened 10:00 WIB = 12:00 WIT on 11 Mar; the breach is at midnight WIT.
        assert c.breach_at == datetime(2026, 4, 2, tzinfo=ZoneInfo("Asia/Jayapura"))
        assert c.breach_at < datetime(2026, 4, 2, tzinfo=WIB)


class TestDaysLeft:
    """The list's chip ("sisa 6 hari kerja", "lewat 2 hari") from the cached breach moment,
    the same number the detail computes as target - elapsed."""

    def test_across_lebaran_it_matches_the_detail(self):
        now = at(3, 23, 12)  # 4 of 10 working days used (docstring above)
        c = clock(OPENED, now=now)
        assert c.breach_at is not None
        assert days_left(JAKARTA, SlaUnit.working_days, c.breach_at, now) == 6 == c.remaining

    def test_on_the_due_day_none_left_and_then_overdue_by_working_days(self):
        breach = datetime(2026, 4, 2, tzinfo=WIB)  # due Wed 1 Apr
        assert days_left(JAKARTA, SlaUnit.working_days, breach, at(4, 1, 16)) == 0
        # Thu 2 Apr is one working day late; Good Friday (3 Apr) and the weekend add none.
        assert days_left(JAKARTA, SlaUnit.working_days, breach, at(4, 5, 9)) == -1
        assert days_left(JAKARTA, SlaUnit.working_days, breach, at(4, 6, 9)) == -2

    def test_calendar_days_count_every_day(self):
        breach = datetime(2026, 4, 2, tzinfo=WIB)
        assert days_left(JAKARTA, SlaUnit.calendar_days, breach, at(3, 23, 12)) == 9


class TestPauses:
    def test_waiting_for_the_agency_pauses_and_moves_the_deadline(self):
        steps = [OPENED, (at(3, 13), "waiting_agency"), (at(3, 26), "open")]
        paused = clock(*steps[:2], now=at(3, 20))
        assert paused.state is SlaState.paused and paused.due_on is None
        assert paused.elapsed == 2
        resumed = clock(*steps, now=at(3, 26, 15))
        # Two days used before the pause (12, 13 Mar); the resume day Thu 26 Mar is the
        # third; seven left after it: 27, 30, 31 Mar, 1, 2, 6, 7 Apr: due Tue 7 Apr.
        assert resumed.state is SlaState.on_track and resumed.elapsed == 3
        assert resumed.due_on == date(2026, 4, 7)

    def test_the_resume_day_counts(self):
        """Opened Thu 26 Feb, paused Mon 2 Mar, resumed Wed 4 Mar, read Thu 5 Mar.

        By hand: Fri 27 Feb (1), Mon 2 Mar, the pause day, worked until 10:00 (2), Tue 3
        Mar paused all day (not counted), Wed 4 Mar, the resume day (3), Thu 5 Mar (4).
        Six left after 5 Mar: 6, 9, 10, 11, 12, 13 Mar: due Fri 13 Mar. (Before issue 17
        the resume day was free: 3 days, due Mon 16 Mar.)
        """
        steps = [(at(2, 26), "open"), (at(3, 2), "waiting_reporter"), (at(3, 4), "open")]
        c = clock(*steps, now=at(3, 5, 12))
        assert c.elapsed == 4 and c.remaining == 6
        assert c.due_on == date(2026, 3, 13)
        assert c.breach_at == datetime(2026, 3, 14, tzinfo=WIB)
        # Read on the resume day itself, the day is already charged.
        assert clock(*steps, now=at(3, 4, 11)).elapsed == 3

    def test_the_resume_day_counts_in_calendar_days(self):
        """14 calendar days; opened Wed 11 Mar, paused Fri 13 Mar (12, 13: 2 days),
        resumed Mon 16 Mar (16: the 3rd day); 11 more after it: due Fri 27 Mar."""
        fortnight = PolicyTerms(14, SlaUnit.calendar_days, 0.8, TEN_DAYS.pause_statuses)
        steps = [OPENED, (at(3, 13), "waiting_agency"), (at(3, 16), "open")]
        c = clock(*steps, now=at(3, 16, 12), terms=fortnight)
        assert c.elapsed == 3 and c.due_on == date(2026, 3, 27)

    def test_resuming_with_no_day_left_breaches_at_once(self):
        """Ten working days used by the pause on Wed 1 Apr (12, 13, 16, 17, 25, 26, 27,
        30, 31 Mar, 1 Apr); resuming on Mon 6 Apr charges an eleventh day."""
        steps = [OPENED, (at(4, 1, 16), "waiting_agency"), (at(4, 6, 9), "open")]
        assert clock(*steps[:2], now=at(4, 6, 8)).state is SlaState.paused
        c = clock(*steps, now=at(4, 6, 10))
        assert c.state is SlaState.breached and c.breach_at == at(4, 6, 9)

    def test_pausing_and_resuming_the_same_day_costs_nothing(self):
        steps = [OPENED, (at(3, 12, 9), "waiting_reporter"), (at(3, 12, 16), "open")]
        assert clock(*steps, now=at(3, 23)).due_on == date(2026, 4, 1)

    def test_a_breach_stays_when_the_case_is_paused_afterwards(self):
        steps = [OPENED, (at(4, 3), "waiting_reporter")]
        c = clock(*steps, now=at(4, 20))
        assert c.state is SlaState.breached
        assert c.breach_at == datetime(2026, 4, 2, tzinfo=WIB)

    def test_resuming_with_the_warning_already_reached(self):
        steps = [OPENED, (at(3, 31, 8), "waiting_agency"), (at(4, 6, 9), "open")]
        c = clock(*steps, now=at(4, 6, 9, 30))
        assert c.state is SlaState.warning and c.warn_at == at(4, 6, 9)
        # Nine days to Tue 31 Mar; the resume day Mon 6 Apr is the tenth and last.
        assert c.elapsed == 10 and c.due_on == date(2026, 4, 6)


class TestStopped:
    def test_concluded_within_the_target_is_met(self):
        c = clock(OPENED, (at(3, 31), "concluded"), now=at(5, 1))
        assert c.state is SlaState.met and c.elapsed == 9 and c.breach_at is None

    def test_concluded_after_the_due_date_is_breached(self):
        c = clock(OPENED, (at(4, 2, 8), "concluded"), now=at(5, 1))
        assert c.state is SlaState.breached and c.due_on == date(2026, 4, 1)


def test_a_case_has_at_least_its_opening():
    with pytest.raises(ValueError):
        clock(now=at(3, 11))


class TestStateAt:
    def test_a_running_row_becomes_warning_then_breached(self):
        warn, breach = at(3, 30, 0, 0), at(4, 2, 0, 0)
        assert state_at(SlaPhase.running, warn, breach, at(3, 29)) is SlaState.on_track
        assert state_at(SlaPhase.running, warn, breach, warn) is SlaState.warning
        assert state_at(SlaPhase.running, warn, breach, breach) is SlaState.breached

    def test_other_phases_are_final(self):
        assert state_at(SlaPhase.paused, None, None, at(9, 1)) is SlaState.paused
        assert state_at(SlaPhase.met, None, None, at(9, 1)) is SlaState.met


def version(n: int, since: datetime, cls: str | None = None, track: str = "regular", target=30):
    terms = PolicyTerms(target, SlaUnit.working_days, 0.8, frozenset())
    return PolicyVersion(f"{track}/{cls}/{n}", track, cls, n, since, terms)


class TestSelectPolicy:
    V1 = version(1, at(1, 1))
    V2 = version(2, at(6, 1), target=20)
    SEDANG = version(1, at(1, 1), "sedang", target=120)
    RAPID = version(1, at(1, 1), track="rapid_response")

    def test_a_case_keeps_the_version_in_force_when_it_opened(self):
        policies = [self.V1, self.V2]
        assert (
            select_policy(policies, track="regular", classification=None, opened_at=at(3, 1))
            == self.V1
        )
        assert (
            select_policy(policies, track="regular", classification=None, opened_at=at(7, 1))
            == self.V2
        )

    def test_a_retroactive_version_reaches_cases_opened_since(self):
        v3 = version(3, at(2, 1), target=25)
        chosen = select_policy(
            [self.V1, self.V2, v3], track="regular", classification=None, opened_at=at(3, 1)
        )
        assert chosen == v3

    def test_a_case_older_than_every_version_takes_the_first(self):
        assert (
            select_policy([self.V2], track="regular", classification=None, opened_at=at(1, 2))
            == self.V2
        )

    def test_classification_first_then_the_tracks_fallback(self):
        policies = [self.V1, self.SEDANG, self.RAPID]
        assert (
            select_policy(policies, track="regular", classification="sedang", opened_at=at(3, 1))
            == self.SEDANG
        )
        assert (
            select_policy(policies, track="regular", classification="berat", opened_at=at(3, 1))
            == self.V1
        )
        assert (
            select_policy(
                policies, track="rapid_response", classification="sedang", opened_at=at(3, 1)
            )
            == self.RAPID
        )
        assert (
            select_policy([self.SEDANG], track="regular", classification=None, opened_at=at(3, 1))
            is None
        )

    def test_a_policy_change_recomputes_the_same_log(self):
        steps = [Transition(at=at(3, 11), status="open")]
        before = compute_clock(
            terms=self.V1.terms,
            calendar=JAKARTA,
            transitions=steps,
            terminal_statuses=TERMINAL_STATUSES,
            now=at(4, 20),
        )
        tighter = PolicyTerms(10, SlaUnit.working_days, 0.8, frozenset())
        after = compute_clock(
            terms=tighter,
            calendar=JAKARTA,
            transitions=steps,
            terminal_statuses=TERMINAL_STATUSES,
            now=at(4, 20),
        )
        assert before.state is SlaState.on_track and after.state is SlaState.breached


def test_a_calendar_closure_moves_the_due_date():
    closed = JAKARTA.with_days_off(closures=[date(2026, 3, 31)])
    c = clock(OPENED, now=at(3, 23), calendar=closed)
    assert c.due_on == date(2026, 4, 1) + timedelta(days=1)


class TestHistoryEntry:
    """A case of an office's past, entered today: its breach waits for the entry to settle."""

    TODAY = datetime(2026, 12, 5, 9, 0, tzinfo=WIB)
    DUE_2022 = datetime(2022, 3, 18, 0, 0, tzinfo=WIB)  # the start of the day after it
    DAY = timedelta(hours=24)

    def test_a_step_dated_now_leaves_no_mark(self):
        # 09:00 recorded at 09:03: within the five minutes a request or handoff takes.
        assert history_mark(self.TODAY, self.TODAY + timedelta(minutes=3)) is None

    def test_a_step_dated_in_2022_is_marked_with_its_recording(self):
        assert history_mark(self.DUE_2022, self.TODAY) == self.TODAY

    def test_a_breach_of_a_case_taken_as_it_happens_is_reported_at_once(self):
        assert breach_due(
            breach_at=self.DUE_2022, history_recorded_at=None, now=self.TODAY, settle=self.DAY
        )

    def test_a_breach_after_the_entry_is_news(self):
        # Entered at 09:00 with a past still in time, the deadline passes at 10:00.
        later = self.TODAY + timedelta(hours=1)
        assert breach_due(
            breach_at=later, history_recorded_at=self.TODAY, now=later, settle=self.DAY
        )

    def test_a_breach_the_entered_past_held_waits_a_day(self):
        # Entered at 09:00 today: not at 09:00 tomorrow less a minute, at 09:00 tomorrow.
        almost = self.TODAY + self.DAY - timedelta(minutes=1)
        assert not breach_due(
            breach_at=self.DUE_2022, history_recorded_at=self.TODAY, now=almost, settle=self.DAY
        )
        assert breach_due(
            breach_at=self.DUE_2022,
            history_recorded_at=self.TODAY,
            now=self.TODAY + self.DAY,
            settle=self.DAY,
        )
