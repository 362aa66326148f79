"""Pure rules for the desk's analysis: weekly trends per category and the most frequent
problems named in visitors' descriptions (no FastAPI, no database)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date, timedelta

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
