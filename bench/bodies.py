"""What the benchmarks send: passwords, a report-sized body, distinct reports."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.scale_corpus import Corpus

ADMIN_PASSWORD = "bench-Admin-Password-1"
PASSWORD = "Kata-Sandi-Rahasia-2026!"
REPORT = {
    "kind": "LM",
    "channel": "web",
    "reporter": {
        "name": "Budi Santoso",
        "nik": "1771010101900001",
        "place_of_birth": "Bengkulu",
        "date_of_birth": "1990-01-01",
        "address": "Jl. Salak No. 5, Kota Bengkulu",
        "occupation": "Petani",
        "phone": "081234567890",
    },
    "reported_agency": {"name": "Dinas Pendidikan"},
    "substance": "education",
    "summary": "Ijazah ditahan",
    "chronology": "Sejak Juli 2026 sekolah menahan ijazah anak pelapor.",
    "event_date": "2026-07-15",
}
# A formal verification that passes: the checklist is required, and the identity above
# (place and date of birth, address, occupation, NIK) is what it checks.
FORMALLY_COMPLETE = {
    "complete": True,
    "checklist": {
        "identity": True,
        "chronology": True,
        "prior_complaint": True,
        "within_two_years": True,
    },
}


def distinct_reports(count: int) -> list[dict[str, Any]]:
    """Reports from `count` different people, with the texts, agencies and substances of
    the one-million-report corpus (`bench/scale_corpus.py`): a few are re-sent letters or
    copies, the rest are distinct complaints. (Reports that are all near-copies of each
    other would make every registration compare itself with the whole table, which is
    not the load an office sees; one reporter's reports queue behind each other, since
    recognising a repeat reporter locks their identity.)"""
    rng = random.Random(7)
    corpus = Corpus(seed=7)
    reports = []
    for n in range(count):
        drawn = corpus.report(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=n))
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(60, 99)
        nik = f"177101{day:02d}{month:02d}{year:02d}"
        reporter = {
            "name": f"Pelapor {n}",
            "nik": f"{nik}{rng.randint(1, 9999):04d}",
            "place_of_birth": "Bengkulu",
            "date_of_birth": f"19{year:02d}-{month:02d}-{day:02d}",
            "address": f"Jl. Melati No. {n}, Kota Bengkulu",
            "occupation": "Wiraswasta",
            "phone": f"0812{rng.randint(10**7, 10**8 - 1)}",
            "email": f"pelapor{n}@example.id",
        }
        reports.append(
            {
                **REPORT,
                "reporter": reporter,
                "reported_agency": {"name": drawn.agency},
                "substance": drawn.substance,
                "summary": drawn.summary[:500],
                "chronology": drawn.chronology,
            }
        )
    return reports
