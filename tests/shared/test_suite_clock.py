"""The end-to-end stack's internship clock (`apik_testing.clock`) against the real clock
a browser runs on: the service's day is never before the day any office's page shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apik_testing.clock import suite_clock_offset

ZONES = [ZoneInfo(z) for z in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")]


def test_the_services_day_is_never_before_an_offices_page_day() -> None:
    # Every quarter of an hour of a fortnight (weekends and a change of month included).
    start = datetime(2026, 11, 23, tzinfo=UTC)
    for quarter in range(14 * 24 * 4):
        now = start + timedelta(minutes=15 * quarter)
        service_now = now + timedelta(seconds=suite_clock_offset(now))
        for zone in ZONES:
            page_day = now.astimezone(zone).date()
            service_day = service_now.astimezone(zone).date()
            assert service_day >= page_day, (now, zone.key, service_day, page_day)
            assert service_now.astimezone(zone).weekday() < 5, (now, zone.key)
            assert 8 <= service_now.astimezone(zone).hour < 15, (now, zone.key)
