"""The inventory of innovations (KIP4): whose innovation it is and what it needs. Pure."""

from __future__ import annotations

from enum import StrEnum


class Owner(StrEnum):
    own = "own"  # the office's own (APIK 4 Plus, MORI…)
    agency = "agency"  # an agency's public service innovation the office recorded


class Category(StrEnum):
    digital = "digital"  # an application or online service
    service = "service"  # a change in how the service is delivered
    complaint_handling = "complaint_handling"
    public_information = "public_information"
    other = "other"


class InnovationStatus(StrEnum):
    planned = "planned"
    running = "running"
    stopped = "stopped"


def owner_problem(owner: Owner, agency: str | None) -> str | None:
    """An agency's innovation names the agency; the office's own names none."""
    if owner is Owner.agency and not agency:
        return "An agency's innovation names the agency."
    if owner is Owner.own and agency:
        return "The office's own innovation names no agency."
    return None


class Step(StrEnum):
    edit = "edit"  # replace the entry (`If-Match`)


def allowed_steps(*, writer: bool) -> list[Step]:
    """An entry of the register is edited by those who may write it, in any status."""
    return [Step.edit] if writer else []
