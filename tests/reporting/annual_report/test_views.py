"""The annual report's Indonesian number format (pure)."""

from __future__ import annotations

from apik_reporting.annual_report.views import angka


def test_numbers_are_written_the_indonesian_way():
    assert angka(1234) == "1.234" and angka(107.1) == "107,1" and angka(None) == "-"
    assert angka(48.25) == "48,25" and angka(100.0) == "100"
