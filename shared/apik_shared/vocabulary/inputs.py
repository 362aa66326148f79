"""What a client may send: one strict base model and the field types every service shares.

`Input` refuses unknown fields, strips surrounding whitespace and refuses control
characters in every text it holds, however deeply nested: PostgreSQL text cannot hold
NUL, and other control characters in a name or an address are forged input, never a
typing slip. Free text (`FreeText`) may keep line breaks and tabs; a one-line value
(`Line`, `PersonName`, …) may not.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.instants import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    implausible_year,
    written_out,
)
from apik_shared.vocabulary.nik import InvalidNik, parse_nik

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\t\n\r\u2028\u2029]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A registration number given as a query parameter (`?number=`): printable, without
# surrounding spaces (numbers imported from older systems may hold inner spaces or
# slashes). Query strings never pass through `Input`, and PostgreSQL text cannot hold
# NUL: this pattern refuses control characters with a 422 naming the parameter.
REGISTRATION_NUMBER = r"^[^\s\x00-\x1f\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f])?$"


def refuse_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise invalid(
            "control_character",
            "contains a control character (such as NUL), which text cannot hold",
        )
    return value


def _one_line(value: str) -> str:
    if _LINE_BREAK.search(value):
        raise invalid("multiline", "must be one line (no line breaks or tabs)")
    return value


def _texts(value: Any) -> list[str]:
    """Every string in `value`: itself, or in a dict's keys and values, or a list's items."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*(k for k in value if isinstance(k, str)), *_texts(list(value.values()))]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    return []


def _holds_input(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Input):
        return True
    return any(_holds_input(arg) for arg in get_args(annotation))


class Input(BaseModel):
    """The base of every request body."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        # Before any other check, so that no field type can forget it. A field holding
        # `Input` models is left to them, so that the error names the innermost field.
        if _checks_texts(cls, info.field_name or ""):
            for text in _texts(value):
                refuse_control_characters(text)
        return value


# Once per model and field, not on every validation: walking the field's annotation
# (`get_args` all the way down) for each field of each body was a third of a report's
# validation.
@functools.cache
def _checks_texts(model: type[Input], name: str) -> bool:
    """Whether this validator checks the texts of field `name` itself (it leaves a field
    holding `Input` models to them)."""
    field = model.model_fields.get(name)
    return field is None or not _holds_input(field.annotation)


def normalise_phone(raw: str) -> str:
    """Indonesian numbers to E.164: `0812-3456-789` and `62812…` become `+62812…`."""
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("0"):
        digits = "+62" + digits[1:]
    elif digits.startswith("62"):
        digits = "+" + digits
    if not re.fullmatch(r"\+\d{8,15}", digits):
        raise invalid(
            "not_a_phone_number", "not a phone number (expected e.g. 0812 3456 7890 or +62…)"
        )
    return digits


def _check_nik(value: str) -> str:
    try:
        parse_nik(value)
    except InvalidNik as exc:
        raise exc.refusal from exc
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise invalid("not_an_email_address", "not an email address")
    return value.lower()


def _plausible_date(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise implausible_year()
    return value


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


_Checked = AfterValidator(refuse_control_characters)
_OneLine = AfterValidator(_one_line)

# One line of text: a title, a place, an agency's name.
Line = Annotated[str, StringConstraints(strip_whitespace=True), _Checked, _OneLine]
# Text that may span lines: a chronology, a summary, a note.
FreeText = Annotated[str, StringConstraints(strip_whitespace=True), _Checked]
PersonName = Annotated[Line, Field(min_length=1, max_length=200)]
Address = Annotated[FreeText, Field(max_length=1000)]
Phone = Annotated[str, BeforeValidator(_stripped), _Checked, AfterValidator(normalise_phone)]
Nik = Annotated[
    str,
    BeforeValidator(_stripped),
    _Checked,
    AfterValidator(_check_nik),
    Field(description="NIK, 16 digits encoding region and birth date"),
]
Email = Annotated[
    str,
    BeforeValidator(_stripped),
    Field(max_length=254),
    _Checked,
    AfterValidator(_check_email),
]
# A calendar date a record can have (years 1900-2200: others are typing slips).
RecordDate = Annotated[date, BeforeValidator(written_out), AfterValidator(_plausible_date)]
