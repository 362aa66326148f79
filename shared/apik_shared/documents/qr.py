"""QR codes on a document, drawn as vector squares (segno computes the symbol).

Drawn, not pasted as an image: the modules stay sharp at any zoom and on any printer,
and the PDF carries no raster. Error correction M (15 %) survives a fold or a stamp
across the code; the quiet zone of four modules the standard asks for is left white
around it, inside the `size` given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)


def modules(text: str) -> list[list[bool]]:
    """The symbol for `text` as rows of dark (True) and light modules, without the quiet
    zone: what `draw` puts on the page, and what a test reads back."""
    # Imported here, not at the top: a service's start never pays for it (see pdf.py).
    import segno

    symbol = segno.make(text, error="m", micro=False)
    return [[bool(m) for m in row] for row in symbol.matrix_iter(scale=1, border=0)]


def draw(pdf: FPDF, text: str, *, x: float, y: float, size: float) -> None:
    """Draws the QR code of `text` in the square of side `size` (mm) at (`x`, `y`),
    quiet zone included. Each row's runs of dark modules are one rectangle apiece."""
    rows = modules(text)
    module = size / (len(rows) + 2 * QUIET_ZONE)
    origin_x, origin_y = x + QUIET_ZONE * module, y + QUIET_ZONE * module
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            # A hair wider and taller than the module: no white seams between rows.
            pdf.rect(
                origin_x + start * module,
                origin_y + r * module,
                (c - start) * module + 0.01,
                module + 0.01,
                style="F",
            )
    pdf.set_fill_color(255, 255, 255)


def verification_block(pdf: FPDF, *, url: str, code: str, size: float = 28) -> None:
    """A QR code to `url` on the left with, beside it, how to check the document: its
    code and the address in words (for whoever cannot scan), in Bahasa Indonesia."""
    if pdf.will_page_break(size + 4):
        pdf.add_page()
    pdf.ln(2)
    x, y = pdf.l_margin, pdf.get_y()
    draw(pdf, url, x=x, y=y, size=size)
    text_x = x + size + 3
    width = pdf.w - pdf.r_margin - text_x
    pdf.set_xy(text_x, y + 4)
    pdf.set_font(size=8.5, style="B")
    pdf.multi_cell(width, 4.5, f"Kode verifikasi: {code}", align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(size=7.5, style="")
    pdf.multi_cell(
        width,
        4,
        "Keaslian dokumen ini dapat diperiksa dengan memindai kode QR di samping atau"
        f" membuka alamat berikut: {url}",
        align="L",
        new_x="LEFT",
        new_y="NEXT",
    )
    pdf.set_xy(pdf.l_margin, max(pdf.get_y(), y + size) + 2)
