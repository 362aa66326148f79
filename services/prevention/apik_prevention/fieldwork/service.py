"""The entry template generated per scheme version, and a filled one imported as
entries (all of them or, when a row is wrong, none)."""

from __future__ import annotations

import re
import zipfile
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from apik_prevention.assessments.schemas import EntryCreate
from apik_prevention.assessments.service import add_entry
from apik_prevention.fieldwork import rules
from apik_prevention.models import Assessment, AssessmentEntry, SchemeVersion
from apik_prevention.schemes.service import definition_of
from apik_shared.documents.spreadsheet import open_workbook, workbook
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import InvalidInput, field_error, validation_problem

_ANSWER = re.compile(r"^#/body/answers/(\d+)/(\w+)")
MAX_ROWS = 20_000


def template(scheme: SchemeVersion) -> bytes:
    definition = definition_of(scheme)
    return workbook(
        sheet=f"{scheme.code} v{scheme.version}",
        headers=rules.HEADERS,
        rows=rules.template_rows(definition),
        widths=(14, 60, 18, 8, 16, 22, 24, 8, 30, 30),
    )


def _rows(content: bytes) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        book = open_workbook(content)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput.field("#/body", "Not an XLSX workbook.", code="not_a_workbook") from exc
    sheet = book.worksheets[0]
    rows = [
        (number, tuple(cells))
        for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
    ]
    if len(rows) > MAX_ROWS:
        raise InvalidInput.field(
            "#/body", f"At most {MAX_ROWS} rows.", code="too_many_rows", max_rows=MAX_ROWS
        )
    return rows


def _at_row(problem: InvalidInput, entry: rules.ParsedEntry) -> InvalidInput:
    """A problem of an entry's body, named by the spreadsheet row that caused it."""
    errors: list[dict[str, Any]] = []
    for error in problem.errors:
        pointer, row, column = str(error.get("pointer", "")), entry.first_row, "row"
        if match := _ANSWER.match(pointer):
            index = int(match.group(1))
            row = entry.rows[index] if index < len(entry.rows) else row
            column = {"indicator": "indicator", "value": "value"}.get(match.group(2), "note")
        elif pointer.startswith("#/body/"):
            column = pointer.removeprefix("#/body/").split("/")[0]
        # The code and params come along, as the app words them.
        errors.append({**error, "pointer": f"#/body/rows/{row}/{column}"})
    return InvalidInput(errors[0]["detail"] if errors else problem.detail, errors=errors)


async def import_entries(
    *, session: AsyncSession, assessment: Assessment, content: bytes, actor: Principal
) -> list[AssessmentEntry]:
    calendar = await office_calendar(session, assessment.office)
    parsed, problems = rules.entries(_rows(content), calendar.timezone)
    if problems:
        raise InvalidInput(
            f"{len(problems)} cell(s) to fix, the first at row {problems[0].row}.",
            errors=[field_error(p.pointer, p.why) for p in problems],
        )
    if not parsed:
        raise InvalidInput.field(
            "#/body", "No row has a value in Nilai.", code="no_rows_with_value", column="Nilai"
        )
    made = []
    for entry in parsed:
        try:
            data = EntryCreate.model_validate(
                {
                    "respondent_type": entry.respondent_type,
                    "respondent_ref": entry.respondent_ref,
                    "method": entry.method,
                    "taken_at": entry.taken_at,
                    "place": entry.place,
                    "photos": [{"ref": ref} for ref in entry.photos],
                    "answers": entry.answers,
                }
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise _at_row(
                validation_problem(
                    RequestValidationError([{**first, "loc": ("body", *first["loc"])}])
                ),
                entry,
            ) from exc
        try:
            made.append(
                await add_entry(session=session, assessment=assessment, data=data, actor=actor)
            )
        except InvalidInput as problem:
            raise _at_row(problem, entry) from problem
    return made
