"""Exports: the same tables as the JSON answers, as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from apik_reporting.exports.views import column_letter
from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, office, publish, year_of_activity

YEAR = 2025
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PATHS = [
    "/api/v1/reporting/kpis",
    *(f"/api/v1/reporting/breakdowns/{d}" for d in ("substance", "outcome", "channel")),
    *(f"/api/v1/reporting/breakdowns/{d}" for d in ("agency_type", "month", "public_loss")),
]


@pytest.fixture(scope="module")
async def year_office(infra, reporting, tokens: TestTokens) -> str:
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    await reporting.client.put(
        f"/api/v1/reporting/targets/{YEAR}",
        json={"office": code, "targets": {"knl_recorded": 250, "reports_closed": 84}},
        headers=tokens.headers("head", office=code),
    )
    return code


def _columns(body: dict) -> list[str]:
    if "columns" in body:
        return body["columns"]
    return ["indicator", "unit", "target", "achieved", "percent", "definition"]


def _as_text(value) -> str:
    return "" if value is None else str(value)


def xlsx_rows(content: bytes) -> list[list[str]]:
    """The cells of the first sheet, as text, by their references."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "[Content_Types].xml" in archive.namelist()
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{MAIN}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{MAIN}c"):
            column = re.match(r"[A-Z]+", cell.attrib["r"]).group()  # type: ignore[union-attr]
            index = next(i for i in range(100) if column_letter(i) == column)
            value = cell.find(f"{MAIN}v")
            text = cell.find(f"{MAIN}is/{MAIN}t")
            cells[index] = (value if value is not None else text).text or ""  # type: ignore[union-attr]
        width = max(cells, default=-1) + 1
        rows.append([cells.get(i, "") for i in range(width)])
    return rows


@pytest.mark.parametrize("path", PATHS)
async def test_csv_and_xlsx_equal_the_json(reporting, tokens: TestTokens, year_office, path):
    headers = tokens.headers("analyst", office=year_office)
    params = {"year": YEAR}
    body = (await reporting.client.get(path, params=params, headers=headers)).json()
    columns = _columns(body)
    expected = [[_as_text(item[c]) for c in columns] for item in body["items"]]
    assert expected, "an export of nothing proves nothing"

    as_csv = await reporting.client.get(
        path, params=params, headers={**headers, "Accept": "text/csv"}
    )
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert ".csv" in as_csv.headers["content-disposition"]
    [header, *rows] = list(csv.reader(io.StringIO(as_csv.text)))
    assert header == columns and rows == expected

    as_xlsx = await reporting.client.get(path, params=params, headers={**headers, "Accept": XLSX})
    assert as_xlsx.status_code == 200 and as_xlsx.headers["content-type"] == XLSX
    [header, *rows] = xlsx_rows(as_xlsx.content)
    assert header == columns
    # Empty cells are absent in a sheet; numbers read back as the JSON wrote them.
    width = len(columns)
    assert [r + [""] * (width - len(r)) for r in rows] == expected


async def test_the_kpi_csv_carries_the_seed_like_numbers(reporting, tokens, year_office):
    response = await reporting.client.get(
        "/api/v1/reporting/kpis",
        params={"year": YEAR},
        headers={**tokens.headers("head", office=year_office), "Accept": "text/csv"},
    )
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(response.text))}
    assert rows["knl_recorded"]["target"] == "250"
    assert rows["knl_recorded"]["achieved"] == "3"
    assert rows["knl_recorded"]["percent"] == "1.2"
    assert rows["reports_closed"]["achieved"] == "2"


async def test_the_targets_export_equals_the_json(reporting, tokens: TestTokens, year_office):
    path = f"/api/v1/reporting/targets/{YEAR}"
    headers = tokens.headers("analyst", office=year_office)
    body = (await reporting.client.get(path, headers=headers)).json()
    assert body["targets"] == {"knl_recorded": 250, "reports_closed": 84}
    columns = ["office", "year", "indicator", "target"]
    # One row per target, in the order the indicators are listed (as /kpis lists them).
    expected = [
        [year_office, str(YEAR), code, _as_text(body["targets"][code])]
        for code in ("knl_recorded", "reports_closed")
    ]
    as_csv = await reporting.client.get(path, headers={**headers, "Accept": "text/csv"})
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert f"targets-{year_office}-{YEAR}.csv" in as_csv.headers["content-disposition"]
    [header, *rows] = list(csv.reader(io.StringIO(as_csv.text)))
    assert header == columns and rows == expected
    as_xlsx = await reporting.client.get(path, headers={**headers, "Accept": XLSX})
    assert as_xlsx.status_code == 200 and as_xlsx.headers["content-type"] == XLSX
    assert xlsx_rows(as_xlsx.content) == [columns, *expected]
