"""The body of an assignment."""

from __future__ import annotations

from pydantic import Field

from apik_shared.vocabulary.inputs import FreeText, Input

# A person's subject as the gateway's tokens carry it; API clients and the service's own
# jobs (`client:…`, `system:…`) are not people work can be given to.
USER_SUBJECT = r"user:[A-Za-z0-9._@-]{1,123}"


class AssignmentIn(Input):
    """Gives the report to a PVL staff member, or takes it back with `null`."""

    assignee: str | None = Field(
        pattern=f"^{USER_SUBJECT}$",
        description="the staff member's subject, e.g. user:42; null unassigns",
    )
    note: FreeText | None = Field(default=None, max_length=2000)
