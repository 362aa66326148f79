"""Pure rules for the desk's figures: performance per officer, weekly trends per category
and the most frequent problems named in visitors' descriptions (no FastAPI, no database)."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic_core import PydanticCustomError

from apik_consultation.visits.rules import Category
from apik_shared.vocabulary.field_errors import invalid

# Indonesian function words and the desk's own vocabulary, which every description shares
# and which would otherwise top every list.
_STOPWORDS = """
    ada adalah agar akan atas atau bagaimana bahwa banyak bagi belum bisa dalam dan dapat
    dari dengan di hal hanya harus ini itu jika juga kami kapan karena ke kepada ketika
    kita lagi mana masih melalui mengapa menjadi mereka oleh pada para saat saja sampai
    sangat saya secara sebagai sedang sejak sesuai setelah sudah supaya tanpa telah
    tentang terhadap tersebut tetapi tidak untuk yaitu yang
    bertanya menanyakan mohon tanya informasi terkait mengenai
"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[a-z][a-z0-9-]+")
MAX_PERIOD_DAYS = 3 * 366  # a report reads each visit of the period; bound its cost
# Days a desk can have served anyone; beyond them the period's edges overflow timestamps.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def period_problem(first: date, last: date) -> tuple[str, PydanticCustomError] | None:
    """(query parameter, why) when `first`..`last` is not a period a report covers."""
    for name, day in (("from", first), ("to", last)):
        if not EARLIEST <= day <= LATEST:
            return name, invalid(
                "day_out_of_range",
                "Give a day from {earliest} to {latest}.",
                earliest=EARLIEST.isoformat(),
                latest=LATEST.isoformat(),
            )
    if last < first:
        return "to", invalid(
            "ends_before_start", "The period ends before it starts.", start=first.isoformat()
        )
    if (last - first).days > MAX_PERIOD_DAYS:
        return "to", invalid(
            "period_too_long",
            "A period spans {max_days} days at most.",
            max_days=MAX_PERIOD_DAYS,
        )
    return None


def category_counts(visits: Iterable[tuple[str, str]]) -> list[tuple[Category, int, int]]:
    """(category, visits, late objections) for every category, from each visit's
    (category as handled, category requested): a late objection is handled as a
    complaint and counted there."""
    pairs = list(visits)
    counts = []
    for category in Category:
        mine = [requested for handled, requested in pairs if handled == category.value]
        counts.append((category, len(mine), sum(1 for r in mine if r != category.value)))
    return counts


def week_of(day: date) -> date:
    """The Monday that starts the day's week (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def weekly_counts(visits: Iterable[tuple[date, str]]) -> list[tuple[date, str, int]]:
    """(week, category, visits) for each week and category that had visits, in order."""
    counts = Counter((week_of(day), category) for day, category in visits)
    return [(week, category, n) for (week, category), n in sorted(counts.items())]


def terms_of(text: str) -> set[str]:
    """The words of a description that can name a problem: stopwords and words under four
    letters left out, each word once."""
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in STOPWORDS}


def frequent_terms(texts: Iterable[str], *, top: int = 10) -> list[tuple[str, int]]:
    """The words most visitors used, each counted once per description; ties in
    alphabetical order."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms_of(text))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def weekly_term_counts(
    visits: Iterable[tuple[date, str]], terms: Collection[str]
) -> list[tuple[date, str, int]]:
    """(week, term, visits) for each of `terms` and each week whose descriptions used it:
    the trend of a topic, in order of week then term."""
    wanted = set(terms)
    counts: Counter[tuple[date, str]] = Counter()
    for day, text in visits:
        week = week_of(day)
        counts.update((week, term) for term in terms_of(text) & wanted)
    return [(week, term, n) for (week, term), n in sorted(counts.items())]


@dataclass(frozen=True)
class Served:
    officer: str
    duration_seconds: int
    rating: int | None


@dataclass(frozen=True)
class Performance:
    officer: str
    visits_served: int
    average_duration_seconds: float
    median_duration_seconds: float
    average_rating: float | None  # None when no visit was rated
    share_rated_4_5: float | None  # of the rated visits


def performance(served: Sequence[Served]) -> list[Performance]:
    """Figures per officer, ordered by officer."""
    by_officer: dict[str, list[Served]] = {}
    for visit in served:
        by_officer.setdefault(visit.officer, []).append(visit)
    result = []
    for officer in sorted(by_officer):
        visits = by_officer[officer]
        durations = [v.duration_seconds for v in visits]
        ratings = [v.rating for v in visits if v.rating is not None]
        result.append(
            Performance(
                officer=officer,
                visits_served=len(visits),
                average_duration_seconds=round(statistics.fmean(durations), 1),
                median_duration_seconds=float(statistics.median(durations)),
                average_rating=round(statistics.fmean(ratings), 2) if ratings else None,
                share_rated_4_5=(
                    round(sum(1 for r in ratings if r >= 4) / len(ratings), 4) if ratings else None
                ),
            )
        )
    return result
