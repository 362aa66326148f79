"""The prevention report as a PDF (`document`) and as an XLSX workbook (`workbook`), both
in Bahasa Indonesia, from the same figures (`service.ReportData`)."""

from apik_prevention.reports.views.document import render_pdf
from apik_prevention.reports.views.workbook import render_xlsx

__all__ = ["render_pdf", "render_xlsx"]
