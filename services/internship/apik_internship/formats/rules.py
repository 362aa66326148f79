"""An institution's own format of the completion record, as data (pure).

A university often asks its interns for a completion record (*surat keterangan selesai
magang*, a grade sheet) laid out its own way: its title, its wording, the items it lists
in its order and under its labels, sometimes its grade letters. A format says just that,
over the certificate's data (`FIELDS`): nothing is typed in twice, and a format can only
print what the certificate already holds. Rendering uses the same document kit
(`formats.views`); the sample shipped with the service is `format_*.json` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apik_shared.vocabulary.indonesian import tanggal
from apik_shared.vocabulary.labels import INTERN_UNITS, label


class Item(StrEnum):
    """What a format may print: the certificate's data, nothing else."""

    name = "name"
    study = "study"
    institution = "institution"
    programme = "programme"
    office = "office"
    unit = "unit"
    period = "period"
    period_start = "period_start"
    period_end = "period_end"
    working_days = "working_days"
    days_present = "days_present"
    attendance_percent = "attendance_percent"
    logbook_approved = "logbook_approved"
    logbook_percent = "logbook_percent"
    evaluation_score = "evaluation_score"
    grade = "grade"  # the score by the format's own `grades`
    issued_on = "issued_on"
    verification_code = "verification_code"


@dataclass(frozen=True)
class Grade:
    minimum: int  # the lowest score (0-100) that earns it
    grade: str


@dataclass(frozen=True)
class Record:
    """The completion record's values, as the certificate holds them."""

    name: str
    study: str | None
    institution: str
    programme: str
    office: str
    unit: str
    period_start: date
    period_end: date
    working_days: int
    days_present: int
    logbook_approved: int
    evaluation_score: int
    issued_on: date
    verification_code: str


def percent(part: int, whole: int) -> str:
    """`87,5 %` (Indonesian decimal comma); `-` for a period with no working day."""
    if whole == 0:
        return "-"
    return f"{round(part * 100 / whole, 1):g}".replace(".", ",") + " %"


def grade_of(score: int, grades: Sequence[Grade]) -> str:
    """The grade of the highest `minimum` the score reaches; `-` below them all."""
    reached = [g for g in grades if score >= g.minimum]
    return max(reached, key=lambda g: g.minimum).grade if reached else "-"


def value(item: Item, record: Record, grades: Sequence[Grade]) -> str:
    """What `item` prints for this record, in Bahasa Indonesia."""
    match item:
        case Item.name:
            return record.name
        case Item.study:
            return record.study or "-"
        case Item.institution:
            return record.institution
        case Item.programme:
            return record.programme
        case Item.office:
            return record.office
        case Item.unit:
            return label(INTERN_UNITS, record.unit)
        case Item.period:
            return f"{tanggal(record.period_start)} s.d. {tanggal(record.period_end)}"
        case Item.period_start:
            return tanggal(record.period_start)
        case Item.period_end:
            return tanggal(record.period_end)
        case Item.working_days:
            return f"{record.working_days} hari"
        case Item.days_present:
            return f"{record.days_present} hari"
        case Item.attendance_percent:
            return percent(record.days_present, record.working_days)
        case Item.logbook_approved:
            return f"{record.logbook_approved} entri"
        case Item.logbook_percent:
            return percent(record.logbook_approved, record.working_days)
        case Item.evaluation_score:
            return str(record.evaluation_score)
        case Item.grade:
            return grade_of(record.evaluation_score, grades)
        case Item.issued_on:
            return tanggal(record.issued_on)
        case Item.verification_code:
            return record.verification_code


def fill(text: str, record: Record) -> str:
    """A format's wording with `{name}`, `{institution}`, `{unit}`, `{period}` and
    `{office}` filled in (only those: the wording is the institution's, the values ours)."""
    values = {
        key: value(Item(key), record, ())
        for key in ("name", "institution", "unit", "period", "office")
    }
    for key, filled in values.items():
        text = text.replace("{" + key + "}", filled)
    return text


PLACEHOLDERS = ("{name}", "{institution}", "{unit}", "{period}", "{office}")


def unknown_placeholders(text: str) -> list[str]:
    """`{…}` in a wording that `fill` would not fill (a typo the head should see)."""
    found: list[str] = []
    start = text.find("{")
    while start != -1:
        end = text.find("}", start)
        if end == -1:
            break
        token = text[start : end + 1]
        if token not in PLACEHOLDERS:
            found.append(token)
        start = text.find("{", end)
    return found
