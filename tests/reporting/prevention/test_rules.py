"""The prevention KPIs' pure rules: shares, means, the clinics' gain categories."""

from __future__ import annotations

from apik_reporting.prevention.rules import gain_categories, mean, share


def test_the_gain_categories_count_every_clinic_at_the_edges() -> None:
    counts = gain_categories([0.7, 0.699, 0.3, 0.299, -0.1, None])
    assert counts == {"high": 1, "medium": 2, "low": 2, "undefined": 1}
    assert gain_categories([]) == {"high": 0, "medium": 0, "low": 0, "undefined": 0}


def test_shares_and_means_of_nothing_are_none() -> None:
    assert share(1, 3) == 0.3333 and share(0, 0) is None
    assert mean([0.5, None, 0.25]) == 0.375 and mean([None]) is None
