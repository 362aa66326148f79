"""The certificate layout every service prints (a clinic's participant, an intern): landscape,
the office's letterhead, "SERTIFIKAT" with its verification number, the holder's name and
affiliation, what it is given for, the head's signature and the QR code to its public check.

One layout, so a certificate from any unit of the office looks like the others; each
service says only what differs (who, from where, for what, when)."""

from __future__ import annotations

from datetime import date

from apik_shared.documents.issuer import Issuer
from apik_shared.documents.pdf import Document
from apik_shared.documents.qr import verification_block


def certificate_pdf(
    *,
    issuer: Issuer,
    title: str,
    code: str,
    holder: str,
    affiliation: str,
    statement: str,
    issued_on: date,
    url: str,
) -> bytes:
    """`title` names the document (its metadata and running header); `statement` is the
    sentence under the holder ("sebagai peserta …", "atas keberhasilannya …"); `issued_on`
    is the date of signing in the office's zone; `url` the public check the QR opens."""
    pdf = Document(title=title, issuer=issuer, orientation="landscape")
    pdf.ln(2)
    pdf.title_block("SERTIFIKAT", f"Nomor verifikasi: {code}", size=22)
    pdf.font(11)
    pdf.cell(0, 7, "diberikan kepada", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(18, "B")
    pdf.multi_cell(0, 10, holder or "-", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(11)
    pdf.multi_cell(0, 6, affiliation, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, statement, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.signature(issued_on)
    verification_block(pdf, url=url, code=code, size=26)
    return pdf.bytes()
