"""The publication's steps and the public distribution of a year's results. Pure."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from apik_prevention.assessments.rules import AssessmentStatus
from apik_prevention.publication.schemas import RegionCount, ResultCount, YearResults

# (from, to): what the step is called; the head takes the last two.
STEPS: dict[tuple[AssessmentStatus, AssessmentStatus], str] = {
    (AssessmentStatus.draft, AssessmentStatus.plenary): "to the plenary",
    (AssessmentStatus.plenary, AssessmentStatus.draft): "returned to draft",
    (AssessmentStatus.plenary, AssessmentStatus.published): "published",
}


def step(current: str, target: AssessmentStatus) -> str | None:
    """The step's name, or None when the assessment cannot move there from `current`."""
    return STEPS.get((AssessmentStatus(current), target))


@dataclass(frozen=True)
class Published:
    label: str
    zone: str | None
    grade: str | None
    band_min: float
    region: str


def distribution(year: int, rows: Sequence[Published]) -> YearResults:
    """How many units got each result, overall and per region, best result first."""
    order: dict[str, tuple[float, str | None, str | None]] = {}
    for row in rows:
        order.setdefault(row.label, (row.band_min, row.zone, row.grade))
    labels = sorted(order, key=lambda label: (-order[label][0], label))
    overall = Counter(row.label for row in rows)
    per_region: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        per_region[row.region][row.label] += 1
    return YearResults(
        year=year,
        published=len(rows),
        by_result=[
            ResultCount(
                label=label, zone=order[label][1], grade=order[label][2], count=overall[label]
            )
            for label in labels
        ],
        by_region=[
            RegionCount(
                region=region,
                published=sum(counts.values()),
                by_result={label: counts[label] for label in labels if counts[label]},
            )
            for region, counts in sorted(per_region.items())
        ],
    )
