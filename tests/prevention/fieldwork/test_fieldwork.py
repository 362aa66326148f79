"""The entry template of a scheme, filled in and imported: rows grouped into entries,
all or none, a wrong cell named by its row."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook

from apik_shared.documents.spreadsheet import MEDIA_TYPE, workbook
from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    SCHEMES,
    indicators,
    open_assessment,
    scheme_id,
    shipped,
)

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


async def _template(prevention: RunningService, headers: dict[str, str], scheme: str) -> list[Any]:
    answer = await prevention.client.get(f"{SCHEMES}/{scheme}/template.xlsx", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == MEDIA_TYPE
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


async def test_the_template_has_a_row_per_indicator_and_respondent(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    rows = await _template(prevention, enumerator, scheme)
    assert tuple(rows[0]) == HEADERS
    expected = sum(len(i.respondents) for i in indicators(shipped(2022)))
    assert len(rows) - 1 == expected  # P.1-P.11 twice (observation, official), …
    p1 = [r for r in rows[1:] if r[0] == "P.1"]
    assert [(r[2], r[3]) for r in p1] == [("observation", "0-3"), ("official", "0-3")]


def _filled(rows: list[list[Any]]) -> bytes:
    return workbook(sheet="isi", headers=HEADERS, rows=rows)


def _row(code: str, respondent: str, ref: str, value: Any, **kw: Any) -> list[Any]:
    return [
        code,
        "",
        respondent,
        "",
        ref,
        kw.get("at", "2023-08-14 09:30"),
        kw.get("place", "Loket 1"),
        value,
        kw.get("note"),
        kw.get("photos"),
    ]


async def test_a_filled_template_becomes_one_entry_per_respondent(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    content = _filled(
        [
            _row("O.1", "service_user", "R-01", 3),
            _row("O.2", "service_user", "R-01", 2, note="Antre lama"),
            _row("O.1", "service_user", "R-02", 1),
            _row("P.1", "observation", "", 3, photos="foto/1.jpg; foto/2.jpg"),
            _row("P.2", "observation", "", None),  # not answered: skipped
        ]
    )
    answer = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries/import",
        content=content,
        headers={**enumerator, "Content-Type": MEDIA_TYPE},
    )
    assert answer.status_code == 200, answer.text
    made = answer.json()
    summary = sorted(
        (
            e["respondent_type"],
            e["respondent_ref"],
            [(a["indicator"], a["value"]) for a in e["answers"]],
        )
        for e in made
    )
    assert summary == [
        ("observation", None, [("P.1", 3)]),
        ("service_user", "R-01", [("O.1", 3), ("O.2", 2)]),
        ("service_user", "R-02", [("O.1", 1)]),
    ]
    observation = next(e for e in made if e["respondent_type"] == "observation")
    assert [p["ref"] for p in observation["photos"]] == ["foto/1.jpg", "foto/2.jpg"]
    assert observation["method"] == "observation" and observation["status"] == "submitted"
    # A time without a zone is the office's (WIB for an office the registry does not know).
    taken = datetime.fromisoformat(observation["taken_at"])
    assert taken == datetime(2023, 8, 14, 2, 30, tzinfo=UTC)


async def test_a_wrong_row_is_named_and_nothing_is_imported(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    url = f"{ASSESSMENTS}/{assessment}/entries/import"
    headers = {**enumerator, "Content-Type": MEDIA_TYPE}
    cells = await prevention.client.post(
        url,
        content=_filled(
            [
                _row("O.1", "service_user", "R-01", 3),
                _row("O.2", "service_user", "R-01", "tiga"),
                _row("O.3", "pengguna", "R-01", 1, at="kemarin"),
            ]
        ),
        headers=headers,
    )
    assert cells.status_code == 422, cells.text
    said = [(e["pointer"], e["code"]) for e in cells.json()["errors"]]
    assert said == [
        ("#/body/rows/3/value", "int_parsing"),
        ("#/body/rows/4/respondent_type", "enum"),
        ("#/body/rows/4/taken_at", "datetime_parsing"),
    ]
    scheme_problem = await prevention.client.post(
        url,
        content=_filled(
            [_row("O.1", "service_user", "R-01", 3), _row("O.2", "service_user", "R-01", 7)]
        ),
        headers=headers,
    )
    assert scheme_problem.status_code == 422
    [out_of_scale] = scheme_problem.json()["errors"]
    assert out_of_scale["pointer"] == "#/body/rows/3/value"
    assert out_of_scale["code"] == "out_of_range" and set(out_of_scale["params"]) == {"min", "max"}
    junk = await prevention.client.post(url, content=b"bukan xlsx", headers=headers)
    assert junk.status_code == 422
    assert [e["code"] for e in junk.json()["errors"]] == ["not_a_workbook"]
    count = await prevention.scalar(
        "SELECT count(*) FROM assessment_entry WHERE assessment_id = :a", a=assessment
    )
    assert count == 0
