"""The procurement risk register's pure rules: levels, the heat map, overdue reviews (no
FastAPI, no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RiskLevel(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    extreme = "extreme"


class RiskStatus(StrEnum):
    open = "open"  # identified, no mitigation under way yet
    mitigating = "mitigating"
    accepted = "accepted"  # the office lives with it, reviewed still
    closed = "closed"  # no longer a risk: leaves the heat map and the review list


# The 5x5 matrix's bands by likelihood times impact: a rare catastrophe (1 x 5) is medium,
# anything likely and severe (from 4 x 5 = 20) is extreme.
_BANDS = ((4, RiskLevel.low), (9, RiskLevel.medium), (16, RiskLevel.high))


def risk_level(likelihood: int, impact: int) -> RiskLevel:
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError("likelihood and impact are 1 to 5")
    score = likelihood * impact
    for ceiling, level in _BANDS:
        if score <= ceiling:
            return level
    return RiskLevel.extreme


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    level: RiskLevel
    count: int


def heat_map(risks: Iterable[tuple[int, int]]) -> list[HeatCell]:
    """All 25 cells, impact 5 to 1 (top row first) and likelihood 1 to 5 in each row, with
    how many of the given (likelihood, impact) pairs fall in each."""
    counts: dict[tuple[int, int], int] = {}
    for pair in risks:
        counts[pair] = counts.get(pair, 0) + 1
    return [
        HeatCell(
            likelihood, impact, risk_level(likelihood, impact), counts.get((likelihood, impact), 0)
        )
        for impact in range(5, 0, -1)
        for likelihood in range(1, 6)
    ]


def review_overdue(*, review_on: date, today: date, status: RiskStatus) -> bool:
    return status is not RiskStatus.closed and review_on < today
