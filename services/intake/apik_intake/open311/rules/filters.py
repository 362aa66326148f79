"""`GET requests`: the list's filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from apik_intake.open311.rules.spec import Open311Failure, SpecError
from apik_shared.vocabulary.instants import EARLIEST_YEAR, LATEST_YEAR

# The spec's default window for `GET requests` without dates, and the longest allowed.
DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000

FILTERS = frozenset(
    {"jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status"}
)


@dataclass(frozen=True)
class RequestFilter:
    numbers: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: frozenset[str] = frozenset()
    jurisdiction: str | None = None


def request_filter(params: Sequence[tuple[str, str]], now: datetime) -> RequestFilter:
    """The list's filters. `service_request_id` (comma-separated) overrides the others,
    as the spec says; without dates the last 90 days are listed, and no window may be
    longer."""
    given: dict[str, str] = {}
    errors: list[SpecError] = []
    for name, value in params:
        if name not in FILTERS:
            errors.append(SpecError(400, f"{name}: not a filter of this endpoint."))
        elif name in given:
            errors.append(SpecError(400, f"{name}: given more than once."))
        given[name] = value.strip()
    jurisdiction = given.get("jurisdiction_id") or None
    numbers = _listed(given.get("service_request_id"))
    if numbers:
        if errors:
            raise Open311Failure(errors)
        return RequestFilter(numbers=numbers[:MAX_RESULTS], jurisdiction=jurisdiction)
    statuses = frozenset(_listed(given.get("status")))
    if statuses - {"open", "closed"}:
        errors.append(SpecError(400, "status: open, closed, or both comma-separated."))
    start = _instant(given.get("start_date"), "start_date", errors)
    end = _instant(given.get("end_date"), "end_date", errors)
    if errors:
        raise Open311Failure(errors)
    end = end or (now if start is None else min(now, start + DEFAULT_WINDOW))
    start = start or end - DEFAULT_WINDOW
    if start > end:
        raise Open311Failure.one(400, "start_date: after end_date.")
    if end - start > DEFAULT_WINDOW:
        raise Open311Failure.one(400, "start_date: the window may be at most 90 days.")
    return RequestFilter(
        service_codes=_listed(given.get("service_code")),
        start=start,
        end=end,
        statuses=statuses,
        jurisdiction=jurisdiction,
    )


def _listed(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in (value or "").split(",") if v.strip()))


def _instant(value: str | None, name: str, errors: list[SpecError]) -> datetime | None:
    if not value:
        return None
    try:
        instant = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError:
        errors.append(SpecError(400, f"{name}: not an ISO 8601 date and time."))
        return None
    if instant.tzinfo is None:
        errors.append(SpecError(400, f"{name}: give the time zone (Z or +07:00)."))
        return None
    if not EARLIEST_YEAR <= instant.year <= LATEST_YEAR:
        # Also keeps the 90-day window's arithmetic clear of year 1 and year 9999.
        errors.append(SpecError(400, f"{name}: a year from {EARLIEST_YEAR} to {LATEST_YEAR}."))
        return None
    return instant
