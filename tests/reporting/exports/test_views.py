"""The XLSX writer (pure: no database)."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from apik_reporting.exports.views import column_letter, workbook


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
