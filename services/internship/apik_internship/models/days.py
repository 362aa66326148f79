"""An intern's days: cohorts and placements, attendance, logbook and works."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Identity, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow

# --- Cohorts and placements, attendance, logbook and works (issue 18, branch
# s25-mori-days): the intern's own records, each tied to the accepted application. -----


class Cohort(SQLModel, table=True):
    """The interns of an office who start in one period, rotated together through the
    units in phases (`cohorts.rules.phase_periods`)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    title: str = Field(max_length=200)  # "Angkatan Februari 2027"
    period_start: date
    period_end: date
    phases: int
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class CohortMember(SQLModel, table=True):
    """An accepted application in a cohort (one cohort each) and the units the intern
    ranks, best first (the application's units until the intern changes them)."""

    __tablename__ = "cohort_member"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    preferences: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))


class CohortUnit(SQLModel, table=True):
    """A unit's places in each phase of a cohort, and the supervisor who guides there."""

    __tablename__ = "cohort_unit"

    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", primary_key=True)
    unit: str = Field(primary_key=True, max_length=64)
    capacity: int
    supervisor: str | None = Field(default=None, max_length=80)  # a gateway username


class Placement(SQLModel, table=True):
    """Where an intern is in one phase of the rotation (None: no place was free)."""

    __tablename__ = "placement"
    __table_args__ = (UniqueConstraint("application_id", "phase"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    application_id: uuid.UUID = Field(foreign_key="application.id")
    phase: int
    starts_on: date
    ends_on: date
    unit: str | None = Field(default=None, max_length=64)
    rank: int | None = None  # of the unit in the intern's own list (0: first choice)
    source: str = Field(max_length=16)  # allocation, coordinator


class PlacementChange(SQLModel, table=True):
    """Every change of a placement, by the allocation or by the coordinator: kept, never
    changed (who moved whom, from where, to where, why)."""

    __tablename__ = "placement_change"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    application_id: uuid.UUID
    phase: int
    from_unit: str | None = Field(default=None, max_length=64)
    to_unit: str | None = Field(default=None, max_length=64)
    source: str = Field(max_length=16)  # allocation, coordinator
    reason: str | None = None
    changed_by: str
    changed_at: datetime = timestamp_field(default_factory=utcnow)


class AttendanceDay(SQLModel, table=True):
    """An intern's day at the office: checked in and out with the office's rotating code
    (`attendance.rules`); one row a day, the day in the office's own zone."""

    __tablename__ = "attendance_day"
    __table_args__ = (UniqueConstraint("application_id", "day"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(max_length=32)
    day: date
    checked_in_at: datetime = timestamp_field()
    checked_out_at: datetime | None = timestamp_field(default=None)


class Absence(SQLModel, table=True):
    """A working day the intern is excused: leave or sick, with a note (sealed: it may
    say something about their health)."""

    __table_args__ = (UniqueConstraint("application_id", "day"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(max_length=32)
    day: date
    kind: str = Field(max_length=16)  # leave, sick
    note: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class LogbookEntry(SQLModel, table=True):
    """What the intern did on one day, and the supervisor's review (`logbook.rules`)."""

    __tablename__ = "logbook_entry"
    __table_args__ = (UniqueConstraint("application_id", "day"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(index=True, max_length=32)
    day: date
    activities: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(index=True, max_length=16)
    comment: str | None = None  # the supervisor's, when returned (or approved with one)
    reviewed_by: str | None = None
    reviewed_at: datetime | None = timestamp_field(default=None)
    submitted_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class LogbookReminder(SQLModel, table=True):
    """A reminder the logbook job recorded: a missing day (to the intern) or an entry
    waiting for approval (to the supervisors). One per application, kind and day, so two
    replicas running the job record it once."""

    __tablename__ = "logbook_reminder"
    __table_args__ = (UniqueConstraint("application_id", "kind", "day"),)

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(index=True, max_length=32)
    kind: str = Field(max_length=24)  # missing_day, awaiting_approval
    day: date
    created_at: datetime = timestamp_field(default_factory=utcnow)


class Work(SQLModel, table=True):
    """A work the intern produced (an analysis, a draft, a study, a presentation), and,
    when it concerns a real report or case, what the supervisor shared of it: masked
    before it is stored (`works.rules.masked_material`)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(index=True, max_length=32)
    kind: str = Field(max_length=16)
    title: str = Field(max_length=300)
    description: str | None = Field(default=None, sa_column=Column(Text))
    case_reference: str | None = Field(default=None, max_length=100)
    shared_material: str | None = Field(default=None, sa_column=Column(Text))  # masked
    shared_by: str | None = None
    shared_at: datetime | None = timestamp_field(default=None)
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class WorkFile(SQLModel, table=True):
    """A file of a work, sealed at rest like the applications' letters."""

    __tablename__ = "work_file"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    work_id: uuid.UUID = Field(foreign_key="work.id", index=True)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)
