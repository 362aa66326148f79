"""How an export shows a row (pure: no database)."""

from __future__ import annotations

from apik_reporting.exports.views import exported_row, header


def test_headers_and_coded_cells_are_indonesian():
    assert [header(c) for c in ("substance", "count", "reports_closed", "ikm")] == [
        "Substansi",
        "Jumlah",
        "Ditutup",
        "Indeks Kepuasan Masyarakat (IKM)",  # a roll-up column: the indicator's name
    ]
    assert exported_row(["substance", "count"], {"substance": "education", "count": 24}) == [
        "Pendidikan",
        24,
    ]
    assert exported_row(["outcome", "count"], {"outcome": None, "count": 1}) == [
        "Tidak disebutkan",
        1,
    ]
    assert exported_row(["office", "month"], {"office": "national", "month": "2025-12"}) == [
        "Nasional",
        "Desember 2025",
    ]


def test_a_kpi_row_carries_the_indonesian_definition():
    row = {"indicator": "knl_recorded", "unit": "count", "definition": "Consultations..."}
    [name, unit, definition] = exported_row(["indicator", "unit", "definition"], row)
    assert (name, unit) == ("KNL tercatat", "jumlah")
    assert isinstance(definition, str) and definition.startswith("Konsultasi Non Laporan")
