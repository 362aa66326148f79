"""The strict input base and the shared field types (pure: pydantic only)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from apik_shared.vocabulary.inputs import (
    Email,
    FreeText,
    Input,
    Nik,
    PersonName,
    Phone,
    RecordDate,
)
from apik_shared.vocabulary.instants import Instant


class Person(Input):
    name: PersonName
    nik: Nik | None = None
    phone: Phone | None = None
    email: Email | None = None
    tags: list[str] = []


class Body(Input):
    person: Person
    others: list[Person] = []
    story: FreeText = ""
    meta: dict[str, str] = {}
    day: RecordDate | None = None


def errors(data: dict) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        Body.model_validate(data)
    return [(e["loc"], e["msg"]) for e in caught.value.errors()]


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1b[31m", "\x7f", "\x85"])
def test_a_control_character_in_any_text_names_the_innermost_field(bad: str) -> None:
    assert errors({"person": {"name": f"Bu{bad}di"}})[0][0] == ("person", "name")
    assert errors({"person": {"name": "x"}, "others": [{"name": bad}]})[0][0] == (
        "others",
        0,
        "name",
    )
    assert errors({"person": {"name": "x", "tags": ["a", bad]}})[0][0] == ("person", "tags")
    assert errors({"person": {"name": "x"}, "story": f"a{bad}"})[0][0] == ("story",)
    assert errors({"person": {"name": "x"}, "meta": {bad: "v"}})[0][0] == ("meta",)


def test_free_text_keeps_its_lines_and_a_name_is_one_line() -> None:
    body = Body.model_validate({"person": {"name": "  Budi  "}, "story": " a\n\tb "})
    assert (body.person.name, body.story) == ("Budi", "a\n\tb")
    assert errors({"person": {"name": "Budi\nSantoso"}})[0][0] == ("person", "name")


def test_unknown_fields_are_refused() -> None:
    assert errors({"person": {"name": "x", "role": "admin"}})[0][0] == ("person", "role")


def test_phone_nik_and_email_are_normalised_or_refused() -> None:
    person = Body.model_validate(
        {"person": {"name": "x", "phone": " 0812-3456-7890 ", "email": " Budi@Mail.ID "}}
    ).person
    assert (person.phone, person.email) == ("+6281234567890", "budi@mail.id")
    assert Person(name="x", nik="1771010101900001").nik == "1771010101900001"
    for field, value in [("phone", "12ab"), ("nik", "1234"), ("email", "budi@")]:
        assert errors({"person": {"name": "x", field: value}})[0][0] == ("person", field)


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2201-01-01"])
def test_a_record_date_is_a_year_a_record_can_have(day: str) -> None:
    assert errors({"person": {"name": "x"}, "day": day})[0][0] == ("day",)
    assert Body(person=Person(name="x"), day=date(2026, 12, 5)).day == date(2026, 12, 5)


class Moment(Input):
    at: Instant


@pytest.mark.parametrize("number", [20260105, 1767571200, 1767571200.5])
def test_a_number_is_not_a_date_nor_a_moment(number: float) -> None:
    """pydantic reads a number as seconds after 1970: 20260105 would be 23 August 1970,
    not 5 January 2026. Refused, naming the field, for dates and moments alike."""
    [(where, message)] = errors({"person": {"name": "x"}, "day": number})
    assert where == ("day",) and "ISO 8601" in message
    with pytest.raises(ValidationError) as caught:
        Moment.model_validate_json(f'{{"at": {number}}}')
    [error] = caught.value.errors()
    assert error["loc"] == ("at",) and "ISO 8601" in error["msg"]
    assert Moment.model_validate_json('{"at": "2026-01-05T08:00:00+07:00"}').at.day == 5
