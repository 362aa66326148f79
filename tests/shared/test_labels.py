"""Names of codes in both languages (`apik_shared.vocabulary.labels`) and Indonesian dates
and numbers (`apik_shared.vocabulary.indonesian`)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from apik_shared.vocabulary.indonesian import angka, tanggal, waktu
from apik_shared.vocabulary.labels import (
    CHANNELS,
    OUTCOMES,
    RATINGS,
    SUBSTANCES,
    Label,
    Language,
    label,
    words,
)


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


ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "shared", ROOT / "gateway", *(ROOT / "services").iterdir()]


def _modules() -> list[tuple[str, Path]]:
    """(dotted name, path) of every module of the components, migrations aside."""
    found = []
    for source in SOURCES:
        for path in sorted(source.glob("apik_*/**/*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(source).with_suffix("").parts
            found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


def _is_pair(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)


def _tables() -> dict[str, Mapping[object, Label]]:
    """Every module-level table of labels in the code: the shared ones and the services'
    own (each module that names `Label`), and the CSVs' headers (`*_COLUMNS`, each an
    Indonesian and English pair, `delimited.Column`), by position or by field."""
    found: dict[str, Mapping[object, Label]] = {}
    for dotted, path in _modules():
        source = path.read_text(encoding="utf-8")
        if "Label(" not in source and "_COLUMNS" not in source:
            continue
        module = importlib.import_module(dotted)
        for name, value in vars(module).items():
            if isinstance(value, Mapping) and any(isinstance(v, Label) for v in value.values()):
                found[f"{module.__name__}.{name}"] = value
            elif name.endswith("_COLUMNS") and isinstance(value, tuple | Mapping):
                pairs = dict(value.items() if isinstance(value, Mapping) else enumerate(value))
                if all(_is_pair(pair) for pair in pairs.values()):
                    found[f"{module.__name__}.{name}"] = {k: Label(*p) for k, p in pairs.items()}
    return found


def test_every_label_in_every_table_is_said_in_both_languages():
    tables = _tables()
    # The shared tables, the services' own (articles, assessments, applications) and
    # their CSVs' headers.
    assert len(tables) >= 25, sorted(tables)
    assert "apik_prevention.articles.views.STATUSES" in tables, sorted(tables)
    assert "apik_intake.reports.service.search.CSV_COLUMNS" in tables, sorted(tables)
    for name, table in tables.items():
        for code, entry in table.items():
            assert isinstance(entry, Label), (name, code)
            assert entry.indonesian.strip() and entry.english.strip(), (name, code)


def test_no_table_keeps_a_language_of_its_own_beside_another():
    """A second table per language (`X_EN` beside `X`) is how a code came to be named in
    one language and not the other: every table holds both."""
    separate = re.compile(r"^\w+_EN(: [^=]+)? = ", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for _, path in _modules()
        if separate.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_one_lookup_says_a_code_in_either_language():
    assert label(CHANNELS, "walk_in", Language.en) == "Walk-in"
    assert label(CHANNELS, "walk_in", Language.id) == "Datang langsung"
    assert label(CHANNELS, None, Language.en) == "Not stated"
    assert label(SUBSTANCES, "fisheries_marine", Language.en) == "Fisheries marine"
    assert words(RATINGS, Language.en)[5] == "Very good"
