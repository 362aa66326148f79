"""Allocating a cohort's interns to units, phase by phase of the rotation (pure).

What "fair" means here, in this order:

1. **Capacity is never exceeded**, and as many interns as the capacities allow are
   placed (nobody is left out while a place they could take is free, even through a
   chain of moves).
2. **Rank-maximal**: among those allocations, none gives more interns their first
   choice; among those with the most first choices, none gives more their second; and so
   on. A unit the intern did not list ranks after every unit they listed; a unit they
   already had in an earlier phase ranks last (a rotation moves people on). So nobody is
   sent to an unlisted unit when a swap would give everyone a unit they listed, and
   nobody takes someone's first choice with their own second when the other would
   otherwise fall to a lower rank.
3. **Ties go by a lottery, not by speed or name**: when two interns want the last place
   of a unit at the same rank, the one earlier in the order wins. The order is a keyed
   hash of the cohort and the application (`lottery`), fixed for the cohort and the same
   on every run; from the second phase on, interns who got worse ranks in earlier phases
   come first (`phase_order`), so the same intern does not lose every tie. When places
   run short, who is left out is chosen by the same measure (the interns left out are
   those whose absence lets the others fare best), then by the order.

Deterministic: the same interns, preferences and capacities always give the same plan,
whatever order they are passed in. The method is the minimum-cost flow of Moodle's
ratingallocate (the research page), with lexicographic weights: a first choice weighs
more than any number of second choices. Interns are added one at a time, each
round the one whose cheapest chain of moves between units costs least (successive
shortest paths, which keeps the allocation optimal for its size), so the cost is about
interns^2 x units^3, small for the hundreds a cohort holds and the few units an office has.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Candidate:
    """An intern to place: a key (the application id), the units they ranked (best
    first), the units they already had (ranked last), their place in the order, and the
    phases of the rotation their own period overlaps (None: every phase)."""

    key: str
    preferences: tuple[str, ...]
    had: frozenset[str] = field(default_factory=frozenset)
    order: str = ""
    phases: frozenset[int] | None = None


@dataclass(frozen=True)
class Allocation:
    placed: dict[str, str]  # key -> unit
    ranks: dict[str, int]  # key -> the rank of their unit (0: first choice)
    unplaced: list[str]  # keys, in order


def lottery(cohort: str, key: str) -> str:
    """A candidate's place in the cohort's order: fixed, not guessable from the name or
    the filing time."""
    return hashlib.sha256(f"apik-cohort:{cohort}:{key}".encode()).hexdigest()


def rank_of(candidate: Candidate, unit: str, units: Sequence[str]) -> int:
    """0 for the first listed unit not had yet, 1 the next, …; `len(units)` for a unit
    not listed; `len(units) + 1` for a unit already had."""
    if unit in candidate.had:
        return len(units) + 1
    listed = [u for u in candidate.preferences if u not in candidate.had]
    return listed.index(unit) if unit in listed else len(units)


def allocate(candidates: Sequence[Candidate], capacity: Mapping[str, int]) -> Allocation:
    """Places `candidates` into the units of `capacity` (places per unit), fairly in the
    sense of this module's docstring."""
    units = [u for u in capacity if capacity[u] > 0]
    ordered = sorted(candidates, key=lambda c: (c.order, c.key))
    base = len(ordered) + 1
    levels = len(capacity) + 2
    # Lexicographic weight: rank r costs -base**(levels - 1 - r); n interns at rank r
    # never outweigh one at rank r - 1.
    cost: dict[tuple[str, str], int] = {}
    for c in ordered:
        for u in units:
            cost[c.key, u] = -(base ** (levels - 1 - rank_of(c, u, list(capacity))))
    position = {c.key: i for i, c in enumerate(ordered)}
    waiting = [c.key for c in ordered]
    at: dict[str, str] = {}
    members: dict[str, list[str]] = {u: [] for u in units}
    # Successive shortest paths from all who wait at once: each round places the one
    # intern whose cheapest chain is cheapest overall, so after k rounds the k placed
    # are the best k-intern allocation, and who is left out when places run short is
    # decided by the same measure (then by the order).
    while waiting:
        chain = _cheapest_chain(waiting, units, capacity, members, cost, position)
        if chain is None:
            break
        newcomer, entry, moves = chain
        for who, source, target in moves:
            members[source].remove(who)
            members[target].append(who)
            at[who] = target
        members[entry].append(newcomer)
        at[newcomer] = entry
        waiting.remove(newcomer)
    by_key = {c.key: c for c in ordered}
    ranks = {k: rank_of(by_key[k], u, list(capacity)) for k, u in at.items()}
    return Allocation(placed=at, ranks=ranks, unplaced=waiting)


Step = tuple[int, int, int, int]  # cost, hops, the newcomer's order, unit: in that order


def _cheapest_chain(
    waiting: Sequence[str],
    units: list[str],
    capacity: Mapping[str, int],
    members: dict[str, list[str]],
    cost: dict[tuple[str, str], int],
    position: Mapping[str, int],
) -> tuple[str, str, list[tuple[str, str, str]]] | None:
    """Bellman-Ford over units: a waiting intern k enters unit u at cost[k, u]; from u a
    member j goes on to u2 at cost[j, u2] - cost[j, u]. The cheapest chain ending at a
    unit with a free place: (newcomer, the unit they enter, the moves in order); fewer
    moves, then the earlier newcomer, then the earlier unit, on ties."""
    free = [u for u in units if len(members[u]) < capacity[u]]
    if not free:
        return None
    index = {u: i for i, u in enumerate(units)}
    best: dict[str, Step] = {}
    entry: dict[str, tuple[str, str]] = {}
    for u in units:
        k = min(waiting, key=lambda w: (cost[w, u], position[w]))
        best[u], entry[u] = (cost[k, u], 0, position[k], index[u]), (k, u)
    previous: dict[str, tuple[str, str] | None] = dict.fromkeys(units)
    for _ in range(len(units)):
        changed = False
        for u in units:
            here, hops, who_enters, _i = best[u]
            for j in members[u]:
                for u2 in units:
                    if u2 == u or _on_chain(previous, u, u2):
                        continue
                    step = (here + cost[j, u2] - cost[j, u], hops + 1, who_enters, index[u2])
                    if step < best[u2]:
                        best[u2], previous[u2], entry[u2] = step, (u, j), entry[u]
                        changed = True
        if not changed:
            break
    target = min(free, key=lambda u: best[u])
    moves: list[tuple[str, str, str]] = []
    current = target
    while (link := previous[current]) is not None:
        source, who = link
        moves.append((who, source, current))
        current = source
    moves.reverse()
    newcomer, entered = entry[target]
    return newcomer, entered, moves


def _on_chain(previous: Mapping[str, tuple[str, str] | None], start: str, unit: str) -> bool:
    """Whether `unit` is already on the chain that reaches `start` (no unit twice)."""
    current: str | None = start
    seen = 0
    while current is not None and seen <= len(previous):
        if current == unit:
            return True
        link = previous[current]
        current = link[0] if link else None
        seen += 1
    return False


def phase_order(cohort: str, key: str, earlier_ranks: Sequence[int]) -> str:
    """The order in a later phase: worse earlier ranks first, then the lottery."""
    return f"{999_999 - sum(earlier_ranks):06d}:{lottery(cohort, key)}"


@dataclass(frozen=True)
class Interval:
    start: date
    end: date  # inclusive


def phase_periods(start: date, end: date, phases: int) -> list[Interval]:
    """[start, end] cut into `phases` consecutive periods as equal as days allow (the
    first ones a day longer); fewer phases when the period has fewer days."""
    days = (end - start).days + 1
    phases = max(1, min(phases, days))
    size, extra = divmod(days, phases)
    out: list[Interval] = []
    current = start
    for i in range(phases):
        length = size + (1 if i < extra else 0)
        out.append(Interval(current, current + timedelta(days=length - 1)))
        current += timedelta(days=length)
    return out


@dataclass(frozen=True)
class Planned:
    phase: int
    key: str
    unit: str | None  # None: no free place in any unit
    rank: int | None


def rotation_plan(
    cohort: str,
    candidates: Sequence[Candidate],
    capacity: Mapping[str, int],
    phases: int,
) -> list[Planned]:
    """Every phase's allocation: in each phase an intern ranks the units they have not
    had yet above those they had; ties by `phase_order`. An intern whose own period
    does not overlap a phase has no placement in it."""
    had: dict[str, set[str]] = {c.key: set() for c in candidates}
    earlier: dict[str, list[int]] = {c.key: [] for c in candidates}
    plan: list[Planned] = []
    for phase in range(phases):
        this = [
            Candidate(
                key=c.key,
                preferences=c.preferences,
                had=frozenset(had[c.key]),
                order=phase_order(cohort, c.key, earlier[c.key]),
            )
            for c in candidates
            if c.phases is None or phase in c.phases
        ]
        result = allocate(this, capacity)
        for c in this:
            unit = result.placed.get(c.key)
            if unit is None:
                plan.append(Planned(phase, c.key, None, None))
                earlier[c.key].append(len(capacity) + 1)
                continue
            # What the intern got, measured against their own list (not against the
            # phase's reordered one): the equity of later phases looks at this.
            original = rank_of(Candidate(c.key, c.preferences), unit, list(capacity))
            plan.append(Planned(phase, c.key, unit, result.ranks[c.key]))
            earlier[c.key].append(original)
            had[c.key].add(unit)
    return plan
