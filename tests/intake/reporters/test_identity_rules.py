"""NIK validation (pure): region codes and the birth date the number encodes."""

from __future__ import annotations

from datetime import date

import pytest

from apik_intake.reporters.rules import blind_index, index_key
from apik_shared.vocabulary.masking import mask_digits, mask_email, mask_text
from apik_shared.vocabulary.nik import InvalidNik, parse_nik

TODAY = date(2026, 11, 24)


def test_a_man_born_in_1990_in_kota_bengkulu():
    info = parse_nik("1771010101900001", today=TODAY)
    assert info.province == "17" and info.regency == "1771" and info.district == "177101"
    assert info.birth_date == date(1990, 1, 1) and info.sex == "M"


def test_a_woman_has_forty_added_to_the_day():
    info = parse_nik("3171045708050002", today=TODAY)
    assert info.birth_date == date(2005, 8, 17) and info.sex == "F"


def test_a_two_digit_year_in_the_future_belongs_to_the_last_century():
    assert parse_nik("3171041508300001", today=TODAY).birth_date == date(1930, 8, 15)
    assert parse_nik("3171041508260001", today=TODAY).birth_date == date(2026, 8, 15)


@pytest.mark.parametrize(
    ("nik", "why"),
    [
        ("177101010190001", "16 digits"),
        ("17710101019000011", "16 digits"),
        ("17710101019O0001", "16 digits"),
        ("".join(chr(0xFF10 + int(d)) for d in "1771010101900001"), "16 digits"),  # full-width
        ("2071010101900001", "province"),
        ("9971010101900001", "province"),
        ("1700010101900001", "regency"),
        ("1771000101900001", "regency"),
        ("1771013201900001", "does not exist"),  # day 32
        ("1771017201900001", "does not exist"),  # day 72 = 32 for a woman
        ("1771013002900001", "does not exist"),  # 30 February
        ("1771012902010001", "does not exist"),  # 29 February 2001
        ("1771010013900001", "does not exist"),  # month 13
        ("1771010000900001", "does not exist"),  # day 0
        ("1771012511260001", "future"),  # 25 November 2026, tomorrow
        ("1771010101900000", "serial"),
    ],
)
def test_invalid_niks_say_what_is_wrong(nik: str, why: str):
    with pytest.raises(InvalidNik, match=why):
        parse_nik(nik, today=TODAY)


def test_a_leap_day_is_a_birthday():
    assert parse_nik("1771016902000001", today=TODAY).birth_date == date(2000, 2, 29)


def test_blind_indexes_match_equal_values_only_under_the_same_key():
    key = index_key("one secret")
    assert blind_index(key, "nik", "1771010101900001") == blind_index(
        key, "nik", "1771010101900001"
    )
    assert blind_index(key, "nik", "1771010101900001") != blind_index(
        key, "phone", "1771010101900001"
    )
    assert blind_index(key, "nik", "1771010101900001") != blind_index(
        index_key("another secret"), "nik", "1771010101900001"
    )
    assert "1771010101900001" not in blind_index(key, "nik", "1771010101900001")


def test_masks_keep_just_enough_to_tell_people_apart():
    assert mask_text("Budi Santoso") == "B*** S******"
    assert mask_digits("1771010101900001", 4, 0) == "1771************"
    assert mask_digits("+6281234567890", 6, 2) == "+62812******90"
    assert mask_email("budi@example.id") == "b***@example.id"
