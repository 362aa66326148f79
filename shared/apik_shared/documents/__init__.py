"""The document kit: what every printed document and export of an office is built with.

- `issuer`: the office a document speaks for, from the office registry copy each service
  keeps (name, letterhead, head of office, zone), or the national edition's.
- `pdf`: an fpdf2 base class with the letterhead (kop surat), "Halaman x dari y", the
  signature block dated in Indonesian in the office's zone, and embedded DejaVu Sans
  fonts (vendored in `fonts/` with their licence: a fresh machine has no system fonts
  to count on, and no maintained package ships a Latin TTF to depend on instead).
  The class lives in `page`; `pdf.Document` imports it on first use, so a service's
  start never imports fpdf2 (likewise openpyxl, segno and holidays are imported inside
  the functions that use them; tests/shared/test_lazy_imports.py checks).
- `spreadsheet`: XLSX through openpyxl, with Indonesian headers, column widths, a frozen
  header row and cells made safe (control characters, text that looks like a formula).
- `delimited`: CSV with a UTF-8 BOM, `,` by default and the `;` variant an Indonesian
  spreadsheet opens as columns (`?delimiter=semicolon`).
- `qr`: a QR code drawn as vector squares (segno computes the symbol), and the block
  that prints it with a document's verification code and address.

Labels for codes live in `apik_shared.vocabulary.labels`; Indonesian dates and numbers in
`apik_shared.vocabulary.indonesian`.
"""
