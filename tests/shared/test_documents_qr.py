"""QR codes drawn on a document: the squares on the page are the symbol's dark modules,
row by row, inside the quiet zone of the size asked for."""

from __future__ import annotations

from typing import Any

import segno
from fpdf import FPDF

import apik_shared.documents.qr as qr
from apik_testing.pdf import text_of

URL = "http://localhost:8000/api/v1/internship/public/certificates/SRT-ABCD-EFGH-JKMN-PQRS"


class Recording(FPDF):
    def __init__(self) -> None:
        super().__init__()
        self.add_page()
        self.squares: list[tuple[float, float, float, float]] = []

    def rect(self, x: float, y: float, w: float, h: float, style: Any = None, **kw: Any) -> None:  # type: ignore[override]
        self.squares.append((x, y, w, h))
        super().rect(x, y, w, h, style=style, **kw)


def test_the_modules_are_segnos_symbol_at_error_level_m() -> None:
    symbol = segno.make(URL, error="m")
    rows = qr.modules(URL)
    assert symbol.error == "M" and len(rows) == len(rows[0]) == symbol.symbol_size(border=0)[0]
    # The three finder patterns: a 7x7 dark ring in three corners.
    n = len(rows)
    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):
        assert all(rows[top][left + i] and rows[top + 6][left + i] for i in range(7))


def test_the_drawn_squares_give_back_the_symbol() -> None:
    pdf = Recording()
    qr.draw(pdf, URL, x=20, y=30, size=45)
    rows = qr.modules(URL)
    n = len(rows)
    module = 45 / (n + 2 * qr.QUIET_ZONE)
    drawn = [[False] * n for _ in range(n)]
    for x, y, w, h in pdf.squares:
        row = round((y - 30) / module) - qr.QUIET_ZONE
        first = round((x - 20) / module) - qr.QUIET_ZONE
        count = round((w - 0.01) / module)
        assert abs(h - 0.01 - module) < 1e-9 and count >= 1
        for column in range(first, first + count):
            assert not drawn[row][column], "a module drawn twice"
            drawn[row][column] = True
    assert drawn == rows
    # The quiet zone stays white: nothing drawn within four modules of the edge.
    assert min(x for x, _, _, _ in pdf.squares) >= 20 + 4 * module - 1e-9
    assert max(x + w for x, _, w, _ in pdf.squares) <= 20 + 45 - 4 * module + 0.011


def test_a_verification_block_prints_the_code_and_the_address() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=9)
    qr.verification_block(pdf, url=URL, code="SRT-ABCD-EFGH-JKMN-PQRS")
    text = "".join(text_of(bytes(pdf.output())).split())
    assert "Kodeverifikasi:SRT-ABCD-EFGH-JKMN-PQRS" in text and URL in text
