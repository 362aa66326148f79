"""An application's code and its decisions (`apik_internship.applications.rules`)."""

from __future__ import annotations

import re

from apik_internship.applications.rules import (
    ApplicationStatus,
    Decision,
    code_hash,
    decided,
    document_code,
    masked_applicant,
    new_code,
    normalised_code,
    partly_masked,
)

CODE = re.compile(r"^MORI(-[0-9A-HJKMNP-TV-Z]{4}){4}$")


def test_a_code_is_sixteen_crockford_characters_in_groups_and_never_repeats():
    codes = {new_code() for _ in range(1000)}
    assert len(codes) == 1000  # 80 bits: a repeat in a thousand would be a broken generator
    assert all(CODE.match(code) for code in codes)


def test_a_code_typed_loosely_reads_as_issued():
    issued = "MORI-7K2M-0QX9-1ABC-DEFG"
    assert normalised_code(issued) == issued
    # Lower case, spaces instead of dashes, no prefix, O for 0 and I/L for 1.
    assert normalised_code("mori 7k2m oqx9 iabc defg") == issued
    assert normalised_code("7K2M0QX9LABCDEFG") == issued
    # Too short, a character Crockford's alphabet lacks (U), or empty: no code.
    assert normalised_code("MORI-7K2M-0QX9-1ABC") is None
    assert normalised_code("MORI-7K2M-0QX9-1ABC-DEFU") is None
    assert normalised_code("") is None


def test_the_stored_hash_depends_on_the_key():
    code = "MORI-7K2M-0QX9-1ABC-DEFG"
    assert code_hash(b"a" * 32, code) != code_hash(b"b" * 32, code)
    assert len(code_hash(b"a" * 32, code)) == 64 and code not in code_hash(b"a" * 32, code)


def test_a_decision_is_taken_once():
    submitted, accepted, declined = (
        ApplicationStatus.submitted,
        ApplicationStatus.accepted,
        ApplicationStatus.declined,
    )
    assert decided(submitted, Decision.accept) is accepted
    assert decided(submitted, Decision.decline) is declined
    assert decided(accepted, Decision.decline) is None
    assert decided(declined, Decision.accept) is None


def test_a_masked_applicant_keeps_only_enough_to_tell_two_apart():
    shown = masked_applicant(
        {
            "name": "Rina Kartika",
            "email": "rina@kampus.ac.id",
            "phone": "+6281322223333",
            "study": "Hukum",
        }
    )
    assert shown == {
        "name": "R*** K******",
        "email": "r***@kampus.ac.id",
        "phone": "+62813******33",  # 14 characters: 6 kept, 6 hidden, 2 kept
        "study": "Hukum",
    }


def test_a_document_code_is_derived_from_the_key_and_the_id() -> None:
    key = b"k" * 32
    code = document_code(key, "SRT", "a")
    assert code == document_code(key, "SRT", "a")  # a reprint carries the same code
    assert code != document_code(key, "SRT", "b")
    assert code != document_code(b"j" * 32, "SRT", "a")
    assert code.startswith("SRT-") and len(code) == len("SRT-XXXX-XXXX-XXXX-XXXX")
    assert normalised_code(code.lower().replace("-", " "), "SRT") == code
    assert normalised_code(code, "PNR") is None  # another kind's prefix is not stripped


def test_a_public_page_shows_the_first_name_whole_and_masks_the_rest() -> None:
    assert partly_masked("Rina Kartika Sari") == "Rina K****** S***"
    assert partly_masked("Sukarno") == "Sukarno"
    assert partly_masked("Ni Ayu") == "Ni A**"
