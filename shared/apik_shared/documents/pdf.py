"""The PDF base every printed document starts from: `Document`, an fpdf2 page with the
office's letterhead, page numbers, the head's signature block and embedded Unicode fonts
(the class itself lives in `apik_shared.documents.page`).

Why this indirection: importing fpdf2 pulls in its font library (fontTools) and Pillow,
about 0.7 CPU-s per process, and every service imported it at start whether or not a
request ever printed. Feature modules import `Document` from here at the top as before;
fpdf2 is imported the first time a document is made. Keep fpdf2 out of this module's
top level (tests/shared/test_lazy_imports.py checks a service's start imports none of it).
Positions and outputs are passed to fpdf2 by name ("LMARGIN", "NEXT", "LINES"), which it
accepts as well as its enums, so feature modules need not import fpdf2 either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apik_shared.documents.page import Document as Document

A6 = (105.0, 148.0)  # millimetres; fpdf2 names A3 to A5 only

if not TYPE_CHECKING:

    def Document(**kwargs: Any) -> Any:
        """A new `apik_shared.documents.page.Document` (see there for its arguments)."""
        from apik_shared.documents.page import Document as page_document

        return page_document(**kwargs)
