"""Rubrics and their scores (pure).

Each rubric is a list of criteria scored 1 to 5 (the office's own are a setting,
`APIK_RUBRICS`; no SOP of the office was found, so the defaults below follow the
evaluation forms Indonesian universities send with MBKM interns). A filled rubric's score
is the mean of its criteria on 0 to 100: `(mean - 1) / 4 * 100`, so 1 is 0, 3 is 50 and
5 is 100, one decimal. The supervisors' final evaluation of an intern, which completion
asks for, is the mean of their evaluations' scores.

The interns' feedback on a unit or on the programme names the people they worked with:
it is shown as counts and means only, per unit, and only when at least
`APIK_STATISTICS_MIN_COUNT` interns gave it (fewer would point at who wrote it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid

LOWEST, HIGHEST = 1, 5


class Subject(StrEnum):
    intern = "intern"  # by a supervisor
    unit = "unit"  # by the intern, of the unit they were placed in
    programme = "programme"  # by the intern, of the internship as a whole


DEFAULT_RUBRICS: dict[Subject, list[str]] = {
    Subject.intern: [
        "discipline",
        "responsibility",
        "teamwork",
        "communication",
        "initiative",
        "mastery",
        "work_quality",
    ],
    Subject.unit: ["guidance", "workload", "learning", "respect", "facilities"],
    Subject.programme: ["guidebook", "organisation", "relevance", "overall"],
}


def unfilled(
    rubric: Sequence[str], scores: Mapping[str, int]
) -> list[tuple[str, PydanticCustomError]]:
    """What a filled rubric gets wrong: (criterion, why) for each missing or unknown
    criterion and each score off the scale."""
    problems = [(c, invalid("missing", f"{c}: missing")) for c in rubric if c not in scores]
    problems += [
        (c, invalid("extra_forbidden", f"{c}: not in the rubric"))
        for c in scores
        if c not in rubric
    ]
    problems += [
        (c, invalid("out_of_range", f"{c}: {v} is not {{min}} to {{max}}", min=LOWEST, max=HIGHEST))
        for c, v in scores.items()
        if c in rubric and not LOWEST <= v <= HIGHEST
    ]
    return problems


def score(scores: Mapping[str, int]) -> float:
    """The mean of the criteria on 0 to 100, one decimal."""
    mean = Fraction(sum(scores.values()), len(scores))
    return round(float((mean - LOWEST) / (HIGHEST - LOWEST) * 100), 1)


def final_score(scores: Iterable[float]) -> int | None:
    """The supervisors' final evaluation: the mean of their scores, rounded half up to a
    whole number (completion compares whole numbers); None when nobody evaluated."""
    values = list(scores)
    if not values:
        return None
    mean = Fraction(round(sum(values) * 10), 10 * len(values))
    return int(mean + Fraction(1, 2))


@dataclass(frozen=True)
class Feedback:
    """Interns' feedback on one unit (or the programme): shown only above the minimum."""

    target: str
    count: int | None  # None: under the minimum, withheld
    mean_score: float | None
    criteria: dict[str, float] | None


def feedback(
    target: str, filled: Sequence[Mapping[str, int]], rubric: Sequence[str], min_count: int
) -> Feedback:
    if len(filled) < min_count:
        return Feedback(target, None, None, None)
    criteria = {
        c: round(sum(f[c] for f in filled if c in f) / max(sum(1 for f in filled if c in f), 1), 2)
        for c in rubric
    }
    mean = round(sum(score(f) for f in filled) / len(filled), 1)
    return Feedback(target, len(filled), mean, criteria)
