"""The spec's words: formats, its error list, open and closed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from apik_shared.vocabulary.labels import REPORT_STATUSES, words

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When the service definitions below last changed (the discovery's `changeset`); the
# substances themselves keep no change time, so a renamed substance does not move it.
DEFINITIONS_CHANGED = "2026-12-06T00:00:00Z"


class Format(StrEnum):
    json = "json"
    xml = "xml"


MEDIA_TYPES = {
    Format.json: "application/json; charset=utf-8",
    Format.xml: "text/xml; charset=utf-8",
}


@dataclass(frozen=True)
class SpecError:
    """One entry of the spec's error list: `[{"code": 400, "description": "…"}]`."""

    code: int
    description: str


class Open311Failure(Exception):
    """Refused in the spec's format; the HTTP status is the first error's code."""

    def __init__(self, errors: Sequence[SpecError]) -> None:
        super().__init__("; ".join(e.description for e in errors))
        self.errors = list(errors)

    @property
    def status(self) -> int:
        return self.errors[0].code

    @classmethod
    def one(cls, code: int, description: str) -> Open311Failure:
        return cls([SpecError(code, description)])


def format_of(name: str) -> Format:
    try:
        return Format(name)
    except ValueError:
        raise Open311Failure.one(404, f"Unknown format {name!r}: use .json or .xml.") from None


def english(accept_language: str | None) -> bool:
    """Whether the caller's first language is English; Bahasa Indonesia otherwise."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return first == "en" or first.startswith("en-")


# Intake's statuses that end a report at intake; an accepted report stays open until
# examination closes its case (`case_closed_at`).
CLOSED_STATUSES = frozenset({"rejected", "answered", "withdrawn", "merged", "recorded"})


def public_status(status: str, case_closed: bool) -> str:
    return "closed" if case_closed or status in CLOSED_STATUSES else "open"


def status_notes(status: str, case_closed: bool) -> str:
    """The status as the tracking page names it (never a reason, which may be personal)."""
    if case_closed:
        return "Pemeriksaan selesai"
    return words(REPORT_STATUSES).get(status, status)
