"""The social media log's rows as read from a sheet (CSV or XLSX): which column is
which, and each cell checked, every problem named by its row and column. Pure: the
cells are given, already read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid


class Platform(StrEnum):
    instagram = "instagram"
    facebook = "facebook"
    x = "x"  # formerly Twitter
    youtube = "youtube"
    tiktok = "tiktok"
    threads = "threads"
    other = "other"


# A sheet's headers, Bahasa Indonesia or English, case and spaces ignored.
COLUMNS: dict[str, tuple[str, ...]] = {
    "platform": ("platform", "media", "media sosial"),
    "url": ("url", "tautan", "link"),
    "posted_on": ("tanggal", "posted_on", "date", "tanggal unggah"),
    "reach": ("jangkauan", "reach"),
    "impressions": ("tayangan", "impressions", "impresi"),
    "engagement": ("interaksi", "engagement", "keterlibatan"),
    "caption": ("keterangan", "caption", "judul"),
}
REQUIRED = ("platform", "url", "posted_on", "reach", "impressions", "engagement")
ALIASES = {"twitter": Platform.x, "ig": Platform.instagram, "fb": Platform.facebook}
MAX_COUNT = 2_000_000_000  # fits the column
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")  # 1.234.567 or 1,234,567
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")


@dataclass(frozen=True)
class RowProblem:
    row: int  # the sheet's row number (the header is row 1)
    column: str  # the field's name (`reach`), or `header`/`row`
    why: PydanticCustomError  # `invalid(code, …)`: as the web app words it

    @property
    def pointer(self) -> str:
        return f"#/body/rows/{self.row}/{self.column}"

    @property
    def reason(self) -> str:
        return self.why.message()


@dataclass(frozen=True)
class PostRow:
    row: int
    platform: Platform
    url: str
    posted_on: date
    reach: int
    impressions: int
    engagement: int
    caption: str | None


@dataclass(frozen=True)
class Bad:
    """Why a cell holds no value of its field (a reason, told apart from the values)."""

    why: PydanticCustomError

    def at(self, row: int, column: str) -> RowProblem:
        return RowProblem(row, column, self.why)


def _key(header: Any) -> str:
    return " ".join(str(header or "").strip().lower().replace("_", " ").split())


def header_map(headers: Sequence[Any]) -> tuple[dict[str, int], list[RowProblem]]:
    """Which cell holds which field; the required columns missing, as problems."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _key(header)
        for field, names in COLUMNS.items():
            if key in {_key(n) for n in names} and field not in found:
                found[field] = index
    missing = [
        RowProblem(1, f, invalid("no_such_column", "No column '{column}'.", column=COLUMNS[f][0]))
        for f in REQUIRED
        if f not in found
    ]
    return found, missing


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _count(value: Any) -> int | Bad:
    """A count, or why not. Indonesian sheets group thousands with dots."""
    if isinstance(value, bool):
        return Bad(invalid("int_type", "not a number"))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            return Bad(invalid("int_parsing", "a whole number is expected"))
        number = int(value)
    else:
        text = (_text(value) or "").replace(" ", "")
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(",", "")
        if not text.isdigit():
            return Bad(invalid("int_parsing", "a whole number is expected"))
        number = int(text)
    if number < 0 or number > MAX_COUNT:
        return Bad(invalid("out_of_range", "between {min} and {max}", min=0, max=MAX_COUNT))
    return number


def _day(value: Any) -> date | Bad:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value) or ""
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in match.groups())
        text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        return Bad(invalid("date_parsing", "a date is expected (YYYY-MM-DD or DD/MM/YYYY)"))
    if not 2000 <= parsed.year <= 2200:
        # Years as text: a number would be grouped in thousands ("2.000").
        said = "a year between {min} and {max}"
        return Bad(invalid("year_out_of_range", said, min="2000", max="2200"))
    return parsed


def _platform(value: Any) -> Platform | Bad:
    text = (_text(value) or "").lower()
    if text in ALIASES:
        return ALIASES[text]
    try:
        return Platform(text)
    except ValueError:
        expected = ", ".join(p.value for p in Platform)
        return Bad(invalid("enum", "one of {expected}", expected=expected))


def _url(value: Any) -> str | None:
    text = _text(value)
    if text is None or len(text) > 2000 or not re.match(r"^https?://\S+$", text):
        return None
    if _CONTROL.search(text):  # NUL and the like: never stored
        return None
    return text


def parse(
    rows: Sequence[tuple[int, Sequence[Any]]], columns: dict[str, int]
) -> tuple[list[PostRow], list[RowProblem]]:
    """Each non-empty row as a post, or its problems; a URL twice in the sheet is one."""
    parsed: list[PostRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}

    def cell(cells: Sequence[Any], field: str) -> Any:
        index = columns.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in rows:
        if all(_text(c) is None for c in cells):
            continue
        here: list[RowProblem] = []
        platform = _platform(cell(cells, "platform"))
        if isinstance(platform, Bad):
            here.append(platform.at(number, "platform"))
        url = _url(cell(cells, "url"))
        if url is None:
            said = "an http(s) address is expected"
            here.append(RowProblem(number, "url", invalid("url_parsing", said)))
        elif url in seen:
            here.append(
                RowProblem(
                    number,
                    "url",
                    invalid("same_as_row", "the same post as row {row}", row=seen[url]),
                )
            )
        else:
            seen[url] = number
        day = _day(cell(cells, "posted_on"))
        if isinstance(day, Bad):
            here.append(day.at(number, "posted_on"))
        counts: dict[str, int] = {}
        for field in ("reach", "impressions", "engagement"):
            value = _count(cell(cells, field))
            if isinstance(value, Bad):
                here.append(value.at(number, field))
            else:
                counts[field] = value
        caption = _text(cell(cells, "caption"))
        if caption is not None and len(caption) > 500:
            here.append(
                RowProblem(
                    number,
                    "caption",
                    invalid("string_too_long", "at most {max_length} characters", max_length=500),
                )
            )
        elif caption is not None and _CONTROL.search(caption):
            here.append(
                RowProblem(
                    number,
                    "caption",
                    invalid("control_character", "control characters are not allowed"),
                )
            )
        if here:
            problems.extend(here)
            continue
        assert url is not None and not isinstance(platform, Bad) and not isinstance(day, Bad)
        parsed.append(PostRow(number, platform, url, day, caption=caption, **counts))
    return parsed, problems
