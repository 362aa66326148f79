"""`POST requests`: the form's fields, and how they become intake's registration."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from apik_intake.open311.rules.definitions import ATTRIBUTE_CODES, MULTIVALUED
from apik_intake.open311.rules.spec import Open311Failure, SpecError

# The spec allows 4,000 characters of description; a report's summary holds 2,000, so a
# longer description is shortened there and kept whole in the chronology.
SUMMARY_MAX = 2000

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


def event_date(value: str | None) -> date | None:
    """`attribute[event_date]` as a date, or None when not given (a bad one raises)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Open311Failure.one(400, "attribute[event_date]: use YYYY-MM-DD.") from None
