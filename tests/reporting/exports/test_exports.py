"""Exports: the same tables as the JSON answers, as CSV and XLSX, in Bahasa Indonesia."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from apik_reporting.exports.views import exported_row, header
from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, office, publish, year_of_activity

YEAR = 2025
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
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


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def csv_rows(content: bytes, delimiter: str = ",") -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith(BOM), "a BOM, so spreadsheets read UTF-8 as UTF-8"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def xlsx_rows(content: bytes) -> list[list[str]]:
    """The cells of the first sheet as text, as openpyxl reads them."""
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"  # the header row stays in view
    return [[_as_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("path", PATHS)
async def test_csv_and_xlsx_equal_the_json(reporting, tokens: TestTokens, year_office, path):
    headers = tokens.headers("analyst", office=year_office)
    params = {"year": YEAR}
    body = (await reporting.client.get(path, params=params, headers=headers)).json()
    columns = _columns(body)
    # The JSON's values, each coded cell by its Indonesian name.
    expected = [[_as_text(v) for v in exported_row(columns, item)] for item in body["items"]]
    titles = [header(c) for c in columns]
    assert expected, "an export of nothing proves nothing"

    as_csv = await reporting.client.get(
        path, params=params, headers={**headers, "Accept": "text/csv"}
    )
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert ".csv" in as_csv.headers["content-disposition"]
    [head, *rows] = csv_rows(as_csv.content)
    assert head == titles and rows == expected

    as_xlsx = await reporting.client.get(path, params=params, headers={**headers, "Accept": XLSX})
    assert as_xlsx.status_code == 200 and as_xlsx.headers["content-type"] == XLSX
    [head, *rows] = xlsx_rows(as_xlsx.content)
    # A sheet stores numbers, not their spelling: 50.0 reads back as 50.
    numbers = [[_as_text(_number(v)) for v in exported_row(columns, i)] for i in body["items"]]
    assert head == titles and rows == numbers


async def test_the_kpi_csv_carries_the_seed_like_numbers(reporting, tokens, year_office):
    response = await reporting.client.get(
        "/api/v1/reporting/kpis",
        params={"year": YEAR},
        headers={**tokens.headers("head", office=year_office), "Accept": "text/csv"},
    )
    [head, *rows] = csv_rows(response.content)
    assert head == ["Indikator", "Satuan", "Target", "Capaian", "Persentase capaian", "Definisi"]
    by_name = {r[0]: dict(zip(head, r, strict=True)) for r in rows}
    knl = by_name["KNL tercatat"]
    assert (knl["Satuan"], knl["Target"], knl["Capaian"]) == ("jumlah", "250", "3")
    assert knl["Persentase capaian"] == "1.2"
    assert knl["Definisi"].startswith("Konsultasi Non Laporan yang dijawab")
    assert by_name["Laporan selesai (ditutup)"]["Capaian"] == "2"


async def test_the_semicolon_variant_opens_as_columns_in_an_indonesian_spreadsheet(
    reporting, tokens, year_office
):
    response = await reporting.client.get(
        "/api/v1/reporting/kpis",
        params={"year": YEAR, "delimiter": "semicolon"},
        headers={**tokens.headers("head", office=year_office), "Accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.content.decode("utf-8").splitlines()[0] == (
        "\ufeffIndikator;Satuan;Target;Capaian;Persentase capaian;Definisi"
    )
    rows = {r[0]: r for r in csv_rows(response.content, delimiter=";")[1:]}
    # 3 of 250 is 1.2 %: written with a decimal comma, as that spreadsheet reads numbers.
    assert rows["KNL tercatat"][4] == "1,2"


async def test_an_unknown_delimiter_is_refused_naming_it(reporting, tokens, year_office):
    response = await reporting.client.get(
        "/api/v1/reporting/kpis",
        params={"year": YEAR, "delimiter": "tab"},
        headers={**tokens.headers("head", office=year_office), "Accept": "text/csv"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "delimiter" in response.text


async def test_breakdowns_name_their_codes_in_indonesian(reporting, tokens, year_office):
    headers = {**tokens.headers("analyst", office=year_office), "Accept": XLSX}
    channel = await reporting.client.get(
        "/api/v1/reporting/breakdowns/channel", params={"year": YEAR}, headers=headers
    )
    [head, *rows] = xlsx_rows(channel.content)
    assert head == ["Saluran", "Jumlah"]
    assert "Datang langsung" in {r[0] for r in rows} and "walk_in" not in {r[0] for r in rows}
    month = await reporting.client.get(
        "/api/v1/reporting/breakdowns/month", params={"year": YEAR}, headers=headers
    )
    [head, *rows] = xlsx_rows(month.content)
    assert head[:3] == ["Bulan", "LM teregistrasi", "KNL tercatat"]
    assert [r[0] for r in rows][:3] == ["Januari 2025", "Februari 2025", "Maret 2025"]


async def test_the_targets_export_equals_the_json(reporting, tokens: TestTokens, year_office):
    path = f"/api/v1/reporting/targets/{YEAR}"
    headers = tokens.headers("analyst", office=year_office)
    body = (await reporting.client.get(path, headers=headers)).json()
    assert body["targets"] == {"knl_recorded": 250, "reports_closed": 84}
    columns = ["Kantor", "Tahun", "Indikator", "Target"]
    # One row per target, in the order the indicators are listed (as /kpis lists them).
    expected = [
        [year_office, str(YEAR), name, _as_text(body["targets"][code])]
        for code, name in (
            ("knl_recorded", "KNL tercatat"),
            ("reports_closed", "Laporan selesai (ditutup)"),
        )
    ]
    as_csv = await reporting.client.get(path, headers={**headers, "Accept": "text/csv"})
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert f"targets-{year_office}-{YEAR}.csv" in as_csv.headers["content-disposition"]
    [head, *rows] = csv_rows(as_csv.content)
    assert head == columns and rows == expected
    as_xlsx = await reporting.client.get(path, headers={**headers, "Accept": XLSX})
    assert as_xlsx.status_code == 200 and as_xlsx.headers["content-type"] == XLSX
    assert xlsx_rows(as_xlsx.content) == [columns, *expected]
