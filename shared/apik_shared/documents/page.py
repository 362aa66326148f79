"""The base of every printed document, imported through `apik_shared.documents.pdf` on
first use (never at a service's start: fpdf2 and its font library cost ~0.7 CPU-s to
import): an fpdf2 page with the office's letterhead, page
numbers, the head's signature block and embedded Unicode fonts.

DejaVu Sans is embedded (subset, as TrueType `FontFile2`), so a name in any Latin,
Greek or Cyrillic script prints as typed and the PDF looks the same on every reader;
the fonts ship in this package (`fonts/`, with their licence), not from the system.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableBordersLayout, XPos, YPos

from apik_shared.documents.issuer import Issuer
from apik_shared.vocabulary.indonesian import angka, tanggal

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
HEADER_FILL = (230, 236, 245)
BAR_COLOUR = (31, 119, 180)  # a bar chart's bars
Style = Literal["", "B", "I"]


class Document(FPDF):
    """A page of `issuer`'s: its kop surat at the top of the first page (a running title
    on the others) and "Halaman x dari y" at the foot of every page."""

    def __init__(
        self,
        *,
        title: str,
        issuer: Issuer,
        page_format: str | tuple[float, float] = "A4",
        orientation: Literal["portrait", "landscape"] = "portrait",
        margin: float = 15,
    ) -> None:
        super().__init__(orientation=orientation, format=page_format)
        self.issuer = issuer
        self.document_title = title
        self.set_title(f"{title} - {issuer.name}")
        self.set_author(issuer.name)
        self.set_creator("APIK")
        self.set_lang("id")
        for style, file in FONT_FILES.items():
            self.add_font(FAMILY, style, str(FONTS / file))
        self.set_margins(margin, margin, margin)
        # Leave room for the page number under the last line.
        self.set_auto_page_break(auto=True, margin=margin + 5)
        self.add_page()

    @property
    def width(self) -> float:
        """The writable width between the margins."""
        return self.w - self.l_margin - self.r_margin

    def font(self, size: float, style: Style = "") -> None:
        self.set_font(FAMILY, style, size)

    # fpdf2 calls header() and footer() on each page.
    def header(self) -> None:
        if self.page_no() == 1:
            self._letterhead()
            return
        self.font(7.5, "I")
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"{self.document_title} - {self.issuer.name}", align="R")
        self.set_text_color(0, 0, 0)
        self.ln(7)

    def footer(self) -> None:
        self.set_y(-(self.b_margin - 3))
        self.font(7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"Halaman {self.page_no()} dari {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def _letterhead(self) -> None:
        """The kop surat: its lines centred, the first bold, ruled off below."""
        lines = self.issuer.letterhead
        if not lines:
            return
        small = self.w < 150  # a slip (A6) gets a smaller kop
        for number, line in enumerate(lines):
            size = (10 if small else 13) if number == 0 else (7 if small else 9)
            self.font(size, "B" if number == 0 else "")
            self.multi_cell(0, size * 0.45, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y() + 0.8, self.w - self.r_margin, self.get_y() + 0.8)
        self.ln(4 if small else 6)

    def title_block(self, title: str, subtitle: str | None = None, size: float = 13) -> None:
        self.font(size, "B")
        self.multi_cell(0, size * 0.5, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.font(size * 0.7)
            self.multi_cell(0, size * 0.4, subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def heading(self, text: str, size: float = 11) -> None:
        """A section's heading, kept with at least a few lines of what follows."""
        if self.will_page_break(30):
            self.add_page()
        self.ln(2)
        self.font(size, "B")
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: float = 9, style: Style = "") -> None:
        self.font(size, style)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def field(self, label: str, value: str | None, label_width: float = 42, size=9.0) -> None:
        """One `label : value` line of a form; a long value wraps under itself."""
        self.font(size, "B")
        self.cell(label_width, size * 0.6, label)
        self.font(size)
        self.multi_cell(0, size * 0.6, value or "-", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        align: Sequence[str] | None = None,
        size: float = 8.5,
    ) -> None:
        """A table whose header row repeats on each page and whose cells wrap; `widths`
        are proportions of the writable width; `align` one of L, C, R per column (text
        left, numbers right by default: the first column left, the others right)."""
        aligns = align or ["L", *(["R"] * (len(header) - 1))]
        self.font(size)
        # fpdf2's table fills its cells with the current colour: a chart's would leak in.
        self.set_fill_color(255, 255, 255)
        with self.table(
            width=self.width,
            col_widths=tuple(widths),
            text_align=tuple(Align.coerce(a) for a in aligns),
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
            line_height=size * 0.55,
            padding=(0.8, 1.2),
            borders_layout=TableBordersLayout.ALL,
            repeat_headings=1,
        ) as table:
            heading = table.row()
            for text in header:
                heading.cell(text, align=Align.C)
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(text)
        self.ln(2)

    def bars(
        self, title: str, bars: Sequence[tuple[str, float]], *, mark: float | None = None
    ) -> None:
        """A horizontal bar chart; `mark` draws a reference line (100 % of target)."""
        if not bars:
            return
        if self.will_page_break(12 + 6 * len(bars)):
            self.add_page()
        self.font(9, "B")
        self.cell(0, 6, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        label_width = 62.0
        area = self.width - label_width - 20
        top = max([v for _, v in bars] + [mark or 0]) or 1
        self.font(7.5)
        y0 = self.get_y()
        for i, (name, value) in enumerate(bars):
            y = y0 + i * 6
            self.set_xy(self.l_margin, y)
            shown = name if self.get_string_width(name) < label_width - 2 else name[:34] + "..."
            self.cell(label_width, 5, shown)
            self.set_fill_color(*BAR_COLOUR)
            self.rect(self.l_margin + label_width, y + 0.8, area * value / top, 3.6, style="F")
            self.set_xy(self.l_margin + label_width + area * value / top + 1, y)
            self.cell(20, 5, angka(value))
        if mark is not None:
            x = self.l_margin + label_width + area * mark / top
            self.set_draw_color(200, 40, 40)
            self.line(x, y0, x, y0 + 6 * len(bars))
            self.set_draw_color(0, 0, 0)
        self.set_xy(self.l_margin, y0 + 6 * len(bars) + 2)

    def signature(
        self,
        day: date,
        *,
        left: tuple[str, str | None] | None = None,
        left_image: bytes | None = None,
        acknowledge: bool = False,
    ) -> None:
        """The head of office's signature block on the right: `Place, 5 Desember 2026`,
        the title, room to sign, the name (dotted when the registry names no head).
        `left` is a second signer (caption, name) such as the visitor, with the drawn
        signature `left_image`; `acknowledge` prints "Mengetahui," over the head's title
        (the head acknowledges what someone else signed)."""
        half = self.width / 2
        if self.will_page_break(45):
            self.add_page()
        self.ln(4)
        top = self.get_y()
        right = self.l_margin + half
        self.font(9)
        place = self.issuer.place
        self.set_xy(right, top)
        when = f"{place}, {tanggal(day)}" if place else tanggal(day)
        self.cell(half, 5, when, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        if acknowledge:
            self.cell(half, 5, "Mengetahui,", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        title = self.issuer.head_title or "Kepala Kantor"
        self.multi_cell(half, 5, f"{title},", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        names = self.get_y() + 20
        if left is not None:
            caption, _ = left
            self.set_xy(self.l_margin, top + 5)
            self.cell(half, 5, caption, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if left_image is not None:
                self.image(io.BytesIO(left_image), x=self.l_margin + (half - 40) / 2, w=40)
            names = max(names, self.get_y() + (2 if left_image else 20))
        head = self.issuer.head_name
        self.set_xy(right, names)
        self.font(9, "B")
        self.cell(half, 5, head or "(..............................)", align="C")
        if left is not None:
            _, name = left
            self.set_xy(self.l_margin, names)
            shown = f"( {name} )" if name else "(..............................)"
            self.cell(half, 5, shown, align="C")
        self.set_xy(self.l_margin, names + 7)

    def bytes(self) -> bytes:
        return bytes(self.output())
