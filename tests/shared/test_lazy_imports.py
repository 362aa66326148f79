"""A service's start imports no heavy document library: fpdf2 (and its fontTools),
openpyxl, holidays and segno are imported by the shared wrappers the first time a
request makes a PDF, a workbook or counts working days (apik_shared.documents.pdf,
.spreadsheet, .qr, apik_shared.vocabulary.calendar). Each costs a service 0.1-0.7 CPU-s
at start, for every test stack and every deploy; this fails if a top-level import
brings one back."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

HEAVY = ("fpdf", "fontTools", "openpyxl", "holidays", "segno")
SERVICES = (
    "apik_gateway",
    "apik_intake",
    "apik_examination",
    "apik_integration",
    "apik_internship",
    "apik_prevention",
    "apik_reporting",
    "apik_consultation",
)


def heavy_modules_after(statement: str) -> list[str]:
    """The heavy libraries' modules loaded by a fresh interpreter running `statement`."""
    probe = (
        f"{statement}\nimport sys\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("service", SERVICES)
def test_importing_a_service_app_loads_no_heavy_library(service: str) -> None:
    assert heavy_modules_after(f"import {service}.app") == []


def test_the_probe_sees_a_heavy_library_when_one_is_imported() -> None:
    # Making a document must load fpdf2: the probe above can fail.
    loaded = heavy_modules_after(
        "from apik_shared.documents.pdf import Document\n"
        "from apik_shared.documents.issuer import NATIONAL\n"
        "Document(title='x', issuer=NATIONAL)"
    )
    assert "fpdf" in loaded


def test_spreadsheet_cleans_the_characters_openpyxl_refuses() -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as OPENPYXL

    from apik_shared.documents.spreadsheet import ILLEGAL_CHARACTERS_RE

    assert ILLEGAL_CHARACTERS_RE.pattern == OPENPYXL.pattern
    every_c0 = "".join(map(chr, range(32)))
    assert re.findall(ILLEGAL_CHARACTERS_RE, every_c0) == re.findall(OPENPYXL, every_c0)
