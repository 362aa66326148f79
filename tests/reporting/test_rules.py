"""Pure parts: percentages, target checks, defensive field reading, the XLSX writer."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import pytest

from apik_reporting.annual_report.views import angka
from apik_reporting.exports.views import column_letter, workbook
from apik_reporting.kpis.rules import BY_CODE, INDICATORS, percent, target_problems
from apik_reporting.read_model.projection import Fields


def test_percent_against_target_as_in_the_seed():
    assert percent(252, 250, "higher") == 100.8
    assert percent(108, 100, "higher") == 108.0
    assert percent(90, 84, "higher") == 107.1
    assert percent(5, None, "higher") is None
    assert percent(5, 0, "higher") is None
    assert percent(None, 10, "higher") is None
    # Lower is better: 30 days taken against 45 targeted beats the target.
    assert percent(30, 45, "lower") == 150.0
    assert percent(0, 45, "lower") is None


def test_every_indicator_is_defined_in_both_languages():
    assert [i.code for i in INDICATORS] == [
        "knl_recorded",
        "lm_registered",
        "reports_handed_over",
        "reports_closed",
        "reports_in_process",
        "closed_within_sla_pct",
        "avg_working_days_to_close",
        "desk_visits",
        "desk_avg_duration_minutes",
        "desk_avg_rating",
        "ikm",
    ]
    for indicator in INDICATORS:
        assert indicator.definition and indicator.label and indicator.definisi
    assert (
        BY_CODE["ikm"].available and "25 x the sum of the nine NRR / 9" in BY_CODE["ikm"].definition
    )


def test_target_problems_name_each_bad_code():
    assert target_problems({"knl_recorded": 250, "closed_within_sla_pct": 90}) == []
    problems = dict(target_problems({"nope": 1, "desk_avg_rating": 0, "ikm": 101}))
    assert set(problems) == {"nope", "desk_avg_rating", "ikm"}
    assert "knl_recorded" in problems["nope"]  # the message lists the known codes


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"n": 3}, (None, 3, None)),
        ({"n": True, "t": "2025-01-01"}, (None, None, None)),  # naive: no place in a year
        ({"n": "3", "t": "2025-01-01T00:00:00+07:00", "s": "x"}, ("x", None, 2025)),
        ({"s": {"nested": 1}, "t": 12}, (None, None, None)),
    ],
)
def test_fields_are_read_defensively(data, expected):
    fields = Fields(data)
    instant = fields.instant("t")
    assert (fields.text("s"), fields.number("n"), instant.year if instant else None) == expected
    assert fields.nested("missing").text("anything") is None


def test_the_xlsx_writer_makes_a_readable_sheet():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
    content = workbook([["a <b> & 'c'", 1, 2.5, None], ["Ibu Sri", -3]], sheet="kpis/2025")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} <= names
        for name in names:  # every part is well-formed XML
            ElementTree.fromstring(archive.read(name))
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        book = archive.read("xl/workbook.xml").decode()
    assert "a &lt;b&gt; &amp; 'c'" in sheet and '<c r="C1"><v>2.5</v></c>' in sheet
    assert 'r="D1"' not in sheet  # an empty cell is left out
    assert 'name="kpis_2025"' in book


def test_numbers_are_written_the_indonesian_way():
    assert angka(1234) == "1.234" and angka(107.1) == "107,1" and angka(None) == "-"
    assert angka(48.25) == "48,25" and angka(100.0) == "100"
