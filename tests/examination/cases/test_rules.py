"""A case's manual status moves and when it may be classified (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_examination.cases.rules import (
    CaseAction,
    CaseStatus,
    Report,
    Standing,
    allowed_actions,
    can_classify,
    can_move,
    day_moment,
    moment_field,
    moment_problem,
)


class TestCaseStatus:
    def test_waiting_and_back(self):
        assert can_move(CaseStatus.open, CaseStatus.waiting_agency)
        assert can_move(CaseStatus.waiting_agency, CaseStatus.open)
        assert not can_move(CaseStatus.open, CaseStatus.open)
        assert not can_move(CaseStatus.closed, CaseStatus.open)
        assert not can_move(CaseStatus.open, CaseStatus.closed)  # closure has its own step

    def test_no_classification_after_the_conclusion(self):
        assert can_classify(CaseStatus.waiting_reporter)
        assert not can_classify(CaseStatus.concluded)


class TestRecommendationSteps:
    """Issue once after an LHP finding maladministration (concluded or monitoring);
    the agency's receipt once; its reports any number of times."""

    WORKS = Standing(works=True, assigns=False, closes=True)
    STEPS = {
        CaseAction.issue_recommendation,
        CaseAction.record_recommendation_receipt,
        CaseAction.record_recommendation_report,
    }

    def steps(self, status: CaseStatus, report: Report | None, standing=WORKS) -> set:
        return set(allowed_actions(status, standing, report)) & self.STEPS

    def test_issued_after_a_finding_of_maladministration(self):
        found = Report(open_actions=1, maladministration=True)
        assert self.steps(CaseStatus.concluded, found) == {CaseAction.issue_recommendation}
        assert self.steps(CaseStatus.monitoring, found) == {CaseAction.issue_recommendation}
        assert self.steps(CaseStatus.closed, found) == set()
        assert self.steps(CaseStatus.concluded, Report(open_actions=0)) == set()
        assert self.steps(CaseStatus.open, None) == set()

    def test_receipt_once_and_reports_after_the_issue(self):
        issued = Report(open_actions=0, maladministration=True, recommended=True)
        assert self.steps(CaseStatus.concluded, issued) == {
            CaseAction.record_recommendation_receipt,
            CaseAction.record_recommendation_report,
        }
        received = Report(open_actions=0, maladministration=True, recommended=True, received=True)
        assert self.steps(CaseStatus.monitoring, received) == {
            CaseAction.record_recommendation_report
        }

    def test_only_for_those_who_work_the_case(self):
        found = Report(open_actions=1, maladministration=True)
        head = Standing(works=False, assigns=False, closes=True)
        assert self.steps(CaseStatus.concluded, found, head) == set()


class TestStepMoments:
    """A step dated in an office's history: not in the future, not before the step
    before it (the opening at least)."""

    NOW = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)
    PREVIOUS = datetime(2022, 3, 1, 2, 0, tzinfo=UTC)  # 09:00 WIB, 1 March 2022

    def test_between_the_previous_step_and_now_is_fine(self):
        assert (
            moment_problem(
                datetime(2022, 6, 30, 3, 0, tzinfo=UTC), now=self.NOW, previous=self.PREVIOUS
            )
            is None
        )

    def test_the_same_instant_as_the_previous_step_or_now_is_fine(self):
        assert moment_problem(self.PREVIOUS, now=self.NOW, previous=self.PREVIOUS) is None
        assert moment_problem(self.NOW, now=self.NOW, previous=self.PREVIOUS) is None

    def test_a_minute_before_the_previous_step_is_refused(self):
        problem = moment_problem(
            self.PREVIOUS - timedelta(minutes=1), now=self.NOW, previous=self.PREVIOUS
        )
        assert problem is not None and problem.type == "before_previous_step"
        assert problem.context == {"previous": "2022-03-01T02:00:00+00:00"}
        assert "2022-03-01T02:00:00+00:00" in problem.message()

    def test_a_second_in_the_future_is_refused(self):
        problem = moment_problem(
            self.NOW + timedelta(seconds=1), now=self.NOW, previous=self.PREVIOUS
        )
        assert problem is not None and problem.type == "datetime_past"
        assert problem.message() == "This moment is in the future."

    def test_a_wait_is_dated_by_its_pause_and_work_by_its_resumption(self):
        assert moment_field(CaseStatus.waiting_agency) == "paused_at"
        assert moment_field(CaseStatus.waiting_reporter) == "paused_at"
        assert moment_field(CaseStatus.open) == "resumed_at"


class TestDayMoment:
    """Where work dated by a day sits in the case's log (and when a letter's wait starts)."""

    WIT = ZoneInfo("Asia/Jayapura")
    TODAY = date(2026, 4, 1)
    NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 12:00 WIT on TODAY
    OPENED_AT = datetime(2026, 3, 11, 1, 0, tzinfo=UTC)  # 10:00 WIT on 11 March

    def moment(self, day: date) -> datetime:
        return day_moment(
            day=day, today=self.TODAY, now=self.NOW, not_before=self.OPENED_AT, zone=self.WIT
        )

    def test_today_is_now(self):
        assert self.moment(self.TODAY) == self.NOW

    def test_a_past_day_is_its_midnight_in_the_offices_zone(self):
        # 20 March 00:00 WIT (UTC+9) is 19 March 15:00 UTC.
        assert self.moment(date(2026, 3, 20)) == datetime(2026, 3, 19, 15, 0, tzinfo=UTC)

    def test_the_opening_day_is_not_before_the_opening(self):
        # Midnight of 11 March WIT is before the 10:00 opening: the opening it is.
        assert self.moment(date(2026, 3, 11)) == self.OPENED_AT
