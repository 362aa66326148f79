"""Who gets the next case of an office's round-robin (pure: no FastAPI, no database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Candidate:
    examiner_id: str
    open_cases: int
    capacity: int
    in_rotation: bool = True
    absent_from: date | None = None
    absent_until: date | None = None

    def absent_on(self, day: date) -> bool:
        if self.absent_from is None and self.absent_until is None:
            return False
        starts = self.absent_from or date.min
        ends = self.absent_until or date.max
        return starts <= day <= ends

    def available_on(self, day: date) -> bool:
        return self.in_rotation and not self.absent_on(day) and self.open_cases < self.capacity


def next_in_turn(
    candidates: Sequence[Candidate], *, last: str | None, today: date
) -> Candidate | None:
    """The first available examiner after `last` in a stable order (by id), wrapping round.

    Skipping someone who is absent or full does not move the turn past them for good:
    the turn is whoever was picked, so they come up again at the next round.
    """
    ordered = sorted(candidates, key=lambda c: c.examiner_id)
    if not ordered:
        return None
    start = 0
    if last is not None:
        after = [i for i, c in enumerate(ordered) if c.examiner_id > last]
        start = after[0] if after else 0
    for offset in range(len(ordered)):
        candidate = ordered[(start + offset) % len(ordered)]
        if candidate.available_on(today):
            return candidate
    return None
