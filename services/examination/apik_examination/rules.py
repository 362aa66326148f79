"""Examination's domain rules (no FastAPI, no database)."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    open = "open"


class Track(StrEnum):
    regular = "regular"
    rapid_response = "rapid_response"
