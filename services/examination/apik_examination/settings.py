"""Settings of the examination service (`APIK_*` environment variables)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, field_validator

from apik_shared.calendar import DEFAULT_TIMEZONE, OfficeCalendar
from apik_shared.settings import ServiceSettings


class OfficeCalendarConfig(BaseModel):
    """One office's calendar data, e.g. `{"MKS": {"timezone": "Asia/Makassar"}}`."""

    timezone: str = DEFAULT_TIMEZONE
    # False for an office whose staff are not civil servants (no cuti bersama).
    national_collective_leave: bool = True
    collective_leave: list[date] = Field(default_factory=list)
    closures: list[date] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        OfficeCalendar(timezone=value)  # raises ValueError for an unknown zone
        return value

    def calendar(self) -> OfficeCalendar:
        return OfficeCalendar(
            timezone=self.timezone,
            national_collective_leave=self.national_collective_leave,
            collective_leave=frozenset(self.collective_leave),
            closures=frozenset(self.closures),
        )


class Settings(ServiceSettings):
    service_name: str = "examination"
    # Per office (`APIK_OFFICE_CALENDARS`, JSON); offices not listed use the default zone.
    office_calendars: dict[str, OfficeCalendarConfig] = Field(default_factory=dict)
    default_timezone: str = DEFAULT_TIMEZONE
    # How often each replica looks for breached clocks; one replica scans at a time.
    sla_scan_seconds: float = Field(default=300.0, gt=0)
    # After the final report (unconfirmed defaults from the domain notes; configurable):
    # the agency's time for corrective action, and the reporter's time to respond.
    corrective_action_working_days: int = Field(default=30, ge=1)
    reporter_response_days: int = Field(default=14, ge=1)
    # How long the reporter's survey link stays open after the closure.
    survey_days: int = Field(default=90, ge=1)

    def calendar_for(self, office: str) -> OfficeCalendar:
        config = self.office_calendars.get(office)
        if config is None:
            return OfficeCalendar(timezone=self.default_timezone)
        return config.calendar()
