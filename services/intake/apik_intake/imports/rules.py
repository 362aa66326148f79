"""An imported old record as intake reads it off `import.row_ready`: the sealed fields,
checked again (the seal proves who wrote them, not that they fit intake's columns)."""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, Field

from apik_intake.reports.rules import Kind

# The one who registers imported records, in the report's `created_by` and its step.
IMPORTER = "import"
# A record without the reporter's name (the office's old app did not keep it).
UNNAMED = "Tidak tercatat (arsip lama)"


class ImportedRecord(BaseModel):
    registration_number: str = Field(min_length=1, max_length=64)
    received_at: AwareDatetime
    closed_at: AwareDatetime | None = None
    kind: Kind = Kind.LM
    reporter_name: str | None = None
    nik: str | None = None
    reported_agency: str | None = None
    substance: str | None = None
    summary: str = Field(min_length=1)
    status: str | None = None
    # What integration's import made of `status` (a closure outcome; None: none kept).
    outcome: str | None = Field(default=None, max_length=32)


def closed_after_received(record: ImportedRecord) -> datetime | None:
    """The closure kept, unless it is before the receipt (integration refuses such rows)."""
    if record.closed_at is None or record.closed_at < record.received_at:
        return None
    return record.closed_at
