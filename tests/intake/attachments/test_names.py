"""File names: cleaned once when stored, and a header from any name at all (pure)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apik_shared.vocabulary.files import ascii_fallback, clean_filename, content_disposition
from apik_shared.vocabulary.files.names import MAX_FILENAME_CHARS

# What RFC 6266 (with RFC 8187's ext-value) allows, nothing else: a quoted ASCII name
# without quotes, backslashes or percent signs, then attr-chars and %XX.
RFC6266 = re.compile(
    r'attachment; filename="[ !#-$&-\[\]-~]+"; '
    r"filename\*=UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+"
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ktp.pdf", "ktp.pdf"),
        ("  surat   kuasa.pdf  ", "surat kuasa.pdf"),
        ("Re\u0301sume\u0301.pdf", "Résumé.pdf"),  # NFC
        ("bukti\u202egnp.exe", "buktignp.exe"),
        ("a\u2066b\u2069\u200b\ufeffc.pdf", "abc.pdf"),
        ("👨\u200d👩\u200d👧.png", "👨\u200d👩\u200d👧.png"),  # the joiner stays
        ("line\r\nbreak\t.pdf", "line break .pdf"),
        ("nul\x00byte.pdf", "nul byte.pdf"),
        ("\ud800lone.pdf", "lone.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\budi\\ktp.pdf", "ktp.pdf"),
        ("..", ""),
        ("folder/", ""),
        ("\u202e", ""),
    ],
)
def test_a_name_is_cleaned_before_it_is_stored(raw: str, clean: str):
    assert clean_filename(raw) == clean


def test_a_long_name_is_cut_keeping_its_extension():
    name = clean_filename("laporan " * 100 + ".pdf")
    assert len(name) <= MAX_FILENAME_CHARS and name.endswith(".pdf")
    assert len(clean_filename("x" * 1000)) == MAX_FILENAME_CHARS


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("ktp.pdf", "ktp.pdf"),
        ("Résumé.pdf", "Resume.pdf"),
        ("Заявление.pdf", "attachment.pdf"),
        ("📄 bukti.png", "bukti.png"),
        ('say "hi" 100%.pdf', "say _hi_ 100.pdf"),
        ("ﷺ", "attachment"),
    ],
)
def test_the_ascii_fallback_keeps_what_ascii_can_say(name: str, fallback: str):
    assert ascii_fallback(name) == fallback


@given(st.text(max_size=400))
def test_any_name_gives_a_valid_header_that_decodes_to_the_stored_name(raw: str):
    header = content_disposition(raw)
    assert RFC6266.fullmatch(header), header
    header.encode("ascii")  # what every HTTP server can send
    stored = clean_filename(raw)
    decoded = unquote(header.split("''", 1)[1], errors="strict")
    assert decoded == (stored or "attachment")
    assert unicodedata.is_normalized("NFC", decoded)
