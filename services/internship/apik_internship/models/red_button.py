"""The Red Button: cases, actions, identity requests, steps, messages, staff, reads."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from sqlalchemy import BigInteger, Column, Identity, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow


class RedButtonCase(SQLModel, table=True):
    """What an intern raised with the Red Button. No address or device of the sender is
    kept: the case holds what they chose to say, and nothing about how they said it."""

    __tablename__ = "red_button_case"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    receipt_hash: str = Field(unique=True, max_length=64)
    mode: str = Field(max_length=16)  # identified, confidential, anonymous
    severity: str = Field(max_length=16)
    account: str = Field(sa_column=Column(Text, nullable=False))  # sealed: what happened
    # Sealed: who raised it (identified and confidential modes); None when anonymous.
    identity: str | None = Field(default=None, sa_column=Column(Text))
    # Sealed: who the report is about (`schemas.Reported`), and the keyed hashes of the
    # person's normalised name and of the unit, to count reports naming the same one.
    reported: str | None = Field(default=None, sa_column=Column(Text))
    reported_person_hash: str | None = Field(default=None, max_length=64, index=True)
    reported_unit_hash: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(max_length=16)
    raised_at: datetime = timestamp_field(default_factory=utcnow)
    protection_due: datetime = timestamp_field()
    acknowledged_at: datetime | None = timestamp_field(default=None)
    acknowledged_by: str | None = None
    # The first protective action's time, against `protection_due`.
    protected_at: datetime | None = timestamp_field(default=None)
    # How far the unacknowledged alert has escalated (0: not yet), and when it last did.
    escalation_level: int = 0
    escalated_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class RedButtonAction(SQLModel, table=True):
    """A protective action taken on a case (`red_button.rules.ActionKind`)."""

    __tablename__ = "red_button_action"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    kind: str = Field(max_length=32)
    note: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    consent: bool = False  # the intern agreed (a referral to their university needs it)
    taken_by: str
    taken_at: datetime = timestamp_field(default_factory=utcnow)


class IdentityRequest(SQLModel, table=True):
    """An officer's request to open a confidential reporter's identity, and the second
    officer's approval: without both, the identity stays sealed."""

    __tablename__ = "identity_request"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    office: str = Field(max_length=32)
    reason: str
    requested_by: str  # the officer's subject
    requested_username: str
    requested_at: datetime = timestamp_field(default_factory=utcnow)
    approved_by: str | None = None
    approved_username: str | None = None
    approved_at: datetime | None = timestamp_field(default=None)


class RedButtonStep(SQLModel, table=True):
    """Every step of a case with the server's time (raised, escalated, acknowledged): the
    response times are computed from it. Who acted, never what the case says."""

    __tablename__ = "red_button_step"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    step: str = Field(max_length=32)  # raised, escalated, acknowledged
    level: int | None = None  # the escalation level reached
    actor: str | None = None  # the officer's username; None for the clock and the public
    at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonMessage(SQLModel, table=True):
    """A message on a case, between the intern (by the receipt code) and the protection
    officers. Its text is sealed, bound to its own row; an intern's message keeps no
    address or device, only that the intern wrote it and when."""

    __tablename__ = "red_button_message"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    author: str = Field(max_length=16)  # intern, officer (`rules.Author`)
    officer: str | None = None  # the officer's username; None for the intern
    text: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    sent_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonStaff(SQLModel, table=True):
    """The office's register of who its protection officers are, for the conflict-of-
    interest rule: the keyed hash of each one's name as a report would write it, and the
    unit where they supervise interns. Kept by the head; the name itself is not kept."""

    __tablename__ = "red_button_staff"

    username: str = Field(primary_key=True, max_length=200)
    office: str = Field(max_length=32, index=True)
    name_hash: str = Field(max_length=64)  # `rules.matching_hash(key, "person", name)`
    unit: str | None = Field(default=None, max_length=64)
    unit_hash: str | None = Field(default=None, max_length=64)
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonRead(SQLModel, table=True):
    """The audit of every read of a Red Button case, by whom and when."""

    __tablename__ = "red_button_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    case_id: uuid.UUID = Field(index=True)
    actor: str
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    action: str = Field(max_length=32)  # "list", "acknowledge", "read_messages", …
    at: datetime = timestamp_field(default_factory=utcnow)


# --- The on-duty roster and the alerts (s25-morialert; kept at the end for the merge) ---


class RedButtonRoster(SQLModel, table=True):
    """One on-duty window of a protection officer (`rules.Window`), in the office's own
    zone; the head replaces the office's roster as a whole."""

    __tablename__ = "red_button_roster"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32, index=True)
    username: str = Field(max_length=200)
    weekday: int  # 1 (Monday) to 7 (Sunday)
    starts: time
    ends: time  # 00:00: midnight
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonAlert(SQLModel, table=True):
    """An alert of a case to one officer (`user:<username>`) or to a role of the office
    (`role:<role>`), written in the transaction that raised or escalated the case; one per
    case and recipient. It is open while the case is unacknowledged."""

    __tablename__ = "red_button_alert"
    __table_args__ = (UniqueConstraint("case_id", "recipient"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    office: str = Field(max_length=32, index=True)
    recipient: str = Field(max_length=210, index=True)
    level: int  # 0: on duty when raised; n: the escalation level that alerted
    alerted_at: datetime = timestamp_field(default_factory=utcnow)
