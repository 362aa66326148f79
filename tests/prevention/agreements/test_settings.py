"""The agreements' settings: reminder days are checked and kept widest first."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from apik_prevention.jobs import jobs
from apik_prevention.settings import Settings


def test_reminder_days_default_to_90_60_30_and_are_ordered():
    assert Settings().agreement_reminder_days == [90, 60, 30]
    assert Settings(agreement_reminder_days=[30, 90, 30]).agreement_reminder_days == [90, 30]


@pytest.mark.parametrize("days", [[], [0], [-30], [1000]])
def test_reminder_days_out_of_range_are_refused(days: list[int]):
    with pytest.raises(ValidationError):
        Settings(agreement_reminder_days=days)


def test_the_agreements_job_runs_in_every_replica():
    # The agreements, the suggestions and the subject requests' deadlines.
    assert len(jobs(Settings())) == 3
