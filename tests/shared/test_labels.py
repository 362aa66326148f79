"""Indonesian names of codes (`apik_shared.vocabulary.labels`) and Indonesian dates and
numbers (`apik_shared.vocabulary.indonesian`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from apik_shared.vocabulary.indonesian import angka, tanggal, waktu
from apik_shared.vocabulary.labels import CHANNELS, OUTCOMES, SUBSTANCES, label


def test_a_code_reads_in_indonesian_and_an_unknown_one_as_its_words():
    assert label(CHANNELS, "walk_in") == "Datang langsung"
    assert label(SUBSTANCES, "education") == "Pendidikan"
    assert label(OUTCOMES, "in_court") == "Masuk objek pemeriksaan pengadilan"
    assert label(SUBSTANCES, "fisheries_marine") == "Fisheries marine"
    assert label(SUBSTANCES, None) == label(SUBSTANCES, "unspecified") == "Tidak disebutkan"


def test_dates_times_and_numbers_as_indonesian_letters_write_them():
    assert tanggal(date(2026, 12, 5)) == "5 Desember 2026"
    # 23:30 UTC on 4 December is 5 December in Makassar (UTC+8): 07:30 WITA.
    at = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert waktu(at, "Asia/Makassar") == "5 Desember 2026, 07:30 WITA"
    assert waktu(at, "Asia/Jakarta") == "5 Desember 2026, 06:30 WIB"
    assert angka(1234) == "1.234" and angka(107.14) == "107,14" and angka(None) == "-"


def test_every_english_table_names_the_same_codes_as_its_indonesian_one():
    from apik_shared.vocabulary import labels

    pairs = [(name[: -len("_EN")], name) for name in dir(labels) if name.endswith("_EN")]
    tables = [(a, b) for a, b in pairs if isinstance(getattr(labels, b), dict)]
    assert len(tables) >= 11, tables
    for indonesian, english in tables:
        assert set(getattr(labels, english)) == set(getattr(labels, indonesian)), english
    assert label(labels.CHANNELS_EN, "walk_in", labels.Language.en) == "Walk-in"
    assert label(labels.CHANNELS_EN, None, labels.Language.en) == "Not stated"
