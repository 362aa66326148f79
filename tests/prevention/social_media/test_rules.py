"""The social media sheet's rows read and checked, each problem named by row and column."""

from __future__ import annotations

from datetime import date, datetime

from apik_prevention.social_media.rules import Platform, header_map, parse

HEADERS = ("Platform", "Tautan", "Tanggal", "Jangkauan", "Tayangan", "Interaksi", "Keterangan")


def test_headers_in_either_language_are_found_and_missing_ones_named() -> None:
    columns, missing = header_map(HEADERS)
    assert missing == [] and columns["reach"] == 3 and columns["caption"] == 6
    columns, missing = header_map(("platform", "URL", "posted_on", "reach"))
    assert columns["url"] == 1
    assert {(p.row, p.column) for p in missing} == {(1, "impressions"), (1, "engagement")}


def test_cells_in_the_forms_sheets_hold_them() -> None:
    columns, _ = header_map(HEADERS)
    rows = [
        (2, ("Instagram", "https://instagram.com/p/1", "14/08/2026", "1.234", 2000.0, 35, None)),
        (3, ("twitter", "https://x.com/s/2", datetime(2026, 8, 15, 10), 10, 20, "7", "Rilis")),
        (4, (None, None, None, None, None, None, None)),  # an empty row is skipped
    ]
    parsed, problems = parse(rows, columns)
    assert problems == []
    first, second = parsed
    assert first.platform is Platform.instagram and first.posted_on == date(2026, 8, 14)
    assert (first.reach, first.impressions, first.engagement) == (1234, 2000, 35)
    assert second.platform is Platform.x and second.posted_on == date(2026, 8, 15)
    assert second.caption == "Rilis"


def test_every_wrong_cell_is_named_with_its_row_column_and_reason() -> None:
    columns, _ = header_map(HEADERS)
    rows = [
        (2, ("myspace", "ftp://x", "31/02/2026", "-5", 1.5, "banyak", "a\x00b")),
        (3, ("facebook", "https://fb.com/1", "2026-01-01", 1, 2, 3, None)),
        (4, ("facebook", "https://fb.com/1", "2026-01-02", 1, 2, 3, None)),
    ]
    parsed, problems = parse(rows, columns)
    assert [p.row for p in parsed] == [3]
    named = {(p.row, p.column) for p in problems}
    assert named == {
        (2, "platform"),
        (2, "url"),
        (2, "posted_on"),
        (2, "reach"),
        (2, "impressions"),
        (2, "engagement"),
        (2, "caption"),
        (4, "url"),
    }
    duplicate = next(p for p in problems if p.row == 4)
    assert "row 3" in duplicate.reason and duplicate.pointer == "#/body/rows/4/url"
