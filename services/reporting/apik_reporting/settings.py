"""Settings of the reporting service (`APIK_*` environment variables)."""

from __future__ import annotations

from pydantic import Field

from apik_shared.platform.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "reporting"
    # The rebuild command reads this many events, then applies them in `rebuild_lanes`
    # transactions side by side (one database connection each).
    rebuild_batch: int = Field(default=2000, ge=1)
    rebuild_lanes: int = Field(default=4, ge=1, le=32)
    # How often the monthly counts each session wrote are folded into one row per cell
    # (`jobs.py`): the KPI queries read fewer rows after.
    fold_seconds: float = Field(default=600, gt=0)
    # The office that publishes the national edition of the annual report (every office
    # together): its letterhead, its head's signature, its zone. The bootstrap office by
    # default, as the gateway creates it (APIK_BOOTSTRAP_OFFICE_CODE).
    national_office: str | None = "PUSAT"
    # A month's Red Button figures (cases, escalations, response times) are shown only
    # when it holds at least this many cases: in a small office one or two cases point at
    # the intern who pressed it. The internship service's own rule and default
    # (APIK_STATISTICS_MIN_COUNT there too).
    statistics_min_count: int = Field(default=5, ge=1)
