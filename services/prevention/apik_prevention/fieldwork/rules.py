"""The entry template of a scheme (one row per indicator and respondent type) and what
a filled one says: rows grouped into entries, one per respondent and moment. Pure.

A filled row has a value in `Nilai`; rows left empty are the template's unanswered
lines and are skipped. The rows of one respondent (same type, code, time and place)
make one entry, as if posted to `…/entries`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from pydantic_core import PydanticCustomError

from apik_prevention.schemes.schemas import RespondentMethod, RespondentType, SchemeDefinition
from apik_shared.vocabulary.field_errors import invalid

HEADERS = (
    "Kode indikator",
    "Indikator",
    "Jenis responden",
    "Skala",
    "Kode responden",
    "Waktu (2025-08-14 09:30)",
    "Tempat",
    "Nilai",
    "Catatan",
    "Foto (rujukan, dipisah ;)",
)
CODE, TEXT, RESPONDENT, SCALE, REF, AT, PLACE, VALUE, NOTE, PHOTOS = range(len(HEADERS))
COLUMNS = (
    "indicator",
    "text",
    "respondent_type",
    "scale",
    "respondent_ref",
    "taken_at",
    "place",
    "value",
    "note",
    "photos",
)
METHODS = {
    RespondentType.observation: RespondentMethod.observation,
    RespondentType.public: RespondentMethod.survey,
}


def template_rows(definition: SchemeDefinition) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for dimension in definition.dimensions:
        for variable in dimension.variables:
            for indicator in variable.indicators:
                scale = indicator.scale or definition.scale
                for respondent in indicator.respondents:
                    rows.append(
                        [
                            indicator.code,
                            indicator.text,
                            respondent.value,
                            f"{scale.min}-{scale.max}",
                            None,
                            None,
                            None,
                            None,
                            None,
                            None,
                        ]
                    )
    return rows


@dataclass
class ParsedEntry:
    first_row: int
    respondent_type: str
    respondent_ref: str | None
    taken_at: datetime
    place: str
    method: str
    answers: list[dict[str, Any]] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    column: str
    why: PydanticCustomError  # `invalid(code, …)`: as the web app words it

    @property
    def pointer(self) -> str:
        return f"#/body/rows/{self.row}/{self.column}"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _moment(value: Any, timezone: str) -> datetime | None:
    """A cell's time: a spreadsheet date or time, or text `2025-08-14 09:30`; without a
    zone, the office's."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0, 0))
    else:
        text = _text(value)
        if text is None:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment


def _value(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text is not None and text.isdigit() else None


def entries(
    rows: Iterable[tuple[int, Sequence[Any]]], timezone: str
) -> tuple[list[ParsedEntry], list[RowProblem]]:
    """The filled rows grouped into entries, or what is wrong with each bad row."""
    grouped: dict[tuple[str, str | None, datetime, str], ParsedEntry] = {}
    problems: list[RowProblem] = []
    for number, cells in rows:
        cells = [*cells, *([None] * (len(HEADERS) - len(cells)))]
        if _text(cells[VALUE]) is None and cells[VALUE] != 0:
            continue  # a template line nobody answered
        found = []
        value = _value(cells[VALUE])
        if value is None:
            found.append(
                RowProblem(
                    number, COLUMNS[VALUE], invalid("int_parsing", "Nilai must be a whole number.")
                )
            )
        code = _text(cells[CODE])
        if code is None:
            found.append(
                RowProblem(
                    number, COLUMNS[CODE], invalid("missing", "The indicator's code is missing.")
                )
            )
        kind = _text(cells[RESPONDENT])
        if kind not in {t.value for t in RespondentType}:
            said = ", ".join(t.value for t in RespondentType)
            found.append(
                RowProblem(
                    number,
                    COLUMNS[RESPONDENT],
                    invalid("enum", "One of: {expected}.", expected=said),
                )
            )
        moment = _moment(cells[AT], timezone)
        if moment is None:
            found.append(
                RowProblem(
                    number,
                    COLUMNS[AT],
                    invalid("datetime_parsing", "A time such as 2025-08-14 09:30."),
                )
            )
        place = _text(cells[PLACE])
        if place is None:
            found.append(
                RowProblem(
                    number, COLUMNS[PLACE], invalid("missing", "Where the answer was taken.")
                )
            )
        if found:
            problems += found
            continue
        assert code and kind and moment and place and value is not None
        ref = _text(cells[REF])
        key = (kind, ref, moment, place)
        entry = grouped.get(key)
        if entry is None:
            respondent = RespondentType(kind)
            entry = grouped[key] = ParsedEntry(
                first_row=number,
                respondent_type=kind,
                respondent_ref=ref,
                taken_at=moment,
                place=place,
                method=METHODS.get(respondent, RespondentMethod.interview).value,
            )
        answer: dict[str, Any] = {"indicator": code, "value": value}
        if note := _text(cells[NOTE]):
            answer["note"] = note
        entry.answers.append(answer)
        entry.rows.append(number)
        for photo in (_text(cells[PHOTOS]) or "").split(";"):
            if photo.strip() and photo.strip() not in entry.photos:
                entry.photos.append(photo.strip())
    return list(grouped.values()), problems
