"""An institution's format over the certificate's data (pure)."""

from __future__ import annotations

from datetime import date

from apik_internship.formats import rules
from apik_internship.formats.rules import Grade, Item

RECORD = rules.Record(
    name="Rina Kartika",
    study=None,
    institution="Universitas Bengkulu",
    programme="MBKM",
    office="Perwakilan Bengkulu",
    unit="examination",
    period_start=date(2025, 6, 2),
    period_end=date(2025, 6, 13),
    working_days=8,
    days_present=7,
    logbook_approved=8,
    evaluation_score=79,
    issued_on=date(2025, 6, 16),
    verification_code="SRT-AAAA",
)
GRADES = [Grade(80, "A"), Grade(75, "B+"), Grade(0, "E")]


def test_grades_take_the_highest_minimum_reached():
    assert rules.grade_of(79, GRADES) == "B+"
    assert rules.grade_of(80, GRADES) == "A"
    assert rules.grade_of(3, GRADES) == "E"
    assert rules.grade_of(3, [Grade(50, "D")]) == "-"


def test_values_print_in_indonesian():
    assert rules.value(Item.attendance_percent, RECORD, GRADES) == "87,5 %"
    assert rules.value(Item.logbook_percent, RECORD, GRADES) == "100 %"
    assert rules.value(Item.unit, RECORD, GRADES) == "Pemeriksaan Laporan"
    assert rules.value(Item.study, RECORD, GRADES) == "-"
    assert rules.value(Item.issued_on, RECORD, GRADES) == "16 Juni 2025"
    assert rules.percent(0, 0) == "-"


def test_wording_fills_known_placeholders_and_names_unknown_ones():
    text = "{name} dari {institution}, {period}."
    assert rules.fill(text, RECORD) == (
        "Rina Kartika dari Universitas Bengkulu, 2 Juni 2025 s.d. 13 Juni 2025."
    )
    assert rules.unknown_placeholders("{name} {nim} {unit} {x") == ["{nim}"]
