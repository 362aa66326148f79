"""Pure rules of the internship KPIs: the completion rate, the response-time statistics and
the minimum count below which a month's Red Button figures are withheld."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

DEFINITIONS = {
    "applied": "intern.applied, in the month of submitted_at (office's zone)",
    "accepted": "intern.accepted, in the month of accepted_at",
    "completed": "intern.completed, in the month of completed_at",
    "completion_rate": (
        "of the interns accepted whose period ended in the year, the share with"
        " intern.completed (whenever it came); None without any"
    ),
    "red_button": (
        "red_button.* per month of raised_at: cases raised, acknowledged, escalations"
        " (highest level reached per case, summed), minutes from raised to the first"
        " acknowledgement (median; p90 by nearest rank); a month with fewer cases than"
        " min_count shows none of them"
    ),
}
# The same in Bahasa Indonesia, what the office reads; every key of DEFINITIONS has one.
DEFINITIONS_ID = {
    "applied": "Pendaftar magang (intern.applied), menurut bulan pengajuan di zona waktu kantor",
    "accepted": "Peserta magang yang diterima (intern.accepted), menurut bulan penerimaan",
    "completed": "Peserta magang yang menyelesaikan magang (intern.completed), menurut bulan "
    "selesai",
    "completion_rate": (
        "dari peserta yang diterima dan masa magangnya berakhir pada tahun itu, bagian yang"
        " menyelesaikan magang (intern.completed, kapan pun dicatat); kosong bila tidak ada"
    ),
    "red_button": (
        "red_button.* per bulan menurut waktu tombol ditekan: jumlah kasus, yang ditanggapi,"
        " eskalasi (tingkat tertinggi per kasus, dijumlahkan), menit dari tombol ditekan"
        " sampai tanggapan pertama (median; p90 menurut peringkat terdekat); bulan dengan"
        " kasus kurang dari min_count tidak ditampilkan angkanya"
    ),
}


def completion_rate(ended: int, completed: int) -> float | None:
    """Completed among the accepted interns whose period ended in the year, 0..1 rounded
    to four places; None when none ended."""
    return round(completed / ended, 4) if ended else None


def minutes(raised: datetime, acknowledged: datetime) -> float:
    return (acknowledged - raised).total_seconds() / 60


def p90(values: Sequence[float]) -> float | None:
    """The 90th percentile by nearest rank: the ⌈0.9·n⌉-th smallest value."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


@dataclass(frozen=True)
class Alarm:
    """A Red Button case as the read model keeps it: its month, response, escalations."""

    month: int
    raised_at: datetime
    acknowledged_at: datetime | None
    escalations: int


@dataclass(frozen=True)
class AlarmMonth:
    month: int
    # All None when the month holds fewer than the minimum count of cases.
    raised: int | None
    acknowledged: int | None
    escalations: int | None
    median_minutes: float | None
    p90_minutes: float | None
    shown: bool


def alarm_months(alarms: Iterable[Alarm], min_count: int) -> list[AlarmMonth]:
    """Twelve months, January first. A month with fewer than `min_count` cases (none
    included) shows nothing but that it is withheld."""
    by_month: dict[int, list[Alarm]] = {m: [] for m in range(1, 13)}
    for alarm in alarms:
        by_month[alarm.month].append(alarm)
    out = []
    for month, cases in by_month.items():
        if len(cases) < min_count:
            out.append(AlarmMonth(month, None, None, None, None, None, shown=False))
            continue
        waits = [
            minutes(c.raised_at, c.acknowledged_at) for c in cases if c.acknowledged_at is not None
        ]
        out.append(
            AlarmMonth(
                month,
                raised=len(cases),
                acknowledged=len(waits),
                escalations=sum(c.escalations for c in cases),
                median_minutes=round(statistics.median(waits), 1) if waits else None,
                p90_minutes=round(v, 1) if (v := p90(waits)) is not None else None,
                shown=True,
            )
        )
    return out
