"""Scoring a duplicate candidate (pure): which signals, how much each weighs, and why.

A copy or a re-sent letter usually comes from the same reporter, repeats the text, and
names the same agency and sector within a few months. No signal alone is proof, so the
score adds them up and the reasons say which ones fired, for the analyst to judge.
"""

from __future__ import annotations

from dataclasses import dataclass

WEIGHT_REPORTER = 0.4
WEIGHT_TEXT = 0.5  # times the trigram similarity (0..1)
WEIGHT_AGENCY = 0.15  # same agency within the window
WEIGHT_SUBSTANCE = 0.05  # same sector within the window
SIMILAR_TEXT = 0.3  # from here on, text similarity is a reason of its own
THRESHOLD = 0.35  # below this a pair is not shown


@dataclass(frozen=True)
class Signals:
    same_reporter: bool
    text_similarity: float
    same_agency: bool
    same_substance: bool
    days_apart: float


def score(signals: Signals, *, window_days: int) -> tuple[float, list[str]]:
    """(score 0..1, reasons) for one pair of reports."""
    total, reasons = 0.0, []
    if signals.same_reporter:
        total += WEIGHT_REPORTER
        reasons.append("same_reporter")
    similarity = max(0.0, min(1.0, signals.text_similarity))
    total += WEIGHT_TEXT * similarity
    if similarity >= SIMILAR_TEXT:
        reasons.append("similar_text")
    if signals.days_apart <= window_days:
        if signals.same_agency:
            total += WEIGHT_AGENCY
            reasons.append("same_agency")
        if signals.same_substance and signals.same_agency:
            total += WEIGHT_SUBSTANCE
            reasons.append("same_substance")
    return round(min(total, 1.0), 3), reasons


def is_candidate(value: float) -> bool:
    return value >= THRESHOLD
