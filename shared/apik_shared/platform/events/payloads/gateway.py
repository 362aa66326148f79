"""Events published by the gateway: the office registry, and sessions that ended.

An office is configured once, at run time, in the gateway; every service keeps its own
copy from these events (`apik_shared.platform.offices`) and computes dates, deadlines and working
days in the office's own zone and calendar. Each event carries the whole office, so a
copy is made from the latest event alone; `version` orders them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from apik_shared.platform.events.payloads.base import Event


class GatewayEvent(Event):
    producer: ClassVar[str] = "gateway"


class OfficeState(GatewayEvent):
    code: str
    name: str
    timezone: str  # Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)
    version: int
    address: str | None = None
    # The lines printed at the top of the office's letters and forms (kop surat).
    letterhead: list[str] = []
    head_name: str | None = None  # the head of office, who signs
    head_title: str | None = None
    # Whether the office observes the civil servants' collective leave (cuti bersama).
    observes_cuti_bersama: bool = True
    # Days the office is closed on top of the national calendar, in its own zone.
    closure_days: list[date] = []


class OfficeRegistered(OfficeState):
    event_type: ClassVar[str] = "office.registered"


class OfficeUpdated(OfficeState):
    event_type: ClassVar[str] = "office.updated"


class SessionRevoked(GatewayEvent):
    """Sessions ended before their access tokens expire (logout, a reused refresh token,
    an account disabled, its roles or password changed). Every service keeps these in
    memory (`apik_shared.platform.sessions`) and refuses the tokens they name."""

    event_type: ClassVar[str] = "session.revoked"
    # The `sid` claims of the sessions ended.
    session_ids: list[str] = []
    # Whose tokens issued before `not_before` are refused too, sessions or not.
    subject: str | None = None
    not_before: datetime | None = None
    reason: str
    # When the last token this concerns expires: services forget the revocation then.
    until: datetime


EVENT_TYPES: dict[str, type[Event]] = {
    e.event_type: e for e in (OfficeRegistered, OfficeUpdated, SessionRevoked)
}
