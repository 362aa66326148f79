"""The Red Button's pure rules (`apik_internship.red_button.rules`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from apik_internship.red_button.rules import (
    Mode,
    identity_shown,
    new_receipt,
    protection_due,
    receipt_hash,
    takes_identity,
)


def test_protection_is_due_24_clock_hours_after_the_report_even_over_a_holiday():
    # Raised Friday 22:30 WIB (15:30 UTC) before a long weekend: due Saturday 22:30 WIB,
    # not the next working day; the law counts 1x24 hours.
    raised = datetime(2027, 3, 26, 15, 30, tzinfo=UTC)
    assert protection_due(raised, 24) == datetime(2027, 3, 27, 15, 30, tzinfo=UTC)
    # An office that promises 12 hours: 15:30 + 12 h = 03:30 the next day (UTC).
    assert protection_due(raised, 12) == datetime(2027, 3, 27, 3, 30, tzinfo=UTC)


def test_a_receipt_is_sixteen_digits_in_four_groups():
    receipts = {new_receipt() for _ in range(500)}
    assert len(receipts) == 500
    assert all(re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", r) for r in receipts)
    assert receipt_hash(b"k" * 32, "1234 5678 9012 3456") != receipt_hash(
        b"j" * 32, "1234 5678 9012 3456"
    )


def test_only_an_identified_report_shows_who_raised_it():
    assert [takes_identity(m) for m in Mode] == [True, True, False]
    assert [identity_shown(m) for m in Mode] == [True, False, False]
