"""Settings of the reporting service (`APIK_*` environment variables)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from apik_shared.calendar import DEFAULT_TIMEZONE
from apik_shared.settings import ServiceSettings


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {value!r}") from exc
    return value


class Settings(ServiceSettings):
    service_name: str = "reporting"
    # The year and month of an event are those of the office's calendar, so a report
    # registered at 07:30 WIB on 1 January counts in the new year. Per office
    # (`APIK_OFFICE_TIMEZONES`, JSON); offices not listed use the default. A change takes
    # effect for events read after it: run the rebuild to restate earlier ones.
    office_timezones: dict[str, str] = Field(default_factory=dict)
    default_timezone: str = DEFAULT_TIMEZONE
    # The rebuild command reads this many events, then applies them in `rebuild_lanes`
    # transactions side by side (one database connection each).
    rebuild_batch: int = Field(default=2000, ge=1)
    rebuild_lanes: int = Field(default=4, ge=1, le=32)
    # How often the monthly counts each session wrote are folded into one row per cell
    # (`jobs.py`): the KPI queries read fewer rows after.
    fold_seconds: float = Field(default=600, gt=0)

    @field_validator("default_timezone")
    @classmethod
    def _known_default(cls, value: str) -> str:
        return _zone(value)

    @field_validator("office_timezones")
    @classmethod
    def _known_zones(cls, value: dict[str, str]) -> dict[str, str]:
        for zone in value.values():
            _zone(zone)
        return value

    def zone_for(self, office: str) -> ZoneInfo:
        return ZoneInfo(self.office_timezones.get(office, self.default_timezone))
