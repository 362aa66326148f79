"""What each breakdown means, written once (pure: no FastAPI, no database).

The API, the exports and the annual report show these definitions verbatim.
"""

from __future__ import annotations

from enum import StrEnum


class Dimension(StrEnum):
    substance = "substance"
    outcome = "outcome"
    channel = "channel"
    agency_type = "agency_type"
    month = "month"


BREAKDOWNS: dict[Dimension, str] = {
    Dimension.substance: "Reports handed to examination in the year (report.verified, "
    "year of verified_at), by substance (sector).",
    Dimension.outcome: "Cases closed in the year (case.closed, year of the last closed_at), "
    "by outcome.",
    Dimension.channel: "Reports and consultations registered in the year (report.registered "
    "of every kind, year of registered_at), by channel.",
    Dimension.agency_type: "Reports handed to examination in the year (report.verified, year "
    "of verified_at), by the type of the reported agency.",
    Dimension.month: "Per month of the year, each indicator counted as its definition "
    "says: public reports registered, consultations recorded, reports handed over, cases "
    "closed, desk visits.",
}
UNSPECIFIED = "unspecified"  # the key of rows whose event did not say
MONTH_COLUMNS = (
    "lm_registered",
    "knl_recorded",
    "reports_handed_over",
    "reports_closed",
    "desk_visits",
)
