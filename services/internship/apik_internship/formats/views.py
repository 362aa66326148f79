"""An institution's format printed (`rules`): the office's letterhead, the format's title
and wording, its items as `label : value` lines in its order, the head's signature and
the certificate's QR code, with the same document kit as the certificate itself."""

from __future__ import annotations

from apik_internship.formats.rules import Grade, Record, fill, value
from apik_internship.formats.schemas import FormatDefinition
from apik_shared.documents.issuer import Issuer
from apik_shared.documents.pdf import Document
from apik_shared.documents.qr import verification_block


def format_pdf(definition: FormatDefinition, record: Record, *, issuer: Issuer, url: str) -> bytes:
    pdf = Document(title=definition.title, issuer=issuer, orientation=definition.orientation)
    pdf.ln(2)
    pdf.title_block(definition.title, f"Format {definition.institution}", size=14)
    if definition.opening:
        pdf.paragraph(fill(definition.opening, record), size=10)
        pdf.ln(3)
    grades = [Grade(g.minimum, g.grade) for g in definition.grades]
    pdf.font(10, "B")  # the labels' font, to measure them
    width = min(70.0, max(pdf.get_string_width(i.label) for i in definition.items) + 8)
    for item in definition.items:
        pdf.field(item.label, f": {value(item.item, record, grades)}", label_width=width, size=10)
    if definition.closing:
        pdf.ln(3)
        pdf.paragraph(fill(definition.closing, record), size=10)
    pdf.signature(record.issued_on)
    verification_block(pdf, url=url, code=record.verification_code, size=24)
    return pdf.bytes()
