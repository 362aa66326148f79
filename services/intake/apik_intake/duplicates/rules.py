"""Scoring a duplicate candidate (pure): which signals, how much each weighs, and why.

A copy or a re-sent letter usually comes from the same reporter, repeats the text, and
names the same agency and sector within a few months. No signal alone is proof, so the
score adds them up and the reasons say which ones fired, for the analyst to judge.

Finding a repeated text among a million reports needs a signature an index can look up
(`text_bands`): trigram similarity has no index that stays fast on texts this long,
because every text shares most of its trigrams with every other one.
"""

from __future__ import annotations

import hashlib
import re
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


# `score` and `is_candidate` in SQL, for registration's one write to score and store its
# candidates itself (no round trip to bring the rows here and another to store them).
# The same double arithmetic in the same order gives the same total; the same rounding
# needs care: Python's `round(x, 3)` is the 3-decimal nearest to x's exact binary value
# (an exact tie to the even one), where PostgreSQL's float-to-numeric cast keeps 15
# digits and its `round` takes ties away from zero. So x is made an exact integer
# n = x * 2^54 (every double in [0.25, 1] is one; below 0.25 nothing is a candidate), and
# rounded in integers. `tests/intake/duplicates/test_scoring_sql.py` holds the two equal.
_EXACT = 2**54
_HALF = 2**27  # x * 2^27 splits into two integers under 2^28: numeric takes them exactly


def _float(value: float) -> str:
    # repr is the shortest text that reads back as the same double.
    return f"CAST({value!r} AS float8)"


def score_sql(
    *,
    same_reporter: str,
    similarity: str,
    same_agency: str,
    same_substance: str,
    days_apart: str,
    window_days: str,
) -> tuple[str, str, str]:
    """(FROM-clause tail, score, reasons): SQL expressions over a row's signals (each a
    column expression; `similarity` a real, `days_apart` a number of days) giving what
    `score` gives. The tail is LATERAL joins to append after the row's source."""
    zero, one = _float(0.0), _float(1.0)
    clamped = f"greatest({zero}, least({one}, CAST(coalesce({similarity}, 0) AS float8)))"
    within = f"(CAST({days_apart} AS float8) <= CAST({window_days} AS float8))"
    reporter = f"coalesce({same_reporter}, false)"
    agency = f"({within} AND coalesce({same_agency}, false))"
    substance = f"({agency} AND coalesce({same_substance}, false))"
    total = (
        f"((CASE WHEN {reporter} THEN {_float(WEIGHT_REPORTER)} ELSE {zero} END"
        f" + {_float(WEIGHT_TEXT)} * signal.text)"
        f" + CASE WHEN {agency} THEN {_float(WEIGHT_AGENCY)} ELSE {zero} END)"
        f" + CASE WHEN {substance} THEN {_float(WEIGHT_SUBSTANCE)} ELSE {zero} END"
    )
    high = f"floor(capped.x * {_float(float(_HALF))})"
    low = f"(capped.x * {_float(float(_HALF))} - {high}) * {_float(float(_HALF))}"
    # Each step is a subquery the planner may not pull up (`OFFSET 0`): pulled up, every
    # reference to a step is replaced by its whole expression, so the score grew into a
    # 15 KB expression (the steps refer to each other several times over), written twice
    # (the filter and the sort): the write's plan took twice as long to make (about 40 ms
    # under the bench's load, made again on every connection after each autovacuum), and
    # each reference computed its step over again for every row. Kept apart, each step is
    # computed once per row (`test_scoring_sql` holds it).
    tail = (
        f" CROSS JOIN LATERAL (SELECT {clamped} AS text OFFSET 0) AS signal"
        f" CROSS JOIN LATERAL (SELECT least({total}, {one}) AS x OFFSET 0) AS capped"
        f" CROSS JOIN LATERAL (SELECT CAST({high} AS numeric) * {_HALF}"
        f" + CAST({low} AS numeric) AS n OFFSET 0) AS exact"
        f" CROSS JOIN LATERAL (SELECT div(exact.n * 1000, {_EXACT}) AS q OFFSET 0)"
        " AS thousandths"
        f" CROSS JOIN LATERAL (SELECT exact.n * 1000 - thousandths.q * {_EXACT} AS rest"
        " OFFSET 0) AS remainder"
    )
    up = (
        f"remainder.rest * 2 > {_EXACT}"
        f" OR (remainder.rest * 2 = {_EXACT} AND mod(thousandths.q, 2) = 1)"
    )
    rounded = (
        f"CASE WHEN capped.x < {_float(0.25)} THEN capped.x"
        f" ELSE CAST(thousandths.q + CASE WHEN {up} THEN 1 ELSE 0 END AS float8)"
        f" / {_float(1000.0)} END"
    )
    # The score once per row too, however often the caller writes it.
    tail += f" CROSS JOIN LATERAL (SELECT {rounded} AS value OFFSET 0) AS scored"
    reasons = (
        "to_jsonb(array_remove(ARRAY["
        f"CASE WHEN {reporter} THEN CAST('same_reporter' AS text) END, "
        f"CASE WHEN signal.text >= {_float(SIMILAR_TEXT)} THEN CAST('similar_text' AS text) END, "
        f"CASE WHEN {agency} THEN CAST('same_agency' AS text) END, "
        f"CASE WHEN {substance} THEN CAST('same_substance' AS text) END], NULL))"
    )
    return tail, "scored.value", reasons


THRESHOLD_SQL = _float(THRESHOLD)


def same_letter(similarity: float, *, threshold: float) -> bool:
    """Whether a report of another office is the same letter as this one.

    Across offices the text is the only signal: the reporter is recognised within an
    office alone (comparing people across offices would tell one office who complained
    to another), and the agency and sector alone say nothing of a letter. So it takes a
    near-copy (trigram similarity of `threshold`, 0.6 by default, or more), which a letter
    sent to two addresses is and two complaints on the same subject rarely are."""
    return similarity >= threshold


def without_reporter(value: float, reasons: list[str]) -> tuple[float, list[str]] | None:
    """A stored candidate as it scores without the same-reporter signal, or None when it
    is no candidate then: what a caller not entitled to a confidential reporter's link
    sees (`same_reporter`, its weight, the pair itself all say "the same person").

    A stored score capped at 1.0 gives 0.6 here where the uncapped sum gave up to 0.7:
    what is left is the text and the agency, which the caller sees anyway."""
    if "same_reporter" not in reasons:
        return value, reasons
    rest = round(max(value - WEIGHT_REPORTER, 0.0), 3)
    if not is_candidate(rest):
        return None
    return rest, [r for r in reasons if r != "same_reporter"]


# The near-copy signature: MinHash over the text's word triples (shingles), one hash per
# shingle spread over 32 bins (one-permutation hashing, empty bins filled from their
# right-hand neighbour), cut into 8 bands of 4 bins. Two texts share a band with
# probability about 1 - (1 - J^4)^8 for J the share of shingles they have in common:
# nearly always for a letter sent again (J of 0.6 and more, even re-typed in another
# order), rarely for two complaints that only share the usual phrases (J under 0.2).
# Changing any of this changes every stored signature: it needs a migration that
# recomputes them (as 0015 computed the first ones).
SHINGLE_WORDS = 3
SIGNATURE_BINS = 32
BAND_BINS = 4
_WORD = re.compile(r"[^\W_]+")


def _hash(value: str, size: int = 8, *, signed: bool = False) -> int:
    # A hash that is the same in every process and Python version (unlike `hash`).
    digest = hashlib.blake2b(value.encode(), digest_size=size).digest()
    return int.from_bytes(digest, "little", signed=signed)


def text_bands(text: str) -> list[int]:
    """The text's band keys (signed 64-bit); none for texts under three words."""
    words = _WORD.findall(text.lower())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if not shingles:
        return []
    # `_hash` of each shingle, inlined: this loop runs for every word of every report
    # registered, and the call per shingle cost more than the hash.
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    lowest: list[int | None] = [None] * SIGNATURE_BINS
    for shingle in shingles:
        hashed = from_bytes(blake2b(shingle.encode(), digest_size=8).digest(), "little")
        bin_, value = hashed % SIGNATURE_BINS, hashed // SIGNATURE_BINS
        current = lowest[bin_]
        if current is None or value < current:
            lowest[bin_] = value
    # An empty bin takes the value of the next filled one to its right, and says how far.
    filled: list[str] = []
    for start in range(SIGNATURE_BINS):
        distance = 0
        while lowest[(start + distance) % SIGNATURE_BINS] is None:
            distance += 1
        filled.append(f"{lowest[(start + distance) % SIGNATURE_BINS]}+{distance}")
    return [
        _hash(f"{band}:{','.join(filled[band * BAND_BINS : (band + 1) * BAND_BINS])}", signed=True)
        for band in range(SIGNATURE_BINS // BAND_BINS)
    ]
