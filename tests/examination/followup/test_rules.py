"""The steps after the final report (LHP), as pure rules with worked examples."""

from __future__ import annotations

from datetime import date, timedelta

from apik_examination.closure.rules import in_monitoring
from apik_examination.followup.rules import (
    recommendation_due,
    recommendation_overdue,
    report_late,
    response_late,
)
from apik_shared.vocabulary.calendar import OfficeCalendar

JAKARTA = OfficeCalendar()


class TestMonitoring:
    """LHP on Wed 11 Mar 2026 in Jakarta; 30 working days for the corrective actions.

    By hand: 12, 13, 16, 17 Mar (4); 18-24 Mar are Nyepi, Idul Fitri and collective
    leave; 25, 26, 27, 30, 31 Mar (9); 1, 2 Apr (11); 3 Apr is Good Friday; 6-10 Apr
    (16); 13-17 Apr (21); 20-24 Apr (26); 27, 28, 29, 30 Apr (30). Due Thu 30 Apr; 1 May
    is Labour Day, so the first day past it is Fri 1 May all the same.
    """

    LHP = date(2026, 3, 11)
    DUE = date(2026, 4, 30)

    def test_the_deadline_is_thirty_working_days_after_the_lhp(self):
        assert JAKARTA.add_working_days(self.LHP, 30) == self.DUE

    def test_monitoring_starts_the_day_after_the_deadline(self):
        assert not in_monitoring(due_on=self.DUE, done=[False], today=self.DUE)
        assert in_monitoring(due_on=self.DUE, done=[False], today=date(2026, 5, 1))

    def test_one_open_action_is_enough(self):
        assert in_monitoring(due_on=self.DUE, done=[True, False], today=date(2026, 5, 4))

    def test_every_action_done_or_none_listed_is_no_monitoring(self):
        assert not in_monitoring(due_on=self.DUE, done=[True, True], today=date(2026, 5, 4))
        assert not in_monitoring(due_on=None, done=[], today=date(2026, 5, 4))


class TestReporterResponse:
    """LHP on Wed 11 Mar 2026: 11 + 14 = Wed 25 Mar is the last day to respond."""

    LHP = date(2026, 3, 11)
    UNTIL = date(2026, 3, 25)

    def test_the_fourteenth_day_is_in_time(self):
        assert self.LHP + timedelta(days=14) == self.UNTIL
        assert not response_late(received_on=date(2026, 3, 25), until=self.UNTIL)

    def test_the_fifteenth_day_is_late(self):
        assert response_late(received_on=date(2026, 3, 26), until=self.UNTIL)


class TestRecommendation:
    """UU 37/2008 art. 38(2): the superior reports within 60 days of receiving it.

    Received Mon 4 May 2026. By hand, in calendar days: 5-31 May are days 1-27, 1-30 Jun
    days 28-57, 1-3 Jul days 58-60. Due Fri 3 Jul 2026.
    """

    RECEIVED = date(2026, 5, 4)
    DUE = date(2026, 7, 3)

    def test_sixty_calendar_days_from_receipt(self):
        assert recommendation_due(received_on=self.RECEIVED, days=60) == self.DUE

    def test_overdue_the_day_after_without_a_report(self):
        assert not recommendation_overdue(due_on=self.DUE, reported=False, today=self.DUE)
        assert recommendation_overdue(due_on=self.DUE, reported=False, today=date(2026, 7, 4))
        assert not recommendation_overdue(due_on=self.DUE, reported=True, today=date(2026, 9, 1))

    def test_no_deadline_before_the_receipt_is_known(self):
        assert not recommendation_overdue(due_on=None, reported=False, today=date(2027, 1, 1))
        assert not report_late(received_on=date(2027, 1, 1), due_on=None)

    def test_a_report_after_the_deadline_is_late(self):
        assert not report_late(received_on=self.DUE, due_on=self.DUE)
        assert report_late(received_on=date(2026, 7, 4), due_on=self.DUE)
