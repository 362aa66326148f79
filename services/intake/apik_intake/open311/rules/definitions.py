"""The service definitions: the same attributes for every substance, carrying what an
Ombudsman report needs beyond the spec's fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from apik_shared.vocabulary.labels import AGENCY_TYPES, MALADMINISTRATION, words


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
        values=words(AGENCY_TYPES),
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
        values=words(MALADMINISTRATION),
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
