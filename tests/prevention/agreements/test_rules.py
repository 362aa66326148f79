"""The agreements' pure rules, with worked examples counted by hand."""

from __future__ import annotations

from datetime import date

from apik_prevention.agreements.rules import (
    ACTIVATION_REFUSALS,
    AgreementKind,
    AgreementStatus,
    Reminder,
    activation_refusal,
    days_left,
    due_reminders,
    is_expired,
    renewal_overlaps,
    step,
)

THRESHOLDS = (90, 60, 30)
END = date(2027, 3, 31)


def test_the_statuses_move_draft_active_then_expired_or_terminated():
    assert step("draft", AgreementStatus.active) == "activated"
    assert step("active", AgreementStatus.expired) == "expired"
    assert step("active", AgreementStatus.terminated) == "terminated"
    # Nothing skips the signature, nothing comes back, an ended one stays ended.
    assert step("draft", AgreementStatus.expired) is None
    assert step("draft", AgreementStatus.terminated) is None
    assert step("expired", AgreementStatus.active) is None
    assert step("terminated", AgreementStatus.active) is None
    assert step("active", AgreementStatus.active) is None


def test_the_end_date_is_the_last_day_in_force():
    # 1 January to 31 March 2027: 31 days to 1 February, 28 to 1 March, 30 to the 31st.
    assert days_left(END, date(2027, 1, 1)) == 31 + 28 + 30
    assert days_left(END, END) == 0 and not is_expired(END, END)
    assert is_expired(END, date(2027, 4, 1))


def test_a_reminder_falls_due_when_no_more_days_are_left_than_its_threshold():
    # 1 January: 89 days left, within 90 only.
    assert due_reminders(
        ends_on=END, today=date(2027, 1, 1), thresholds=THRESHOLDS, recorded=()
    ) == [Reminder(90, 89, announce=True)]
    # 31 December 2026: 90 days left, exactly the threshold.
    assert [
        r.threshold
        for r in due_reminders(
            ends_on=END, today=date(2026, 12, 31), thresholds=THRESHOLDS, recorded=()
        )
    ] == [90]
    # 30 December 2026: 91 days, nothing yet.
    assert (
        due_reminders(ends_on=END, today=date(2026, 12, 30), thresholds=THRESHOLDS, recorded=())
        == []
    )


def test_what_was_recorded_is_not_due_again():
    assert (
        due_reminders(ends_on=END, today=date(2027, 1, 1), thresholds=THRESHOLDS, recorded={90})
        == []
    )
    # 1 February: 28 days to 1 March, 30 more to the 31st: 58, within 60.
    assert due_reminders(
        ends_on=END, today=date(2027, 2, 1), thresholds=THRESHOLDS, recorded={90}
    ) == [Reminder(60, 58, announce=True)]


def test_thresholds_reached_at_once_are_recorded_and_only_the_tightest_announced():
    # Activated on 10 March: 21 days left, all three reached, one announcement.
    assert due_reminders(
        ends_on=END, today=date(2027, 3, 10), thresholds=THRESHOLDS, recorded=()
    ) == [Reminder(90, 21, False), Reminder(60, 21, False), Reminder(30, 21, True)]
    # After the end date nothing is reminded: it expires.
    assert (
        due_reminders(ends_on=END, today=date(2027, 4, 1), thresholds=THRESHOLDS, recorded=()) == []
    )


def _refusal(
    kind: AgreementKind = AgreementKind.mou,
    *,
    has_document: bool = True,
    ends_on: date = END,
    parent_status: str | None = None,
) -> str:
    refusal = activation_refusal(
        kind=kind,
        has_document=has_document,
        ends_on=ends_on,
        today=date(2027, 1, 1),
        parent_status=parent_status,
    )
    return "" if refusal is None else f"{refusal.code}: {refusal.detail} {refusal.params}"


def test_activation_needs_the_signed_document_a_term_not_past_and_an_mou_in_force():
    assert _refusal() == ""
    assert _refusal(has_document=False).startswith("no_document: Upload the signed document")
    ended = _refusal(ends_on=date(2026, 12, 31))
    assert ended.startswith("ended: The agreement ended on 2026-12-31")
    assert "'ends_on': '2026-12-31'" in ended
    assert _refusal(ends_on=date(2027, 1, 1)) == ""  # its last day: still activated
    assert _refusal(AgreementKind.pks).startswith("mou_not_active: A PKS")
    assert _refusal(AgreementKind.pks, parent_status="expired").startswith("mou_not_active:")
    assert _refusal(AgreementKind.pks, parent_status="active") == ""


def test_every_activation_refusal_code_is_declared_for_clients():
    codes = {
        _refusal(has_document=False).split(":")[0],
        _refusal(ends_on=date(2026, 12, 31)).split(":")[0],
        _refusal(AgreementKind.pks).split(":")[0],
    }
    assert codes == set(ACTIVATION_REFUSALS)


def test_a_renewal_starts_after_the_version_it_renews_has_ended():
    assert renewal_overlaps(END, date(2027, 3, 31))  # its last day: two in force
    assert not renewal_overlaps(END, date(2027, 4, 1))
