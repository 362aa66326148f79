"""Normalized gain (N-gain, Hake 1998) of a pre- and post-test (pure), shared by the
internship's modules and the prevention unit's coaching clinics.

`g = (post - pre) / (max - pre)`: the share of what the learner could still learn that
they did learn. Computed exactly (fractions, not floats), so the edges are exact:

- **high**: g >= 0.7 (0.7 itself is high);
- **medium**: 0.3 <= g < 0.7 (0.3 itself is medium);
- **low**: g < 0.3, a negative gain (the post-test below the pre-test) included.

This is the usual Indonesian convention; Hake's own text writes the bounds strictly
(high > 0.7), so an office that follows it would see exactly 0.7 as medium: the edges
are stated here and tested rather than left to float rounding.

**Undefined**: when the pre-test is already at the maximum there is nothing left to
gain (`max - pre = 0`): g is undefined, shown as such, never as 0 or 1, and left out of
the mean of individual gains. A missing pre- or post-test has no gain either.

Per class (a module, a clinic), two summaries, named apart because they differ: the
**mean of individual gains** (over the learners whose gain is defined) and Hake's
**class gain**, from the class's average percentages:
`<g> = (%post - %pre) / (100 - %pre)`, over the learners with both tests (undefined
when the average pre-test is 100 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

HIGH = Fraction(7, 10)
MEDIUM = Fraction(3, 10)


class GainCategory(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    undefined = "undefined"


def n_gain(pre: int | None, post: int | None, max_score: int) -> Fraction | None:
    """The normalized gain, or None when undefined (a test missing, or pre at max)."""
    if pre is None or post is None or pre >= max_score:
        return None
    return Fraction(post - pre, max_score - pre)


def category(gain: Fraction | None) -> GainCategory:
    if gain is None:
        return GainCategory.undefined
    if gain >= HIGH:
        return GainCategory.high
    if gain >= MEDIUM:
        return GainCategory.medium
    return GainCategory.low


@dataclass(frozen=True)
class Scores:
    pre: int | None
    post: int | None
    max_score: int


@dataclass(frozen=True)
class Summary:
    """A class's gains: how many learners were tested, the mean of individual gains,
    Hake's class gain, and how many fell in each category."""

    tested: int  # with both tests
    mean_gain: Fraction | None
    class_gain: Fraction | None
    counts: dict[GainCategory, int]


def summary(results: Sequence[Scores]) -> Summary:
    complete = [r for r in results if r.pre is not None and r.post is not None]
    gains = [n_gain(r.pre, r.post, r.max_score) for r in complete]
    defined = [g for g in gains if g is not None]
    counts = {c: 0 for c in GainCategory}
    for gain in gains:
        counts[category(gain)] += 1
    class_gain: Fraction | None = None
    if complete:
        pre = sum((Fraction(r.pre or 0, r.max_score) for r in complete), Fraction(0)) / len(
            complete
        )
        post = sum((Fraction(r.post or 0, r.max_score) for r in complete), Fraction(0)) / len(
            complete
        )
        if pre < 1:
            class_gain = (post - pre) / (1 - pre)
    return Summary(
        tested=len(complete),
        mean_gain=sum(defined, Fraction(0)) / len(defined) if defined else None,
        class_gain=class_gain,
        counts=counts,
    )


def shown(gain: Fraction | None) -> float | None:
    """A gain for display, three decimals (the category is decided on the exact value)."""
    return None if gain is None else round(float(gain), 3)
