"""A case's manual status moves and when it may be classified (pure)."""

from __future__ import annotations

from apik_examination.cases.rules import CaseStatus, can_classify, can_move


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
