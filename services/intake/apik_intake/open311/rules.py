"""Open311 GeoReport v2 in intake's words (pure: no web framework, no database).

The facade speaks the frozen spec (https://wiki.open311.org/GeoReport_v2): a service is a
substance, `jurisdiction_id` is an office code, `service_request_id` is the public
registration number, and a report is `open` until intake or examination closes it. What
Ombudsman reports need beyond the spec's fields (the agency reported, the NIK, the forms
of maladministration) travels as the service definition's attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from apik_shared.vocabulary.labels import AGENCY_TYPES, MALADMINISTRATION, REPORT_STATUSES

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When the service definitions below last changed (the discovery's `changeset`); the
# substances themselves keep no change time, so a renamed substance does not move it.
DEFINITIONS_CHANGED = "2026-12-06T00:00:00Z"
# The spec's default window for `GET requests` without dates, and the longest allowed.
DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000
# The spec allows 4,000 characters of description; a report's summary holds 2,000, so a
# longer description is shortened there and kept whole in the chronology.
SUMMARY_MAX = 2000


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
    return REPORT_STATUSES.get(status, status)


# --- Service definitions: the same attributes for every substance ---


@dataclass(frozen=True)
class Attribute:
    code: str
    datatype: str  # string, number, datetime, text, singlevaluelist, multivaluelist
    required: bool
    description_id: str
    description_en: str
    datatype_description: str | None = None
    values: Mapping[str, str] = field(default_factory=dict)


ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "reported_agency",
        "string",
        True,
        "Instansi atau unit pelayanan publik yang dilaporkan",
        "The agency or public service unit reported",
    ),
    Attribute(
        "agency_type",
        "singlevaluelist",
        False,
        "Jenis instansi terlapor",
        "The kind of agency reported",
        values=AGENCY_TYPES,
    ),
    Attribute(
        "chronology",
        "text",
        False,
        "Kronologi kejadian (bila kosong, deskripsi dipakai)",
        "What happened, in order (the description when empty)",
    ),
    Attribute(
        "event_date",
        "string",
        False,
        "Tanggal kejadian",
        "The date of the event",
        datatype_description="YYYY-MM-DD",
    ),
    Attribute(
        "maladministration",
        "multivaluelist",
        False,
        "Bentuk maladministrasi yang diduga",
        "The forms of maladministration alleged",
        values=MALADMINISTRATION,
    ),
    Attribute(
        "nik",
        "string",
        False,
        "NIK pelapor (16 digit), diperiksa terhadap struktur NIK",
        "The reporter's NIK (16 digits), checked against its structure",
        datatype_description="16 digit",
    ),
    Attribute(
        "confidential",
        "singlevaluelist",
        False,
        "Rahasiakan identitas pelapor",
        "Keep the reporter's identity confidential",
        values={"true": "Ya", "false": "Tidak"},
    ),
)
ATTRIBUTE_CODES = frozenset(a.code for a in ATTRIBUTES)
MULTIVALUED = frozenset(a.code for a in ATTRIBUTES if a.datatype == "multivaluelist")


def definition_attributes(*, in_english: bool) -> list[dict[str, Any]]:
    return [
        {
            "variable": True,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description,
            "order": order,
            "description": a.description_en if in_english else a.description_id,
            "values": [
                {"key": key, "name": key.replace("_", " ") if in_english else name}
                for key, name in a.values.items()
            ],
        }
        for order, a in enumerate(ATTRIBUTES, start=1)
    ]


# --- POST requests: the form's fields ---

SCALAR_FIELDS = frozenset(
    {
        "jurisdiction_id",
        "service_code",
        "lat",
        "long",
        "address_string",
        "address_id",
        "email",
        "device_id",
        "account_id",
        "first_name",
        "last_name",
        "phone",
        "description",
        "media_url",
    }
)


def form_fields(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The form's pairs as the request model's fields: `attribute[code]=v` and
    `attribute[code][]=v` (a multivaluelist, repeated) gathered under `attribute`.
    An unknown name, a repeated single field or an unknown attribute is refused here,
    each one named."""
    fields: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    errors: list[SpecError] = []
    for name, value in pairs:
        if name in SCALAR_FIELDS:
            if name in fields:
                errors.append(SpecError(400, f"{name}: given more than once."))
            fields[name] = value
            continue
        code, many = _attribute_code(name)
        if code is None:
            errors.append(SpecError(400, f"{name}: not a field of this endpoint."))
        elif code not in ATTRIBUTE_CODES:
            errors.append(SpecError(400, f"{name}: no such attribute (see the definition)."))
        elif code in MULTIVALUED:
            attributes.setdefault(code, []).append(value)
        elif many or code in attributes:
            errors.append(SpecError(400, f"{name}: this attribute takes one value."))
        else:
            attributes[code] = value
    if errors:
        raise Open311Failure(errors)
    if attributes:
        fields["attribute"] = attributes
    return fields


def _attribute_code(name: str) -> tuple[str | None, bool]:
    if not (name.startswith("attribute[") and "]" in name):
        return None, False
    code, _, rest = name[len("attribute[") :].partition("]")
    if rest not in ("", "[]") or not code:
        return None, False
    return code, rest == "[]"


def located(
    lat: float | None, long: float | None, address: str | None, address_id: str | None
) -> bool:
    """The spec requires a location: both coordinates, an address or an address id."""
    return (lat is not None and long is not None) or bool(address) or bool(address_id)


def reporter_name(first: str | None, last: str | None) -> str | None:
    name = " ".join(part for part in (first, last) if part)
    return name or None


def summary_of(description: str) -> str:
    if len(description) <= SUMMARY_MAX:
        return description
    return description[: SUMMARY_MAX - 1].rstrip() + "…"


def chronology_of(
    *,
    chronology: str | None,
    description: str,
    address: str | None,
    lat: float | None,
    long: float | None,
    address_id: str | None,
    media_url: str | None,
) -> str:
    """The report's chronology: the attribute, else the whole description, with the
    place and the media link the app gave (intake keeps regions, not coordinates)."""
    lines = [chronology or description]
    place = []
    if address:
        place.append(address)
    if lat is not None and long is not None:
        place.append(f"koordinat {lat}, {long}")
    if address_id:
        place.append(f"id alamat {address_id}")
    if place:
        lines.append("Lokasi (Open311): " + "; ".join(place))
    if media_url:
        lines.append(f"Tautan media (Open311): {media_url}")
    return "\n\n".join(lines)


# Where a field of intake's registration came from in the Open311 form: its errors
# name the field the app sent.
FIELD_NAMES: Mapping[tuple[str, ...], str] = {
    ("reporter", "name"): "first_name",
    ("reporter", "nik"): "attribute[nik]",
    ("reporter", "email"): "email",
    ("reporter", "phone"): "phone",
    ("reporter", "date_of_birth"): "attribute[nik]",
    ("reporter", "confidential"): "attribute[confidential]",
    ("reported_agency", "name"): "attribute[reported_agency]",
    ("reported_agency", "type"): "attribute[agency_type]",
    ("reported_agency",): "attribute[reported_agency]",
    ("substance",): "service_code",
    ("summary",): "description",
    ("chronology",): "attribute[chronology]",
    ("event_date",): "attribute[event_date]",
    ("maladministration",): "attribute[maladministration]",
}


def open311_name(location: Sequence[str | int]) -> str:
    """The Open311 field behind a registration field's error location."""
    path = tuple(str(part) for part in location if not isinstance(part, int))
    for size in range(len(path), 0, -1):
        if (named := FIELD_NAMES.get(path[:size])) is not None:
            return named
    return ".".join(path) or "request"


# --- GET requests: the filters ---

FILTERS = frozenset(
    {"jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status"}
)


@dataclass(frozen=True)
class RequestFilter:
    numbers: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: frozenset[str] = frozenset()
    jurisdiction: str | None = None


def request_filter(params: Sequence[tuple[str, str]], now: datetime) -> RequestFilter:
    """The list's filters. `service_request_id` (comma-separated) overrides the others,
    as the spec says; without dates the last 90 days are listed, and no window may be
    longer."""
    given: dict[str, str] = {}
    errors: list[SpecError] = []
    for name, value in params:
        if name not in FILTERS:
            errors.append(SpecError(400, f"{name}: not a filter of this endpoint."))
        elif name in given:
            errors.append(SpecError(400, f"{name}: given more than once."))
        given[name] = value.strip()
    jurisdiction = given.get("jurisdiction_id") or None
    numbers = _listed(given.get("service_request_id"))
    if numbers:
        if errors:
            raise Open311Failure(errors)
        return RequestFilter(numbers=numbers[:MAX_RESULTS], jurisdiction=jurisdiction)
    statuses = frozenset(_listed(given.get("status")))
    if statuses - {"open", "closed"}:
        errors.append(SpecError(400, "status: open, closed, or both comma-separated."))
    start = _instant(given.get("start_date"), "start_date", errors)
    end = _instant(given.get("end_date"), "end_date", errors)
    if errors:
        raise Open311Failure(errors)
    end = end or (now if start is None else min(now, start + DEFAULT_WINDOW))
    start = start or end - DEFAULT_WINDOW
    if start > end:
        raise Open311Failure.one(400, "start_date: after end_date.")
    if end - start > DEFAULT_WINDOW:
        raise Open311Failure.one(400, "start_date: the window may be at most 90 days.")
    return RequestFilter(
        service_codes=_listed(given.get("service_code")),
        start=start,
        end=end,
        statuses=statuses,
        jurisdiction=jurisdiction,
    )


def _listed(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in (value or "").split(",") if v.strip()))


def _instant(value: str | None, name: str, errors: list[SpecError]) -> datetime | None:
    if not value:
        return None
    try:
        instant = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError:
        errors.append(SpecError(400, f"{name}: not an ISO 8601 date and time."))
        return None
    if instant.tzinfo is None:
        errors.append(SpecError(400, f"{name}: give the time zone (Z or +07:00)."))
        return None
    return instant


def event_date(value: str | None) -> date | None:
    """`attribute[event_date]` as a date, or None when not given (a bad one raises)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Open311Failure.one(400, "attribute[event_date]: use YYYY-MM-DD.") from None
