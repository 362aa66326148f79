"""The annual report's Indonesian number format (pure)."""

from __future__ import annotations

from apik_reporting.annual_report.views import angka, loss_lines
from apik_reporting.exports.schemas import Cell


def test_numbers_are_written_the_indonesian_way():
    assert angka(1234) == "1.234" and angka(107.1) == "107,1" and angka(None) == "-"
    assert angka(48.25) == "48,25" and angka(100.0) == "100"


def test_the_public_loss_lines_one_per_kind_recorded_then_each_kinds_total():
    rows: list[dict[str, Cell]] = [
        {
            "office": "MKS",
            "substance": "land",
            "agency_type": "land_office",
            "prevented_cases": 1,
            "prevented_people": 4,
            "prevented_idr": 120_000_000,
            "recovered_cases": 1,
            "recovered_people": 2,
            "recovered_idr": 7_500_000,
        },
        {
            "office": "MKS",
            "substance": "education",
            "agency_type": "unspecified",
            "prevented_cases": 2,
            "prevented_people": 30,
            "prevented_idr": 5_000_000,
            "recovered_cases": 0,
            "recovered_people": 0,
            "recovered_idr": 0,
        },
    ]
    # Codes by their Indonesian names. Prevented: 1 + 2 cases, 4 + 30 people,
    # 120.000.000 + 5.000.000; recovered: the one.
    assert loss_lines(rows, offices=False) == [
        ["Pertanahan / Kantor pertanahan", "Dicegah", "1", "4", "120.000.000"],
        ["Pertanahan / Kantor pertanahan", "Dipulihkan", "1", "2", "7.500.000"],
        ["Pendidikan / Tidak disebutkan", "Dicegah", "2", "30", "5.000.000"],
        ["Jumlah", "Dicegah", "3", "34", "125.000.000"],
        ["Jumlah", "Dipulihkan", "1", "2", "7.500.000"],
    ]
    assert loss_lines(rows, offices=True)[0][0] == "MKS / Pertanahan / Kantor pertanahan"
    assert loss_lines([], offices=True) == [
        ["Jumlah", "Dicegah", "0", "0", "0"],
        ["Jumlah", "Dipulihkan", "0", "0", "0"],
    ]
