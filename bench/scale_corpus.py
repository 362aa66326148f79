"""A synthetic archive of complaint reports, shaped like the real ones.

Trigram similarity only behaves as it does on real data when the texts share what real
complaints share: the same sectors, agencies, places and stock phrases, with names,
numbers and dates that differ. So every text is built from an Indonesian vocabulary
per sector, and a share of the reports are what the duplicate search is for: letters
re-sent by the same reporter, and copies of a letter sent on by someone else.

Everything is drawn from one seeded `random.Random`, so two runs build the same archive.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bench.scale_people import FIRST_NAMES, LAST_NAMES, MONTHS, OCCUPATIONS, STREETS, VILLAGES
from bench.scale_vocabulary import (
    CHANNELS,
    LARGE_OFFICE,
    MALADMINISTRATION,
    OFFICES,
    OUTCOMES,
    RESENT,
    SECTORS,
    STORY,
)

__all__ = ["LARGE_OFFICE", "OFFICES", "Corpus", "Generated"]
FILE_CODES = ["BPN", "DKP", "PEM", "SEK", "UM"]
KINDS, KIND_WEIGHTS = ["LM", "KNL", "RCO", "TEMBUSAN"], [80, 15, 3, 2]
_CHOICE = re.compile(r"\[([^\[\]]*)\]")  # an innermost [a|b|c]

FIRST_DAY = datetime(2022, 1, 1, tzinfo=UTC)
LAST_DAY = datetime(2026, 11, 23, tzinfo=UTC)
RESEND_WITHIN = timedelta(days=180)


@dataclass(slots=True)
class Generated:
    """One report as intake stores it, and what became of it (for the event stream)."""

    id: uuid.UUID
    office: str
    number: str
    kind: str  # LM, RCO, KNL, TEMBUSAN
    channel: str
    status: str
    reporter_id: uuid.UUID
    person_id: uuid.UUID
    person_key: int  # the person's number: equal for a repeat reporter
    repeat: bool  # recognised as a person who reported before
    agency: str
    agency_type: str
    substance: str
    summary: str
    chronology: str
    event_date: date
    maladministration: list[str]
    created_at: datetime
    linked_report_id: uuid.UUID | None
    link_type: str | None
    # Lifecycle, for the event stream (None: did not happen).
    answered_at: datetime | None
    verified_at: datetime | None
    rejected_at: datetime | None
    withdrawn_at: datetime | None
    closed_at: datetime | None  # the case, when verified
    outcome: str | None
    working_days: int | None


class Corpus:
    """Draws reports one after the other, in time order, for every office."""

    def __init__(self, seed: int = 2026) -> None:
        self.rng = random.Random(seed)
        self.offices = list(OFFICES)
        self.office_weights = [OFFICES[o][0] for o in self.offices]
        self.sectors = list(SECTORS)
        self.sector_weights = [SECTORS[s][0] for s in self.sectors]
        # Per office and sector a fixed list of agencies, some much busier than others.
        self.agencies: dict[tuple[str, str], tuple[list[tuple[str, str]], list[float]]] = {}
        for office, (_, places) in OFFICES.items():
            for sector, (_, patterns, _, _) in SECTORS.items():
                found = [
                    (agency_type, pattern.format(place=place, n=n, village=village))
                    for agency_type, pattern in patterns
                    for place in places
                    for n, village in self._variants(pattern)
                ]
                self.rng.shuffle(found)
                weights = [1 / (rank + 1) ** 0.8 for rank in range(len(found))]  # Zipf
                self.agencies[office, sector] = (found, list(itertools.accumulate(weights)))
        self.office_cum = list(itertools.accumulate(self.office_weights))
        self.sector_cum = list(itertools.accumulate(self.sector_weights))
        self.people = 0
        # Per office, people who report again (a tenth of reporters, some very often).
        self.regulars: dict[str, list[tuple[int, uuid.UUID]]] = {o: [] for o in self.offices}
        self.recent: dict[str, list[Generated]] = {o: [] for o in self.offices}
        self.numbers: dict[tuple[str, int], int] = {}

    def _variants(self, pattern: str) -> list[tuple[int, str]]:
        """Several schools or villages of one place, one of anything else."""
        count = 3 if "{n}" in pattern or "{village}" in pattern else 1
        return [(self.rng.randint(1, 40), self.rng.choice(VILLAGES)) for _ in range(count)]

    def _fill(self, template: str, office: str, agency: str) -> str:
        """One sentence: an alternative of each `[a|b]`, then a value in each slot."""
        r = self.rng
        text = template
        while "[" in text:
            text = _CHOICE.sub(lambda m: r.choice(m.group(1).split("|")), text)
        place = r.choice(OFFICES[office][1])
        return text.format(
            agency=agency,
            place=place,
            village=r.choice(VILLAGES),
            n=r.randint(2, 12),
            amount=f"{r.randint(1, 600) * 25_000:,}".replace(",", "."),
            name=f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}",
            month=r.choice(MONTHS),
            year=r.randint(2019, 2026),
            day=r.randint(1, 28),
            occupation=r.choice(OCCUPATIONS),
            docno=f"{r.randint(1, 9999):04d}/{r.choice(FILE_CODES)}/{r.randint(2019, 2026)}",
            address=f"Jalan {r.choice(STREETS)} No. {r.randint(1, 250)}, "
            f"RT {r.randint(1, 15):02d}/RW {r.randint(1, 12):02d}, "
            f"Kelurahan {r.choice(VILLAGES)}, {place}",
        )

    def _person(self, office: str) -> tuple[int, uuid.UUID | None]:
        """(person number, their person id if they reported before)."""
        regulars = self.regulars[office]
        if regulars and self.rng.random() < 0.18:
            # Some regulars report far more often than others (the first ones listed).
            key, person_id = regulars[int(len(regulars) * self.rng.random() ** 2)]
            return key, person_id
        self.people += 1
        return self.people, None

    def _number(self, office: str, at: datetime) -> str:
        key = (office, at.year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        return f"{office}-{at.year}-{self.numbers[key]:05d}"

    def report(self, at: datetime, office: str | None = None) -> Generated:
        r = self.rng
        office = office or r.choices(self.offices, cum_weights=self.office_cum)[0]
        person_key, person_id = self._person(office)
        recent = self.recent[office]
        original = recent[r.randrange(len(recent))] if recent and r.random() < 0.06 else None
        if original is not None and original.kind != "KNL":
            # A re-sent letter (same reporter) or a copy sent on by someone else.
            resent = r.random() < 0.7
            if resent:
                person_key, person_id = original.person_key, original.person_id
            sector, agency_type, agency = original.substance, original.agency_type, original.agency
            summary = original.summary
            sentences = original.chronology.split(". ")
            if r.random() < 0.5:  # re-typed: the same facts in another order
                r.shuffle(sentences)
            chronology = ". ".join(sentences) + " " + self._fill(r.choice(RESENT), office, agency)
            kind = "LM" if resent else "TEMBUSAN"
            link = (original.id, "copy") if kind == "TEMBUSAN" and r.random() < 0.5 else None
        else:
            sector = r.choices(self.sectors, cum_weights=self.sector_cum)[0]
            found, cum = self.agencies[office, sector]
            agency_type, agency = r.choices(found, cum_weights=cum)[0]
            _, _, summaries, sentences = SECTORS[sector]
            summary = self._fill(r.choice(summaries), office, agency)
            if r.random() < 0.5:
                summary += " di " + r.choice(OFFICES[office][1])
            # Two to eight sentences: the matter, then the reporter's own story.
            picked = r.sample(sentences, k=min(len(sentences), r.randint(1, 3)))
            picked += r.sample(STORY, k=r.randint(1, 5))
            chronology = " ".join(self._fill(s, office, agency) for s in picked)
            kind = r.choices(KINDS, KIND_WEIGHTS)[0]
            link = None
        reporter_id = uuid.UUID(int=r.getrandbits(128), version=4)
        repeat = person_id is not None
        if person_id is None:
            # A person's id is its own, never its first reporter's (which would link a
            # confidential report to the person's other reports); derived, not drawn, so
            # the corpus stays the one earlier runs measured.
            person_id = uuid.uuid5(reporter_id, "person")
            if r.random() < 0.1:
                self.regulars[office].append((person_key, person_id))
        generated = Generated(
            id=uuid.UUID(int=r.getrandbits(128), version=4),
            office=office,
            number=self._number(office, at),
            kind=kind,
            channel=r.choice(CHANNELS),
            status="registered",
            reporter_id=reporter_id,
            person_id=person_id,
            person_key=person_key,
            repeat=repeat,
            agency=agency,
            agency_type=agency_type,
            substance=sector,
            summary=summary,
            chronology=chronology,
            event_date=(at - timedelta(days=r.randint(5, 400))).date(),
            maladministration=r.sample(MALADMINISTRATION, k=r.randint(1, 2)),
            created_at=at,
            linked_report_id=link[0] if link else None,
            link_type=link[1] if link else None,
            answered_at=None,
            verified_at=None,
            rejected_at=None,
            withdrawn_at=None,
            closed_at=None,
            outcome=None,
            working_days=None,
        )
        self._lifecycle(generated)
        recent.append(generated)
        if len(recent) % 1000 == 0:  # letters are re-sent within months, not years
            old = bisect.bisect_left(recent, at - RESEND_WITHIN, key=lambda g: g.created_at)
            del recent[:old]
        return generated

    def _lifecycle(self, g: Generated) -> None:
        """What happened to the report by the last day of the archive."""
        r, at, end = self.rng, g.created_at, LAST_DAY
        if g.kind == "KNL":
            g.answered_at = at + timedelta(minutes=r.randint(5, 90))
            g.status = "answered"
            return
        if g.kind == "TEMBUSAN":
            g.status = "recorded"
            return
        decided = at + timedelta(days=r.randint(3, 40), hours=r.randint(0, 8))
        if decided > end:
            g.status = r.choice(["registered", "formally_verified", "materially_verified"])
            return
        roll = r.random()
        if roll < 0.45:  # handed over: a case opens; a third of all reports
            g.verified_at, g.status = decided, "accepted"
            days = int(r.lognormvariate(4.0, 0.6))
            closed = decided + timedelta(days=days * 7 // 5, hours=r.randint(1, 9))
            if closed <= end:
                g.closed_at, g.working_days = closed, days
                g.outcome = r.choice(OUTCOMES)
        elif roll < 0.8:
            g.rejected_at, g.status = decided, "rejected"
        else:
            g.withdrawn_at, g.status = decided + timedelta(days=30), "withdrawn"

    def archive(self, count: int) -> Iterator[Generated]:
        """`count` reports spread over the archive's years, growing a little each year."""
        span = (LAST_DAY - FIRST_DAY).total_seconds()
        for n in range(count):
            # Quadratic growth: later years hold more reports than early ones.
            share = ((n + 0.5) / count) ** 0.8
            yield self.report(FIRST_DAY + timedelta(seconds=span * share))
