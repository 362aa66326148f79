"""The NIK (Nomor Induk Kependudukan), read as the civil registry writes it (pure).

Sixteen digits: province (2), regency or city (2), district (2), birth date as DDMMYY
with 40 added to the day for women (6), and a serial number (4). A NIK that encodes an
impossible date or region is a typing error, and the reporter is asked again at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.calendar import latest_date_in_indonesia
from apik_shared.vocabulary.field_errors import invalid

# Province codes of Dukcapil (including the Papua provinces created in 2022).
PROVINCES: frozenset[str] = frozenset(
    {
        *(str(code) for code in range(11, 20)),  # Aceh … Kepulauan Riau
        "21",
        *(str(code) for code in range(31, 37)),  # DKI Jakarta … Banten
        "51",
        "52",
        "53",
        *(str(code) for code in range(61, 66)),  # Kalimantan
        *(str(code) for code in range(71, 77)),  # Sulawesi
        "81",
        "82",
        *(str(code) for code in range(91, 97)),  # Papua
    }
)


class InvalidNik(ValueError):
    """Which part of a NIK is wrong: `refusal` says it with a code (`nik_…`) a client
    words, the exception's text in English."""

    def __init__(self, refusal: PydanticCustomError) -> None:
        super().__init__(refusal.message())
        self.refusal = refusal


@dataclass(frozen=True)
class NikInfo:
    province: str
    regency: str  # province + regency, e.g. "1771" (Kota Bengkulu)
    district: str  # regency + district, e.g. "177101"
    birth_date: date
    sex: str  # "F" or "M"


def parse_nik(nik: str, *, today: date | None = None) -> NikInfo:
    """The facts a NIK encodes; `InvalidNik` says which part is wrong."""
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        raise InvalidNik(invalid("nik_length", "a NIK has exactly 16 digits"))
    province, regency, district = nik[0:2], nik[2:4], nik[4:6]
    if province not in PROVINCES:
        raise InvalidNik(
            invalid("nik_province", "{province} is not a province code", province=province)
        )
    if regency == "00" or district == "00":
        raise InvalidNik(invalid("nik_region_zero", "the regency and district codes cannot be 00"))
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "M"
    if day > 40:
        day, sex = day - 40, "F"
    # No office is known: the latest date of Indonesia (WIT's), not the server's UTC date,
    # so a birth on an eastern office's today is no birth in the future.
    today = today or latest_date_in_indonesia()
    # Two-digit years: one that would lie in the future belongs to the last century.
    century = 2000 if 2000 + year <= today.year else 1900
    try:
        born = date(century + year, month, day)
    except ValueError as exc:
        raise InvalidNik(
            invalid("nik_birth_date", "the birth date encoded in the NIK does not exist")
        ) from exc
    if born > today:
        raise InvalidNik(
            invalid("nik_born_in_future", "the birth date encoded in the NIK is in the future")
        )
    if nik[12:16] == "0000":
        raise InvalidNik(invalid("nik_serial_zero", "the serial number of a NIK cannot be 0000"))
    return NikInfo(
        province=province,
        regency=nik[0:4],
        district=nik[0:6],
        birth_date=born,
        sex=sex,
    )


def validate_nik(value: str) -> str:
    parse_nik(value)
    return value
