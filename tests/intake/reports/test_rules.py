"""The report state machine (pure)."""

from __future__ import annotations

import pytest

from apik_intake.reports.rules import (
    AGE_EXCEPTED,
    TOO_OLD,
    ReportStatus,
    Step,
    StepNotAllowed,
    age_exception_open,
    allowed_steps,
    next_status,
)
from apik_shared.vocabulary.inputs import normalise_phone

S = ReportStatus


def test_the_regular_path_ends_accepted():
    status = S.registered
    for step in (Step.formal_complete, Step.material_within_authority, Step.plenary_accept):
        status = next_status(status, step)
    assert status is S.accepted


def test_an_incomplete_report_can_be_completed_later():
    waiting = next_status(S.registered, Step.formal_incomplete)
    assert waiting is S.awaiting_completion
    assert next_status(waiting, Step.formal_complete) is S.formally_verified


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (S.registered, Step.plenary_accept),
        (S.registered, Step.material_within_authority),
        (S.accepted, Step.plenary_reject),
        (S.rejected, Step.formal_complete),
        (S.materially_verified, Step.formal_complete),
    ],
)
def test_steps_out_of_order_are_refused(status, step):
    with pytest.raises(StepNotAllowed):
        next_status(status, step)


def test_a_failed_material_verification_goes_to_the_plenary_which_rejects():
    failed = next_status(S.formally_verified, Step.material_outside_authority)
    assert failed is S.material_failed
    assert set(allowed_steps(failed)) == {
        Step.plenary_accept,
        Step.plenary_rco,
        Step.plenary_reject,
    }
    assert next_status(failed, Step.plenary_reject) is S.rejected
    with pytest.raises(StepNotAllowed):
        next_status(failed, Step.material_within_authority)


def test_an_own_initiative_investigation_goes_straight_to_the_plenary():
    from apik_intake.reports.rules import Kind

    assert set(allowed_steps(S.registered, kind=Kind.IPS)) == {
        Step.plenary_accept,
        Step.plenary_rco,
        Step.plenary_reject,
    }
    assert next_status(S.registered, Step.plenary_accept, kind=Kind.IPS) is S.accepted
    for step in (Step.formal_complete, Step.formal_incomplete, Step.material_within_authority):
        with pytest.raises(StepNotAllowed):
            next_status(S.registered, step, kind=Kind.IPS)
    # An LM still goes through verification first.
    with pytest.raises(StepNotAllowed):
        next_status(S.registered, Step.plenary_accept, kind=Kind.LM)


def test_closed_reports_allow_nothing():
    assert allowed_steps(S.accepted) == [] and allowed_steps(S.rejected) == []
    assert set(allowed_steps(S.materially_verified)) == {
        Step.plenary_accept,
        Step.plenary_rco,
        Step.plenary_reject,
    }


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("(0736) 21234", "+6273621234"),
    ],
)
def test_indonesian_phone_numbers_become_e164(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["abc", "12", "0812-3456-7890-1234-5678"])
def test_non_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_phone(raw)


def test_steps_are_guarded_by_kind():
    from apik_intake.reports.rules import Kind

    assert allowed_steps(S.registered, kind=Kind.KNL) == [Step.answer]
    assert next_status(S.registered, Step.answer, kind=Kind.KNL) is S.answered
    assert Step.answer not in allowed_steps(S.registered, kind=Kind.LM)
    with pytest.raises(StepNotAllowed):
        next_status(S.registered, Step.formal_complete, kind=Kind.KNL)
    with pytest.raises(StepNotAllowed):
        next_status(S.registered, Step.answer, kind=Kind.LM)
    # A copy is filed, never examined.
    assert allowed_steps(S.recorded, kind=Kind.TEMBUSAN) == []
    assert allowed_steps(S.answered, kind=Kind.KNL) == []


def test_each_kind_says_what_it_needs():
    from apik_intake.reports.rules import Kind, kind_problems

    lm = {"reporter", "reported_agency", "substance", "chronology"}
    assert kind_problems(Kind.LM, lm) == []
    assert [f for f, _ in kind_problems(Kind.LM, {"reporter", "substance", "question"})] == [
        "reported_agency",
        "chronology",
        "question",
    ]
    assert kind_problems(Kind.KNL, {"reporter", "question", "answer"}) == []
    assert [f for f, _ in kind_problems(Kind.TEMBUSAN, set())] == ["addressed_to", "reporter"]
    # The office's own investigation has no reporter, and refuses one.
    assert kind_problems(Kind.IPS, lm - {"reporter"}) == []
    assert [f for f, _ in kind_problems(Kind.IPS, lm)] == ["reporter"]


def test_material_verification_fails_on_any_finding():
    from apik_intake.steps.rules import material_failures

    def fails(**kw: bool | None) -> list[str]:
        args: dict = {"already_reported": None, "in_court": None, "agency_still_handling": None}
        return material_failures(**{"within_authority": True, **args, **kw})

    assert fails() == []
    assert fails(in_court=False, already_reported=False) == []
    assert fails(within_authority=False) == ["not_within_authority"]
    assert fails(already_reported=True, agency_still_handling=True) == [
        "already_reported",
        "agency_still_handling",
    ]


def test_the_age_exception_is_open_for_a_flagged_event_before_formal_verification():
    old = [TOO_OLD]
    assert age_exception_open(S.registered, old) and age_exception_open(S.awaiting_completion, old)
    assert not age_exception_open(S.registered, [*old, AGE_EXCEPTED])
    assert not age_exception_open(S.formally_verified, old)
    assert not age_exception_open(S.registered, [])
