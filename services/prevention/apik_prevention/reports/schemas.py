"""The report's query: which file to write."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    pdf = "pdf"
    xlsx = "xlsx"
